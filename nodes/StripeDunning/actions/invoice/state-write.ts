import type { IExecuteFunctions } from 'n8n-workflow';

import { writeMetadata } from '../../../services/stripe/invoices';
import { STRIPE_METADATA_KEYS } from '../../../shared/internal';
import { readsInvoice, type StripeExecute } from '../context';

type DunningKey = keyof typeof STRIPE_METADATA_KEYS;

/**
 * Mark Disputed, Pause, Record Promise...: one metadata write of the dunning keys given (an empty value deletes
 * the key), the item to Done.
 */
export function writesMetadata(
	values: (fn: IExecuteFunctions, itemIndex: number) => Partial<Record<DunningKey, string>>,
): StripeExecute {
	return readsInvoice(({ fn, itemIndex, invoiceId, options }) => {
		const metadata: Record<string, string> = {};
		for (const [key, value] of Object.entries(values(fn, itemIndex))) {
			metadata[STRIPE_METADATA_KEYS[key as DunningKey]] = value as string;
		}
		return writeMetadata(fn, invoiceId, metadata, options);
	});
}

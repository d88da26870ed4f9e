import type { IDataObject } from 'n8n-workflow';

import type { CallOptions, ReadInvoice } from '../../common/source-call';
import {
	DunningInputError,
	formatLetterRecord,
	recordLetter,
	type LetterChange,
	type LetterRecord,
} from '../../shared/internal';
import { getInvoice, writeMetadata } from './invoices';
import { claimedSteps, letterMetadataKey, MAX_METADATA_KEYS } from './state';
import type { StripeContext } from './transport';

export interface LetterResult extends ReadInvoice {
	/** The step's letter as the invoice now records it. */
	letter: LetterRecord;
	change: LetterChange;
}

/**
 * Record Letter on Stripe: a fresh read, the core's rule (a claimed step only; the same letter again writes
 * nothing or adds its registered number; another letter is refused), then one metadata write of the step's
 * `dunning_letter_<step>` key, which leaves every other key as it is.
 *
 * Stripe has no compare-and-swap on metadata: two runs recording the same letter at once both write it (the
 * same value, or one with the registered number that the other did not know yet: recording it again, as the
 * Get Status path does, puts it back). Two different letters for one step cannot both come from the
 * Registered Letter node, which posts one letter per key.
 */
export async function recordLetterOnInvoice(
	context: StripeContext,
	invoiceId: string,
	letter: LetterRecord,
	options: CallOptions,
): Promise<LetterResult> {
	const key = letterMetadataKey(letter.stepId);
	const fresh = await getInvoice(context, invoiceId, options);
	const recorded = recordLetter(fresh.invoice.dunning.letters ?? [], letter, {
		invoiceId,
		claimed: claimedSteps(fresh.invoice, fresh.raw).has(letter.stepId),
	});
	if (recorded.change === 'unchanged')
		return { ...fresh, letter: recorded.letter, change: 'unchanged' };
	const metadata = (fresh.raw.metadata ?? {}) as IDataObject;
	if (!Object.hasOwn(metadata, key) && Object.keys(metadata).length >= MAX_METADATA_KEYS) {
		throw new DunningInputError(
			'invoice.metadata',
			`invoice ${invoiceId} already has ${Object.keys(metadata).length} metadata keys, Stripe's maximum: the letter's key ${key} cannot be added (remove keys no longer needed)`,
		);
	}
	const written = await writeMetadata(
		context,
		invoiceId,
		{ [key]: formatLetterRecord(recorded.letter) },
		options,
	);
	return { ...written, letter: recorded.letter, change: recorded.change };
}

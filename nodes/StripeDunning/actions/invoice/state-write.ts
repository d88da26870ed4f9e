import type { INodeExecutionData } from 'n8n-workflow';

import type { ItemResult } from '../../../common/per-item';
import { assertInvoiceId, writeMetadata } from '../../../services/stripe/invoices';
import { DONE, invoiceItem, itemOptions, type StripeRun } from '../context';

/** Mark Disputed, Pause, Record Promise...: one metadata write (an empty value deletes the key). */
export async function writeDunningMetadata(
	run: StripeRun,
	item: INodeExecutionData,
	itemIndex: number,
	metadata: Record<string, string>,
): Promise<ItemResult> {
	const options = itemOptions(run, itemIndex);
	const invoiceId = assertInvoiceId(run.fn.getNodeParameter('invoiceId', itemIndex));
	const read = await writeMetadata(run.fn, invoiceId, metadata, options);
	return { output: DONE, json: invoiceItem(item.json, read) };
}

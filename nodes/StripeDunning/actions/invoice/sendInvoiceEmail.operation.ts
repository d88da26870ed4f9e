import type { INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../common/per-item';
import { assertInvoiceId, sendInvoiceEmail } from '../../../services/stripe/invoices';
import { DONE, invoiceItem, itemOptions, type StripeRun } from '../context';

export const description: INodeProperties[] = [];

/** Stripe emails the invoice again (send_invoice invoices only), at most once per invoice and day. */
export async function execute(
	run: StripeRun,
	item: INodeExecutionData,
	itemIndex: number,
): Promise<ItemResult> {
	const options = itemOptions(run, itemIndex);
	const invoiceId = assertInvoiceId(run.fn.getNodeParameter('invoiceId', itemIndex));
	const read = await sendInvoiceEmail(run.fn, invoiceId, options.today, options);
	return { output: DONE, json: invoiceItem(item.json, read) };
}

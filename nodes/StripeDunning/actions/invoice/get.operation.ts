import type { INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../common/per-item';
import { assertInvoiceId, getInvoice } from '../../../services/stripe/invoices';
import { DONE, invoiceItem, itemOptions, type StripeRun } from '../context';

export const description: INodeProperties[] = [];

/** A fresh read of the invoice, with its customer. */
export async function execute(
	run: StripeRun,
	item: INodeExecutionData,
	itemIndex: number,
): Promise<ItemResult> {
	const options = itemOptions(run, itemIndex);
	const invoiceId = assertInvoiceId(run.fn.getNodeParameter('invoiceId', itemIndex));
	return {
		output: DONE,
		json: invoiceItem(item.json, await getInvoice(run.fn, invoiceId, options)),
	};
}

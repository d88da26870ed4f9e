import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ItemResult } from '../../common/per-item';
import { DONE, type Execute } from '../../common/router';
import {
	invoiceItem,
	itemOptions,
	type CallOptions,
	type ReadInvoice,
} from '../../common/source-call';
import { assertInvoiceId } from '../../services/stripe/invoices';

export { DONE, NOT_CLAIMED } from '../../common/router';
export { invoiceItem, itemOptions } from '../../common/source-call';

/** What every operation of one run shares: n8n's context and one clock, so every item is judged on one "today". */
export interface StripeRun {
	fn: IExecuteFunctions;
	nowMs: number;
}

export type StripeExecute = Execute<StripeRun>;

/** What an operation on one invoice works with: the item's options and its checked Invoice ID. */
export interface InvoiceCall {
	fn: IExecuteFunctions;
	itemIndex: number;
	invoiceId: string;
	options: CallOptions & { today: string };
}

/** The execute of an operation on one invoice: reads the options and the Invoice ID, then runs `handle`. */
export function onInvoice(
	handle: (call: InvoiceCall, item: INodeExecutionData) => Promise<ItemResult>,
): StripeExecute {
	return async (run, item, itemIndex) => {
		const options = itemOptions(run, itemIndex);
		const invoiceId = assertInvoiceId(run.fn.getNodeParameter('invoiceId', itemIndex));
		return await handle({ fn: run.fn, itemIndex, invoiceId, options }, item);
	};
}

/** An operation whose one call returns the invoice: its item goes to Done. */
export function readsInvoice(call: (call: InvoiceCall) => Promise<ReadInvoice>): StripeExecute {
	return onInvoice(async (invoice, item) => ({
		output: DONE,
		json: invoiceItem(item.json, await call(invoice)),
	}));
}

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { invoiceForOutput } from '../../common/invoice-input';
import type { ItemResult } from '../../common/per-item';
import { DONE } from '../../common/router';
import { requestTimeoutMs } from '../../common/source-properties';
import {
	assertInvoiceId,
	type CallOptions,
	type ReadInvoice,
} from '../../services/stripe/invoices';
import { assertTimeZone, dateInTimeZone } from '../../shared/internal';

export { DONE, NOT_CLAIMED } from '../../common/router';

/** What every operation of one run shares: n8n's context and one clock, so every item is judged on one "today". */
export interface StripeRun {
	fn: IExecuteFunctions;
	nowMs: number;
}

export type StripeExecute = (
	run: StripeRun,
	item: INodeExecutionData,
	itemIndex: number,
) => Promise<ItemResult>;

/** An item's options (time zone, request timeout) and its "today" in that zone. */
export function itemOptions(run: StripeRun, itemIndex: number): CallOptions & { today: string } {
	const settings = run.fn.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const timezone = assertTimeZone(
		(settings.timezone as string | undefined) || run.fn.getTimezone(),
		'options.timezone',
	);
	return {
		timezone,
		timeoutMs: requestTimeoutMs(settings),
		today: dateInTimeZone(run.nowMs, timezone),
	};
}

/** The item an operation returns: the input item's fields, the normalised invoice, extras, the raw invoice. */
export function invoiceItem(
	json: IDataObject,
	read: ReadInvoice,
	extra: IDataObject = {},
): IDataObject {
	return { ...json, invoice: invoiceForOutput(read.invoice), ...extra, raw: read.raw };
}

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

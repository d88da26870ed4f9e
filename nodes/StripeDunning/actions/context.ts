import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { requestTimeoutMs } from '../../common/source-properties';
import type { CallOptions, ReadInvoice } from '../../services/stripe/invoices';
import { assertTimeZone, dateInTimeZone } from '../../shared/internal';
import { invoiceForOutput } from '../../common/invoice-input';

export const DONE = 0;
export const NOT_CLAIMED = 1;

/** What every operation of one run shares: n8n's context and one clock, so every item is judged on one "today". */
export interface StripeRun {
	fn: IExecuteFunctions;
	nowMs: number;
}

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

import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { invoiceForOutput } from '../../common/invoice-input';
import { requestTimeoutMs } from '../../common/source-properties';
import {
	CustomerCache,
	type CallOptions,
	type ReadInvoice,
} from '../../services/pennylane/invoices';
import { assertTimeZone, dateInTimeZone } from '../../shared/internal';

/** What every item of one run shares: n8n's context, one clock, and the customers read so far. */
export interface PennylaneRun {
	fn: IExecuteFunctions;
	nowMs: number;
	/** Each customer is read once per run, whichever operation or item needs it. */
	customers: CustomerCache;
}

export function newRun(fn: IExecuteFunctions): PennylaneRun {
	const settings = fn.getNodeParameter('options', 0, {}) as IDataObject;
	return { fn, nowMs: Date.now(), customers: new CustomerCache(fn, requestTimeoutMs(settings)) };
}

/** An item's options (time zone, request timeout) and its "today" in that zone. */
export function itemOptions(run: PennylaneRun, itemIndex: number): CallOptions & { today: string } {
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

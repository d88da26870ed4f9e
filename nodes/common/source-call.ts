import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { dateInTimeZone, type Invoice } from '../shared/internal';
import { invoiceForOutput } from './invoice-input';
import type { ItemOutcome } from './per-item';
import type { InvoiceWindow } from './overdue-window';
import { requestTimeoutMs } from './source-properties';
import { chosenTimeZone } from './properties';

/**
 * What the action nodes of the REST invoice sources (Stripe, Pennylane) pass to their service and get back:
 * the same shapes, so an item comes out alike whichever source it was read from.
 */

/** One call's company time zone (for dates) and request timeout. */
export interface CallOptions {
	timezone: string;
	timeoutMs: number;
}

/** An invoice as read: normalised, and the source's own object. */
export interface ReadInvoice {
	invoice: Invoice;
	raw: IDataObject;
}

/** An invoice List Overdue found, with where it falls in the window. */
export interface ListedInvoice extends ReadInvoice {
	window: InvoiceWindow;
	daysOverdue: number;
}

/** An item's options (time zone, request timeout) and its "today" in that zone, on the run's one clock. */
export function itemOptions(
	run: { fn: IExecuteFunctions; nowMs: number },
	itemIndex: number,
): CallOptions & { today: string } {
	const settings = run.fn.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const timezone = chosenTimeZone(settings, run.fn.getTimezone());
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

/** List Overdue's items: one per invoice found, with its window and days overdue, to the first output. */
export function listedItems(listed: ListedInvoice[]): ItemOutcome[] {
	return listed.map((entry) => ({
		output: 0,
		json: invoiceItem({}, entry, { window: entry.window, daysOverdue: entry.daysOverdue }),
	}));
}

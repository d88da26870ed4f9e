import type { IDataObject } from 'n8n-workflow';

import { invoiceForOutput } from '../../common/invoice-input';
import {
	addCalendarDays,
	dateInTimeZone,
	normalizeQuickBooksInvoice,
	type Invoice,
	type IsoDate,
} from '../../shared/internal';
import type { RawObject } from './invoices';

/** What an invoice change means for dunning. */
export type InvoiceEvent = 'overdue' | 'due_soon' | 'paid' | 'voided';

/**
 * Invoices due strictly before this day are overdue by at least `minDaysOverdue` days: today in the company's
 * zone minus (minDaysOverdue − 1). QuickBooks can only query a due-date range, so the day is the query's bound.
 */
export function overdueCutoff(nowMs: number, timezone: string, minDaysOverdue: number): IsoDate {
	const days = Math.max(1, Math.trunc(minDaysOverdue));
	return addCalendarDays(dateInTimeZone(nowMs, timezone), -(days - 1));
}

/** `overdue` for an open invoice past the cutoff, `paid`/`voided` when settled, null otherwise. */
export function invoiceEvent(invoice: Invoice, cutoff: IsoDate): InvoiceEvent | null {
	if (invoice.status === 'void') return 'voided';
	if (invoice.status === 'paid') return 'paid';
	if (invoice.status === 'open' && invoice.dueMinor > 0 && invoice.dueDate !== null) {
		return invoice.dueDate < cutoff ? 'overdue' : null;
	}
	return null;
}

export function normalize(raw: RawObject, timezone: string, customer?: RawObject): Invoice {
	return normalizeQuickBooksInvoice(raw, { timezone, customer });
}

/** The item an invoice becomes: the normalised invoice, the event, the QuickBooks object and its customer. */
export function invoiceJson(
	invoice: Invoice,
	raw: RawObject,
	extra: { event?: InvoiceEvent; customer?: RawObject } = {},
): IDataObject {
	const json: IDataObject = { invoice: invoiceForOutput(invoice) };
	if (extra.event) json.event = extra.event;
	json.raw = raw as IDataObject;
	if (extra.customer) json.customer = extra.customer as IDataObject;
	return json;
}

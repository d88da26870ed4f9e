import type { IDataObject } from 'n8n-workflow';

import { invoiceForOutput } from '../common/invoice-input';
import {
	addCalendarDays,
	dateInTimeZone,
	daysBetween,
	normalizeQuickBooksInvoice,
	type Invoice,
	type IsoDate,
} from '../shared/internal';
import type { RawObject } from './api';

/** What an invoice change means for dunning. */
export type InvoiceEvent = 'overdue' | 'due_soon' | 'paid' | 'voided';

/** Invoices due strictly before this day are overdue: today in the company's zone minus the grace days. */
export function overdueCutoff(nowMs: number, timezone: string, graceDays: number): IsoDate {
	return addCalendarDays(dateInTimeZone(nowMs, timezone), -Math.max(0, Math.trunc(graceDays)));
}

/**
 * The List Overdue window of an open invoice, as Stripe Dunning's: `overdue` past the cutoff, `due_soon` when
 * it falls due today or within `dueWithinDays` days (null: due-soon invoices not wanted), else null.
 */
export function listedWindow(
	invoice: Invoice,
	today: IsoDate,
	cutoff: IsoDate,
	dueWithinDays: number | null,
): { event: 'overdue' | 'due_soon'; daysOverdue: number } | null {
	if (invoice.status !== 'open' || invoice.dueMinor <= 0 || invoice.dueDate === null) return null;
	const daysOverdue = daysBetween(today, invoice.dueDate);
	if (invoice.dueDate < cutoff) return { event: 'overdue', daysOverdue };
	if (dueWithinDays !== null && daysOverdue <= 0 && -daysOverdue <= dueWithinDays) {
		return { event: 'due_soon', daysOverdue };
	}
	return null;
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

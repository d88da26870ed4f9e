import { customerKey } from '../customer';
import { isIsoDate, toDayNumber, type IsoDate } from '../dates';
import { THANKS_STEP_ID, readSentEntries } from '../dunning-metadata';
import { DunningInputError, describeValue } from '../errors';
import { assertFiniteNumber, assertShape, type Shape } from '../shape';
import type { AgingBucket, ReportInvoice, SentStep } from './types';

/** A sent step whose day may be unknown (Stripe metadata only keeps the day of the last one). */
export interface HistoryEntry {
	stepId: string;
	sentOn: IsoDate | null;
}

/**
 * The report's customer of an invoice: `customerKey` (id, else email); an invoice with neither is a customer
 * of its own, so its lateness and contacts are never added to another's.
 */
export function reportCustomerKey(invoice: ReportInvoice): string {
	return customerKey(invoice) ?? `invoice:${invoice.source}:${invoice.id}`;
}

/** Aging bucket of a number of days overdue (DESIGN.md section 6). */
export function agingBucket(daysOverdue: number | null): AgingBucket {
	if (daysOverdue !== null) assertFiniteNumber(daysOverdue, 'daysOverdue');
	if (daysOverdue === null || daysOverdue <= 0) return 'current';
	if (daysOverdue <= 30) return 'd1_30';
	if (daysOverdue <= 60) return 'd31_60';
	if (daysOverdue <= 90) return 'd61_90';
	return 'over90';
}

export function isOpen(invoice: ReportInvoice): boolean {
	return invoice.status === 'open' && invoice.dueMinor > 0;
}

function sortedPayments(invoice: ReportInvoice) {
	return [...invoice.payments].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

const SETTLED_SHAPE: Shape = {
	status: 'string',
	totalMinor: 'integer',
	dueMinor: 'integer',
	payments: { list: { date: 'date', amountMinor: 'integer' } },
};

const HISTORY_SHAPE: Shape = {
	dunning: { sentStepIds: { list: 'string' }, lastSentOn: 'date?' },
};

/**
 * The day the invoice was paid in full: the payment that brought the payments up to the total, else (when the
 * recorded payments fall short of a paid invoice) the last payment; null when still owed, void, uncollectible,
 * or paid without any dated payment.
 */
export function settledOn(invoice: ReportInvoice): IsoDate | null {
	assertShape(invoice, SETTLED_SHAPE, 'invoice');
	const paid = invoice.status === 'paid' || (invoice.status === 'open' && invoice.dueMinor <= 0);
	if (!paid) return null;
	const payments = sortedPayments(invoice);
	let cumulative = 0;
	for (const payment of payments) {
		cumulative += payment.amountMinor;
		if (cumulative >= invoice.totalMinor) return payment.date;
	}
	return payments.length ? payments[payments.length - 1].date : null;
}

/** Minor units paid on or before `day` (a day number). */
export function paidBy(invoice: ReportInvoice, day: number): number {
	let sum = 0;
	for (const payment of invoice.payments)
		if (toDayNumber(payment.date) <= day) sum += payment.amountMinor;
	return sum;
}

function validatedHistory(value: unknown, field: string): SentStep[] {
	if (!Array.isArray(value))
		throw new DunningInputError(field, `${describeValue(value)} is not a list`);
	return value.map((entry: unknown, index) => {
		const at = `${field}[${index}]`;
		if (typeof entry !== 'object' || entry === null) {
			throw new DunningInputError(at, `${describeValue(entry)} is not { stepId, sentOn }`);
		}
		const { stepId, sentOn } = entry as Record<string, unknown>;
		if (typeof stepId !== 'string' || stepId.trim() === '') {
			throw new DunningInputError(`${at}.stepId`, `${describeValue(stepId)} is not a step id`);
		}
		if (!isIsoDate(sentOn)) {
			throw new DunningInputError(
				`${at}.sentOn`,
				`${describeValue(sentOn)} is not a date (YYYY-MM-DD)`,
			);
		}
		return { stepId, sentOn };
	});
}

/** `sent=d7@2026-11-09,d14@2026-11-16` from the `[dunning]` line of a QuickBooks note, when there is one. */
function quickBooksNoteHistory(invoice: ReportInvoice): HistoryEntry[] | null {
	if (invoice.source !== 'quickbooks' || typeof invoice.raw !== 'object' || invoice.raw === null) {
		return null;
	}
	const note = (invoice.raw as Record<string, unknown>).PrivateNote;
	if (typeof note !== 'string') return null;
	const entries = readSentEntries(note);
	if (entries.length === 0) return null;
	return entries.map(({ stepId, on }) => ({
		stepId,
		sentOn: on !== null && isIsoDate(on) ? on : null,
	}));
}

/**
 * The steps sent for an invoice, oldest first, with their day where it is known. Sources, first found wins:
 * `dunning.history` (the report's extension), the QuickBooks `[dunning]` note of `raw`, else `sentStepIds` with
 * only the last one dated (`lastSentOn`). Steps listed in `sentStepIds` but missing from the history count as
 * sent on an unknown day.
 */
export function historyOf(
	invoice: ReportInvoice,
	field = 'invoice.dunning.history',
): HistoryEntry[] {
	// The thank-you once paid (step `thanks`) is in the invoice's history but is no reminder: left out after the
	// dates are placed (with Stripe metadata, `lastSentOn` is then the thank-you's day, not the last reminder's).
	return sentHistory(invoice, field).filter((entry) => entry.stepId !== THANKS_STEP_ID);
}

function sentHistory(invoice: ReportInvoice, field: string): HistoryEntry[] {
	assertShape(invoice, HISTORY_SHAPE, 'invoice');
	const { sentStepIds, lastSentOn, history } = invoice.dunning;
	let entries: HistoryEntry[];
	if (history !== undefined && history !== null) {
		entries = validatedHistory(history, field).sort((a, b) =>
			a.sentOn < b.sentOn ? -1 : a.sentOn > b.sentOn ? 1 : 0,
		);
	} else {
		const fromNote = quickBooksNoteHistory(invoice);
		if (fromNote !== null) entries = fromNote;
		else {
			return sentStepIds.map((stepId, index) => ({
				stepId,
				sentOn: index === sentStepIds.length - 1 ? lastSentOn : null,
			}));
		}
	}
	const listed = new Set(entries.map((entry) => entry.stepId));
	const undated = sentStepIds
		.filter((stepId) => !listed.has(stepId))
		.map((stepId) => ({ stepId, sentOn: null }));
	return [...undated, ...entries];
}

/** Every "pay by" day the customer gave: `dunning.promises` when given, else `promisedOn`. */
export function promisesOf(invoice: ReportInvoice, field = 'invoice.dunning.promises'): IsoDate[] {
	const { promises, promisedOn } = invoice.dunning;
	if (promises === undefined || promises === null) return promisedOn ? [promisedOn] : [];
	if (!Array.isArray(promises)) {
		throw new DunningInputError(field, `${describeValue(promises)} is not a list of dates`);
	}
	return promises.map((day: unknown, index) => {
		if (!isIsoDate(day)) {
			throw new DunningInputError(
				`${field}[${index}]`,
				`${describeValue(day)} is not a date (YYYY-MM-DD)`,
			);
		}
		return day;
	});
}

import { fromDayNumber, toDayNumber, type IsoDate } from '../dates';
import { agingBucket, historyOf, isOpen, promisesOf, settledOn } from './history';
import type {
	AgingBuckets,
	CurrencySummary,
	DisputedKpi,
	DsoReport,
	DsoUnavailableReason,
	PromiseKpi,
	ReportInvoice,
	StepKpi,
} from './types';

export const round1 = (value: number): number => Math.round(value * 10) / 10;
export const round3 = (value: number): number => Math.round(value * 1000) / 1000;

export function emptyBuckets(): AgingBuckets {
	return { current: 0, d1_30: 0, d31_60: 0, d61_90: 0, over90: 0 };
}

/** Days overdue at `asOf` (`asOf − dueDate`), null without a due date. */
export function daysOverdueAt(invoice: ReportInvoice, asOf: number): number | null {
	return invoice.dueDate === null ? null : asOf - toDayNumber(invoice.dueDate);
}

/**
 * Aging per currency (DESIGN.md section 6): only `open` invoices with `dueMinor > 0`; `current` is not yet
 * overdue (or no due date), then 1–30, 31–60, 61–90 and over 90 days overdue at `asOf`.
 */
export function agingByCurrency(
	invoices: readonly ReportInvoice[],
	asOf: number,
): { byCurrency: Record<string, CurrencySummary>; agingCounts: Record<string, AgingBuckets> } {
	const byCurrency: Record<string, CurrencySummary> = {};
	const agingCounts: Record<string, AgingBuckets> = {};
	for (const invoice of invoices) {
		if (!isOpen(invoice)) continue;
		const summary = (byCurrency[invoice.currency] ??= {
			openCount: 0,
			openMinor: 0,
			overdueCount: 0,
			overdueMinor: 0,
			aging: emptyBuckets(),
		});
		const counts = (agingCounts[invoice.currency] ??= emptyBuckets());
		const days = daysOverdueAt(invoice, asOf);
		const bucket = agingBucket(days);
		summary.openCount++;
		summary.openMinor += invoice.dueMinor;
		if (days !== null && days > 0) {
			summary.overdueCount++;
			summary.overdueMinor += invoice.dueMinor;
		}
		summary.aging[bucket] += invoice.dueMinor;
		counts[bucket]++;
	}
	return { byCurrency, agingCounts };
}

export const DSO_DEFINITION =
	'DSO, average method: receivables still owed at the end of the period ÷ credit sales invoiced during the period × days in the period (drafts and voided invoices left out, uncollectible ones written off).';

export const DSO_UNAVAILABLE: Record<DsoUnavailableReason, string> = {
	no_sales_in_period: 'Nothing was invoiced in the period, so there is no DSO.',
	no_collections:
		'No payment appears in these invoices by the end of the period (they seem to be unpaid invoices only), so credit sales cannot be told from receivables and a DSO would only restate the length of the period. Read every invoice of the period, paid ones included, to get one.',
};

/**
 * Days sales outstanding over the `days` days ending on `asOf`, per currency, by the average method
 * (DSO_DEFINITION): DSO = receivables at the end of the period ÷ sales invoiced during the period × days.
 * Sales: the totals of invoices issued in the period (drafts and voided invoices left out).
 * Receivables: what is still owed at `asOf` on `open` and `paid` invoices issued by then (payments dated after `asOf`
 * added back); uncollectible invoices are written off and left out.
 * No figure (issue 19, #12) without sales in the period, nor when no invoice read shows any payment by `asOf`:
 * such a book (an overdue listing) gives receivables = sales and a "DSO" equal to the period, which says nothing.
 */
export function dsoOver(invoices: readonly ReportInvoice[], asOf: number, days: number): DsoReport {
	const from = asOf - days + 1;
	const byCurrency: DsoReport['byCurrency'] = {};
	const figures = (currency: string) =>
		(byCurrency[currency] ??= {
			receivablesMinor: 0,
			salesMinor: 0,
			collectedMinor: 0,
			dso: null,
			reason: null,
		});
	for (const invoice of invoices) {
		if (invoice.status === 'draft' || invoice.status === 'void') continue;
		const issued = toDayNumber(invoice.issueDate);
		if (issued > asOf) continue;
		if (issued >= from) figures(invoice.currency).salesMinor += invoice.totalMinor;
		if (invoice.status === 'open' || invoice.status === 'paid') {
			const paidLater = invoice.payments
				.filter((payment) => toDayNumber(payment.date) > asOf)
				.reduce((sum, payment) => sum + payment.amountMinor, 0);
			const owed = Math.max(0, invoice.dueMinor + paidLater);
			const entry = figures(invoice.currency);
			if (owed > 0) entry.receivablesMinor += owed;
			entry.collectedMinor += Math.max(0, invoice.totalMinor - owed);
		}
	}
	for (const entry of Object.values(byCurrency)) {
		entry.reason =
			entry.salesMinor === 0
				? 'no_sales_in_period'
				: entry.collectedMinor === 0
					? 'no_collections'
					: null;
		entry.dso =
			entry.reason === null ? round1((entry.receivablesMinor / entry.salesMinor) * days) : null;
	}
	return {
		from: fromDayNumber(from),
		to: fromDayNumber(asOf),
		days,
		method: 'average',
		definition: DSO_DEFINITION,
		byCurrency,
	};
}

/** The day an invoice was paid in full, if that happened by `asOf`. */
export function settledBy(invoice: ReportInvoice, asOf: number): number | null {
	const day = settledOn(invoice);
	if (day === null) return null;
	const number = toDayNumber(day);
	return number <= asOf ? number : null;
}

function median(values: number[]): number | null {
	if (!values.length) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Per step: days from the step to full payment (mean, median) and the recovery rate, the share of sends paid
 * in full within `windowDays` days of the step, counted over sends whose window has ended by `asOf`.
 * Needs the day of each step (`historyOf`) and of the payments (`payments`).
 */
export function stepKpis(
	invoices: readonly ReportInvoice[],
	asOf: number,
	windowDays: number,
): { steps: StepKpi[]; sentSteps: number; datedSteps: number } {
	const steps = new Map<string, StepKpi & { days: number[] }>();
	let sentSteps = 0;
	let datedSteps = 0;
	for (const [index, invoice] of invoices.entries()) {
		if (invoice.status === 'draft' || invoice.status === 'void') continue;
		const settled = settledBy(invoice, asOf);
		for (const entry of historyOf(invoice, `invoices[${index}].dunning.history`)) {
			const sentOn = entry.sentOn === null ? null : toDayNumber(entry.sentOn);
			if (sentOn !== null && sentOn > asOf) continue;
			let kpi = steps.get(entry.stepId);
			if (!kpi) {
				kpi = {
					stepId: entry.stepId,
					sent: 0,
					dated: 0,
					paidAfter: 0,
					averageDaysToPay: null,
					medianDaysToPay: null,
					eligible: 0,
					recovered: 0,
					recoveryRate: null,
					pending: 0,
					sentAfterPayment: 0,
					days: [],
				};
				steps.set(entry.stepId, kpi);
			}
			kpi.sent++;
			sentSteps++;
			if (sentOn === null) continue;
			kpi.dated++;
			datedSteps++;
			if (settled !== null && settled < sentOn) {
				kpi.sentAfterPayment++;
				continue;
			}
			if (settled !== null) {
				kpi.paidAfter++;
				kpi.days.push(settled - sentOn);
			}
			if (sentOn + windowDays <= asOf) {
				kpi.eligible++;
				if (settled !== null && settled - sentOn <= windowDays) kpi.recovered++;
			} else kpi.pending++;
		}
	}
	const result = [...steps.values()].map(({ days, ...kpi }) => ({
		...kpi,
		averageDaysToPay: days.length ? round1(days.reduce((a, b) => a + b, 0) / days.length) : null,
		medianDaysToPay: median(days),
		recoveryRate: kpi.eligible ? round3(kpi.recovered / kpi.eligible) : null,
	}));
	return { steps: result, sentSteps, datedSteps };
}

export type PromiseOutcome = 'kept' | 'broken' | 'pending';

/**
 * A promise to pay by day p is kept when the invoice was paid in full on or before p, broken when p is before
 * `asOf` and it was not, pending otherwise (p is `asOf` or later, still owed).
 */
export function promiseOutcomes(
	invoice: ReportInvoice,
	asOf: number,
	field?: string,
): PromiseOutcome[] {
	if (invoice.status === 'draft' || invoice.status === 'void') return [];
	const settled = settledBy(invoice, asOf);
	return promisesOf(invoice, field).map((day: IsoDate) => {
		const promised = toDayNumber(day);
		if (settled !== null && settled <= promised) return 'kept';
		return promised < asOf ? 'broken' : 'pending';
	});
}

export function promiseKpi(invoices: readonly ReportInvoice[], asOf: number): PromiseKpi {
	const kpi: PromiseKpi = { kept: 0, broken: 0, pending: 0, keptRate: null };
	for (const [index, invoice] of invoices.entries()) {
		for (const outcome of promiseOutcomes(invoice, asOf, `invoices[${index}].dunning.promises`)) {
			kpi[outcome]++;
		}
	}
	const decided = kpi.kept + kpi.broken;
	kpi.keptRate = decided ? round3(kpi.kept / decided) : null;
	return kpi;
}

/** Open invoices flagged as disputed and what they still owe. */
export function disputedKpi(invoices: readonly ReportInvoice[]): DisputedKpi {
	const kpi: DisputedKpi = { count: 0, byCurrency: {} };
	for (const invoice of invoices) {
		if (!isOpen(invoice) || !invoice.dunning.disputed) continue;
		kpi.count++;
		kpi.byCurrency[invoice.currency] = (kpi.byCurrency[invoice.currency] ?? 0) + invoice.dueMinor;
	}
	return kpi;
}

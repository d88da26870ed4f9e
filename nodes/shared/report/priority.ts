import { toDayNumber } from '../dates';
import { formatMoney } from '../composer/format';
import { agingBucket, historyOf, isOpen, reportCustomerKey } from './history';
import { daysOverdueAt, promiseOutcomes, round1, settledBy } from './kpis';
import type { OpenInvoiceDetail, PriorityParts, ReportInvoice, WorklistEntry } from './types';

/**
 * The priority score of an open invoice, 0 to 100 points (documented in the README):
 * - amount at stake: 30 × amount still owed ÷ the largest amount owed on an open invoice in that currency;
 * - days overdue: 30 × min(days overdue, 90) ÷ 90 (0 when not overdue or without a due date);
 * - customer's past lateness: 15 × min(average days late, 30) ÷ 30, over the customer's invoices paid in full
 *   by `asOf` (days late = payment day − due day, 0 when paid on time);
 * - broken promises: 10 for one broken promise of the customer (on any invoice), 15 for two or more;
 * - VIP: 10 when the customer has one of the VIP tags;
 * each part rounded to one decimal, summed, and halved while a payment promise still runs (`promisedOn` on or
 * after `asOf`): chasing then would break the customer's word for them.
 */
export const PRIORITY_WEIGHTS = {
	amount: 30,
	overdue: 30,
	overdueCapDays: 90,
	lateness: 15,
	latenessCapDays: 30,
	oneBrokenPromise: 10,
	brokenPromises: 15,
	vip: 10,
	runningPromiseFactor: 0.5,
} as const;

export const DEFAULT_VIP_TAGS = ['vip', 'strategic'];

interface CustomerRecord {
	lateDays: number[];
	brokenPromises: number;
}

function customerRecords(
	invoices: readonly ReportInvoice[],
	asOf: number,
): Map<string, CustomerRecord> {
	const records = new Map<string, CustomerRecord>();
	for (const invoice of invoices) {
		const key = reportCustomerKey(invoice);
		let record = records.get(key);
		if (!record) {
			record = { lateDays: [], brokenPromises: 0 };
			records.set(key, record);
		}
		const settled = settledBy(invoice, asOf);
		if (settled !== null && invoice.dueDate !== null) {
			record.lateDays.push(Math.max(0, settled - toDayNumber(invoice.dueDate)));
		}
		record.brokenPromises += promiseOutcomes(invoice, asOf).filter((o) => o === 'broken').length;
	}
	return records;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
const points = (value: number) => `+${value}`;

/** Scores every open invoice and returns them highest first, with the reasons behind each score. */
export function prioritise(
	invoices: readonly ReportInvoice[],
	asOf: number,
	vipTags: readonly string[],
): { worklist: WorklistEntry[]; openInvoices: OpenInvoiceDetail[] } {
	const open = invoices.filter(isOpen);
	const largest = new Map<string, number>();
	for (const invoice of open) {
		largest.set(invoice.currency, Math.max(largest.get(invoice.currency) ?? 0, invoice.dueMinor));
	}
	const records = customerRecords(invoices, asOf);
	const vip = new Set(vipTags.map((tag) => tag.trim().toLowerCase()).filter(Boolean));
	const W = PRIORITY_WEIGHTS;

	const scored = open.map((invoice) => {
		const reasons: string[] = [];
		const max = largest.get(invoice.currency) as number;
		const amount = round1((W.amount * invoice.dueMinor) / max);
		const share = Math.round((invoice.dueMinor / max) * 100);
		reasons.push(
			`${formatMoney(invoice.dueMinor, invoice.currency, null)} at stake (${share}% of the largest open ${invoice.currency} amount): ${points(amount)}`,
		);

		const days = daysOverdueAt(invoice, asOf);
		const overdue =
			days !== null && days > 0
				? round1((W.overdue * Math.min(days, W.overdueCapDays)) / W.overdueCapDays)
				: 0;
		if (days === null) reasons.push('no due date: +0');
		else if (days > 0) reasons.push(`${plural(days, 'day')} overdue: ${points(overdue)}`);
		else
			reasons.push(
				`not overdue yet (${days === 0 ? 'due today' : `due in ${plural(-days, 'day')}`}): +0`,
			);

		const key = reportCustomerKey(invoice);
		const record = records.get(key) as CustomerRecord;
		let lateness = 0;
		if (record.lateDays.length) {
			const average = record.lateDays.reduce((a, b) => a + b, 0) / record.lateDays.length;
			lateness = round1((W.lateness * Math.min(average, W.latenessCapDays)) / W.latenessCapDays);
			reasons.push(
				`customer paid ${round1(average)} days late on average over ${plural(record.lateDays.length, 'paid invoice')}: ${points(lateness)}`,
			);
		}

		const brokenPromises =
			record.brokenPromises >= 2
				? W.brokenPromises
				: record.brokenPromises === 1
					? W.oneBrokenPromise
					: 0;
		if (record.brokenPromises > 0) {
			reasons.push(
				`customer broke ${plural(record.brokenPromises, 'payment promise')}: ${points(brokenPromises)}`,
			);
		}

		const vipTag = invoice.customer.tags.find((tag) => vip.has(tag.toLowerCase()));
		const vipPoints = vipTag !== undefined ? W.vip : 0;
		if (vipTag !== undefined) reasons.push(`customer tagged "${vipTag}": ${points(vipPoints)}`);

		const promisedOn = invoice.dunning.promisedOn;
		const running = promisedOn !== null && toDayNumber(promisedOn) >= asOf;
		const factor = running ? W.runningPromiseFactor : 1;
		if (running) reasons.push(`payment promised by ${promisedOn}: score halved`);
		if (invoice.dunning.disputed) reasons.push('disputed: settle the dispute before chasing');
		if (invoice.dunning.paused) reasons.push('reminders paused');

		const parts: PriorityParts = {
			amount,
			overdue,
			lateness,
			brokenPromises,
			vip: vipPoints,
			factor,
		};
		const score = round1((amount + overdue + lateness + brokenPromises + vipPoints) * factor);
		const history = historyOf(invoice);
		const detail: OpenInvoiceDetail = {
			invoiceId: invoice.id,
			source: invoice.source,
			number: invoice.number,
			customerName: invoice.customer.name,
			customerKey: key,
			currency: invoice.currency,
			dueMinor: invoice.dueMinor,
			dueDate: invoice.dueDate,
			daysOverdue: days ?? 0,
			bucket: agingBucket(days),
			disputed: invoice.dunning.disputed,
			promisedOn,
			lastStepId: history.length ? history[history.length - 1].stepId : null,
			score,
			parts,
		};
		return { entry: { invoiceId: invoice.id, source: invoice.source, score, reasons }, detail };
	});

	scored.sort(
		(a, b) =>
			b.detail.score - a.detail.score ||
			b.detail.dueMinor - a.detail.dueMinor ||
			b.detail.daysOverdue - a.detail.daysOverdue ||
			(a.detail.invoiceId < b.detail.invoiceId
				? -1
				: a.detail.invoiceId > b.detail.invoiceId
					? 1
					: 0),
	);
	return {
		worklist: scored.map((item) => item.entry),
		openInvoices: scored.map((item) => item.detail),
	};
}

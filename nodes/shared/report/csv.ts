import { minorToDecimalString } from '../money';
import { csvRow } from './format';
import { DSO_DEFINITION } from './kpis';
import { assertReport, assertSimulation } from './shapes';
import type { DunningReport, Simulation } from './types';

const BUCKET_LABELS = {
	current: 'current',
	d1_30: '1-30',
	d31_60: '31-60',
	d61_90: '61-90',
	over90: 'over 90',
} as const;

/** The columns that name an invoice, in the report's and the simulation's CSV alike. */
const INVOICE_COLUMNS = ['invoice_id', 'source', 'number', 'customer', 'currency', 'amount_due'];
/**
 * The worklist as a spreadsheet: one row per open invoice, highest priority first, with the score, its parts
 * and its reasons (CRLF line ends, RFC 4180 quoting).
 */
export function reportToCsv(report: DunningReport): string {
	assertReport(report);
	const reasons = new Map(
		report.worklist.map((entry) => [entry.invoiceId + '\u0000' + entry.source, entry.reasons]),
	);
	const header = csvRow(
		[
			'rank',
			'score',
			...INVOICE_COLUMNS,
			'due_date',
			'days_overdue',
			'aging_bucket',
			'disputed',
			'promised_on',
			'last_step',
			'points_amount',
			'points_overdue',
			'points_lateness',
			'points_broken_promises',
			'points_vip',
			'factor',
			'reasons',
		].map((name) => [name]),
	);
	const rows = report.openInvoices.map((line, index) =>
		csvRow([
			[index + 1, false],
			[line.score, false],
			[line.invoiceId],
			[line.source],
			[line.number],
			[line.customerName],
			[line.currency],
			[minorToDecimalString(line.dueMinor, line.currency), false],
			[line.dueDate],
			[line.daysOverdue, false],
			[BUCKET_LABELS[line.bucket]],
			[line.disputed],
			[line.promisedOn],
			[line.lastStepId],
			[line.parts.amount, false],
			[line.parts.overdue, false],
			[line.parts.lateness, false],
			[line.parts.brokenPromises, false],
			[line.parts.vip, false],
			[line.parts.factor, false],
			[(reasons.get(line.invoiceId + '\u0000' + line.source) ?? []).join(' | ')],
		]),
	);
	return [header, ...rows].join('\r\n') + '\r\n';
}

/**
 * DSO per currency as a spreadsheet (issue 19, #12): the figure, or an empty cell and the reason there is none,
 * with the method, the period, the amounts it is computed from and its definition.
 */
export function dsoToCsv(report: DunningReport): string {
	assertReport(report);
	const { dso } = report;
	const header = csvRow(
		[
			'currency',
			'dso_days',
			'method',
			'period_from',
			'period_to',
			'period_days',
			'receivables',
			'credit_sales',
			'collected',
			'no_figure_reason',
			'definition',
		].map((name) => [name]),
	);
	const rows = Object.keys(dso.byCurrency)
		.sort()
		.map((currency) => {
			const figures = dso.byCurrency[currency];
			return csvRow([
				[currency],
				[figures.dso, false],
				[dso.method ?? 'average'],
				[dso.from],
				[dso.to],
				[dso.days, false],
				[minorToDecimalString(figures.receivablesMinor, currency), false],
				[minorToDecimalString(figures.salesMinor, currency), false],
				[minorToDecimalString(figures.collectedMinor ?? 0, currency), false],
				[figures.reason ?? null],
				[dso.definition ?? DSO_DEFINITION],
			]);
		});
	return [header, ...rows].join('\r\n') + '\r\n';
}

/**
 * The proof of reminders ("preuves de relance") as a spreadsheet, when the report read the Dunning Ledger: one
 * row per reminder sent (when, by which execution, through which channel, to whom, the SHA-256 of the message),
 * then one per claim not marked sent (`status` claimed_not_sent: no reminder, check and release it). Invoices
 * in the order read, each one's rows oldest first. Without a ledger history: the header only.
 */
export function proofsToCsv(report: DunningReport): string {
	assertReport(report);
	const header = csvRow(
		[
			'invoice_id',
			'source',
			'number',
			'customer',
			'step',
			'status',
			'claimed_at',
			'claimed_by',
			'sent_at',
			'sent_on',
			'sent_by',
			'channel',
			'address',
			'message_sha256',
			'message_kept',
		].map((name) => [name]),
	);
	const rows = (report.proofs ?? []).flatMap((entry) => {
		const invoice: Array<[unknown]> = [
			[entry.invoiceId],
			[entry.source],
			[entry.number],
			[entry.customerName],
		];
		return [
			...entry.proofs.map((proof) =>
				csvRow([
					...invoice,
					[proof.stepId],
					['sent'],
					[proof.claimedAt],
					[proof.claimedBy],
					[proof.sentAt],
					[proof.sentOn],
					[proof.sentBy],
					[proof.channel],
					[proof.address],
					[proof.messageSha256],
					[proof.messageKept],
				]),
			),
			...entry.unsentClaims.map((claim) =>
				csvRow([
					...invoice,
					[claim.stepId],
					['claimed_not_sent'],
					[claim.claimedAt],
					[claim.claimedBy],
					[null],
					[null],
					[null],
					[null],
					[null],
					[null],
					[null],
				]),
			),
		];
	});
	return [header, ...rows].join('\r\n') + '\r\n';
}

/** The simulated calendar as a spreadsheet: one row per event. */
export function simulationToCsv(simulation: Simulation): string {
	assertSimulation(simulation);
	const header = csvRow(
		['date', 'action', 'reason', 'step', 'tone', 'channel', ...INVOICE_COLUMNS, 'days_overdue'].map(
			(name) => [name],
		),
	);
	const rows = simulation.calendar.flatMap((day) =>
		day.events.map((event) =>
			csvRow([
				[day.date],
				[event.action],
				[event.reason],
				[event.stepId],
				[event.tone],
				[event.channel],
				[event.invoiceId],
				[event.source],
				[event.number],
				[event.customerName],
				[event.currency],
				[minorToDecimalString(event.dueMinor, event.currency), false],
				[event.daysOverdue, false],
			]),
		),
	);
	return [header, ...rows].join('\r\n') + '\r\n';
}

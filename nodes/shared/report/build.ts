import { assertIsoDate, isIsoDate, toDayNumber } from '../dates';
import { DunningInputError, describeValue } from '../errors';
import { INVOICE_STATUSES } from '../invoice';
import { assertShape, type Shape } from '../shape';
import { agingByCurrency, disputedKpi, dsoOver, promiseKpi, stepKpis } from './kpis';
import { historyOf, promisesOf } from './history';
import { INVOICE_LEDGER_SHAPE, proofsOfBook } from './ledger';
import { DEFAULT_VIP_TAGS, prioritise } from './priority';
import type { DunningReport, ReportInvoice, ReportOptions } from './types';

export const DEFAULT_RECOVERY_WINDOW_DAYS = 14;
export const DEFAULT_DSO_DAYS = 90;

function nonNegativeInteger(value: unknown, field: string, fallback: number, min = 0): number {
	if (value === undefined || value === null) return fallback;
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
		throw new DunningInputError(
			field,
			`${describeValue(value)} is not an integer of at least ${min}`,
		);
	}
	return value;
}

/** What the report reads besides the amounts, dates and lists checked one by one below. */
const REPORT_INVOICE_SHAPE: Shape = {
	id: 'string',
	source: 'string',
	number: 'string?',
	customer: { id: 'string?', name: 'string?', email: 'string?', tags: { list: 'string' } },
	dunning: {
		sentStepIds: { list: 'string' },
		lastSentOn: 'date?',
		promisedOn: 'date?',
		disputed: 'boolean',
		ledger: { optional: INVOICE_LEDGER_SHAPE },
	},
};

/** The fields the report reads, checked so that a bad invoice is named instead of skewing a figure. */
export function checkReportInvoice(invoice: unknown, field: string): ReportInvoice {
	if (typeof invoice !== 'object' || invoice === null) {
		throw new DunningInputError(field, `${describeValue(invoice)} is not an invoice`);
	}
	const value = invoice as ReportInvoice;
	if (!INVOICE_STATUSES.includes(value.status)) {
		throw new DunningInputError(
			`${field}.status`,
			`${describeValue(value.status)} is not an invoice status`,
		);
	}
	if (typeof value.currency !== 'string' || !/^[A-Z]{3}$/.test(value.currency)) {
		throw new DunningInputError(
			`${field}.currency`,
			`${describeValue(value.currency)} is not a currency code`,
		);
	}
	for (const key of ['totalMinor', 'dueMinor'] as const) {
		if (!Number.isSafeInteger(value[key])) {
			throw new DunningInputError(
				`${field}.${key}`,
				`${describeValue(value[key])} is not an integer amount in minor units`,
			);
		}
	}
	assertIsoDate(value.issueDate, `${field}.issueDate`);
	if (value.dueDate !== null) assertIsoDate(value.dueDate, `${field}.dueDate`);
	if (!Array.isArray(value.payments)) {
		throw new DunningInputError(
			`${field}.payments`,
			`${describeValue(value.payments)} is not a list`,
		);
	}
	value.payments.forEach((payment, index) => {
		if (!isIsoDate(payment?.date) || !Number.isSafeInteger(payment?.amountMinor)) {
			throw new DunningInputError(
				`${field}.payments[${index}]`,
				`${describeValue(payment)} is not { date, amountMinor }`,
			);
		}
	});
	if (
		typeof value.dunning !== 'object' ||
		value.dunning === null ||
		!Array.isArray(value.dunning.sentStepIds)
	) {
		throw new DunningInputError(
			`${field}.dunning`,
			`${describeValue(value.dunning)} is not a dunning state`,
		);
	}
	if (
		typeof value.customer !== 'object' ||
		value.customer === null ||
		!Array.isArray(value.customer.tags)
	) {
		throw new DunningInputError(
			`${field}.customer`,
			`${describeValue(value.customer)} is not a customer`,
		);
	}
	assertShape(value, REPORT_INVOICE_SHAPE, field);
	// The report's history extension, when given, is checked here so that its errors name the invoice.
	historyOf(value, `${field}.dunning.history`);
	promisesOf(value, `${field}.dunning.promises`);
	return value;
}

/**
 * Aging, KPIs and the prioritised worklist of a book of invoices at `asOf` (DESIGN.md section 6). Pure: the
 * same invoices and options always give the same report. Invoices may carry the report's history extension
 * (`dunning.history`, `dunning.promises`) for the per-step and promise KPIs.
 */
export function buildDunningReport(
	invoices: readonly ReportInvoice[],
	options: ReportOptions,
): DunningReport {
	if (!Array.isArray(invoices)) {
		throw new DunningInputError('invoices', `${describeValue(invoices)} is not a list of invoices`);
	}
	if (typeof options !== 'object' || options === null) {
		throw new DunningInputError('options', `${describeValue(options)} is not an object`);
	}
	const asOfDate = assertIsoDate(options.asOf, 'options.asOf');
	const asOf = toDayNumber(asOfDate);
	const windowDays = nonNegativeInteger(
		options.recoveryWindowDays,
		'options.recoveryWindowDays',
		DEFAULT_RECOVERY_WINDOW_DAYS,
	);
	const dsoDays = nonNegativeInteger(options.dsoDays, 'options.dsoDays', DEFAULT_DSO_DAYS, 1);
	const vipTags = options.vipTags ?? DEFAULT_VIP_TAGS;
	if (!Array.isArray(vipTags) || vipTags.some((tag) => typeof tag !== 'string')) {
		throw new DunningInputError(
			'options.vipTags',
			`${describeValue(vipTags)} is not a list of tags`,
		);
	}
	const book = invoices.map((invoice, index) => checkReportInvoice(invoice, `invoices[${index}]`));

	const { byCurrency, agingCounts } = agingByCurrency(book, asOf);
	const { worklist, openInvoices } = prioritise(book, asOf, vipTags);
	const { steps, sentSteps, datedSteps } = stepKpis(book, asOf, windowDays);
	const byStatus: Record<string, number> = {};
	for (const invoice of book) byStatus[invoice.status] = (byStatus[invoice.status] ?? 0) + 1;
	const proofs = proofsOfBook(book);

	return {
		asOf: asOfDate,
		byCurrency,
		worklist,
		agingCounts,
		openInvoices,
		dso: dsoOver(book, asOf, dsoDays),
		steps,
		recoveryWindowDays: windowDays,
		promises: promiseKpi(book, asOf),
		disputed: disputedKpi(book),
		history: { sentSteps, datedSteps },
		invoiceCount: book.length,
		byStatus,
		// Only with a history read from the Dunning Ledger, so that other reports keep their exact shape.
		...(proofs === undefined ? {} : { proofs }),
	};
}

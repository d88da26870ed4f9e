import type { IDataObject } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

import { readInvoice } from '../common/invoice-input';
import {
	DunningInputError,
	assertIsoDate,
	assertMinorAmount,
	dateInTimeZone,
	decimalToMinor,
	minorToDecimalString,
	normalizeCurrency,
	type Invoice,
	type IsoDate,
	type PenaltyInput,
	type PenaltyNotice,
} from '../shared/internal';
import type { PenaltyFields, PenaltyParameters } from './penalty-parameters';

/** What the penalty is computed on, before the rule's parameters are added. */
export interface PenaltyDebt {
	currency: string;
	principalMinor: number;
	dueDate: IsoDate;
	payments: { date: IsoDate; amountMinor: number }[];
	/** Set when the debt comes from an invoice (for the customer's language). */
	invoice: Invoice | null;
	/** What the node had to assume about the input, added to the result's warnings. */
	warnings: string[];
	/** The same, structured (`PenaltyResult.notices`). */
	notices: PenaltyNotice[];
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function shown(value: unknown): string {
	return typeof value === 'string' ? JSON.stringify(value) : typeof value;
}

/**
 * A calendar date from a parameter: `YYYY-MM-DD` as is; a date-time with an offset (or a Date, or a Luxon
 * DateTime from an expression such as `{{ $now }}`) is an instant, read in `timezone`; a date-time without an
 * offset (what n8n's date picker stores) is a wall-clock time, so its own date is taken.
 */
export function readDate(value: unknown, field: string, timezone: string): IsoDate {
	if (value instanceof Date) return dateInTimeZone(value.getTime(), timezone);
	if (typeof value === 'object' && value !== null && 'toMillis' in value) {
		const millis = (value as { toMillis: () => unknown }).toMillis();
		if (typeof millis === 'number' && Number.isFinite(millis)) {
			return dateInTimeZone(millis, timezone);
		}
	}
	if (typeof value === 'string') {
		const text = value.trim();
		const dateTime = DATE_TIME.exec(text);
		if (!dateTime) return assertIsoDate(text, field);
		// Checked first: Date.parse would roll "2026-02-30T10:00Z" over to 2 March.
		const wallDate = assertIsoDate(dateTime[1], field);
		if (dateTime[2] === undefined) return wallDate;
		const instant = Date.parse(text);
		if (Number.isFinite(instant)) return dateInTimeZone(instant, timezone);
	}
	throw new DunningInputError(
		field,
		`${shown(value)} is not a date (YYYY-MM-DD, or a date-time with an offset)`,
	);
}

function parsePaymentList(value: unknown): unknown[] {
	let list = value;
	if (typeof value === 'string') {
		const invalid = {};
		list = value.trim() === '' ? [] : jsonParse<unknown>(value, { fallbackValue: invalid });
		if (list === invalid) throw new DunningInputError('payments', 'is not valid JSON');
	}
	if (list === undefined || list === null) return [];
	if (!Array.isArray(list)) {
		throw new DunningInputError('payments', `${shown(list)} is not a list of payments`);
	}
	return list;
}

/** Payments typed by a user: `{ date, amount }` in major units or `{ date, amountMinor }`, any order. */
function readPayments(value: unknown, currency: string, timezone: string): PenaltyDebt['payments'] {
	const payments = parsePaymentList(value).map((entry, index) => {
		const field = `payments[${index}]`;
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
			throw new DunningInputError(field, 'is not a { "date", "amount" } object');
		}
		const payment = entry as IDataObject;
		const date = readDate(payment.date, `${field}.date`, timezone);
		let amountMinor: number;
		if (payment.amount !== undefined) {
			amountMinor = decimalToMinor(payment.amount, currency, `${field}.amount`);
		} else if (payment.amountMinor !== undefined) {
			amountMinor = assertMinorAmount(payment.amountMinor, `${field}.amountMinor`);
		} else {
			throw new DunningInputError(
				`${field}.amount`,
				'missing: give "amount" (major units) or "amountMinor"',
			);
		}
		return { date, amountMinor };
	});
	return inDateOrder(payments);
}

function inDateOrder(payments: PenaltyDebt['payments']): PenaltyDebt['payments'] {
	// Array.prototype.sort is stable: payments of one day keep their order.
	return [...payments].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function debtFromFields(fields: PenaltyFields, timezone: string): PenaltyDebt {
	const currency = normalizeCurrency(
		typeof fields.currency === 'string' ? fields.currency.trim() : fields.currency,
		'currency',
	);
	if (typeof fields.amount === 'string' && fields.amount.trim() === '') {
		throw new DunningInputError('amount', 'missing: give the amount unpaid at the due date');
	}
	return {
		currency,
		principalMinor: decimalToMinor(fields.amount, currency, 'amount'),
		dueDate: readDate(fields.dueDate, 'dueDate', timezone),
		payments: readPayments(fields.payments, currency, timezone),
		invoice: null,
		warnings: [],
		notices: [],
	};
}

/**
 * The debt of an invoice. The principal is what was unpaid at the due date: what is still due plus every
 * payment with a date (the core places each one on its day). A paid amount without a date (a Stripe or
 * QuickBooks partial payment, whose payments are not in the invoice object) cannot be placed: it is taken as
 * paid on time — never claiming interest that may not be owed — and a warning says so.
 */
function debtFromInvoice(invoice: Invoice): PenaltyDebt {
	if (invoice.status === 'void' || invoice.status === 'draft') {
		throw new DunningInputError(
			'invoice.status',
			`"${invoice.status}": ${invoice.status === 'void' ? 'a voided invoice is not owed' : 'a draft is not issued yet'}, so no late-payment penalty is due`,
		);
	}
	if (invoice.dueDate === null) {
		throw new DunningInputError(
			'invoice.dueDate',
			'missing: without a due date (e.g. a Stripe charge_automatically invoice) nothing can be late',
		);
	}
	const payments = inDateOrder(invoice.payments);
	const dated = payments.reduce((sum, payment) => sum + payment.amountMinor, 0);
	const notices: PenaltyNotice[] = [];
	const undated = invoice.paidMinor - dated;
	if (undated > 0) {
		notices.push({
			code: 'payment_undated',
			message: `invoice: ${minorToDecimalString(undated, invoice.currency)} ${invoice.currency} was paid without a recorded date; it was taken as paid on time (no interest on it) — pass the invoice's payments with their dates to count late ones`,
		});
	}
	const warnings = notices.map((notice) => notice.message);
	return {
		currency: invoice.currency,
		principalMinor: invoice.dueMinor + dated,
		dueDate: invoice.dueDate,
		payments,
		invoice,
		warnings,
		notices,
	};
}

export function readDebt(json: IDataObject, parameters: PenaltyParameters): PenaltyDebt {
	const { source, timezone } = parameters;
	if (source.kind === 'fields') return debtFromFields(source, timezone);
	return debtFromInvoice(
		readInvoice(json, { format: source.format, field: source.field, timezone }),
	);
}

/** The core's input: the debt, the rule and its options, as of a day. */
export function penaltyInput(
	debt: PenaltyDebt,
	parameters: PenaltyParameters,
	asOf: IsoDate,
): PenaltyInput {
	const input: PenaltyInput = {
		rule: parameters.rule,
		currency: debt.currency,
		principalMinor: debt.principalMinor,
		dueDate: debt.dueDate,
		asOf,
		payments: debt.payments,
		imputation: parameters.options.imputation ?? 'principal',
	};
	if (parameters.rule === 'custom') {
		input.customAnnualRatePercent = parameters.customAnnualRatePercent as number;
		const fixed = parameters.customFixedAmount;
		input.customFixedMinor =
			typeof fixed === 'string' && fixed.trim() === ''
				? 0
				: decimalToMinor(fixed, debt.currency, 'customFixedAmount');
	} else {
		input.consumer = parameters.consumer as boolean;
	}
	if (parameters.options.contractualRatePercent !== undefined) {
		input.contractualRatePercent = parameters.options.contractualRatePercent;
	}
	return input;
}

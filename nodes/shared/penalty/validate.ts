import { assertDayNumber, type IsoDate } from '../dates';
import { DunningInputError, describeValue } from '../errors';
import { assertMinorAmount, normalizeCurrency } from '../money';
import { RATE_SCALE, parsePercent } from './decimal';
import type { RuleContext } from './rules';
import type { PenaltyInput, PenaltyRule } from './types';

export interface Payment {
	/** Position in the input, for error messages. */
	index: number;
	day: number;
	amountMinor: number;
}

export interface ValidatedPenaltyInput extends RuleContext {
	rule: PenaltyRule;
	principalMinor: number;
	dueDay: number;
	asOfDay: number;
	asOf: IsoDate;
	/** In date order, zero amounts dropped (they change nothing). */
	payments: readonly Payment[];
	imputation: 'principal' | 'interest-first';
}

const RULES: readonly PenaltyRule[] = ['FR', 'EU', 'DE', 'UK', 'custom'];
const MAX_RATE = 100 * RATE_SCALE;

const present = (value: unknown): boolean => value !== undefined && value !== null;

function annualRate(value: unknown, field: string): number {
	if (typeof value !== 'number') {
		throw new DunningInputError(
			field,
			`${describeValue(value)} is not a number (percent per year)`,
		);
	}
	const scaled = parsePercent(value, field);
	if (scaled < 0 || scaled > MAX_RATE) {
		throw new DunningInputError(field, `${value} is not between 0 and 100 (percent per year)`);
	}
	return scaled;
}

/** Field names are built only for an error: valid payments are the hot path. */
const paymentField = (index: number): string => `penalty.payments[${index}]`;

function validatePayments(value: unknown): readonly Payment[] {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) {
		throw new DunningInputError('penalty.payments', `${describeValue(value)} is not a list`);
	}
	if (value.length === 0) return [];
	const payments: Payment[] = [];
	let previous: IsoDate | null = null;
	let previousDay = -Infinity;
	value.forEach((payment: unknown, index) => {
		if (typeof payment !== 'object' || payment === null || Array.isArray(payment)) {
			throw new DunningInputError(
				paymentField(index),
				`${describeValue(payment)} is not a { date, amountMinor }`,
			);
		}
		const { date, amountMinor } = payment as Record<string, unknown>;
		// ../dates keeps the valid dates it has seen with their day numbers: a repeated date is one look-up.
		const day = assertDayNumber(date, `${paymentField(index)}.date`);
		const iso = date as IsoDate;
		// Day numbers are in the order of the dates.
		if (day < previousDay) {
			throw new DunningInputError(
				`${paymentField(index)}.date`,
				`"${iso}" is before the previous payment ("${previous}"): list payments in date order`,
			);
		}
		previous = iso;
		previousDay = day;
		const amount =
			typeof amountMinor === 'number' && Number.isSafeInteger(amountMinor) && amountMinor >= 0
				? amountMinor
				: assertMinorAmount(amountMinor, `${paymentField(index)}.amountMinor`);
		if (amount > 0) payments.push({ index, day, amountMinor: amount });
	});
	return payments;
}

/** Checks every field of a `PenaltyInput`; each problem is a `DunningInputError` naming `penalty.<field>`. */
export function validatePenaltyInput(input: unknown): ValidatedPenaltyInput {
	if (typeof input !== 'object' || input === null || Array.isArray(input)) {
		throw new DunningInputError('penalty', `${describeValue(input)} is not a penalty input object`);
	}
	const raw = input as Partial<Record<keyof PenaltyInput, unknown>>;
	const rule = raw.rule as PenaltyRule;
	if (!RULES.includes(rule)) {
		throw new DunningInputError(
			'penalty.rule',
			`${describeValue(raw.rule)} is not one of ${RULES.join(', ')}`,
		);
	}
	const currency = normalizeCurrency(raw.currency, 'penalty.currency');
	const principalMinor = assertMinorAmount(raw.principalMinor, 'penalty.principalMinor');
	const dueDay = assertDayNumber(raw.dueDate, 'penalty.dueDate');
	const asOfDay = assertDayNumber(raw.asOf, 'penalty.asOf');
	const payments = validatePayments(raw.payments);
	const imputation = raw.imputation ?? 'principal';
	if (imputation !== 'principal' && imputation !== 'interest-first') {
		throw new DunningInputError(
			'penalty.imputation',
			`${describeValue(imputation)} is not "principal" or "interest-first"`,
		);
	}
	// Payments beyond the principal cannot be applied to it; interest-first checks each one as it goes.
	let paid = 0;
	for (const payment of payments) paid += payment.amountMinor;
	if (imputation === 'principal' && paid > principalMinor) {
		throw new DunningInputError(
			'penalty.payments',
			`the payments total ${paid}, more than the principal ${principalMinor}`,
		);
	}
	if (raw.consumer !== undefined && raw.consumer !== null && typeof raw.consumer !== 'boolean') {
		throw new DunningInputError(
			'penalty.consumer',
			`${describeValue(raw.consumer)} is not true or false`,
		);
	}
	let customScaled: number | null = null;
	let customFixedMinor = 0;
	if (rule === 'custom') {
		if (present(raw.contractualRatePercent)) {
			throw new DunningInputError(
				'penalty.contractualRatePercent',
				'is not used by rule "custom": give the rate as customAnnualRatePercent',
			);
		}
		customScaled = annualRate(raw.customAnnualRatePercent, 'penalty.customAnnualRatePercent');
		if (present(raw.customFixedMinor)) {
			customFixedMinor = assertMinorAmount(raw.customFixedMinor, 'penalty.customFixedMinor');
		}
	} else {
		const customField = present(raw.customAnnualRatePercent)
			? 'customAnnualRatePercent'
			: present(raw.customFixedMinor)
				? 'customFixedMinor'
				: null;
		if (customField) {
			throw new DunningInputError(
				`penalty.${customField}`,
				`is only used by rule "custom", not ${rule} (use contractualRatePercent for an agreed rate)`,
			);
		}
	}
	return {
		rule,
		currency,
		principalMinor,
		dueDate: raw.dueDate as IsoDate,
		dueDay,
		asOf: raw.asOf as IsoDate,
		asOfDay,
		payments,
		imputation,
		consumer: raw.consumer === true,
		contractualScaled: present(raw.contractualRatePercent)
			? annualRate(raw.contractualRatePercent, 'penalty.contractualRatePercent')
			: null,
		customScaled,
		customFixedMinor,
	};
}

import currencyCodes from 'currency-codes';

import { DunningInputError, describeValue } from './errors';

/**
 * Money is always an integer count of the currency's minor unit (cents, or yen for JPY).
 * Exponents come from the ISO 4217 table of the `currency-codes` package rather than a hand-typed list.
 */

// The table as a map, built once: `currencyCodes.code` scans the whole list at each call, and amounts are read
// and formatted several times per invoice. Our n8n chain per 10k invoices: 870 ms with, 1,659 ms without
// (bench/README.md, issue 24).
const EXPONENTS = new Map(
	currencyCodes.data
		// ISO 4217 also lists precious metals, testing and fund codes (X..): they are not invoice currencies.
		.filter((entry) => !entry.countries.some((country) => country.startsWith('Zz')))
		.map((entry) => [entry.code, entry.digits]),
);

function lookUpExponent(code: unknown): number | undefined {
	return typeof code === 'string' ? EXPONENTS.get(code.toUpperCase()) : undefined;
}

/** Validates a currency code (any case) and returns it in upper case. */
export function normalizeCurrency(value: unknown, field = 'currency'): string {
	if (typeof value !== 'string' || !/^[A-Za-z]{3}$/.test(value)) {
		throw new DunningInputError(field, `${describeValue(value)} is not an ISO 4217 currency code`);
	}
	const code = value.toUpperCase();
	if (lookUpExponent(code) === undefined) {
		throw new DunningInputError(field, `${describeValue(value)} is not a known ISO 4217 currency`);
	}
	return code;
}

/** Number of decimals of the currency's minor unit (2 for EUR, 0 for JPY, 3 for KWD). */
export function currencyExponent(currency: string, field = 'currency'): number {
	const exponent = lookUpExponent(currency);
	if (exponent === undefined) return currencyExponent(normalizeCurrency(currency, field), field);
	return exponent;
}

/** Checks that a value is already an integer amount in minor units. */
export function assertMinorAmount(
	value: unknown,
	field: string,
	options: { allowNegative?: boolean } | null = {},
): number {
	const allowNegative = options?.allowNegative === true;
	if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
		throw new DunningInputError(
			field,
			`${describeValue(value)} is not an integer amount in minor units`,
		);
	}
	if (!allowNegative && value < 0) {
		throw new DunningInputError(field, `${value} is negative`);
	}
	return value;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/**
 * Converts a decimal amount in major units (`1187.34` or `"1187.34"`) to minor units without going
 * through floating-point multiplication (1187.34 * 100 is 118733.99999999999 in IEEE 754).
 * A JavaScript number is read through its shortest round-trip string, which is the decimal that was written
 * in the JSON it came from.
 */
export function decimalToMinor(
	value: unknown,
	currency: string,
	field: string,
	options: { allowNegative?: boolean } | null = {},
): number {
	const allowNegative = options?.allowNegative === true;
	let text: string;
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) {
			throw new DunningInputError(field, `${describeValue(value)} is not a finite amount`);
		}
		if (Math.abs(value) >= 1e21) {
			throw new DunningInputError(field, `${describeValue(value)} is too large to be exact`);
		}
		text = value.toString();
		if (text.includes('e')) text = expandExponent(value);
	} else if (typeof value === 'string') {
		text = value.trim();
	} else {
		throw new DunningInputError(field, `${describeValue(value)} is not a decimal amount`);
	}
	const match = DECIMAL.exec(text);
	if (!match || (match[2] === '' && (match[3] ?? '') === '')) {
		throw new DunningInputError(field, `${describeValue(value)} is not a decimal amount`);
	}
	const [, sign, whole, fraction = ''] = match;
	const exponent = currencyExponent(currency);
	const significant = fraction.replace(/0+$/, '');
	if (significant.length > exponent) {
		throw new DunningInputError(
			field,
			`${describeValue(value)} has more decimals than ${currency} allows (${exponent})`,
		);
	}
	const digits = `${whole || '0'}${significant.padEnd(exponent, '0')}`;
	const minor = Number(digits);
	if (!Number.isSafeInteger(minor)) {
		throw new DunningInputError(field, `${describeValue(value)} is too large to be exact`);
	}
	const signed = sign === '-' && minor !== 0 ? -minor : minor;
	if (!allowNegative && signed < 0) {
		throw new DunningInputError(field, `${describeValue(value)} is negative`);
	}
	return signed;
}

function expandExponent(value: number): string {
	// Tiny numbers print in exponent form (1e-7); written out, they are read (or refused) like any decimal.
	return value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

/** Formats minor units as a plain decimal string (`123456`, EUR → `"1234.56"`), for APIs and CSV. */
export function minorToDecimalString(minor: number, currency: string): string {
	const exponent = currencyExponent(currency);
	// Any integer: the composer also lays out amounts beyond 2^53 (exact only up to it, as Intl does).
	if (typeof minor !== 'number' || !Number.isInteger(minor) || Math.abs(minor) >= 1e21) {
		throw new DunningInputError(
			'minor',
			`${describeValue(minor)} is not an integer amount in minor units`,
		);
	}
	const negative = minor < 0;
	const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
	const whole = digits.slice(0, digits.length - exponent);
	const fraction = exponent > 0 ? `.${digits.slice(digits.length - exponent)}` : '';
	return `${negative ? '-' : ''}${whole}${fraction}`;
}

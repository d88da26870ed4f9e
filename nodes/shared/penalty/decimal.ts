import { DunningInputError, describeValue } from '../errors';

/**
 * Rates travel as integers of 1/10,000 of a percent (12.15 % → 121500) and money as integer minor units, so
 * that `base × rate × days / 365` is exact for any base up to 2^53 and any 4-decimal rate. Plain numbers carry
 * them (a rate is at most a few million); only a product beyond 2^53 is taken through BigInt.
 */
export const RATE_SCALE = 10_000;

const PERCENT = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Reads a percent given as a JS number or a decimal string. A number is read through its shortest round-trip
 * string (12.15 → "12.15"), which is the decimal that was typed, never through `12.15 * 10000`. Exact up to
 * 9 × 10^11 %, far beyond any rate accepted (callers refuse more than 100 %).
 */
export function parsePercent(value: unknown, field: string): number {
	const text =
		typeof value === 'number' && Number.isFinite(value)
			? String(value)
			: typeof value === 'string'
				? value.trim()
				: '';
	const match = PERCENT.exec(text);
	if (!match || (match[3] ?? '').replace(/0+$/, '').length > 4) {
		throw new DunningInputError(
			field,
			`${describeValue(value)} is not a percent with at most 4 decimals (12.15 for 12.15 %)`,
		);
	}
	const scaled =
		Number(match[2]) * RATE_SCALE + Number((match[3] ?? '').slice(0, 4).padEnd(4, '0'));
	// "-0" is 0, not -0 (which would print and compare as a distinct value).
	return match[1] === '-' && scaled !== 0 ? -scaled : scaled;
}

/** The nearest double to the decimal rate (121500 → 12.15), for the result's `annualRatePercent`. */
export function percentToNumber(scaled: number): number {
	return scaled / RATE_SCALE;
}

/** The error for a figure that would pass 2^53 minor units, where a double can no longer be exact. */
export function tooLargeToBeExact(): DunningInputError {
	return new DunningInputError(
		'penalty.principalMinor',
		'the interest would exceed 2^53 minor units and could not be exact',
	);
}

/** Integer division rounded half-up (half away from zero for a negative numerator), in BigInt. */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
	if (numerator < 0n) return -divideHalfUp(-numerator, denominator);
	return (2n * numerator + denominator) / (2n * denominator);
}

/**
 * The same for a numerator of at most 2^53 − 1 in magnitude, without allocating. The double division is off
 * by less than 1/denominator there, and the distance from a fraction to the next integer is at least that,
 * so its floor is the exact quotient; the remainder is then exact too. (`%` would be exact as well, but V8
 * computes it out of line.)
 */
export function divideSafeHalfUp(numerator: number, denominator: number): number {
	// A zero result is +0, never −0 (from a −0 numerator, or as −x of 0).
	if (numerator === 0) return 0;
	if (numerator < 0) return 0 - divideSafeHalfUp(-numerator, denominator);
	const quotient = Math.floor(numerator / denominator);
	const remainder = numerator - quotient * denominator;
	return 2 * remainder >= denominator ? quotient + 1 : quotient;
}

/**
 * Simple interest of one period, rounded half-up to the minor unit: base × rate × days / divisor. The
 * product of integers is exact as a double exactly when it is a safe integer (an inexact one is at least
 * 2^53): at 12 % for three years, any base below 6.8 × 10^7 minor units. Beyond, BigInt keeps it exact.
 */
export function periodInterest(
	baseMinor: number,
	rateScaled: number,
	days: number,
	dayCountDivisor: number,
): number {
	const denominator = dayCountDivisor * 100 * RATE_SCALE;
	const product = baseMinor * rateScaled * days;
	if (Number.isSafeInteger(product)) return divideSafeHalfUp(product, denominator);
	const exact = divideHalfUp(
		BigInt(baseMinor) * BigInt(rateScaled) * BigInt(days),
		BigInt(denominator),
	);
	if (exact > BigInt(Number.MAX_SAFE_INTEGER) || exact < BigInt(Number.MIN_SAFE_INTEGER)) {
		throw tooLargeToBeExact();
	}
	return Number(exact);
}

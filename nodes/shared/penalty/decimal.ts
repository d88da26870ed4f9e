import { DunningInputError, describeValue } from '../errors';

/**
 * Rates travel as integers of 1/10,000 of a percent (12.15 % → 121500) and money as integer minor units, so
 * that `base × rate × days / 365` is exact for any base up to 2^53 and any 4-decimal rate: the product is
 * taken through BigInt.
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
 * Simple interest of one period, rounded half-up to the minor unit: base × rate × days / divisor, exact in
 * BigInt whatever the base.
 */
export function periodInterest(
	baseMinor: number,
	rateScaled: number,
	days: number,
	dayCountDivisor: number,
): number {
	const exact = divideHalfUp(
		BigInt(baseMinor) * BigInt(rateScaled) * BigInt(days),
		BigInt(dayCountDivisor * 100 * RATE_SCALE),
	);
	if (exact > BigInt(Number.MAX_SAFE_INTEGER) || exact < BigInt(Number.MIN_SAFE_INTEGER)) {
		throw tooLargeToBeExact();
	}
	return Number(exact);
}

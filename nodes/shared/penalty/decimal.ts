import { DunningInputError, describeValue } from '../errors';

/**
 * Rates travel as integers of 1/10,000 of a percent (12.15 % → 121500n) and money as BigInt minor units, so
 * that `base × rate × days / 365` is exact for any base up to 2^53 and any 4-decimal rate.
 */
export const RATE_SCALE = 10_000n;

const PERCENT = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Reads a percent given as a JS number or a decimal string. A number is read through its shortest round-trip
 * string (12.15 → "12.15"), which is the decimal that was typed, never through `12.15 * 10000`.
 */
export function parsePercent(value: unknown, field: string): bigint {
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
		BigInt(match[2]) * RATE_SCALE + BigInt((match[3] ?? '').slice(0, 4).padEnd(4, '0'));
	return match[1] === '-' ? -scaled : scaled;
}

/** The nearest double to the decimal rate (121500n → 12.15), for the result's `annualRatePercent`. */
export function percentToNumber(scaled: bigint): number {
	return Number(scaled) / Number(RATE_SCALE);
}

/** "12.15 %", "10.40 %": at least two decimals, for warnings. */
export function formatPercent(scaled: bigint): string {
	const negative = scaled < 0n;
	const digits = (negative ? -scaled : scaled).toString().padStart(5, '0');
	const fraction = digits
		.slice(-4)
		.replace(/0{1,2}$/, '')
		.replace(/(\d\d)0$/, '$1');
	return `${negative ? '-' : ''}${digits.slice(0, -4)}.${fraction} %`;
}

/** Integer division rounded half-up (half away from zero for a negative numerator). */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
	if (numerator < 0n) return -divideHalfUp(-numerator, denominator);
	return (2n * numerator + denominator) / (2n * denominator);
}

/** Simple interest of one period, rounded half-up to the minor unit: base × rate × days / divisor. */
export function periodInterest(
	baseMinor: number,
	rateScaled: bigint,
	days: number,
	dayCountDivisor: number,
): bigint {
	return divideHalfUp(
		BigInt(baseMinor) * rateScaled * BigInt(days),
		BigInt(dayCountDivisor) * 100n * RATE_SCALE,
	);
}

import { fromDayNumber, toDayNumber } from '../../../nodes/shared/dates';
import { DunningInputError } from '../../../nodes/shared/errors';
import { periodInterest } from '../../../nodes/shared/penalty/decimal';
import { halfYearOfDay, nextHalfYear } from '../../../nodes/shared/penalty/half-year';
import { penalty } from './helpers';
import { seededRandom } from '../../helpers/random';

// Interest is exact at any size (integer arithmetic, rounded half-up once), and half-years follow the calendar.

/** base × rate × days / (divisor × 10^6) rounded half-up, entirely in BigInt: the reference. */
function exactInterest(base: number, rateScaled: number, days: number, divisor = 365): bigint {
	const numerator = BigInt(base) * BigInt(rateScaled) * BigInt(days);
	const denominator = BigInt(divisor) * 1_000_000n;
	return (2n * numerator + denominator) / (2n * denominator);
}

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

describe('period interest on both sides of 2^53', () => {
	// At 100 % for 365 days the product is base × 3.65 × 10^8: 24,677,258 keeps it below 2^53, one more
	// minor unit takes it above, where a double product would no longer be exact.
	const lastSafeBase = Math.floor(MAX_SAFE / 365_000_000);

	it.each([
		[lastSafeBase, 1_000_000, 365],
		[lastSafeBase + 1, 1_000_000, 365],
		[lastSafeBase, 999_999, 366],
		[lastSafeBase + 1, 999_999, 366],
		[MAX_SAFE, 121_500, 1],
		[MAX_SAFE, 1, 1],
		[9_999_999_999_975, 100_000, 73],
	])('base %d, rate %d, %d days', (base, rate, days) => {
		expect(periodInterest(base, rate, days, 365)).toBe(Number(exactInterest(base, rate, days)));
	});

	it('random bases, rates and spans whose product straddles 2^53', () => {
		const next = seededRandom(2);
		let above = 0;
		for (let i = 0; i < 5000; i++) {
			const rate = Math.floor(next() * 1_000_001);
			const days = 1 + Math.floor(next() * 3000);
			// Products from about 2^43 to 2^63.
			const base = Math.min(MAX_SAFE, Math.floor(2 ** (10 + next() * 40) * (1 + next())));
			const exact = exactInterest(base, rate, days);
			if (exact > BigInt(MAX_SAFE)) continue;
			if (base * rate * days > MAX_SAFE) above++;
			const got = periodInterest(base, rate, days, 365);
			if (got !== Number(exact)) throw new Error(`${base} × ${rate} × ${days}: expected ${exact}`);
		}
		expect(above).toBeGreaterThan(1000); // products beyond 2^53 were exercised
	});

	it('calculatePenalty gives the same exact figures just below and just above', () => {
		for (const base of [lastSafeBase, lastSafeBase + 1, 3 * lastSafeBase + 7]) {
			// 99.9999 % for 366 days (2023-12-31 is due, 2024 is a leap year).
			const result = penalty({
				rule: 'custom',
				customAnnualRatePercent: 99.9999,
				principalMinor: base,
				dueDate: '2023-12-31',
				asOf: '2024-12-31',
			});
			expect(result.periods[0].days).toBe(366);
			expect(result.interestMinor).toBe(Number(exactInterest(base, 999_999, 366)));
		}
	});

	it('interest beyond 2^53 minor units is refused, never rounded', () => {
		const tooLarge = (): unknown =>
			penalty({
				rule: 'custom',
				customAnnualRatePercent: 100,
				principalMinor: 8e15,
				dueDate: '2024-01-01',
				asOf: '2026-01-01',
			});
		expect(tooLarge).toThrow(DunningInputError);
		expect(tooLarge).toThrow(
			'penalty.principalMinor: the interest would exceed 2^53 minor units and could not be exact',
		);
	});

	it('a total beyond 2^53 through the fixed amount is refused too', () => {
		expect(() =>
			penalty({
				rule: 'custom',
				customAnnualRatePercent: 10,
				customFixedMinor: MAX_SAFE,
				principalMinor: 1_000_000,
			}),
		).toThrow('the interest would exceed 2^53 minor units');
	});
});

describe('half-years from day numbers', () => {
	it('match the calendar for every day from 1900 to 2100', () => {
		for (let day = toDayNumber('1900-01-01'); day <= toDayNumber('2100-12-31'); day++) {
			const date = fromDayNumber(day);
			const year = date.slice(0, 4);
			const first = Number(date.slice(5, 7)) <= 6;
			const halfYear = halfYearOfDay(day);
			if (
				halfYear.label !== `${year}-S${first ? 1 : 2}` ||
				halfYear.startDay !== toDayNumber(`${year}-${first ? '01-01' : '07-01'}`) ||
				halfYear.endDay !== toDayNumber(`${year}-${first ? '06-30' : '12-31'}`)
			) {
				throw new Error(`${date}: ${JSON.stringify(halfYear)}`);
			}
		}
	});

	it('the next half-year starts the day after one ends', () => {
		let halfYear = halfYearOfDay(toDayNumber('1999-12-31'));
		for (let i = 0; i < 100; i++) {
			const following = nextHalfYear(halfYear);
			expect(following.startDay).toBe(halfYear.endDay + 1);
			expect(following).toEqual(halfYearOfDay(halfYear.endDay + 1));
			halfYear = following;
		}
	});
});

describe('rates and inputs from one result to the next', () => {
	it('results share nothing mutable', () => {
		// 2026-S2 carries a warning (the rate is not confirmed in the shipped table).
		const input = { dueDate: '2026-06-15', asOf: '2026-08-01' } as const;
		const first = penalty(input);
		expect(first.warnings.length).toBeGreaterThan(0);
		first.warnings.push('changed by a caller');
		first.periods[0].interestMinor = -1;
		const second = penalty(input);
		expect(second.warnings).not.toContain('changed by a caller');
		expect(second.periods[0].interestMinor).toBeGreaterThan(0);
	});

	it('a date or currency seen before is still checked against the value given', () => {
		penalty({ dueDate: '2026-01-31', currency: 'eur' });
		expect(() => penalty({ dueDate: '2026-02-30' })).toThrow(
			'penalty.dueDate: "2026-02-30" is not a date (YYYY-MM-DD)',
		);
		expect(() => penalty({ asOf: 20260302 as unknown as string })).toThrow('penalty.asOf');
		expect(() => penalty({ currency: 'EURO' })).toThrow('penalty.currency');
		expect(penalty({ currency: 'eur' }).compensationMinor).toBe(4000);
		// A known currency other than EUR is computed (issue 19): its 40 EUR stays apart, not added.
		expect(penalty({ currency: 'usd' }).compensationMinor).toBe(0);
		expect(() => penalty({ currency: 'usx' })).toThrow('penalty.currency');
	});
});

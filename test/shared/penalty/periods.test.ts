import { expectConsistent, penalty } from './helpers';

// Base 10,000.00 EUR unless stated; interest of a period = base × rate × days / 36500, rounded half-up.
describe('half-year periods (FR, EU, DE split at 1 January and 1 July)', () => {
	it('FR: a span crossing 1 July and 1 January uses each half-year rate', () => {
		// Late 2025-06-21 .. 2026-01-10.
		// 2025-S1 13.15 % × 10 d = 3602.74 → 3603; 2025-S2 12.15 % × 184 d = 61249.32 → 61249;
		// 2026-S1 12.15 % × 10 d = 3328.77 → 3329 (same rate, still its own half-year period).
		const result = penalty({ dueDate: '2025-06-20', asOf: '2026-01-10' });
		expect(
			result.periods.map(({ from, to, days, annualRatePercent, interestMinor }) => [
				from,
				to,
				days,
				annualRatePercent,
				interestMinor,
			]),
		).toEqual([
			['2025-06-21', '2025-06-30', 10, 13.15, 3603],
			['2025-07-01', '2025-12-31', 184, 12.15, 61249],
			['2026-01-01', '2026-01-10', 10, 12.15, 3329],
		]);
		expect(result.interestMinor).toBe(68_181);
		expect(result.compensationMinor).toBe(4000);
		expectConsistent(result);
	});

	it('EU: crossing 1 January 2025 (12.25 % then 11.15 %)', () => {
		// 10 d × 12.25 % = 3356.16 → 3356; 10 d × 11.15 % = 3054.79 → 3055.
		const result = penalty({ rule: 'EU', dueDate: '2024-12-21', asOf: '2025-01-10' });
		expect(
			result.periods.map((period) => [period.annualRatePercent, period.interestMinor]),
		).toEqual([
			[12.25, 3356],
			[11.15, 3055],
		]);
		expect(result.interestMinor).toBe(6411);
	});

	it('DE: crossing 1 July 2025 (2.27 + 9 = 11.27 %, then 1.27 + 9 = 10.27 %)', () => {
		// Due Friday 2025-06-20. 10 d × 11.27 % = 3087.67 → 3088; 10 d × 10.27 % = 2813.70 → 2814.
		const result = penalty({ rule: 'DE', dueDate: '2025-06-20', asOf: '2025-07-10' });
		expect(
			result.periods.map((period) => [period.from, period.annualRatePercent, period.interestMinor]),
		).toEqual([
			['2025-06-21', 11.27, 3088],
			['2025-07-01', 10.27, 2814],
		]);
	});

	it('UK: the rate is fixed at the reference date for the whole life of the debt', () => {
		// First late day 2025-12-16 → reference 2025-06-30 (4.25 %) → 12.25 % for all 229 days, although the
		// 2026-S1 reference rate is 3.75 %: 1000000 × 12.25 × 229 / 36500 = 76856.16 → 76856.
		const result = penalty({
			rule: 'UK',
			currency: 'GBP',
			dueDate: '2025-12-15',
			asOf: '2026-08-01',
		});
		expect(result.periods).toEqual([
			{
				from: '2025-12-16',
				to: '2026-08-01',
				days: 229,
				annualRatePercent: 12.25,
				baseMinor: 1_000_000,
				interestMinor: 76_856,
				rateStatus: 'confirmed',
			},
		]);
		expect(result.compensationMinor).toBe(10_000); // £10,000.00 → £100
	});

	it('custom: one rate for the whole span, no split, fixed amount in the invoice currency', () => {
		// 2025-06-21 .. 2026-01-10 = 204 days; 1000000 × 8 × 204 / 36500 = 44712.33 → 44712.
		const result = penalty({
			rule: 'custom',
			currency: 'USD',
			customAnnualRatePercent: 8,
			customFixedMinor: 2500,
			dueDate: '2025-06-20',
			asOf: '2026-01-10',
		});
		expect(result.periods).toEqual([expect.objectContaining({ days: 204, interestMinor: 44_712 })]);
		expect(result.compensationMinor).toBe(2500);
		expect(result.totalMinor).toBe(47_212);
		expect(result.legalBasis).toMatch(/Contractual/);
	});

	it('custom: customFixedMinor defaults to 0', () => {
		const result = penalty({ rule: 'custom', customAnnualRatePercent: 10 });
		expect(result.compensationMinor).toBe(0);
		expect(result.interestMinor).toBe(8219); // 1000000 × 10 × 30 / 36500 = 8219.18
	});
});

describe('not late yet', () => {
	it.each([
		['asOf before the due date', '2026-01-20'],
		['asOf on the due date', '2026-01-31'],
	])('%s: zero interest, no compensation, no error', (_label, asOf) => {
		const result = penalty({ asOf });
		expect(result).toEqual({
			interestMinor: 0,
			compensationMinor: 0,
			totalMinor: 0,
			periods: [],
			legalBasis: 'Code de commerce L441-10 II, D441-5',
			warnings: [],
			fixedCompensation: { currency: 'EUR', amountMinor: 0 },
			notices: [],
		});
	});

	it('the day after the due date is the first late day', () => {
		// 1 day × 12.15 % on 10,000.00 = 332.88 → 333.
		const result = penalty({ asOf: '2026-02-01' });
		expect(result.periods).toEqual([
			expect.objectContaining({
				from: '2026-02-01',
				to: '2026-02-01',
				days: 1,
				interestMinor: 333,
			}),
		]);
		expect(result.compensationMinor).toBe(4000);
	});
});

describe('§193 BGB (DE): a due date on a weekend or public holiday moves to the next business day', () => {
	it('due Saturday 2026-10-03 (also a holiday) → on time until Monday 10-05', () => {
		expect(penalty({ rule: 'DE', dueDate: '2026-10-03', asOf: '2026-10-05' }).totalMinor).toBe(0);
		// Late 10-06 .. 10-15 = 10 days at 1.52 + 9 = 10.52 %: 2882.19 → 2882.
		const result = penalty({ rule: 'DE', dueDate: '2026-10-03', asOf: '2026-10-15' });
		expect(result.periods).toEqual([
			expect.objectContaining({
				from: '2026-10-06',
				days: 10,
				annualRatePercent: 10.52,
				interestMinor: 2882,
			}),
		]);
		expect(result.compensationMinor).toBe(4000);
	});

	it('due on Christmas Day (Friday 2026-12-25) → Monday 12-28, late from 12-29', () => {
		// 3 days at 10.52 %: 864.66 → 865.
		const result = penalty({ rule: 'DE', dueDate: '2026-12-25', asOf: '2026-12-31' });
		expect(result.periods).toEqual([
			expect.objectContaining({ from: '2026-12-29', days: 3, interestMinor: 865 }),
		]);
	});

	it('due Good Friday 2026-04-03 → Tuesday 04-07 (after Easter Monday), late from 04-08', () => {
		// Business day on or after: Tue 2026-04-07; late 04-08 .. 04-17 = 10 days at 10.27 %: 2813.70 → 2814.
		const result = penalty({ rule: 'DE', dueDate: '2026-04-03', asOf: '2026-04-17' });
		expect(result.periods).toEqual([
			expect.objectContaining({ from: '2026-04-08', days: 10, interestMinor: 2814 }),
		]);
	});

	it('FR does not shift: due Saturday 2026-05-02 is late from Sunday 05-03', () => {
		const result = penalty({ dueDate: '2026-05-02', asOf: '2026-05-12' });
		expect(result.periods[0]).toMatchObject({ from: '2026-05-03', days: 10 });
	});
});

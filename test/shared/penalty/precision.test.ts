import { penalty } from './helpers';

describe('exact integer arithmetic', () => {
	it('10^12 minor units stay exact', () => {
		// 10^12 × 12.15 % × 30 / 365 = 3.645e13 × 10^4 / 3.65e6 ... exactly 9986301369.863… → 9986301370.
		const expected =
			(10n ** 12n * 121_500n * 30n * 2n + 365n * 10n ** 6n) / (2n * 365n * 10n ** 6n);
		expect(expected).toBe(9_986_301_370n);
		const result = penalty({ principalMinor: 1e12 });
		expect(result.interestMinor).toBe(9_986_301_370);
		expect(result.totalMinor).toBe(9_986_305_370);
	});

	it('an exact half near 10^12 rounds up', () => {
		// 999,999,999,975 × 10 % × 73 / 365 = 19,999,999,999.5 exactly → 20,000,000,000.
		const result = penalty({
			rule: 'custom',
			customAnnualRatePercent: 10,
			principalMinor: 999_999_999_975,
			dueDate: '2026-01-01',
			asOf: '2026-03-15',
		});
		expect(result.periods[0].days).toBe(73);
		expect(result.interestMinor).toBe(20_000_000_000);
	});

	it.each([
		[73, 0, 1], // 73 × 10 × 25 / 36500 = 0.5 → 1
		[365, 1, 3], // 2.5 → 3 (half-up, where bankers' rounding would give 2)
		[364, 1, 2], // 2.493… → 2
	])('base %i at 10 %% for 25 days rounds half-up (case %i) to %i', (base, _case, expected) => {
		const result = penalty({
			rule: 'custom',
			customAnnualRatePercent: 10,
			principalMinor: base,
			dueDate: '2026-01-01',
			asOf: '2026-01-26',
		});
		expect(result.interestMinor).toBe(expected);
	});

	it('reads a 4-decimal contractual rate from its decimal digits, not from float multiplication', () => {
		// 12.1234 %: 1000000 × 12.1234 × 30 / 36500 = 9964.44 → 9964 (FR 2026-S1 floor 7.86 % does not bind).
		const result = penalty({ contractualRatePercent: 12.1234 });
		expect(result.periods[0].annualRatePercent).toBe(12.1234);
		expect(result.interestMinor).toBe(9964);
	});

	it('ACT/365 stays 365 in a leap year: 366 late days earn more than one year of interest', () => {
		// 2024-01-01 .. 2024-12-31 = 366 days; 1000000 × 10 × 366 / 36500 = 100273.97 → 100274.
		const result = penalty({
			rule: 'custom',
			customAnnualRatePercent: 10,
			dueDate: '2023-12-31',
			asOf: '2024-12-31',
		});
		expect(result.periods[0].days).toBe(366);
		expect(result.interestMinor).toBe(100_274);
	});

	it('29 February counts as a late day (FR, 2024-S1 14.50 %)', () => {
		// 2024-02-28 .. 2024-03-01 = 3 days; 1000000 × 14.5 × 3 / 36500 = 1191.78 → 1192.
		const result = penalty({ dueDate: '2024-02-27', asOf: '2024-03-01' });
		expect(result.periods[0].days).toBe(3);
		expect(result.interestMinor).toBe(1192);
	});

	it('JPY has no minor decimals: interest is rounded to the yen', () => {
		// ¥123,457 at 12.15 % for 17 days = 698.63 → ¥699; fixed ¥5,000.
		const result = penalty({
			rule: 'custom',
			currency: 'jpy',
			customAnnualRatePercent: 12.15,
			customFixedMinor: 5000,
			principalMinor: 123_457,
			dueDate: '2026-01-31',
			asOf: '2026-02-17',
		});
		expect(result.interestMinor).toBe(699);
		expect(result.totalMinor).toBe(5699);
	});
});

import { expectConsistent, penalty } from './helpers';

// The published worked examples of penalty-rules.md, each reproduced through a real rule and half-year whose
// rate is the one of the example. Interest = base × rate × days / 36500, rounded half-up.
describe('worked examples of penalty-rules.md', () => {
	it('FR: 5,000 EUR at 10 % for 30 days = 41.10 EUR (statutory 10.00 % in 2021-S1: ECB 0.00 + 10)', () => {
		// 500000 × 10 × 30 / 36500 = 4109.59 → 4110; due 2021-03-01, late 2021-03-02 .. 2021-03-31.
		const result = penalty({ principalMinor: 500_000, dueDate: '2021-03-01', asOf: '2021-03-31' });
		expect(result.interestMinor).toBe(4110);
		expect(result.compensationMinor).toBe(4000);
		expect(result.totalMinor).toBe(8110);
		expect(result.periods).toEqual([
			{
				from: '2021-03-02',
				to: '2021-03-31',
				days: 30,
				annualRatePercent: 10,
				baseMinor: 500_000,
				interestMinor: 4110,
				rateStatus: 'confirmed',
			},
		]);
		expect(result.legalBasis).toBe('Code de commerce L441-10 II, D441-5');
		expect(result.warnings).toEqual([]);
	});

	it('FR: 15,000 EUR at 15 % for 30 days = 184.93 EUR (contractual 15 %, above the 7.86 % floor)', () => {
		// 1500000 × 15 × 30 / 36500 = 18493.15 → 18493.
		const result = penalty({ principalMinor: 1_500_000, contractualRatePercent: 15 });
		expect(result.interestMinor).toBe(18_493);
		expect(result.periods).toHaveLength(1);
		expect(result.periods[0]).toMatchObject({ days: 30, annualRatePercent: 15 });
		expect(result.totalMinor).toBe(18_493 + 4000);
		expect(result.warnings).toEqual([]);
	});

	it('FR: 1,000 EUR at 14.5 % for 30 days = 11.92 EUR (statutory 14.50 % in 2024-S1, February of a leap year)', () => {
		// Late 2024-02-01 .. 2024-03-01 = 29 + 1 = 30 days; 100000 × 14.5 × 30 / 36500 = 1191.78 → 1192.
		const result = penalty({ principalMinor: 100_000, dueDate: '2024-01-31', asOf: '2024-03-01' });
		expect(result.periods).toEqual([
			expect.objectContaining({ days: 30, annualRatePercent: 14.5, interestMinor: 1192 }),
		]);
		expect(result.interestMinor).toBe(1192);
	});

	it('DE: 1,000 EUR at 5.12 % for 25 days = 3.51 EUR (consumer: Basiszinssatz 0.12 + 5 in 2010-S1)', () => {
		// Due Monday 2010-03-01, late 2010-03-02 .. 2010-03-26; 100000 × 5.12 × 25 / 36500 = 350.68 → 351.
		const result = penalty({
			rule: 'DE',
			consumer: true,
			principalMinor: 100_000,
			dueDate: '2010-03-01',
			asOf: '2010-03-26',
		});
		expect(result.periods).toEqual([
			expect.objectContaining({ days: 25, annualRatePercent: 5.12, interestMinor: 351 }),
		]);
		expect(result.compensationMinor).toBe(0); // §288 V: business debtors only
		expect(result.legalBasis).toMatch(/§288 I/);
	});

	it('UK: £5,000 at 12.5 % for 30 days = £51.37 interest plus £70', () => {
		// Contractual 12.5 % (above the statutory 11.75 %); 500000 × 12.5 × 30 / 36500 = 5136.99 → 5137.
		const result = penalty({
			rule: 'UK',
			currency: 'GBP',
			principalMinor: 500_000,
			contractualRatePercent: 12.5,
		});
		expect(result.interestMinor).toBe(5137);
		expect(result.compensationMinor).toBe(7000);
		expect(result.totalMinor).toBe(12_137);
		expect(result.warnings).toEqual([]);
	});

	it('UK: exact simple interest £11.64 where gov.uk rounds the daily figure (£0.23 × 50 = £11.50)', () => {
		// £1,000 at 8.5 % (base 0.50 + 8 in 2015) for 50 days: 100000 × 8.5 × 50 / 36500 = 1164.38 → 1164.
		const result = penalty({
			rule: 'UK',
			currency: 'GBP',
			principalMinor: 100_000,
			dueDate: '2015-03-02',
			asOf: '2015-04-21',
		});
		expect(result.periods).toEqual([
			expect.objectContaining({ days: 50, annualRatePercent: 8.5, interestMinor: 1164 }),
		]);
		expect(result.compensationMinor).toBe(7000); // £1,000.00 is in the £1,000–£9,999.99 band
	});

	it('EU: statutory ECB + 8 with 40 EUR', () => {
		// 2026-S1: ECB 2.15 + 8 = 10.15 %; 1000000 × 10.15 × 30 / 36500 = 8342.47 → 8342.
		const result = penalty({ rule: 'EU' });
		expect(result.periods).toEqual([
			expect.objectContaining({ days: 30, annualRatePercent: 10.15, interestMinor: 8342 }),
		]);
		expect(result.compensationMinor).toBe(4000);
		expectConsistent(result);
	});

	it('DE: business debtor, Basiszinssatz + 9 and the 40 EUR Pauschale', () => {
		// 2026-S1: 1.27 + 9 = 10.27 %; due Monday 2026-03-02, late 03-03 .. 04-01 = 30 days;
		// 1000000 × 10.27 × 30 / 36500 = 8441.10 → 8441.
		const result = penalty({ rule: 'DE', dueDate: '2026-03-02', asOf: '2026-04-01' });
		expect(result.periods).toEqual([
			expect.objectContaining({
				from: '2026-03-03',
				days: 30,
				annualRatePercent: 10.27,
				interestMinor: 8441,
			}),
		]);
		expect(result.compensationMinor).toBe(4000);
	});
});

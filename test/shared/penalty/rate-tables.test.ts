import { RATE_TABLES } from '../../../nodes/shared/penalty';
import { penalty } from './helpers';

describe('reference-rate tables', () => {
	it.each(Object.entries(RATE_TABLES))(
		'%s: contiguous half-years, each dated with source and status',
		(_name, table) => {
			table.entries.forEach((entry, index) => {
				expect(entry.from).toMatch(/^\d{4}-(01|07)-01$/);
				expect(entry.source.length).toBeGreaterThan(10);
				expect(entry.status).not.toBe('');
				if (!entry.confirmed) expect(entry.gap).toBeTruthy();
				if (index > 0) {
					const [year, half] = table.entries[index - 1].halfYear.split('-S').map(Number);
					expect(entry.halfYear).toBe(half === 1 ? `${year}-S2` : `${year + 1}-S1`);
				}
			});
		},
	);

	it('ships the unconfirmed rows of 2026-S2 flagged', () => {
		const last = (name: keyof typeof RATE_TABLES) => RATE_TABLES[name].entries.at(-1);
		expect(last('fr')).toMatchObject({
			halfYear: '2026-S2',
			ratePercent: '2.40',
			confirmed: false,
		});
		expect(last('de')).toMatchObject({
			halfYear: '2026-S2',
			ratePercent: '1.52',
			confirmed: false,
		});
		expect(last('tauxLegal')).toMatchObject({
			halfYear: '2026-S2',
			ratePercent: null,
			confirmed: false,
		});
		expect(last('uk')).toMatchObject({
			halfYear: '2026-S2',
			referenceDate: '2026-06-30',
			confirmed: true,
		});
	});
});

describe('warnings for unconfirmed and missing rates', () => {
	it('no warning when every half-year used is confirmed', () => {
		expect(penalty({ dueDate: '2026-06-01', asOf: '2026-06-30' }).warnings).toEqual([]);
	});

	it('FR 2026-S2 (ECB hike only reported) warns, naming the half-year and the gap', () => {
		// 10 d at 12.40 % = 3397.26 → 3397.
		const result = penalty({ dueDate: '2026-08-31', asOf: '2026-09-10' });
		expect(result.interestMinor).toBe(3397);
		expect(result.warnings).toHaveLength(1);
		expect(result.warnings[0]).toMatch(
			/^FR 2026-S2: ECB rate 2\.40 % is not confirmed \(ECB June 2026 hike reported/,
		);
	});

	it('DE 2026-S2 (Basiszinssatz inferred) warns', () => {
		const result = penalty({ rule: 'DE', dueDate: '2026-08-31', asOf: '2026-09-10' });
		expect(result.warnings).toEqual([
			expect.stringMatching(/^DE 2026-S2: Basiszinssatz 1\.52 % is not confirmed \(INFERRED/),
		]);
	});

	it('UK 2008-S2 (5.00 % not confirmed) warns for a debt starting then', () => {
		const result = penalty({
			rule: 'UK',
			currency: 'GBP',
			dueDate: '2008-07-15',
			asOf: '2008-07-25',
		});
		expect(result.periods[0].annualRatePercent).toBe(13);
		expect(result.warnings).toEqual([
			expect.stringMatching(/^UK 2008-S2: Bank of England base rate 5\.00 % is not confirmed/),
		]);
	});

	it('a warning is only for half-years that carry interest', () => {
		// Paid in full on time: the 2026-S2 rows are never used.
		const result = penalty({
			dueDate: '2026-08-31',
			asOf: '2026-09-10',
			payments: [{ date: '2026-08-31', amountMinor: 1_000_000 }],
		});
		expect(result.warnings).toEqual([]);
	});

	it('beyond the last half-year: the last known rate is carried forward with a warning naming the half-year', () => {
		// 2027-01-01 .. 2027-01-10 at 12.40 % (2026-S2 carried forward): 3397.26 → 3397.
		const result = penalty({ dueDate: '2026-12-31', asOf: '2027-01-10' });
		expect(result.periods).toEqual([
			expect.objectContaining({ from: '2027-01-01', annualRatePercent: 12.4, interestMinor: 3397 }),
		]);
		expect(result.warnings).toEqual([
			expect.stringMatching(
				/^FR 2027-S1: ECB rate beyond the shipped table; the 2026-S2 value 2\.40 % was carried forward/,
			),
			expect.stringMatching(/^FR 2026-S2: ECB rate 2\.40 % is not confirmed/),
		]);
	});

	it('UK beyond the table: the last reference rate is carried forward with a warning', () => {
		// 10 d at 3.75 + 8 = 11.75 %: 3219.18 → 3219.
		const result = penalty({
			rule: 'UK',
			currency: 'GBP',
			dueDate: '2026-12-31',
			asOf: '2027-01-10',
		});
		expect(result.interestMinor).toBe(3219);
		expect(result.warnings).toEqual([
			expect.stringMatching(
				/^UK 2027-S1: Bank of England base rate beyond the shipped table; the 2026-S2 value 3\.75 %/,
			),
		]);
	});
});

describe('contractual rate and the legal floor', () => {
	it('FR: below 3 × taux légal → warning and the floor applies (2026-S1: 3 × 2.62 = 7.86 %)', () => {
		// 30 d at 7.86 % = 6460.27 → 6460 (at the agreed 5 % it would be 4110).
		const result = penalty({ contractualRatePercent: 5 });
		expect(result.periods[0].annualRatePercent).toBe(7.86);
		expect(result.interestMinor).toBe(6460);
		expect(result.warnings).toEqual([
			'FR 2026-S1: the contractual rate 5.00 % is below the legal floor 7.86 % (3 × taux légal 2.62 %); the floor was applied',
		]);
	});

	it('FR: the floor binds only in the half-years where it is higher (2023-S2 12.66 %, 2024-S1 15.21 %)', () => {
		// Contract 14 %: 2023-S2 above its floor, 2024-S1 below it (the floor even exceeds the 14.50 % default).
		// 2023-12-22..31: 10 d × 14 % = 3835.62 → 3836; 2024-01-01..10: 10 d × 15.21 % = 4167.12 → 4167.
		const result = penalty({
			contractualRatePercent: 14,
			dueDate: '2023-12-21',
			asOf: '2024-01-10',
		});
		expect(
			result.periods.map((period) => [period.annualRatePercent, period.interestMinor]),
		).toEqual([
			[14, 3836],
			[15.21, 4167],
		]);
		expect(result.warnings).toEqual([
			expect.stringMatching(
				/^FR 2024-S1: the contractual rate 14\.00 % is below the legal floor 15\.21 %/,
			),
		]);
	});

	it('FR 2026-S2: the taux légal is not published, the 2026-S1 floor is carried forward with a warning', () => {
		// 8 % ≥ 7.86 % carried: 10 d × 8 % = 2191.78 → 2192.
		const result = penalty({
			contractualRatePercent: 8,
			dueDate: '2026-08-31',
			asOf: '2026-09-10',
		});
		expect(result.interestMinor).toBe(2192);
		expect(result.warnings).toEqual([
			expect.stringMatching(
				/^FR 2026-S2: taux légal not published in the table \(NOT FOUND.*the 2026-S1 value 2\.62 % was carried forward/,
			),
		]);
	});

	it('FR before 2015 (no taux légal in the tables): the contractual rate is applied unchecked, with a warning', () => {
		const result = penalty({
			contractualRatePercent: 9,
			dueDate: '2014-03-03',
			asOf: '2014-03-13',
		});
		expect(result.periods[0].annualRatePercent).toBe(9);
		expect(result.warnings).toEqual([
			expect.stringMatching(/^FR 2014-S1: the legal floor .* not in the shipped tables/),
		]);
	});

	it('DE: below the statutory rate → applied as agreed, with a warning citing §288 VI', () => {
		// 30 d × 5 % on 10,000 = 4109.59 → 4110; statutory would be 10.27 %.
		const result = penalty({
			rule: 'DE',
			contractualRatePercent: 5,
			dueDate: '2026-03-02',
			asOf: '2026-04-01',
		});
		expect(result.interestMinor).toBe(4110);
		expect(result.warnings).toEqual([
			expect.stringMatching(
				/^DE 2026-S1: the contractual rate 5\.00 % is below the statutory 10\.27 %.*§288 VI/,
			),
		]);
	});

	it('DE consumer: a lower agreed rate favours the debtor, no warning', () => {
		const result = penalty({
			rule: 'DE',
			consumer: true,
			contractualRatePercent: 3,
			dueDate: '2026-03-02',
			asOf: '2026-04-01',
		});
		expect(result.warnings).toEqual([]);
		expect(result.periods[0].annualRatePercent).toBe(3);
	});

	it('DE before 29 July 2014: base + 8 points and no Pauschale (Art. 229 §34 EGBGB)', () => {
		// 2014-S1 Basiszinssatz -0.63 + 8 = 7.37 %; due Monday 2014-03-03; 10 d = 2019.18 → 2019.
		const result = penalty({ rule: 'DE', dueDate: '2014-03-03', asOf: '2014-03-13' });
		expect(result.periods[0].annualRatePercent).toBe(7.37);
		expect(result.interestMinor).toBe(2019);
		expect(result.compensationMinor).toBe(0);
		expect(result.legalBasis).toBe('BGB §288 II a.F., §247, §193');
	});
});

// Each rule through the node, with the summary in English and French as exact strings. The debt is the one
// of the README example: 1,002.00 due Saturday 2026-01-31, as of Monday 2026-03-09 (37 calendar days late),
// so that FR gives the "12,34 € … 12.15 %, 37 days" line. Interest = base × rate × days / 36500, half-up.
import { penaltyOf } from './workflow';

describe('rules', () => {
	const debt = (currency = 'EUR') => ({
		source: 'fields',
		amount: '1002.00',
		currency,
		dueDate: '2026-01-31',
		asOf: '2026-03-09',
	});

	async function summaries(parameters: Record<string, unknown>) {
		const en = await penaltyOf({}, { ...parameters, language: 'en' });
		const fr = await penaltyOf({}, { ...parameters, language: 'fr' });
		expect({ ...fr, summary: en.summary }).toEqual(en); // the language changes the summary only
		return { penalty: en, en: en.summary, fr: fr.summary };
	}

	describe('Late Payment Penalty: each rule, summaries in English and French', () => {
		it('FR: ECB + 10 points (12.15 % in 2026-S1) and 40 EUR', async () => {
			const { penalty, en, fr } = await summaries({ ...debt(), rule: 'FR' });
			// 100200 × 12.15 × 37 / 36500 = 1234.10 → 1234.
			expect(penalty).toMatchObject({
				interestMinor: 1234,
				compensationMinor: 4000,
				totalMinor: 5234,
			});
			expect(penalty.legalBasis).toBe('Code de commerce L441-10 II, D441-5');
			expect(en).toBe('€12.34 interest (12.15 %/yr, 37 days) + €40.00 recovery compensation');
			expect(fr).toBe(
				"12,34\u00a0€ d'intérêts de retard (12,15\u00a0%/an, 37 jours) + 40,00\u00a0€ d'indemnité forfaitaire pour frais de recouvrement",
			);
		});

		it('EU: ECB + 8 points (10.15 %) and 40 EUR', async () => {
			const { penalty, en, fr } = await summaries({ ...debt(), rule: 'EU' });
			// 100200 × 10.15 × 37 / 36500 = 1030.96 → 1031.
			expect(penalty).toMatchObject({
				interestMinor: 1031,
				compensationMinor: 4000,
				totalMinor: 5031,
			});
			expect(penalty.legalBasis).toBe('Directive 2011/7/EU, art. 2, 3, 6');
			expect(en).toBe('€10.31 interest (10.15 %/yr, 37 days) + €40.00 recovery compensation');
			expect(fr).toBe(
				"10,31\u00a0€ d'intérêts de retard (10,15\u00a0%/an, 37 jours) + 40,00\u00a0€ d'indemnité forfaitaire pour frais de recouvrement",
			);
		});

		it('DE between businesses: Basiszinssatz + 9 (10.27 %), 40 EUR, lateness from the Tuesday (§193 BGB)', async () => {
			const { penalty, en, fr } = await summaries({ ...debt(), rule: 'DE' });
			// Due on a Saturday → on time through Monday 2 Feb; 3 Feb–9 Mar = 35 days:
			// 100200 × 10.27 × 35 / 36500 = 986.76 → 987.
			expect(penalty.periods).toEqual([
				{
					from: '2026-02-03',
					to: '2026-03-09',
					days: 35,
					annualRatePercent: 10.27,
					baseMinor: 100_200,
					interestMinor: 987,
					rateStatus: 'confirmed',
				},
			]);
			expect(penalty).toMatchObject({ compensationMinor: 4000, totalMinor: 4987 });
			expect(penalty.legalBasis).toBe('BGB §288 II, V, §247, §193');
			expect(en).toBe('€9.87 interest (10.27 %/yr, 35 days) + €40.00 recovery compensation');
			expect(fr).toBe(
				"9,87\u00a0€ d'intérêts de retard (10,27\u00a0%/an, 35 jours) + 40,00\u00a0€ d'indemnité forfaitaire pour frais de recouvrement",
			);
		});

		it('DE consumer: Basiszinssatz + 5 (6.27 %), no Pauschale, so no compensation in the summary', async () => {
			const { penalty, en, fr } = await summaries({ ...debt(), rule: 'DE', consumer: true });
			// 100200 × 6.27 × 35 / 36500 = 602.44 → 602.
			expect(penalty).toMatchObject({ interestMinor: 602, compensationMinor: 0, totalMinor: 602 });
			expect(penalty.legalBasis).toBe('BGB §288 I, §247, §193');
			expect(en).toBe('€6.02 interest (6.27 %/yr, 35 days)');
			expect(fr).toBe("6,02\u00a0€ d'intérêts de retard (6,27\u00a0%/an, 35 jours)");
		});

		it('UK: base rate on the reference date + 8 (11.75 %), £70 for £1,000–£9,999.99', async () => {
			const { penalty, en, fr } = await summaries({ ...debt('GBP'), rule: 'UK' });
			// Reference rate of 31 December 2025: 3.75 %. 100200 × 11.75 × 37 / 36500 = 1193.48 → 1193.
			expect(penalty).toMatchObject({
				interestMinor: 1193,
				compensationMinor: 7000,
				totalMinor: 8193,
			});
			expect(penalty.legalBasis).toBe(
				'Late Payment of Commercial Debts (Interest) Act 1998, s.4, s.5A, s.6',
			);
			expect(en).toBe('£11.93 interest (11.75 %/yr, 37 days) + £70.00 recovery compensation');
			expect(fr).toBe(
				"11,93\u00a0£GB d'intérêts de retard (11,75\u00a0%/an, 37 jours) + 70,00\u00a0£GB d'indemnité forfaitaire pour frais de recouvrement",
			);
		});

		it('UK bands: £40 below £1,000, £100 from £10,000', async () => {
			const small = await penaltyOf({}, { ...debt('GBP'), amount: '999.99', rule: 'UK' });
			const large = await penaltyOf({}, { ...debt('GBP'), amount: '10000', rule: 'UK' });
			expect([small.compensationMinor, large.compensationMinor]).toEqual([4000, 10_000]);
		});

		it('custom: the given annual rate and fixed amount, in the invoice currency', async () => {
			const { penalty, en, fr } = await summaries({
				...debt('USD'),
				rule: 'custom',
				customAnnualRatePercent: 8,
				customFixedAmount: '25.00',
			});
			// 100200 × 8 × 37 / 36500 = 812.58 → 813.
			expect(penalty).toMatchObject({
				interestMinor: 813,
				compensationMinor: 2500,
				totalMinor: 3313,
			});
			expect(penalty.legalBasis).toBe('Contractual terms (custom annual rate and fixed amount)');
			expect(en).toBe('$8.13 interest (8.00 %/yr, 37 days) + $25.00 fixed charge');
			expect(fr).toBe(
				"8,13\u00a0$US d'intérêts de retard (8,00\u00a0%/an, 37 jours) + 25,00\u00a0$US de frais fixes",
			);
		});

		it('custom without a fixed amount: interest only', async () => {
			const penalty = await penaltyOf(
				{},
				{ ...debt(), rule: 'custom', customAnnualRatePercent: 8.5, customFixedAmount: '' },
			);
			// 100200 × 8.5 × 37 / 36500 = 863.36 → 863.
			expect(penalty).toMatchObject({ interestMinor: 863, compensationMinor: 0 });
			expect(penalty.summary).toBe('€8.63 interest (8.50 %/yr, 37 days)');
		});

		it('a span across two half-years lists both rates in order', async () => {
			const parameters = { ...debt(), dueDate: '2025-06-15', asOf: '2025-07-10', rule: 'FR' };
			const { penalty, en, fr } = await summaries(parameters);
			// 16–30 June 2025 at 3.15 + 10: 100200 × 13.15 × 15 / 36500 = 541.49 → 541;
			// 1–10 July at 2.15 + 10: 100200 × 12.15 × 10 / 36500 = 333.54 → 334.
			expect(penalty.periods).toEqual([
				expect.objectContaining({ days: 15, annualRatePercent: 13.15, interestMinor: 541 }),
				expect.objectContaining({ days: 10, annualRatePercent: 12.15, interestMinor: 334 }),
			]);
			expect(penalty.interestMinor).toBe(875);
			expect(en).toBe(
				'€8.75 interest (13.15 %/yr then 12.15 %/yr, 25 days) + €40.00 recovery compensation',
			);
			expect(fr).toBe(
				"8,75\u00a0€ d'intérêts de retard (13,15\u00a0%/an puis 12,15\u00a0%/an, 25 jours) + 40,00\u00a0€ d'indemnité forfaitaire pour frais de recouvrement",
			);
		});

		it('one late day is singular', async () => {
			const { en, fr } = await summaries({ ...debt(), rule: 'FR', asOf: '2026-02-01' });
			// 100200 × 12.15 × 1 / 36500 = 33.35 → 33.
			expect(en).toBe('€0.33 interest (12.15 %/yr, 1 day) + €40.00 recovery compensation');
			expect(fr).toBe(
				"0,33\u00a0€ d'intérêts de retard (12,15\u00a0%/an, 1 jour) + 40,00\u00a0€ d'indemnité forfaitaire pour frais de recouvrement",
			);
		});

		it('not late yet (as of the due date): a zero result and a plain summary, not an error', async () => {
			const { penalty, en, fr } = await summaries({ ...debt(), rule: 'FR', asOf: '2026-01-31' });
			expect(penalty).toEqual({
				interestMinor: 0,
				compensationMinor: 0,
				totalMinor: 0,
				periods: [],
				legalBasis: 'Code de commerce L441-10 II, D441-5',
				warnings: [],
				fixedCompensation: { currency: 'EUR', amountMinor: 0 },
				notices: [],
				summary: 'No penalty: nothing is overdue',
			});
			expect(en).toBe('No penalty: nothing is overdue');
			expect(fr).toBe("Aucune pénalité : rien n'est en retard");
		});

		it('amounts up to 10^12 minor units stay exact in the result and the summary', async () => {
			const { penalty, en, fr } = await summaries({
				...debt(),
				amount: '10000000000.00',
				rule: 'FR',
			});
			// 10^12 × 12.15 × 37 / 36500 = 12,316,438,356.16 → 12,316,438,356.
			expect(penalty.interestMinor).toBe(12_316_438_356);
			expect(en).toBe(
				'€123,164,383.56 interest (12.15 %/yr, 37 days) + €40.00 recovery compensation',
			);
			expect(fr).toBe(
				"123\u202f164\u202f383,56\u00a0€ d'intérêts de retard (12,15\u00a0%/an, 37 jours) + 40,00\u00a0€ d'indemnité forfaitaire pour frais de recouvrement",
			);
		});
	});
});

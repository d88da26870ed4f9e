// The as-of date (today in the chosen zone by default), the contractual rate and the imputation options, the
// summary language, per-item rules from expressions, and warnings surfaced on items and as execution hints.
import { makeInvoice } from '../../shared/invoice-factory';
import { NODE, penalties, penaltyOf, run } from './workflow';

describe('options', () => {
	const fields = (overrides: Record<string, unknown> = {}) => ({
		source: 'fields',
		amount: '1002.00',
		currency: 'EUR',
		dueDate: '2026-01-31',
		asOf: '2026-03-09',
		rule: 'FR',
		...overrides,
	});

	/** The calendar date now in a zone, worked out apart from the node (en-CA prints YYYY-MM-DD). */
	function todayIn(timeZone: string): string {
		return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
	}

	const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

	describe('Late Payment Penalty: the as-of date', () => {
		it('defaults to today in the chosen time zone', async () => {
			// 365.00 at 10 % earns exactly 0.10 a day, so the interest counts the days to today.
			for (const timezone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
				const penalty = await penaltyOf(
					{},
					fields({
						rule: 'custom',
						customAnnualRatePercent: 10,
						amount: '365.00',
						dueDate: '2026-01-01',
						asOf: '',
						timezone,
					}),
				);
				const today = todayIn(timezone);
				const days = dayNumber(today) - dayNumber('2026-01-01');
				expect(penalty.periods.at(-1)?.to).toBe(today);
				expect(penalty.interestMinor).toBe(10 * days);
			}
		});

		it('reads a date-time with an offset, and a Luxon DateTime from an expression, in the time zone', async () => {
			// 2026-03-09T23:30:00-05:00 is 10 March 05:30 in Paris: 38 late days instead of 37.
			const offset = await penaltyOf(
				{},
				fields({ asOf: '2026-03-09T23:30:00-05:00', timezone: 'Europe/Paris' }),
			);
			expect(offset.periods[0]).toMatchObject({ to: '2026-03-10', days: 38 });
			const luxon = await penaltyOf(
				{},
				fields({
					asOf: "={{ DateTime.fromISO('2026-03-09T23:30:00Z') }}",
					timezone: 'Europe/Paris',
				}),
			);
			expect(luxon.periods[0]).toMatchObject({ to: '2026-03-10', days: 38 });
			const utc = await penaltyOf(
				{},
				fields({ asOf: "={{ DateTime.fromISO('2026-03-09T23:30:00Z') }}", timezone: 'UTC' }),
			);
			expect(utc.periods[0]).toMatchObject({ to: '2026-03-09', days: 37 });
		});

		it('reads the as-of date per item from an expression', async () => {
			const result = await run(
				[{ asOf: '2026-02-01' }, { asOf: '2026-03-09' }],
				fields({ asOf: '={{ $json.asOf }}' }),
			);
			expect(penalties(result).map((penalty) => penalty.interestMinor)).toEqual([33, 1234]);
		});
	});

	describe('Late Payment Penalty: contractual rate and imputation', () => {
		it('FR: a contractual rate above the floor replaces the statutory rate', async () => {
			const penalty = await penaltyOf({}, fields({ options: { contractualRatePercent: 15 } }));
			// 100200 × 15 × 37 / 36500 = 1523.59 → 1524.
			expect(penalty.interestMinor).toBe(1524);
			expect(penalty.legalBasis).toBe('Code de commerce L441-10 II, D441-5');
			expect(penalty.warnings).toEqual([]);
			expect(penalty.summary).toBe(
				'€15.24 interest (15.00 %/yr, 37 days) + €40.00 recovery compensation',
			);
		});

		it('FR: a contractual rate below 3 × the taux légal gets the floor and a warning', async () => {
			const penalty = await penaltyOf({}, fields({ options: { contractualRatePercent: 5 } }));
			// Floor 3 × 2.62 = 7.86 %: 100200 × 7.86 × 37 / 36500 = 798.36 → 798.
			expect(penalty.interestMinor).toBe(798);
			expect(penalty.warnings).toEqual([
				'FR 2026-S1: the contractual rate 5.00 % is below the legal floor 7.86 % (3 × taux légal 2.62 %); the floor was applied',
			]);
		});

		it('interest-first imputation applies a partial payment to accrued interest before principal', async () => {
			const payments = '[{ "date": "2026-02-10", "amount": "200.00" }]';
			const principal = await penaltyOf({}, fields({ payments }));
			const interestFirst = await penaltyOf(
				{},
				fields({ payments, options: { imputation: 'interest-first' } }),
			);
			// 1–10 Feb on 1002.00: 334 either way. Principal: 802.00 from 11 Feb, 27 days → 720.81 → 721.
			// Interest first: 3.34 settles the interest, 196.66 the principal → 805.34, 27 days → 723.81 → 724.
			expect(principal.periods.map((period) => period.baseMinor)).toEqual([100_200, 80_200]);
			expect(principal.interestMinor).toBe(334 + 721);
			expect(interestFirst.periods.map((period) => period.baseMinor)).toEqual([100_200, 80_534]);
			expect(interestFirst.interestMinor).toBe(334 + 724);
		});
	});

	describe('Late Payment Penalty: language and rules per item', () => {
		it("writes the summary in the invoice customer's language, else in English", async () => {
			const invoice = (locale: string | null) =>
				makeInvoice({
					dueDate: '2026-01-31',
					totalMinor: 100_200,
					dueMinor: 100_200,
					customer: { locale },
				});
			const result = await run(
				[{ invoice: invoice('fr-FR') }, { invoice: invoice('de') }, { invoice: invoice(null) }],
				{ rule: 'FR', asOf: '2026-03-09', language: 'customer' },
			);
			expect(penalties(result).map((penalty) => penalty.summary)).toEqual([
				"12,34\u00a0€ d'intérêts de retard (12,15\u00a0%/an, 37 jours) + 40,00\u00a0€ d'indemnité forfaitaire pour frais de recouvrement",
				'€12.34 interest (12.15 %/yr, 37 days) + €40.00 recovery compensation',
				'€12.34 interest (12.15 %/yr, 37 days) + €40.00 recovery compensation',
			]);
		});

		it('takes the rule and the consumer flag per item from expressions', async () => {
			const result = await run(
				[
					{ rule: 'FR', currency: 'EUR', consumer: false },
					{ rule: 'DE', currency: 'EUR', consumer: true },
					{ rule: 'UK', currency: 'GBP', consumer: false },
					{ rule: 'custom', currency: 'USD' },
				],
				fields({
					rule: '={{ $json.rule }}',
					currency: '={{ $json.currency }}',
					consumer: '={{ $json.consumer }}',
					customAnnualRatePercent: 8,
					customFixedAmount: '25.00',
				}),
			);
			// As in rules.cases.ts: FR 52.34, DE consumer 6.02, UK 81.93, custom 8 % + 25.00 = 33.13.
			expect(penalties(result).map((penalty) => penalty.totalMinor)).toEqual([
				5234, 602, 8193, 3313,
			]);
		});
	});

	describe('Late Payment Penalty: warnings', () => {
		const S2_WARNING =
			'FR 2026-S2: ECB rate 2.40 % is not confirmed (ECB June 2026 hike reported; the ECB rate change of 2026-06-17 is reported-unconfirmed) — check the source and update nodes/shared/rates (npm run rates:check)';

		it('an unconfirmed rate-table row reaches penalty.warnings and the execution hints', async () => {
			const result = await run([{}, {}], fields({ dueDate: '2026-10-31', asOf: '2026-11-26' }));
			const [first, second] = penalties(result);
			// 100200 × 12.40 × 26 / 36500 = 885.03 → 885.
			expect(first.interestMinor).toBe(885);
			expect(first.warnings).toEqual([S2_WARNING]);
			expect(second.warnings).toEqual([S2_WARNING]);
			// Shown once in the output pane, however many items carry it.
			expect(result.runData[NODE][0].hints).toEqual([
				{ message: S2_WARNING, type: 'warning', location: 'outputPane' },
			]);
		});

		it('beyond the shipped tables the last known rate is carried forward, with a warning naming the half-year', async () => {
			const penalty = await penaltyOf({}, fields({ dueDate: '2027-01-31', asOf: '2027-03-09' }));
			expect(penalty.periods[0]).toMatchObject({ annualRatePercent: 12.4 });
			expect(penalty.warnings).toEqual([
				'FR 2027-S1: ECB rate beyond the shipped table; the 2026-S2 value 2.40 % was carried forward — check the source and update nodes/shared/rates (npm run rates:check)',
				S2_WARNING,
			]);
		});

		it('a batch with many distinct warnings shows five hints and a count of the rest', async () => {
			const items = [1, 2, 3, 4, 5, 6, 7].map((rate) => ({ rate }));
			const result = await run(
				items,
				fields({ options: { contractualRatePercent: '={{ $json.rate }}' } }),
			);
			expect(result.error).toBeUndefined();
			const hints = result.runData[NODE][0].hints ?? [];
			expect(hints.map((hint) => hint.message)).toEqual([
				...[1, 2, 3, 4, 5].map(
					(rate) =>
						`FR 2026-S1: the contractual rate ${rate}.00 % is below the legal floor 7.86 % (3 × taux légal 2.62 %); the floor was applied`,
				),
				'2 more warning(s): see penalty.warnings on the items',
			]);
		});

		it('no hint when nothing needs saying', async () => {
			const result = await run([{}], fields());
			expect(result.runData[NODE][0].hints ?? []).toEqual([]);
		});
	});
});

// Where the debt comes from: a normalised invoice (with its recorded payments), raw Stripe and QuickBooks
// invoices (recorded payloads of test/fixtures), or explicit fields. Interest = base × rate × days / 36500,
// rounded half-up per period; each expected figure is worked out by hand in the comment above it.
import { quickBooksExchange, stripeFixture } from '../../helpers/fixtures';
import { makeInvoice } from '../../shared/invoice-factory';
import pennylaneLate from '../../simulators/pennylane/fixtures/invoice-late.json';
import { NODE, penalties, penaltyOf, run } from './workflow';

// FR 2026-S1: ECB 2.15 % on 1 January + 10 points = 12.15 %, confirmed (no warning).

describe('sources', () => {
	const FR_S1 = { rule: 'FR', asOf: '2026-03-09', language: 'en' };
	// FR 2026-S2: ECB 2.40 % only reported, so 12.40 % is shipped flagged and every result says so.
	const FR_S2_WARNING =
		'FR 2026-S2: ECB rate 2.40 % is not confirmed (ECB June 2026 hike reported; the ECB rate change of 2026-06-17 is reported-unconfirmed) — check the source and update nodes/shared/rates (npm run rates:check)';

	/** 1,002.00 EUR due Saturday 2026-01-31: 37 late days to 2026-03-09 (28 in February, 9 in March). */
	const invoice = (overrides: Parameters<typeof makeInvoice>[0] = {}) =>
		makeInvoice({
			id: 'F-1',
			issueDate: '2026-01-01',
			dueDate: '2026-01-31',
			totalMinor: 100_200,
			dueMinor: 100_200,
			...overrides,
		});

	describe('Late Payment Penalty: normalised invoices', () => {
		it('writes the full PenaltyResult and a summary onto the item, keeping its data and pairing', async () => {
			const result = await run([{ ref: 'a', invoice: invoice() }], FR_S1);
			expect(result.error).toBeUndefined();
			const [item] = result.outputOf(NODE);
			expect(item.pairedItem).toEqual({ item: 0 });
			expect(item.json.ref).toBe('a');
			expect(item.json.invoice).toEqual(invoice());
			// 100200 × 12.15 × 37 / 36500 = 1234.10 → 1234.
			expect(item.json.penalty).toEqual({
				interestMinor: 1234,
				compensationMinor: 4000,
				totalMinor: 5234,
				periods: [
					{
						from: '2026-02-01',
						to: '2026-03-09',
						days: 37,
						annualRatePercent: 12.15,
						baseMinor: 100_200,
						interestMinor: 1234,
						rateStatus: 'confirmed',
					},
				],
				legalBasis: 'Code de commerce L441-10 II, D441-5',
				warnings: [],
				fixedCompensation: { currency: 'EUR', amountMinor: 4000 },
				notices: [],
				summary: '€12.34 interest (12.15 %/yr, 37 days) + €40.00 recovery compensation',
			});
		});

		it('passes the recorded payments (in date order) and starts from the amount unpaid at the due date', async () => {
			// 200.00 paid on 10 Feb and 100.00 on 20 Feb, listed newest first; 702.00 still due.
			const paid = invoice({
				paidMinor: 30_000,
				dueMinor: 70_200,
				payments: [
					{ date: '2026-02-20', amountMinor: 10_000 },
					{ date: '2026-02-10', amountMinor: 20_000 },
				],
			});
			const penalty = await penaltyOf({ invoice: paid }, FR_S1);
			// 1–10 Feb on 1002.00: 333.54 → 334; 11–20 Feb on 802.00: 266.97 → 267; 21 Feb–9 Mar (17 days)
			// on 702.00: 397.26 → 397.
			expect(penalty.periods).toEqual([
				expect.objectContaining({
					from: '2026-02-01',
					to: '2026-02-10',
					baseMinor: 100_200,
					interestMinor: 334,
				}),
				expect.objectContaining({
					from: '2026-02-11',
					to: '2026-02-20',
					baseMinor: 80_200,
					interestMinor: 267,
				}),
				expect.objectContaining({
					from: '2026-02-21',
					to: '2026-03-09',
					days: 17,
					baseMinor: 70_200,
					interestMinor: 397,
				}),
			]);
			expect(penalty.interestMinor).toBe(998);
			expect(penalty.totalMinor).toBe(4998);
			expect(penalty.warnings).toEqual([]);
			expect(penalty.summary).toBe(
				'€9.98 interest (12.15 %/yr, 37 days) + €40.00 recovery compensation',
			);
		});

		it('a paid amount without dates is taken as paid on time, with a warning', async () => {
			const penalty = await penaltyOf(
				{ invoice: invoice({ paidMinor: 20_000, dueMinor: 80_200 }) },
				FR_S1,
			);
			// 80200 × 12.15 × 37 / 36500 = 987.77 → 988: no interest claimed on the 200.00 of unknown date.
			expect(penalty.interestMinor).toBe(988);
			expect(penalty.warnings).toEqual([
				"invoice: 200.00 EUR was paid without a recorded date; it was taken as paid on time (no interest on it) — pass the invoice's payments with their dates to count late ones",
			]);
		});

		it('finds the invoice at a field path', async () => {
			const penalty = await penaltyOf(
				{ payload: { inv: invoice() } },
				{ ...FR_S1, invoiceField: 'payload.inv', invoiceFormat: 'normalized' },
			);
			expect(penalty.totalMinor).toBe(5234);
		});

		it('refuses void and draft invoices and invoices without a due date, naming the field', async () => {
			const result = await run(
				[
					{ invoice: invoice({ status: 'void' }) },
					{ invoice: invoice({ status: 'draft' }) },
					{ invoice: invoice({ dueDate: null }) },
				],
				FR_S1,
				{ onError: 'continueRegularOutput' },
			);
			expect(result.jsonOf(NODE).map((json) => json.error)).toEqual([
				'Item 0: invoice.status: "void": a voided invoice is not owed, so no late-payment penalty is due',
				'Item 1: invoice.status: "draft": a draft is not issued yet, so no late-payment penalty is due',
				'Item 2: invoice.dueDate: missing: without a due date (e.g. a Stripe charge_automatically invoice) nothing can be late',
			]);
		});
	});

	describe('Late Payment Penalty: raw Stripe invoices', () => {
		it('reads a Stripe invoice, its due date in the chosen time zone', async () => {
			// due_date 1793919599 = 2026-11-05 23:59:59 in Paris → late 6–26 Nov, 21 days at 12.40 %:
			// 145000 × 12.40 × 21 / 36500 = 1034.47 → 1034.
			const stripe = stripeFixture('invoice-open-send-invoice');
			const parameters = { rule: 'FR', asOf: '2026-11-26', timezone: 'Europe/Paris' };
			const paris = await penaltyOf(stripe, parameters);
			expect(paris).toEqual({
				interestMinor: 1034,
				compensationMinor: 4000,
				totalMinor: 5034,
				periods: [
					{
						from: '2026-11-06',
						to: '2026-11-26',
						days: 21,
						annualRatePercent: 12.4,
						baseMinor: 145_000,
						interestMinor: 1034,
						rateStatus: 'provisional',
					},
				],
				legalBasis: 'Code de commerce L441-10 II, D441-5',
				warnings: [FR_S2_WARNING],
				fixedCompensation: { currency: 'EUR', amountMinor: 4000 },
				notices: [
					{ code: 'rate_unconfirmed', message: FR_S2_WARNING, periodIndex: 0 },
					expect.objectContaining({
						code: 'rate_provisional',
						message: expect.stringMatching(/^FR 2026-S2: the rate 12\.40 % is provisional/),
						periodIndex: 0,
					}),
				],
				summary:
					'€10.34 interest (12.40 %/yr (provisional), 21 days) + €40.00 recovery compensation',
			});
			// The same instant is 6 November in Tokyo: 20 late days, 145000 × 12.40 × 20 / 36500 = 985.21 → 985.
			const tokyo = await penaltyOf(stripe, { ...parameters, timezone: 'Asia/Tokyo' });
			expect(tokyo.periods).toEqual([expect.objectContaining({ from: '2026-11-07', days: 20 })]);
			expect(tokyo.interestMinor).toBe(985);
		});

		it('reads a Stripe invoice event, and warns about a partial payment without a date', async () => {
			const [event, partial] = penalties(
				await run(
					[stripeFixture('event-invoice.overdue'), stripeFixture('invoice-open-partially-paid')],
					{ rule: 'FR', asOf: '2026-11-26', timezone: 'Europe/Paris' },
				),
			);
			expect(event.totalMinor).toBe(5034);
			// 2000.00 of 3200.00 still due from 9 Nov: 200000 × 12.40 × 18 / 36500 = 1223.01 → 1223.
			expect(partial.interestMinor).toBe(1223);
			expect(partial.warnings).toEqual([
				"invoice: 1200.00 EUR was paid without a recorded date; it was taken as paid on time (no interest on it) — pass the invoice's payments with their dates to count late ones",
				FR_S2_WARNING,
			]);
		});

		it('a Stripe invoice paid before its due date owes nothing', async () => {
			const penalty = await penaltyOf(stripeFixture('invoice-paid'), {
				rule: 'FR',
				asOf: '2026-11-26',
				timezone: 'Europe/Paris',
			});
			expect(penalty).toMatchObject({
				interestMinor: 0,
				compensationMinor: 0,
				totalMinor: 0,
				periods: [],
			});
			expect(penalty.summary).toBe('No penalty: nothing is overdue');
		});

		it('zero-decimal currencies: a JPY invoice under a custom rule', async () => {
			// Due 2026-11-19 (Paris), 7 days at 10 %: 275000 × 10 × 7 / 36500 = 527.40 → 527 yen; fixed 1,000 yen.
			const parameters = {
				rule: 'custom',
				customAnnualRatePercent: 10,
				customFixedAmount: '1000',
				asOf: '2026-11-26',
				timezone: 'Europe/Paris',
			};
			const en = await penaltyOf(stripeFixture('invoice-jpy'), parameters);
			expect(en).toMatchObject({ interestMinor: 527, compensationMinor: 1000, totalMinor: 1527 });
			expect(en.summary).toBe('¥527 interest (10.00 %/yr, 7 days) + ¥1,000 fixed charge');
			const fr = await penaltyOf(stripeFixture('invoice-jpy'), { ...parameters, language: 'fr' });
			expect(fr.summary).toBe(
				"527\u00a0JPY d'intérêts de retard (10,00\u00a0%/an, 7 jours) + 1\u202f000\u00a0JPY de frais fixes",
			);
		});

		it('refuses a Stripe invoice without a due date (charge_automatically)', async () => {
			const result = await run([stripeFixture('invoice-open-charge-automatically')], {
				rule: 'FR',
				asOf: '2026-11-26',
				timezone: 'Europe/Paris',
			});
			expect(result.error).toMatchObject({
				message:
					'Item 0: invoice.dueDate: missing: without a due date (e.g. a Stripe charge_automatically invoice) nothing can be late',
				context: { itemIndex: 0 },
			});
		});
	});

	describe('Late Payment Penalty: raw QuickBooks invoices', () => {
		it('reads a QuickBooks invoice (decimal amounts) under the UK rule', async () => {
			// 1187.34 GBP due 2026-10-30, 27 days at 3.75 + 8 = 11.75 % (reference rate of 30 June 2026):
			// 118734 × 11.75 × 27 / 36500 = 1032.01 → 1032; £70 for a debt from £1,000 to £9,999.99.
			const penalty = await penaltyOf(quickBooksExchange('invoice-open-overdue').response.body, {
				rule: 'UK',
				asOf: '2026-11-26',
				timezone: 'Europe/London',
			});
			expect(penalty).toEqual({
				interestMinor: 1032,
				compensationMinor: 7000,
				totalMinor: 8032,
				periods: [
					{
						from: '2026-10-31',
						to: '2026-11-26',
						days: 27,
						annualRatePercent: 11.75,
						baseMinor: 118_734,
						interestMinor: 1032,
						rateStatus: 'confirmed',
					},
				],
				legalBasis: 'Late Payment of Commercial Debts (Interest) Act 1998, s.4, s.5A, s.6',
				warnings: [],
				fixedCompensation: { currency: 'GBP', amountMinor: 7000 },
				notices: [],
				summary: '£10.32 interest (11.75 %/yr, 27 days) + £70.00 recovery compensation',
			});
		});

		it('a partially paid QuickBooks invoice: interest on the balance, with a warning', async () => {
			// Balance 2280.00 of 2880.00, due 2026-11-09: 17 days, 228000 × 11.75 × 17 / 36500 = 1247.75 → 1248.
			const penalty = await penaltyOf(quickBooksExchange('invoice-partially-paid').response.body, {
				rule: 'UK',
				asOf: '2026-11-26',
				timezone: 'Europe/London',
				invoiceFormat: 'quickbooks',
			});
			expect(penalty).toMatchObject({
				interestMinor: 1248,
				compensationMinor: 7000,
				totalMinor: 8248,
			});
			expect(penalty.warnings).toEqual([
				"invoice: 600.00 GBP was paid without a recorded date; it was taken as paid on time (no interest on it) — pass the invoice's payments with their dates to count late ones",
			]);
		});
	});

	describe('Late Payment Penalty: raw Pennylane invoices', () => {
		it('reads a Pennylane invoice (decimal strings) as Pennylane Invoice and by Auto-Detect alike', async () => {
			// 1450.00 EUR due 2026-11-05: 21 days at the FR 2026-S2 rate 12.40 % (flagged):
			// 145000 × 12.40 × 21 / 36500 = 1034.47 → 1034; €40 recovery compensation.
			const parameters = { rule: 'FR', asOf: '2026-11-26', timezone: 'Europe/Paris' };
			const penalty = await penaltyOf(pennylaneLate, { ...parameters, invoiceFormat: 'pennylane' });
			expect(penalty).toMatchObject({
				interestMinor: 1034,
				compensationMinor: 4000,
				totalMinor: 5034,
				periods: [{ from: '2026-11-06', to: '2026-11-26', days: 21, baseMinor: 145_000 }],
			});
			expect(await penaltyOf(pennylaneLate, parameters)).toEqual(penalty);
		});
	});

	describe('Late Payment Penalty: explicit fields', () => {
		it('reads the amount as a decimal in major units, the currency in any case, the due date', async () => {
			const penalty = await penaltyOf(
				{},
				{ ...FR_S1, source: 'fields', amount: '1002.00', currency: 'eur', dueDate: '2026-01-31' },
			);
			expect(penalty.totalMinor).toBe(5234);
			expect(penalty.summary).toBe(
				'€12.34 interest (12.15 %/yr, 37 days) + €40.00 recovery compensation',
			);
		});

		it('reads every field from expressions, payments in major or minor units and in any order', async () => {
			const item = {
				amount: 1002,
				currency: 'EUR',
				due: '2026-01-31',
				payments: [
					{ date: '2026-02-20', amountMinor: 10_000 },
					{ date: '2026-02-10', amount: '200.00' },
				],
			};
			const penalty = await penaltyOf(item, {
				...FR_S1,
				source: 'fields',
				amount: '={{ $json.amount }}',
				currency: '={{ $json.currency }}',
				dueDate: '={{ $json.due }}',
				payments: '={{ $json.payments }}',
			});
			expect(penalty.interestMinor).toBe(998); // as with the same payments recorded on an invoice
		});

		it('reads payments typed as JSON in the node', async () => {
			const penalty = await penaltyOf(
				{},
				{
					...FR_S1,
					source: 'fields',
					amount: '1002.00',
					currency: 'EUR',
					dueDate: '2026-01-31',
					payments:
						'[{ "date": "2026-02-10", "amount": "200.00" }, { "date": "2026-02-20", "amount": 100 }]',
				},
			);
			expect(penalty.interestMinor).toBe(998);
		});

		it('reads a due date given as a date-time: with an offset in the time zone, without one as typed', async () => {
			const parameters = { ...FR_S1, source: 'fields', amount: '1002.00', currency: 'EUR' };
			// 2026-01-31T23:30:00Z is 1 February 00:30 in Paris: one late day fewer.
			const instant = await penaltyOf(
				{},
				{ ...parameters, dueDate: '2026-01-31T23:30:00Z', timezone: 'Europe/Paris' },
			);
			expect(instant.periods[0]).toMatchObject({ from: '2026-02-02', days: 36 });
			const wall = await penaltyOf(
				{},
				{ ...parameters, dueDate: '2026-01-31T23:30:00', timezone: 'Europe/Paris' },
			);
			expect(wall.periods[0]).toMatchObject({ from: '2026-02-01', days: 37 });
		});
	});
});

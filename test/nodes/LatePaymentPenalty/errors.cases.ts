// Bad items: each error names the item and the field; Continue On Fail in both modes keeps the good items.
import { makeInvoice } from '../../shared/invoice-factory';
import { NODE, errorOf, run } from './workflow';

describe('errors', () => {
	const fields = (overrides: Record<string, unknown> = {}) => ({
		source: 'fields',
		amount: '1002.00',
		currency: 'EUR',
		dueDate: '2026-01-31',
		asOf: '2026-03-09',
		rule: 'FR',
		...overrides,
	});

	/** Items that carry their own debt, read by expressions, so one batch can mix good and bad items. */
	const PER_ITEM = fields({
		amount: '={{ $json.amount }}',
		currency: '={{ $json.currency }}',
		dueDate: '={{ $json.due }}',
		consumer: '={{ $json.consumer }}',
	});
	const good = (ref: string) => ({
		ref,
		amount: '1002.00',
		currency: 'EUR',
		due: '2026-01-31',
		consumer: false,
	});

	describe('Late Payment Penalty: bad items', () => {
		it.each([
			[
				'a negative amount',
				fields({ amount: '-10.00' }),
				'Item 0: amount: "-10.00" is negative',
				'amount',
			],
			[
				'an unknown currency',
				fields({ currency: 'XYZ' }),
				'Item 0: currency: "XYZ" is not a known ISO 4217 currency',
				'currency',
			],
			[
				'more decimals than the currency has',
				fields({ currency: 'JPY', amount: '1002.50', rule: 'custom' }),
				'Item 0: amount: "1002.50" has more decimals than JPY allows (0)',
				'amount',
			],
			[
				'a consumer under FR',
				fields({ consumer: true }),
				'Item 0: penalty.consumer: true is not covered by rule FR: Code de commerce L441-10 applies between businesses only',
				'penalty.consumer',
			],
			[
				'a consumer under UK',
				fields({ rule: 'UK', currency: 'GBP', consumer: true }),
				'Item 0: penalty.consumer: true is not covered by rule UK: the Late Payment of Commercial Debts (Interest) Act 1998 applies between businesses only',
				'penalty.consumer',
			],
			[
				'an FR invoice due before 2013',
				fields({ dueDate: '2012-12-31' }),
				'Item 0: penalty.dueDate: "2012-12-31" is before 2013-01-01: the half-yearly FR rule applies since 1 January 2013; earlier invoices are out of scope',
				'penalty.dueDate',
			],
			[
				'an unknown rule (from an expression)',
				fields({ rule: '={{ "ES" }}' }),
				'Item 0: penalty.rule: "ES" is not one of FR, EU, DE, UK, custom',
				'penalty.rule',
			],
			// A GBP invoice under FR was refused here until issue 19; it is now computed (passthrough.cases.ts).
			[
				'an impossible due date',
				fields({ dueDate: '2026-02-30' }),
				'Item 0: dueDate: "2026-02-30" is not a date (YYYY-MM-DD)',
				'dueDate',
			],
			[
				'an impossible date-time (never rolled over to March)',
				fields({ dueDate: '2026-02-30T10:00:00Z' }),
				'Item 0: dueDate: "2026-02-30" is not a date (YYYY-MM-DD)',
				'dueDate',
			],
			[
				'a date-time with an impossible hour',
				fields({ asOf: '2026-03-09T25:00:00Z' }),
				'Item 0: asOf: "2026-03-09T25:00:00Z" is not a date (YYYY-MM-DD, or a date-time with an offset)',
				'asOf',
			],
			[
				'an as-of date that is not a date',
				fields({ asOf: 'yesterday' }),
				'Item 0: asOf: "yesterday" is not a date (YYYY-MM-DD)',
				'asOf',
			],
			[
				'an unknown time zone',
				fields({ timezone: 'Mars/Olympus' }),
				'Item 0: timezone: "Mars/Olympus" is not an IANA time zone',
				'timezone',
			],
			[
				'payments that are not JSON',
				fields({ payments: '[{ "date": ' }),
				'Item 0: payments: is not valid JSON',
				'payments',
			],
			[
				'a payment without an amount',
				fields({ payments: '[{ "date": "2026-02-10" }]' }),
				'Item 0: payments[0].amount: missing: give "amount" (major units) or "amountMinor"',
				'payments[0].amount',
			],
			[
				'payments beyond the principal',
				fields({ payments: '[{ "date": "2026-02-10", "amount": "2000.00" }]' }),
				'Item 0: penalty.payments: the payments total 200000, more than the principal 100200',
				'penalty.payments',
			],
			[
				'a contractual rate under rule custom',
				fields({
					rule: 'custom',
					customAnnualRatePercent: 5,
					options: { contractualRatePercent: 9 },
				}),
				'Item 0: penalty.contractualRatePercent: is not used by rule "custom": give the rate as customAnnualRatePercent',
				'penalty.contractualRatePercent',
			],
			[
				'an unsupported summary language',
				fields({ language: '={{ "de" }}' }),
				'Item 0: language: "de" is not a supported language (fr, en)',
				'language',
			],
		])('%s', async (_case, parameters, message, field) => {
			const error = await errorOf([{}], parameters);
			expect(error).toMatchObject({
				name: 'NodeOperationError',
				message,
				description: `The field "${field}" of item 0 is not valid.`,
				context: { itemIndex: 0 },
			});
		});

		it('an invoice with an unknown currency names the invoice field', async () => {
			const error = await errorOf([{ invoice: { ...makeInvoice(), currency: 'ABC' } }], {
				rule: 'FR',
				asOf: '2026-11-26',
			});
			expect(error?.message).toBe(
				'Item 0: invoice.currency: "ABC" is not a known ISO 4217 currency',
			);
		});

		it('stops at the first bad item, naming it', async () => {
			const items = [
				good('ok'),
				{ ...good('negative'), amount: '-1.00' },
				{ ...good('fr-consumer'), consumer: true },
			];
			const error = await errorOf(items, PER_ITEM);
			expect(error).toMatchObject({
				message: 'Item 1: amount: "-1.00" is negative',
				context: { itemIndex: 1 },
			});
		});
	});

	describe('Late Payment Penalty: Continue On Fail', () => {
		const batch = [
			good('ok'),
			{ ...good('negative'), amount: '-1.00' },
			{ ...good('unknown-currency'), currency: 'XYZ' },
			{ ...good('fr-consumer'), consumer: true },
			{ ...good('before-2013'), due: '2012-06-30' },
			good('ok2'),
		];
		const messages = [
			'Item 1: amount: "-1.00" is negative',
			'Item 2: currency: "XYZ" is not a known ISO 4217 currency',
			'Item 3: penalty.consumer: true is not covered by rule FR: Code de commerce L441-10 applies between businesses only',
			'Item 4: penalty.dueDate: "2012-06-30" is before 2013-01-01: the half-yearly FR rule applies since 1 January 2013; earlier invoices are out of scope',
		];

		it('Continue (regular output): failed items keep their data, gain `error` and stay in order', async () => {
			const result = await run(batch, PER_ITEM, { onError: 'continueRegularOutput' });
			expect(result.error).toBeUndefined();
			const output = result.outputOf(NODE);
			expect(output.map((item) => item.pairedItem)).toEqual(
				[0, 1, 2, 3, 4, 5].map((item) => ({ item })),
			);
			expect(output.map((item) => item.json.ref)).toEqual(batch.map((item) => item.ref));
			expect(output.filter((item) => item.json.error).map((item) => item.json.error)).toEqual(
				messages,
			);
			expect(output[1].json).toEqual({ ...batch[1], error: messages[0] });
			expect(output[1].json.penalty).toBeUndefined();
			for (const index of [0, 5]) {
				expect(output[index].json.error).toBeUndefined();
				expect(output[index].json.penalty).toMatchObject({ totalMinor: 5234 });
			}
		});

		it('Continue (using error output): good items on the output, bad items on the error output', async () => {
			const result = await run(batch, PER_ITEM, { onError: 'continueErrorOutput' });
			expect(result.error).toBeUndefined();
			const ok = result.outputOf(NODE, 0);
			expect(ok.map((item) => [item.json.ref, item.pairedItem])).toEqual([
				['ok', { item: 0 }],
				['ok2', { item: 5 }],
			]);
			const errors = result.outputOf(NODE, 1);
			expect(errors.map((item) => item.json.error)).toEqual(messages);
			expect(errors.map((item) => item.pairedItem)).toEqual([1, 2, 3, 4].map((item) => ({ item })));
			// n8n merges each failed input item back into its error item, so nothing of it is lost.
			expect(errors.map((item) => item.json.ref)).toEqual(
				batch.slice(1, 5).map((item) => item.ref),
			);
		});
	});
});

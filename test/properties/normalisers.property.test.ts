// Property-based tests of the normalisers (issue 9, part 1): whatever Stripe or QuickBooks shape comes in
// (arbitrary decimals, strings, nulls, floats where integers were), every amount that comes out is a safe
// integer, never a float or NaN, and anything else is a DunningInputError naming the field.
import * as fc from 'fast-check';

import {
	DunningInputError,
	normalizeInvoice,
	normalizeQuickBooksInvoice,
	normalizeStripeInvoice,
	type Invoice,
} from '../../nodes/shared';
import { quickBooksExchange, stripeFixture } from '../helpers/fixtures';
import { params } from './config';

const stripeOpen = stripeFixture('invoice-open-send-invoice');
const stripePaid = stripeFixture('invoice-paid');
const qbOpen = (quickBooksExchange('invoice-open-overdue').response.body as { Invoice: object })
	.Invoice as Record<string, unknown>;

/** What an amount field may hold in a hostile or unexpected payload. */
const amountLike: fc.Arbitrary<unknown> = fc.oneof(
	fc.integer({ min: -1_000_000, max: 1_000_000_000 }),
	fc.double({ noDefaultInfinity: false }),
	fc.integer({ min: 0, max: 10_000_000 }).map((n) => n / 100),
	fc.integer({ min: 0, max: 10_000_000 }).map((n) => n / 1000),
	fc.integer({ min: 0, max: 10_000_000 }).map((n) => String(n / 100)),
	fc.constantFrom(
		null,
		undefined,
		'',
		' ',
		'NaN',
		'Infinity',
		'1e3',
		'1,234.56',
		'12 345,67',
		'0x10',
		'-0',
		'+5',
		'.5',
		'5.',
		'.',
		'١٢٣',
		'9007199254740993',
		'123456789012345678901234567890',
		Number.MAX_SAFE_INTEGER,
		Number.MAX_VALUE,
		-0,
		true,
		[],
		{},
		[100],
		{ value: 100 },
	),
	fc.string({ maxLength: 12 }),
);

function expectIntegerAmounts(invoice: Invoice): void {
	for (const value of [invoice.totalMinor, invoice.paidMinor, invoice.dueMinor]) {
		if (!Number.isSafeInteger(value))
			throw new Error(`amount ${String(value)} is not a safe integer`);
		if (value < 0) throw new Error(`amount ${value} is negative`);
	}
	for (const payment of invoice.payments) {
		if (!Number.isSafeInteger(payment.amountMinor)) {
			throw new Error(`payment ${String(payment.amountMinor)} is not a safe integer`);
		}
	}
	const text = JSON.stringify({ ...invoice, raw: undefined });
	if (/NaN|Infinity/.test(text)) throw new Error('NaN or Infinity in the invoice');
}

/** Either a clean invoice or a DunningInputError naming a field; anything else fails the property. */
function normalisesOrRefuses(run: () => Invoice, field: RegExp): void {
	let invoice: Invoice;
	try {
		invoice = run();
	} catch (error) {
		if (!(error instanceof DunningInputError)) throw error;
		if (!field.test(error.field))
			throw new Error(`unexpected field ${error.field}: ${error.message}`);
		return;
	}
	expectIntegerAmounts(invoice);
}

describe('normaliser properties', () => {
	it('Stripe: arbitrary amounts, currencies and timestamps give integer amounts or a field error (2000 runs in CI)', () => {
		fc.assert(
			fc.property(
				fc.constantFrom(stripeOpen, stripePaid),
				fc.record(
					{
						total: amountLike,
						amount_paid: amountLike,
						amount_remaining: amountLike,
						currency: fc.constantFrom('eur', 'jpy', 'isk', 'ugx', 'kwd', 'EUR', 'xxx', '', null, 5),
						due_date: fc.oneof(amountLike, fc.integer({ min: 0, max: 4_000_000_000 })),
						status: fc.constantFrom(
							'open',
							'paid',
							'void',
							'draft',
							'uncollectible',
							'deleted',
							null,
						),
						metadata: fc.oneof(
							fc.constant(null),
							fc.dictionary(
								fc.constantFrom('dunning_sent_steps', 'dunning_last_sent_on', 'x'),
								fc.string(),
							),
						),
					},
					{ requiredKeys: [] },
				),
				(base, changes) => {
					const raw = { ...structuredClone(base), ...changes };
					normalisesOrRefuses(
						() => normalizeStripeInvoice(raw, { timezone: 'Europe/Paris' }),
						/^invoice\./,
					);
				},
			),
			params(2000),
		);
	});

	it('QuickBooks: arbitrary decimals (numbers, strings, nulls) give exact integer minor units or a field error (2000 runs in CI)', () => {
		fc.assert(
			fc.property(
				fc.record(
					{
						TotalAmt: amountLike,
						Balance: amountLike,
						CurrencyRef: fc.oneof(
							fc
								.constantFrom('GBP', 'EUR', 'JPY', 'KWD', 'gbp', '', null)
								.map((value) => ({ value })),
							fc.constant(null),
						),
						PrivateNote: fc.oneof(
							fc.string(),
							fc.constant('[dunning] sent=d7@2026-11-12; paused=maybe'),
						),
						DueDate: fc.oneof(
							fc.constant('2026-11-01'),
							fc.string({ maxLength: 12 }),
							fc.constant(null),
						),
					},
					{ requiredKeys: [] },
				),
				(changes) => {
					const raw = { ...structuredClone(qbOpen), ...changes };
					normalisesOrRefuses(
						() => normalizeQuickBooksInvoice({ Invoice: raw }, { timezone: 'Europe/London' }),
						/^(invoice|customer)\./,
					);
				},
			),
			params(2000),
		);
	});

	it('QuickBooks: a decimal written with at most the currency’s decimals converts exactly, as number or string (1500 runs in CI)', () => {
		fc.assert(
			fc.property(
				fc.bigInt({ min: 0n, max: 900_719_925_474_099n }),
				fc.constantFrom(['GBP', 2], ['JPY', 0], ['KWD', 3]) as fc.Arbitrary<[string, number]>,
				fc.boolean(),
				(minor, [currency, exponent], asString) => {
					const digits = minor.toString().padStart(exponent + 1, '0');
					const text =
						exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
					const value = asString ? text : Number(text);
					const invoice = normalizeQuickBooksInvoice(
						{
							Invoice: {
								...structuredClone(qbOpen),
								CurrencyRef: { value: currency },
								TotalAmt: value,
								Balance: value,
							},
						},
						{ timezone: 'Europe/London' },
					);
					// At most 15 significant digits: a number's shortest round-trip string is the decimal written.
					expect(invoice.totalMinor).toBe(Number(minor));
					expectIntegerAmounts(invoice);
				},
			),
			params(1500),
		);
	});

	it('generic invoices: amounts that are not safe integers are refused, never carried (1500 runs in CI)', () => {
		fc.assert(
			fc.property(
				fc.record(
					{ totalMinor: amountLike, paidMinor: amountLike, dueMinor: amountLike },
					{ requiredKeys: [] },
				),
				(amounts) => {
					const raw = {
						id: 'g-1',
						status: 'open',
						currency: 'EUR',
						issueDate: '2026-10-01',
						dueDate: '2026-11-01',
						...amounts,
					};
					normalisesOrRefuses(() => normalizeInvoice(raw), /^invoice\./);
				},
			),
			params(1500),
		);
	});
});

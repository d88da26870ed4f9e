import { normalizeStripeInvoice } from '../../nodes/shared';
import { stripeFixture } from '../helpers/fixtures';

const paris = { timezone: 'Europe/Paris' };

describe('normalizeStripeInvoice on recorded Stripe payloads', () => {
	it('normalises an open send_invoice invoice', () => {
		const raw = stripeFixture('invoice-open-send-invoice');
		const invoice = normalizeStripeInvoice(raw, paris);
		expect(invoice).toMatchObject({
			id: raw.id,
			source: 'stripe',
			status: 'open',
			currency: 'EUR',
			totalMinor: raw.total,
			paidMinor: 0,
			dueMinor: raw.amount_remaining,
			customer: { id: raw.customer, email: raw.customer_email, name: raw.customer_name, tags: [] },
			paymentUrl: raw.hosted_invoice_url,
			pdfUrl: raw.invoice_pdf,
			dunning: {
				sentStepIds: [],
				lastSentOn: null,
				promisedOn: null,
				disputed: false,
				paused: false,
			},
		});
		expect(invoice.raw).toBe(raw);
		expect(invoice.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});

	it('reads the due date in the creditor time zone', () => {
		const raw = stripeFixture('invoice-with-dunning-metadata'); // due_date 1793487599 = 2026-10-31T22:59:59Z
		expect(normalizeStripeInvoice(raw, paris).dueDate).toBe('2026-10-31');
		expect(normalizeStripeInvoice(raw, { timezone: 'Asia/Tokyo' }).dueDate).toBe('2026-11-01');
	});

	it('reads the dunning state and tags from metadata', () => {
		const invoice = normalizeStripeInvoice(stripeFixture('invoice-with-dunning-metadata'), paris);
		expect(invoice.dunning).toEqual({
			sentStepIds: ['d7', 'd14'],
			lastSentOn: '2026-11-14',
			promisedOn: '2026-11-28',
			disputed: false,
			paused: false,
		});
		expect(invoice.customer.tags).toEqual(['vip']);
		expect(invoice.number).toBe('KESTREL-0011');
	});

	it('maps every status and keeps the amounts in minor units', () => {
		const partial = normalizeStripeInvoice(stripeFixture('invoice-open-partially-paid'), paris);
		expect([partial.totalMinor, partial.paidMinor, partial.dueMinor]).toEqual([
			320000, 120000, 200000,
		]);
		const paid = normalizeStripeInvoice(stripeFixture('invoice-paid'), paris);
		expect(paid.status).toBe('paid');
		expect(paid.dueMinor).toBe(0);
		expect(paid.payments).toEqual([{ date: '2026-10-30', amountMinor: 98000 }]);
		expect(normalizeStripeInvoice(stripeFixture('invoice-void'), paris).status).toBe('void');
		expect(normalizeStripeInvoice(stripeFixture('invoice-uncollectible'), paris).status).toBe(
			'uncollectible',
		);
		const draft = normalizeStripeInvoice(stripeFixture('invoice-draft'), paris);
		expect(draft.status).toBe('draft');
		expect(draft.number).toBeNull();
		expect(draft.issueDate).toBe('2026-11-23');
	});

	it('keeps zero-decimal amounts as they are and has no due date for automatic charges', () => {
		const jpy = normalizeStripeInvoice(stripeFixture('invoice-jpy'), paris);
		expect([jpy.currency, jpy.dueMinor]).toEqual(['JPY', 275000]);
		const auto = normalizeStripeInvoice(stripeFixture('invoice-open-charge-automatically'), paris);
		expect(auto.dueDate).toBeNull();
	});

	it('converts Stripe two-decimal ISK amounts to ISO minor units', () => {
		const raw = {
			...stripeFixture('invoice-jpy'),
			currency: 'isk',
			total: 1500000,
			amount_paid: 0,
			amount_remaining: 1500000,
		};
		expect(normalizeStripeInvoice(raw, paris).dueMinor).toBe(15000); // 15,000 ISK
	});

	it('uses an expanded customer for the locale and its own tags', () => {
		const customer = {
			...stripeFixture<{ id: string }>('customer'),
			metadata: { dunning_tags: 'Strategic, VIP' },
		};
		const raw = { ...stripeFixture('invoice-with-dunning-metadata'), customer };
		const invoice = normalizeStripeInvoice(raw, paris);
		expect(invoice.customer.id).toBe('cus_P7HORSO8SSRA0u');
		expect(invoice.customer.locale).toBe('fr-FR');
		expect(invoice.customer.tags).toEqual(['vip', 'strategic']);
	});

	it('reads the expanded payments list for the dates of partial payments', () => {
		const raw = {
			...stripeFixture('invoice-open-partially-paid'),
			payments: {
				object: 'list',
				data: [
					{ amount_paid: 100000, status: 'paid', status_transitions: { paid_at: 1793000000 } },
					{ amount_paid: 20000, status: 'paid', status_transitions: { paid_at: 1793600000 } },
					{ amount_paid: null, status: 'open', status_transitions: { paid_at: null } },
				],
			},
		};
		expect(normalizeStripeInvoice(raw, paris).payments).toEqual([
			{ date: '2026-10-26', amountMinor: 100000 },
			{ date: '2026-11-02', amountMinor: 20000 },
		]);
	});

	it('names the field when the payload is not a usable invoice', () => {
		const raw = stripeFixture('invoice-open-send-invoice');
		expect(() => normalizeStripeInvoice({ ...raw, currency: 'zzz' }, paris)).toThrow(
			'invoice.currency: "zzz"',
		);
		expect(() => normalizeStripeInvoice({ ...raw, amount_remaining: -1 }, paris)).toThrow(
			'invoice.amount_remaining: -1 is negative',
		);
		expect(() => normalizeStripeInvoice({ ...raw, total: '100' }, paris)).toThrow('invoice.total');
		expect(() => normalizeStripeInvoice({ ...raw, due_date: 'soon' }, paris)).toThrow(
			'invoice.due_date',
		);
		expect(() => normalizeStripeInvoice({ ...raw, status: 'weird' }, paris)).toThrow(
			'invoice.status',
		);
		expect(() => normalizeStripeInvoice({ ...raw, object: 'charge' }, paris)).toThrow(
			'invoice.object',
		);
		expect(() =>
			normalizeStripeInvoice({ ...raw, metadata: { dunning_last_sent_on: 'yesterday' } }, paris),
		).toThrow('invoice.metadata.dunning_last_sent_on: "yesterday" is not a date');
		expect(() => normalizeStripeInvoice(raw, { timezone: 'Nowhere' })).toThrow('options.timezone');
		expect(() => normalizeStripeInvoice(null as unknown as object, paris)).toThrow(
			'invoice: null is not an object',
		);
	});
});

// Issue 20: where an SMS goes. The customer's phone as the sources give it (customer.phone, only when they have
// one) and smsRecipient: E.164, mobile ranges, and the reason recorded when there is no mobile number.
import {
	normalizeInvoice,
	normalizeQuickBooksInvoice,
	normalizeStripeInvoice,
	smsRecipient,
} from '../../../nodes/shared/internal';
import { quickBooksExchange, stripeFixture } from '../../helpers/fixtures';
import { makeInvoice } from '../invoice-factory';

const paris = { timezone: 'Europe/Paris' };
const qbBody = (name: string) => quickBooksExchange(name).response.body as Record<string, unknown>;

describe('customer.phone from the sources, only when they give one', () => {
	it('Stripe: the invoice’s customer_phone, else the expanded customer’s phone', () => {
		const raw = stripeFixture('invoice-open-partially-paid') as Record<string, unknown>;
		expect(
			normalizeStripeInvoice({ ...raw, customer_phone: '+33 6 12 34 56 78' }, paris).customer.phone,
		).toBe('+33 6 12 34 56 78');
		const customer = { ...(stripeFixture('customer') as object), phone: '+33700000001' };
		expect(
			normalizeStripeInvoice({ ...raw, customer_phone: null, customer }, paris).customer.phone,
		).toBe('+33700000001');
		expect(
			'phone' in normalizeStripeInvoice({ ...raw, customer_phone: null }, paris).customer,
		).toBe(false);
	});

	it('QuickBooks: the customer record’s Mobile, else its PrimaryPhone (the invoice has none)', () => {
		const invoice = qbBody('invoice-open-overdue');
		const customer = (mobile?: string) => ({
			Id: '1',
			PrimaryPhone: { FreeFormNumber: '01 84 60 12 34' },
			...(mobile ? { Mobile: { FreeFormNumber: mobile } } : {}),
		});
		const phone = (record: object) =>
			normalizeQuickBooksInvoice(invoice, { ...paris, customer: record }).customer.phone;
		expect(phone(customer('06 12 34 56 78'))).toBe('06 12 34 56 78');
		expect(phone(customer())).toBe('01 84 60 12 34');
		expect('phone' in normalizeQuickBooksInvoice(invoice, paris).customer).toBe(false);
	});

	it('an invoice in the normalised shape keeps its customer.phone, and has none without one', () => {
		const invoice = makeInvoice();
		expect(
			normalizeInvoice({ ...invoice, customer: { ...invoice.customer, phone: '+447700900123' } })
				.customer.phone,
		).toBe('+447700900123');
		expect('phone' in normalizeInvoice(invoice).customer).toBe(false);
	});
});

describe('smsRecipient: a mobile number as E.164, or the reason there is none', () => {
	it.each([
		['+33 6 12 34 56 78', null, '+33612345678'],
		['06.12.34.56.78', 'FR', '+33612345678'],
		['0033 7 00 00 00 01', null, '+33700000001'],
		['0470 12 34 56', 'BE', '+32470123456'],
		['0151 2345 6789', 'DE', '+4915123456789'],
		['07700 900123', 'GB', '+447700900123'],
		['+1 415 555 0100', null, '+14155550100'],
	])('%s (%s) → %s', (phone, country, to) => {
		expect(smsRecipient(phone, country)).toEqual({ to, reason: null });
	});

	it.each([
		[null, 'FR', 'the customer has no phone number'],
		['  ', 'FR', 'the customer has no phone number'],
		['01 84 60 12 34', 'FR', '+33184601234 is not a mobile number'],
		['030 1234567', 'DE', '+49301234567 is not a mobile number'],
		['06 12 34 56 78', null, 'is not an international number'],
		['call the office', 'FR', 'is not an international number'],
	])('%s (%s): no mobile number, %s', (phone, country, detail) => {
		const recipient = smsRecipient(phone, country);
		expect(recipient).toMatchObject({ to: null, reason: 'no mobile number' });
		expect((recipient as { detail: string }).detail).toContain(detail);
	});
});

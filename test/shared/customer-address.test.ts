// Issue 19, contract 1: the customer's country (ISO 3166-1 alpha-2) and billing address, from Stripe, QuickBooks
// and invoices given in the normalised shape.
import {
	countryFromText,
	DunningInputError,
	normalizeInvoice,
	normalizeQuickBooksInvoice,
	normalizeStripeInvoice,
} from '../../nodes/shared/internal';
import { quickBooksExchange, stripeFixture } from '../helpers/fixtures';
import { makeInvoice } from './invoice-factory';

const paris = { timezone: 'Europe/Paris' };
const london = { timezone: 'Europe/London' };
const qbBody = (name: string) => quickBooksExchange(name).response.body as Record<string, unknown>;

describe('countryFromText reads the country spellings of accounting software as ISO alpha-2', () => {
	it.each([
		['FR', 'FR'],
		['fr', 'FR'],
		['USA', 'US'],
		['U.S.A.', 'US'],
		['United States', 'US'],
		['United States of America', 'US'],
		['US', 'US'],
		['UK', 'GB'],
		['United Kingdom', 'GB'],
		['England', 'GB'],
		['GBR', 'GB'],
		['France', 'FR'],
		['  france ', 'FR'],
		['Deutschland', 'DE'],
		['Allemagne', 'DE'],
		['Royaume-Uni', 'GB'],
		['États-Unis', 'US'],
		['Etats-Unis', 'US'],
		['España', 'ES'],
		['Espagne', 'ES'],
		['Schweiz', 'CH'],
		['Suisse', 'CH'],
		['The Netherlands', 'NL'],
		["Côte d'Ivoire", 'CI'],
		['Canada', 'CA'],
	])('%s → %s', (text, code) => {
		expect(countryFromText(text)).toBe(code);
	});

	it.each([[''], ['  '], ['Atlantis'], ['EU'], ['ZZ'], [null], [42]])(
		'%p → null (unknown, never an error)',
		(text) => {
			expect(countryFromText(text)).toBeNull();
		},
	);
});

describe('normalizeStripeInvoice gives the customer country and address', () => {
	it('from the invoice customer_address snapshot when the customer is not expanded', () => {
		const invoice = normalizeStripeInvoice(stripeFixture('invoice-open-partially-paid'), paris);
		expect(invoice.customer.country).toBe('DE');
		expect(invoice.customer.address).toEqual({
			lines: ['Falkenweg 88', '3. OG'],
			postalCode: '80802',
			city: 'München',
			region: null,
			country: 'DE',
		});
	});

	it("from the expanded customer's own address first", () => {
		const raw = { ...stripeFixture('invoice-jpy'), customer: stripeFixture('customer') };
		const invoice = normalizeStripeInvoice(raw, paris);
		expect(invoice.customer.country).toBe('FR');
		expect(invoice.customer.address).toEqual({
			lines: ['14 rue des Verriers'],
			postalCode: '69002',
			city: 'Lyon',
			region: null,
			country: 'FR',
		});
	});

	it('null country and address when Stripe has none', () => {
		const raw = { ...stripeFixture('invoice-open-send-invoice'), customer_address: null };
		const invoice = normalizeStripeInvoice(raw, paris);
		expect(invoice.customer.country).toBeNull();
		expect(invoice.customer.address).toBeNull();
	});
});

describe('normalizeQuickBooksInvoice gives the customer country and address from BillAddr', () => {
	it('reads Line1..Line5, City, CountrySubDivisionCode, PostalCode and Country', () => {
		const invoice = normalizeQuickBooksInvoice(qbBody('invoice-open-overdue'), london);
		expect(invoice.customer.country).toBe('GB');
		expect(invoice.customer.address).toEqual({
			lines: ['12 Cannon Wharf'],
			postalCode: 'SE8 3AX',
			city: 'London',
			region: null,
			country: 'GB',
		});
	});

	it.each([
		['USA', 'US'],
		['United States', 'US'],
		['France', 'FR'],
		['FR', 'FR'],
		['Mars', null],
	])('maps the free-text Country %p to %p', (country, code) => {
		const body = qbBody('invoice-open-overdue');
		const raw = {
			...(body.Invoice as object),
			BillAddr: {
				Line1: 'Cool Cars',
				Line2: '65 Ocean Dr.',
				City: 'Half Moon Bay',
				CountrySubDivisionCode: 'CA',
				PostalCode: '94213',
				Country: country,
			},
		};
		const invoice = normalizeQuickBooksInvoice(raw, london);
		expect(invoice.customer.country).toBe(code);
		expect(invoice.customer.address).toEqual({
			lines: ['Cool Cars', '65 Ocean Dr.'],
			postalCode: '94213',
			city: 'Half Moon Bay',
			region: 'CA',
			country: code,
		});
	});

	it("falls back to the customer record's BillAddr, and gives null without any address", () => {
		const invoiceOnly = { ...(qbBody('invoice-open-overdue').Invoice as Record<string, unknown>) };
		delete invoiceOnly.BillAddr;
		expect(normalizeQuickBooksInvoice(invoiceOnly, london).customer).toMatchObject({
			country: null,
			address: null,
		});
		const customer = { Customer: { Id: '58', BillAddr: { City: 'Lyon', Country: 'France' } } };
		expect(normalizeQuickBooksInvoice(invoiceOnly, { ...london, customer }).customer).toMatchObject(
			{
				country: 'FR',
				address: { lines: [], postalCode: null, city: 'Lyon', region: null, country: 'FR' },
			},
		);
	});
});

describe('normalizeInvoice accepts and validates country and address', () => {
	it('without them: both null on output', () => {
		const customer: Record<string, unknown> = { ...makeInvoice().customer };
		delete customer.country;
		delete customer.address;
		const invoice = normalizeInvoice({ ...makeInvoice(), customer });
		expect(invoice.customer.country).toBeNull();
		expect(invoice.customer.address).toBeNull();
	});

	it('with them: the country upper-cased, or read from the address', () => {
		const address = {
			lines: ['1 rue de la Paix', ''],
			postalCode: '75002',
			city: 'Paris',
			country: 'france',
		};
		const invoice = normalizeInvoice({
			...makeInvoice(),
			customer: { ...makeInvoice().customer, address },
		});
		expect(invoice.customer.country).toBe('FR');
		expect(invoice.customer.address).toEqual({
			lines: ['1 rue de la Paix'],
			postalCode: '75002',
			city: 'Paris',
			region: null,
			country: 'FR',
		});
		expect(
			normalizeInvoice({ ...makeInvoice(), customer: { ...makeInvoice().customer, country: 'gb' } })
				.customer.country,
		).toBe('GB');
	});

	it.each([
		[{ country: 'Atlantis' }, 'invoice.customer.country'],
		[{ country: 12 }, 'invoice.customer.country'],
		[{ address: 'Paris' }, 'invoice.customer.address'],
		[{ address: { lines: 'rue' } }, 'invoice.customer.address.lines'],
		[{ address: { city: {} } }, 'invoice.customer.address.city'],
		[{ address: { country: 'XX' } }, 'invoice.customer.address.country'],
	])('refuses %p naming %s', (change, field) => {
		const raw = { ...makeInvoice(), customer: { ...makeInvoice().customer, ...change } };
		expect(() => normalizeInvoice(raw)).toThrow(DunningInputError);
		expect(() => normalizeInvoice(raw)).toThrow(new RegExp(`^${field.replace(/\./g, '\\.')}: `));
	});
});

import { normalizePennylaneInvoice } from '../../../nodes/services/pennylane/normalize';
import { DunningInputError } from '../../../nodes/shared/internal';
import customerCompany from '../../simulators/pennylane/fixtures/customer-company.json';
import customerForeign from '../../simulators/pennylane/fixtures/customer-foreign.json';
import customerWithoutEmail from '../../simulators/pennylane/fixtures/customer-without-email.json';
import invoiceCancelled from '../../simulators/pennylane/fixtures/invoice-cancelled.json';
import invoiceDraft from '../../simulators/pennylane/fixtures/invoice-draft.json';
import invoiceLate from '../../simulators/pennylane/fixtures/invoice-late.json';
import invoicePaid from '../../simulators/pennylane/fixtures/invoice-paid.json';
import invoicePartial from '../../simulators/pennylane/fixtures/invoice-partially-paid.json';
import invoiceUpcoming from '../../simulators/pennylane/fixtures/invoice-upcoming.json';
import invoiceUsd from '../../simulators/pennylane/fixtures/invoice-usd.json';

const paris = { timezone: 'Europe/Paris' };

function thrown(run: () => unknown): DunningInputError {
	try {
		run();
	} catch (error) {
		if (error instanceof DunningInputError) return error;
		throw error;
	}
	throw new Error('expected a DunningInputError');
}

describe('normalizePennylaneInvoice', () => {
	it('turns a late invoice with its customer into the normalised invoice, amounts in cents', () => {
		const invoice = normalizePennylaneInvoice(invoiceLate, { ...paris, customer: customerCompany });
		const { raw, ...rest } = invoice;
		expect(raw).toBe(invoiceLate);
		expect(rest).toEqual({
			id: '5012',
			source: 'pennylane',
			number: 'F-2026-0112',
			status: 'open',
			currency: 'EUR',
			totalMinor: 145000,
			paidMinor: 0,
			dueMinor: 145000,
			issueDate: '2026-10-06',
			dueDate: '2026-11-05',
			customer: {
				id: '801',
				name: 'Atelier Brioche SARL',
				email: 'compta@atelier-brioche.example.fr',
				locale: 'fr-FR',
				tags: [],
				country: 'FR',
				address: {
					lines: ['12 rue des Boulangers', 'Bâtiment B'],
					postalCode: '69002',
					city: 'Lyon',
					region: null,
					country: 'FR',
				},
			},
			paymentUrl: null,
			pdfUrl: invoiceLate.public_file_url,
			payments: [],
			dunning: {
				sentStepIds: [],
				lastSentOn: null,
				promisedOn: null,
				disputed: false,
				paused: false,
			},
		});
	});

	it('reads a partial payment from remaining_amount_with_tax: 2000.00 of 3200.00 still owed', () => {
		const invoice = normalizePennylaneInvoice(invoicePartial, paris);
		expect([invoice.status, invoice.totalMinor, invoice.paidMinor, invoice.dueMinor]).toEqual([
			'open',
			320000,
			120000,
			200000,
		]);
	});

	it('maps paid, cancelled and draft invoices to paid, void and draft', () => {
		expect(normalizePennylaneInvoice(invoicePaid, paris).status).toBe('paid');
		expect(normalizePennylaneInvoice(invoiceCancelled, paris).status).toBe('void');
		expect(normalizePennylaneInvoice(invoiceDraft, paris).status).toBe('draft');
		expect(normalizePennylaneInvoice(invoiceUpcoming, paris).status).toBe('open');
	});

	it('treats an archived invoice (archived_at set) as void whatever its label', () => {
		const archived = { ...invoiceLate, archived_at: '2026-11-20T08:00:00.000Z' };
		expect(normalizePennylaneInvoice(archived, paris).status).toBe('void');
	});

	it('counts an unpaid invoice whose remaining amount is zero as paid', () => {
		const settled = { ...invoiceLate, paid: false, remaining_amount_with_tax: '0.00' };
		expect(normalizePennylaneInvoice(settled, paris).status).toBe('paid');
	});

	it('keeps a foreign-currency invoice in its own currency (currency_amount, not the euro amount)', () => {
		const invoice = normalizePennylaneInvoice(invoiceUsd, { ...paris, customer: customerForeign });
		expect([
			invoice.currency,
			invoice.totalMinor,
			invoice.customer.locale,
			invoice.customer.country,
		]).toEqual(['USD', 98050, 'en-GB', 'GB']);
	});

	it('leaves the email null when the customer has no email, and takes the locale from the invoice', () => {
		const invoice = normalizePennylaneInvoice(invoiceUpcoming, {
			...paris,
			customer: { ...customerWithoutEmail, billing_language: null },
		});
		expect([invoice.customer.email, invoice.customer.locale]).toEqual([null, 'fr-FR']);
	});

	it('gives a draft without a date the day of its creation in the given time zone', () => {
		const draft = { ...invoiceDraft, date: null, created_at: '2026-11-24T23:30:00.000Z' };
		expect(normalizePennylaneInvoice(draft, paris).issueDate).toBe('2026-11-25');
		expect(normalizePennylaneInvoice(draft, { timezone: 'UTC' }).issueDate).toBe('2026-11-24');
	});

	it('converts 1187.34 exactly (no floating-point 118733.99999999999)', () => {
		const invoice = {
			...invoiceLate,
			currency_amount: '1187.34',
			remaining_amount_with_tax: '1187.34',
		};
		expect(normalizePennylaneInvoice(invoice, paris).dueMinor).toBe(118734);
	});

	it.each([
		[{ id: 'abc' }, 'invoice.id'],
		[{ currency: 'EURO' }, 'invoice.currency'],
		[{ currency_amount: '12,50' }, 'invoice.currency_amount'],
		[{ currency_amount: '-120.00', remaining_amount_with_tax: '0.0' }, 'invoice.currency_amount'],
		[{ remaining_amount_with_tax: '1450.001' }, 'invoice.remaining_amount_with_tax'],
		[{ remaining_amount_with_tax: '1500.00' }, 'invoice.remaining_amount_with_tax'],
		[{ deadline: '05/11/2026' }, 'invoice.deadline'],
		[{ date: '2026-02-30' }, 'invoice.date'],
		[{ paid: 'yes' }, 'invoice.paid'],
	])('refuses %j with a DunningInputError naming %s', (change, field) => {
		const error = thrown(() => normalizePennylaneInvoice({ ...invoiceLate, ...change }, paris));
		expect(error.field).toBe(field);
	});

	it('refuses a customer record that is not the invoice customer', () => {
		const error = thrown(() =>
			normalizePennylaneInvoice(invoiceLate, { ...paris, customer: customerForeign }),
		);
		expect(error.message).toBe("customer.id: 803 is not the invoice's customer (801)");
	});

	it('refuses a missing time zone, naming options.timezone', () => {
		const error = thrown(() =>
			normalizePennylaneInvoice(invoiceLate, {} as unknown as { timezone: string }),
		);
		expect(error.field).toBe('options.timezone');
	});
});

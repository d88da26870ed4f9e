import { normalizeQuickBooksInvoice } from '../../nodes/shared';
import { quickBooksExchange } from '../helpers/fixtures';

const london = { timezone: 'Europe/London' };
const body = (name: string) => quickBooksExchange(name).response.body as Record<string, unknown>;

describe('normalizeQuickBooksInvoice on recorded QuickBooks payloads', () => {
	it('converts decimal amounts without float error', () => {
		const invoice = normalizeQuickBooksInvoice(body('invoice-open-overdue'), london);
		expect(invoice).toMatchObject({
			id: '1042',
			source: 'quickbooks',
			number: '1042',
			status: 'open',
			currency: 'GBP',
			totalMinor: 118734,
			paidMinor: 0,
			dueMinor: 118734,
			issueDate: '2026-09-30',
			dueDate: '2026-10-30',
			customer: {
				id: '58',
				name: 'Harrow & Pike Ltd',
				email: 'accounts@harrowpike.example.co.uk',
				tags: [],
			},
			paymentUrl: null,
		});
	});

	it('accepts the bare Invoice object as well as the response wrapper', () => {
		const wrapped = body('invoice-open-overdue');
		const bare = normalizeQuickBooksInvoice(wrapped.Invoice as object, london);
		expect(bare.totalMinor).toBe(118734);
		expect(bare.raw).toBe(wrapped.Invoice);
	});

	it('takes the email from the customer record when BillEmail is missing', () => {
		const without = normalizeQuickBooksInvoice(body('invoice-partially-paid'), london);
		expect(without.customer.email).toBeNull();
		expect([without.totalMinor, without.paidMinor, without.dueMinor]).toEqual([
			288000, 60000, 228000,
		]);
		const withCustomer = normalizeQuickBooksInvoice(body('invoice-partially-paid'), {
			...london,
			customer: body('customer'),
		});
		expect(withCustomer.customer.email).toBe('accounts@harrowpike.example.co.uk');
	});

	it('derives paid and void from the balance and the "Voided" note', () => {
		expect(normalizeQuickBooksInvoice(body('invoice-paid'), london).status).toBe('paid');
		const voided = normalizeQuickBooksInvoice(body('invoice-voided'), london);
		expect(voided.status).toBe('void');
	});

	it('keeps the invoice currency of a foreign-currency invoice and the payment link when present', () => {
		const eur = normalizeQuickBooksInvoice(body('invoice-foreign-currency'), london);
		expect([eur.currency, eur.dueMinor]).toEqual(['EUR', 420000]);
		const linked = normalizeQuickBooksInvoice(body('invoice-with-invoice-link'), london);
		expect(linked.paymentUrl).toMatch(/^https:\/\/connect\.intuit\.com\//);
	});

	it("reads the [dunning] line of the private note and leaves the user's text alone", () => {
		const raw = body('invoice-with-private-note');
		const invoice = raw.Invoice as Record<string, unknown>;
		expect(normalizeQuickBooksInvoice(raw, london).dunning.sentStepIds).toEqual([]);
		const noted = {
			...invoice,
			PrivateNote: `${invoice.PrivateNote}\n[dunning] sent=d7@2026-11-12,d14@2026-11-19; promised=2026-12-01; tags=VIP`,
		};
		const normalised = normalizeQuickBooksInvoice(noted, london);
		expect(normalised.dunning).toEqual({
			sentStepIds: ['d7', 'd14'],
			lastSentOn: '2026-11-19',
			promisedOn: '2026-12-01',
			disputed: false,
			paused: false,
		});
		expect(normalised.customer.tags).toEqual(['vip']);
	});

	it('takes customer tags from the [dunning] line of the customer notes', () => {
		const customer = body('customer');
		const tagged = {
			...(customer.Customer as object),
			Notes: 'Key account.\n[dunning] tags=strategic',
		};
		const invoice = normalizeQuickBooksInvoice(body('invoice-open-overdue'), {
			...london,
			customer: tagged,
		});
		expect(invoice.customer.tags).toEqual(['strategic']);
	});

	it('names the field at fault', () => {
		const invoice = body('invoice-open-overdue').Invoice as Record<string, unknown>;
		expect(() => normalizeQuickBooksInvoice({ ...invoice, TotalAmt: 'lots' }, london)).toThrow(
			'invoice.TotalAmt',
		);
		expect(() => normalizeQuickBooksInvoice({ ...invoice, Balance: -3 }, london)).toThrow(
			'invoice.Balance: -3 is negative',
		);
		expect(() => normalizeQuickBooksInvoice({ ...invoice, Balance: 5000 }, london)).toThrow(
			'is more than TotalAmt',
		);
		expect(() => normalizeQuickBooksInvoice({ ...invoice, DueDate: '30/10/2026' }, london)).toThrow(
			'invoice.DueDate: "30/10/2026" is not a date (YYYY-MM-DD)',
		);
		expect(() =>
			normalizeQuickBooksInvoice({ ...invoice, CurrencyRef: undefined }, london),
		).toThrow('invoice.CurrencyRef.value: missing');
		expect(() => normalizeQuickBooksInvoice({ ...invoice, Id: undefined }, london)).toThrow(
			'invoice.Id',
		);
	});
});

import { customerKey } from '../../nodes/shared/customer';
import { composeCustomerReminder, groupCustomerMessages } from '../../nodes/shared/internal';
import { reportCustomerKey } from '../../nodes/shared/report/history';
import { latestSentOnByCustomer } from '../../nodes/shared/scenario/customer-gap';
import { makeInvoice } from './invoice-factory';

/**
 * One rule for "which customer owns this invoice" (issue 23): the scenario's per-customer gap, the composer's
 * grouping and the report used four versions that disagreed on the cases below.
 */
describe('customerKey: which customer owns an invoice', () => {
	it('is the customer id, else the trimmed lower-case email, else null', () => {
		expect(customerKey(makeInvoice({ customer: { id: 'cus-1' } }))).toBe('id:cus-1');
		expect(customerKey(makeInvoice({ customer: { id: null, email: ' AP@X.example ' } }))).toBe(
			'email:ap@x.example',
		);
		expect(customerKey(makeInvoice({ customer: { id: null, email: null } }))).toBeNull();
	});

	it('takes a blank id for no id and falls back to the email (two copies took "  " as an id)', () => {
		const blank = makeInvoice({ customer: { id: '  ', email: 'ap@x.example' } });
		expect(customerKey(blank)).toBe('email:ap@x.example');
		const other = makeInvoice({ id: 'b', customer: { id: '  ', email: 'ap@y.example' } });
		// Two customers with blank ids are two customers, not one.
		expect(
			groupCustomerMessages(
				[blank, other].map((invoice) => ({ invoice, tone: 'reminder' as const })),
			),
		).toHaveLength(2);
	});

	it('never takes the name for an identity (the report grouped namesakes together)', () => {
		const anonymous = { id: null, email: null, name: 'Martin SARL' };
		const a = makeInvoice({ id: 'a', customer: anonymous });
		const b = makeInvoice({ id: 'b', customer: anonymous });
		expect(customerKey(a)).toBeNull();
		expect(reportCustomerKey(a)).toBe('invoice:generic:a');
		expect(reportCustomerKey(b)).toBe('invoice:generic:b');
	});

	it('counts emails that differ by spaces or case as one customer in the report (it did not trim)', () => {
		const a = makeInvoice({ id: 'a', customer: { id: null, email: ' AP@X.example' } });
		const b = makeInvoice({ id: 'b', customer: { id: null, email: 'ap@x.example' } });
		expect(reportCustomerKey(a)).toBe(reportCustomerKey(b));
	});

	it('does not match an id spelled like an email with that email (the composer compared bare values)', () => {
		const byId = makeInvoice({
			id: 'a',
			customer: { id: 'ap@x.example', email: 'other@x.example' },
		});
		const byEmail = makeInvoice({ id: 'b', customer: { id: null, email: 'ap@x.example' } });
		expect(customerKey(byId)).not.toBe(customerKey(byEmail));
		expect(() =>
			composeCustomerReminder({
				invoices: [byId, byEmail],
				tone: 'reminder',
				language: 'en',
				sender: { name: 'Acme' },
			}),
		).toThrow('one message is for one customer');
	});

	it('gives the scenario gap the same customers as the composer', () => {
		const a = makeInvoice({
			id: 'a',
			customer: { id: ' ', email: 'AP@x.example' },
			dunning: { lastSentOn: '2026-11-03' },
		});
		const b = makeInvoice({
			id: 'b',
			customer: { id: null, email: 'ap@x.example ' },
			dunning: { lastSentOn: '2026-11-05' },
		});
		expect([...latestSentOnByCustomer([a, b])]).toEqual([['email:ap@x.example', '2026-11-05']]);
	});

	it('keeps the idempotency key of a customer without id on the bare email (a new key would send again)', () => {
		const a = makeInvoice({ id: 'a', customer: { id: null, email: 'ap@x.example' } });
		const b = makeInvoice({ id: 'b', customer: { id: null, email: 'AP@x.example' } });
		const composed = composeCustomerReminder({
			invoices: [a, b],
			tone: 'reminder',
			language: 'en',
			sender: { name: 'Acme' },
		});
		expect(composed.idempotencyKey).toBe('generic:customer:ap@x.example:a:reminder,b:reminder');
	});
});

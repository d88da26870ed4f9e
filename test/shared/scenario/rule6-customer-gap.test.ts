import {
	customerKey,
	evaluateScenario,
	latestSentOnByCustomer,
} from '../../../nodes/shared/internal';
import { makeInvoice } from '../invoice-factory';
import { brief, scenario } from './helpers';

const perCustomer = scenario({ minDaysBetweenCustomer: 7 });

describe('rule 6, per customer (issue 11): one rhythm across all of a customer invoices', () => {
	it('waits when another invoice of the same customer was reminded recently', () => {
		const invoice = makeInvoice(); // d7 due on 2026-11-09, nothing sent for this invoice
		const decision = evaluateScenario(invoice, perCustomer, '2026-11-10', {
			customerLastSentOn: '2026-11-05',
		});
		expect(brief(decision)).toEqual(['wait', 'too_soon', null, '2026-11-12']);
		expect(decision.message).toContain('to this customer');
		expect(
			evaluateScenario(invoice, perCustomer, '2026-11-12', { customerLastSentOn: '2026-11-05' })
				.action,
		).toBe('send');
	});

	it('is off without the option or without a context', () => {
		const invoice = makeInvoice();
		expect(
			evaluateScenario(invoice, scenario(), '2026-11-10', { customerLastSentOn: '2026-11-09' })
				.action,
		).toBe('send');
		expect(evaluateScenario(invoice, perCustomer, '2026-11-10').action).toBe('send');
	});

	it('keeps the per-invoice gap when it ends later', () => {
		const invoice = makeInvoice({ dunning: { sentStepIds: ['d7'], lastSentOn: '2026-11-13' } });
		const decision = evaluateScenario(invoice, perCustomer, '2026-11-16', {
			customerLastSentOn: '2026-11-02',
		});
		expect(decision.nextActionOn).toBe('2026-11-18');
	});

	it('groups invoices by customer id, else by email', () => {
		const a = makeInvoice({ id: 'a', dunning: { lastSentOn: '2026-11-03' } });
		const b = makeInvoice({ id: 'b', dunning: { lastSentOn: '2026-11-09' } });
		const byEmail = makeInvoice({
			id: 'c',
			customer: { id: null, email: ' AP@Other.example ' },
			dunning: { lastSentOn: '2026-11-01' },
		});
		const anonymous = makeInvoice({
			id: 'd',
			customer: { id: null, email: null },
			dunning: { lastSentOn: '2026-11-20' },
		});
		expect(customerKey(byEmail)).toBe('email:ap@other.example');
		expect(customerKey(anonymous)).toBeNull();
		expect([...latestSentOnByCustomer([a, b, byEmail, anonymous])]).toEqual([
			['id:cus-1', '2026-11-09'],
			['email:ap@other.example', '2026-11-01'],
		]);
	});

	it('validates the option and the context', () => {
		expect(() =>
			evaluateScenario(makeInvoice(), scenario({ minDaysBetweenCustomer: -1 }), '2026-11-10'),
		).toThrow('scenario.minDaysBetweenCustomer: -1 is not an integer of at least 0');
		expect(() =>
			evaluateScenario(makeInvoice(), perCustomer, '2026-11-10', {
				customerLastSentOn: 'last week',
			}),
		).toThrow('context.customerLastSentOn');
	});
});

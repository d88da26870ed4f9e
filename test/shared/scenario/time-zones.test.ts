import { evaluateScenario } from '../../../nodes/shared/internal';
import { makeInvoice } from '../invoice-factory';
import { classic, scenario } from './helpers';

describe('"today" is a date in the scenario time zone', () => {
	const invoice = makeInvoice(); // due Monday 2026-11-02, J+7 on Monday 2026-11-09

	it('around midnight: the same instant is Monday in Paris and Sunday in UTC', () => {
		const instant = '2026-11-08T23:30:00Z';
		expect(evaluateScenario(invoice, classic, instant).stepId).toBe('d7');
		const utc = evaluateScenario(invoice, scenario({ timezone: 'UTC' }), instant);
		expect([utc.action, utc.reason, utc.nextActionOn]).toEqual([
			'wait',
			'not_yet_due',
			'2026-11-09',
		]);
		expect(
			evaluateScenario(invoice, scenario({ timezone: 'America/New_York' }), '2026-11-09T04:59:00Z')
				.reason,
		).toBe('not_yet_due');
		expect(
			evaluateScenario(invoice, scenario({ timezone: 'America/New_York' }), '2026-11-09T05:00:00Z')
				.reason,
		).toBe('step_due');
	});

	it('across the spring DST change (Paris is UTC+2 from 2026-03-29)', () => {
		const due = makeInvoice({ dueDate: '2026-03-23' }); // J+7 = Monday 2026-03-30
		expect(evaluateScenario(due, classic, '2026-03-29T21:59:00Z').reason).toBe('not_yet_due');
		expect(evaluateScenario(due, classic, '2026-03-29T22:00:00Z').stepId).toBe('d7');
	});

	it('across the autumn DST change (Paris is UTC+1 from 2026-10-25)', () => {
		const due = makeInvoice({ dueDate: '2026-10-19' }); // J+7 = Monday 2026-10-26
		expect(evaluateScenario(due, classic, '2026-10-25T22:59:00Z').reason).toBe('not_yet_due');
		expect(evaluateScenario(due, classic, '2026-10-25T23:00:00Z').stepId).toBe('d7');
	});

	it('accepts a Date, an ISO instant with offset, or a bare calendar date', () => {
		const fromDate = evaluateScenario(invoice, classic, new Date('2026-11-09T08:00:00Z'));
		const fromOffset = evaluateScenario(invoice, classic, '2026-11-09T09:00:00+01:00');
		const fromDay = evaluateScenario(invoice, classic, '2026-11-09');
		expect(fromDate).toEqual(fromOffset);
		expect(fromDate).toEqual(fromDay);
		expect(() => evaluateScenario(invoice, classic, 'next monday')).toThrow(
			'now: "next monday" is not an instant',
		);
	});

	it('is deterministic: same invoice, scenario and clock, same decision', () => {
		const first = evaluateScenario(invoice, classic, '2026-11-26T10:00:00Z');
		expect(
			evaluateScenario(structuredClone(invoice), structuredClone(classic), '2026-11-26T10:00:00Z'),
		).toEqual(first);
		expect(first).toEqual({
			action: 'send',
			reason: 'step_due',
			stepId: 'd7',
			daysOverdue: 24,
			nextActionOn: null,
			idempotencyKey: 'generic:inv-1:d7',
			message: 'Step d7 (friendly email) is due: the invoice is 24 days overdue.',
			brokenPromiseOn: null,
			passedOver: [],
		});
	});

	it('reports negative days overdue before the due date', () => {
		expect(evaluateScenario(invoice, classic, '2026-10-30').daysOverdue).toBe(-3);
	});
});

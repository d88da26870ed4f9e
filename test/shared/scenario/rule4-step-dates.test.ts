import type { Step } from '../../../nodes/shared/internal';
import { brief, decide, scenario } from './helpers';

const step = (id: string, offsetDays: number, extra: Partial<Step> = {}): Step => ({
	id,
	offsetDays,
	dayCount: 'calendar',
	audience: 'customer',
	channel: 'email',
	tone: 'reminder',
	requiresApproval: false,
	includePenalty: false,
	...extra,
});

describe('rule 4: the date of each step', () => {
	it('adds calendar days to the due date', () => {
		// Due Monday 2026-11-02: J+7 is Monday 2026-11-09.
		expect(brief(decide('2026-11-08'))).toEqual(['wait', 'not_yet_due', null, '2026-11-09']);
		expect(brief(decide('2026-11-09'))).toEqual(['send', 'step_due', 'd7', null]);
	});

	it('moves a step that falls on a public holiday to the next business day', () => {
		// Due Wednesday 2026-11-04: J+7 is Wednesday 11 November (Armistice), so the step moves to the 12th.
		expect(brief(decide('2026-11-11', { dueDate: '2026-11-04' }))).toEqual([
			'wait',
			'not_yet_due',
			null,
			'2026-11-12',
		]);
		expect(decide('2026-11-12', { dueDate: '2026-11-04' }).stepId).toBe('d7');
	});

	it('moves a step that falls on a weekend to Monday', () => {
		// Due Saturday 2026-11-07: J+7 is Saturday the 14th, moved to Monday the 16th.
		expect(decide('2026-11-14', { dueDate: '2026-11-07' }).nextActionOn).toBe('2026-11-16');
	});

	it('keeps the calendar date when steps may fire on non-business days', () => {
		const anyDay = scenario({ sendOnNonBusinessDays: true });
		expect(brief(decide('2026-11-14', { dueDate: '2026-11-07' }, anyDay))).toEqual([
			'send',
			'step_due',
			'd7',
			null,
		]);
	});

	it('counts business days when the step says so', () => {
		// Due Friday 2026-11-06; 5 business days: Mon 9, Tue 10, (Wed 11 is a holiday) Thu 12, Fri 13, Mon 16.
		const business = scenario({ steps: [step('b5', 5, { dayCount: 'business' })] });
		expect(decide('2026-11-12', { dueDate: '2026-11-06' }, business).nextActionOn).toBe(
			'2026-11-16',
		);
		expect(decide('2026-11-16', { dueDate: '2026-11-06' }, business).stepId).toBe('b5');
	});

	it('counts business days before the due date for a pre-due notice', () => {
		// Due Monday 2026-11-16; counting back skips the weekend and the 11th: Fri 13, Thu 12, Tue 10.
		const preDue = scenario({ steps: [step('b-3', -3, { dayCount: 'business' }), step('d7', 7)] });
		expect(decide('2026-11-09', { dueDate: '2026-11-16' }, preDue).nextActionOn).toBe('2026-11-10');
	});

	it('makes a pre-due step obsolete once the due date has come', () => {
		const courtesy = scenario({ steps: [step('d-3', -3, { tone: 'notice' }), step('d1', 1)] });
		expect(decide('2026-10-30', {}, courtesy).stepId).toBe('d-3'); // Friday, J-3
		const onDueDate = decide('2026-11-02', {}, courtesy);
		expect(brief(onDueDate)).toEqual(['wait', 'not_yet_due', null, '2026-11-03']);
	});

	it('counts leap days', () => {
		// Due Tuesday 2028-02-22: J+7 is Tuesday 2028-02-29.
		expect(decide('2028-02-28', { dueDate: '2028-02-22' }).nextActionOn).toBe('2028-02-29');
		expect(decide('2028-02-29', { dueDate: '2028-02-22' }).stepId).toBe('d7');
	});
});

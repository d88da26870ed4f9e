import { brief, decide } from './helpers';

describe('rule 1: the invoice lifecycle ends or suspends the dunning', () => {
	it('stops on void, uncollectible and paid', () => {
		expect(brief(decide('2026-11-26', { status: 'void' }))).toEqual(['stop', 'void', null, null]);
		expect(brief(decide('2026-11-26', { status: 'uncollectible' }))).toEqual([
			'stop',
			'uncollectible',
			null,
			null,
		]);
		expect(brief(decide('2026-11-26', { status: 'paid', dueMinor: 0 }))).toEqual([
			'stop',
			'paid',
			null,
			null,
		]);
	});

	it('treats an open invoice with nothing left to pay as paid', () => {
		expect(brief(decide('2026-11-26', { dueMinor: 0 }))).toEqual(['stop', 'paid', null, null]);
	});

	it('skips drafts and invoices without a due date', () => {
		expect(brief(decide('2026-11-26', { status: 'draft' }))).toEqual(['skip', 'draft', null, null]);
		expect(brief(decide('2026-11-26', { dueDate: null }))).toEqual([
			'skip',
			'no_due_date',
			null,
			null,
		]);
	});

	it('takes precedence over every later rule', () => {
		const everything = { paused: true, disputed: true, promisedOn: '2026-12-31' };
		expect(decide('2026-11-26', { status: 'void', dunning: everything }).reason).toBe('void');
		expect(decide('2026-11-26', { status: 'paid', dunning: everything }).reason).toBe('paid');
		expect(decide('2026-11-26', { status: 'draft', dunning: everything }).reason).toBe('draft');
	});

	it('reports days overdue even when stopping', () => {
		expect(decide('2026-11-26', { status: 'paid' }).daysOverdue).toBe(24);
		expect(decide('2026-11-26', { dueDate: null }).daysOverdue).toBe(0);
	});
});

import { brief, decide, scenario } from './helpers';

const vip = { id: 'c', name: 'Kestrel', email: 'ap@kestrel.example', locale: 'en', tags: ['vip'] };
const escalating = scenario({ escalateTags: ['vip', 'strategic'], escalateAfter: 2 });

describe('rule 7: who acts on a due step', () => {
	it('hands internal steps to the team', () => {
		const decision = decide('2026-11-23', {
			dunning: { sentStepIds: ['d7', 'd14'], lastSentOn: '2026-11-16' },
		});
		expect(brief(decision)).toEqual(['escalate', 'internal_step', 'd21', null]);
		expect(decision.idempotencyKey).toBe('generic:inv-1:d21');
	});

	it('sends customer steps to flagged customers until enough went unanswered', () => {
		expect(brief(decide('2026-11-09', { customer: vip }, escalating))).toEqual([
			'send',
			'step_due',
			'd7',
			null,
		]);
		const oneSent = { customer: vip, dunning: { sentStepIds: ['d7'], lastSentOn: '2026-11-09' } };
		expect(decide('2026-11-16', oneSent, escalating).action).toBe('send');
	});

	it('escalates a flagged customer after escalateAfter customer-facing reminders', () => {
		const twoSent = {
			customer: vip,
			dunning: { sentStepIds: ['d7', 'd14'], lastSentOn: '2026-11-16' },
		};
		const fiveSteps = scenario({
			escalateTags: ['vip'],
			steps: [
				...escalating.steps.slice(0, 2),
				{ ...escalating.steps[1], id: 'd18', offsetDays: 18 },
			],
		});
		const decision = decide('2026-11-23', twoSent, fiveSteps);
		expect(brief(decision)).toEqual(['escalate', 'escalation', 'd18', null]);
		expect(decision.message).toContain('account manager');
	});

	it('counts only customer-facing steps towards escalation', () => {
		const internalFirst = scenario({
			escalateTags: ['vip'],
			escalateAfter: 1,
			steps: [
				{ ...escalating.steps[2], id: 'team', offsetDays: 3 },
				{ ...escalating.steps[0] },
				{ ...escalating.steps[1] },
			],
		});
		const onlyInternal = {
			customer: vip,
			dunning: { sentStepIds: ['team'], lastSentOn: '2026-11-05' },
		};
		expect(decide('2026-11-10', onlyInternal, internalFirst).action).toBe('send');
		const oneCustomer = {
			customer: vip,
			dunning: { sentStepIds: ['team', 'd7'], lastSentOn: '2026-11-10' },
		};
		expect(decide('2026-11-16', oneCustomer, internalFirst).reason).toBe('escalation');
	});

	it('escalateAfter 0 hands a flagged customer to a human from the first step', () => {
		expect(
			decide('2026-11-09', { customer: vip }, scenario({ escalateTags: ['vip'], escalateAfter: 0 }))
				.reason,
		).toBe('escalation');
	});
});

// Issue 19, #5 (core part): a broken promise is said in the decision (reason `promise_broken`, the promised
// day in `brokenPromiseOn`), and every decision lists the customer-facing steps that will never be sent and
// why (`passedOver`), so that a missed J-3 notice is said, not silently dropped.
import { evaluateScenario, SCENARIO_PRESETS } from '../../../nodes/shared/internal';
import { makeInvoice } from '../invoice-factory';
import { decide, scenario } from './helpers';

const preDue = SCENARIO_PRESETS['pre-due-courtesy'];
const firm = SCENARIO_PRESETS['firm-5-steps'];

describe('a broken promise', () => {
	it('gives the step then due with reason promise_broken and the promised day (friendly text is not enough)', () => {
		const decision = decide('2026-11-23', { dunning: { promisedOn: '2026-11-20' } });
		expect(decision).toMatchObject({
			action: 'send',
			reason: 'promise_broken',
			stepId: 'd7',
			brokenPromiseOn: '2026-11-20',
		});
		expect(decision.message).toContain('promised to pay by 2026-11-20');
	});

	it('also when a reminder was sent before the promise was made', () => {
		const decision = decide('2026-11-23', {
			dunning: { promisedOn: '2026-11-20', sentStepIds: ['d7'], lastSentOn: '2026-11-09' },
		});
		expect(decision).toMatchObject({
			reason: 'promise_broken',
			stepId: 'd14',
			brokenPromiseOn: '2026-11-20',
		});
	});

	it('escalates an internal step with reason promise_broken', () => {
		const decision = decide('2026-11-23', {
			dunning: {
				promisedOn: '2026-11-18',
				sentStepIds: ['d7', 'd14'],
				lastSentOn: '2026-11-16',
			},
		});
		expect(decision).toMatchObject({
			action: 'escalate',
			reason: 'promise_broken',
			stepId: 'd21',
			brokenPromiseOn: '2026-11-18',
		});
	});

	it('is no longer news once a reminder went out after the promised day', () => {
		const decision = decide('2026-11-30', {
			dunning: { promisedOn: '2026-11-20', sentStepIds: ['d7'], lastSentOn: '2026-11-23' },
		});
		expect(decision).toMatchObject({ reason: 'step_due', stepId: 'd14', brokenPromiseOn: null });
	});

	it('is not broken on the promised day itself, and every other decision has brokenPromiseOn null', () => {
		expect(decide('2026-11-20', { dunning: { promisedOn: '2026-11-20' } })).toMatchObject({
			reason: 'promise',
			brokenPromiseOn: null,
		});
		expect(decide('2026-11-16')).toMatchObject({ reason: 'step_due', brokenPromiseOn: null });
		expect(decide('2026-11-16', { status: 'paid', dueMinor: 0 }).brokenPromiseOn).toBeNull();
	});

	it('waits like any step when it is too soon after the last message, without claiming the promise news', () => {
		const decision = decide('2026-11-23', {
			dunning: { promisedOn: '2026-11-21', sentStepIds: ['d7'], lastSentOn: '2026-11-20' },
		});
		expect(decision).toMatchObject({ action: 'wait', reason: 'too_soon', brokenPromiseOn: null });
	});
});

describe('passedOver: customer-facing steps that will never be sent, and why', () => {
	it('a J-3 notice missed by the due date is said in the decision and its message', () => {
		// Due Monday 2026-11-02; nothing was sent by then.
		const decision = evaluateScenario(makeInvoice(), preDue, '2026-11-02');
		expect(decision.passedOver).toEqual([{ stepId: 'd-3', reason: 'before_due_date' }]);
		expect(decision).toMatchObject({ action: 'wait', reason: 'not_yet_due', stepId: null });
		expect(decision.message).toContain('d-3');
		expect(decision.message).toContain('not sent before the due date');
	});

	it('the J-3 notice sent in time is not passed over', () => {
		const decision = evaluateScenario(
			makeInvoice({ dunning: { sentStepIds: ['d-3'], lastSentOn: '2026-10-30' } }),
			preDue,
			'2026-11-03',
		);
		expect(decision.passedOver).toEqual([]);
	});

	it('before the due date nothing is passed over yet', () => {
		expect(evaluateScenario(makeInvoice(), preDue, '2026-10-28').passedOver).toEqual([]);
	});

	it('steps placed before a step already sent are passed over (after_sent_step)', () => {
		const decision = evaluateScenario(
			makeInvoice({ dunning: { sentStepIds: ['d14'], lastSentOn: '2026-11-16' } }),
			firm,
			'2026-11-24',
		);
		expect(decision.passedOver).toEqual([
			{ stepId: 'd1', reason: 'after_sent_step' },
			{ stepId: 'd7', reason: 'after_sent_step' },
		]);
	});

	it('latest catch-up passes over the earlier unsent steps (catch_up_latest), internal steps not listed', () => {
		const latest = scenario({ catchUp: 'latest' });
		const decision = evaluateScenario(makeInvoice(), latest, '2026-11-24');
		expect(decision).toMatchObject({ action: 'escalate', stepId: 'd21' });
		expect(decision.passedOver).toEqual([
			{ stepId: 'd7', reason: 'catch_up_latest' },
			{ stepId: 'd14', reason: 'catch_up_latest' },
		]);
	});

	it('is an empty list on decisions about the invoice itself (paid, disputed, promise)', () => {
		expect(
			evaluateScenario(makeInvoice({ status: 'paid', dueMinor: 0 }), preDue, '2026-11-10')
				.passedOver,
		).toEqual([]);
	});
});

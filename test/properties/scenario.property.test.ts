// Property-based tests of evaluateScenario (issue 9, part 1): random scenarios, invoices, histories and clocks.
import * as fc from 'fast-check';

import { dateInTimeZone, fromDayNumber, toDayNumber } from '../../nodes/shared/dates';
import { evaluateScenario, type Decision, type Invoice, type Scenario } from '../../nodes/shared';
import { DECISION_ACTIONS, DECISION_REASONS } from '../../nodes/shared/scenario/types';
import { invoiceArb, isoDate, nowArb, scenarioArb, day } from './arbitraries';
import { params } from './config';

/** The reasons each action may carry (DESIGN.md section 3, rules 1 to 7). */
const REASONS_OF: Record<Decision['action'], readonly Decision['reason'][]> = {
	send: ['step_due', 'promise_broken'],
	escalate: ['escalation', 'internal_step', 'promise_broken'],
	wait: ['not_yet_due', 'too_soon', 'non_business_day', 'promise'],
	skip: ['draft', 'no_due_date', 'paused', 'excluded', 'disputed', 'below_minimum'],
	stop: ['paid', 'void', 'uncollectible', 'sequence_complete'],
};

/** Plain checks (not `expect`): the day-by-day simulation calls this a few hundred thousand times. */
function check(condition: boolean, what: string, decision: Decision): void {
	if (!condition) throw new Error(`${what}: ${JSON.stringify(decision)}`);
}

function expectDocumented(decision: Decision, invoice: Invoice, scenario: Scenario): void {
	check(DECISION_ACTIONS.includes(decision.action), 'undocumented action', decision);
	check(DECISION_REASONS.includes(decision.reason), 'undocumented reason', decision);
	check(
		REASONS_OF[decision.action].includes(decision.reason),
		'reason of another action',
		decision,
	);
	check(Number.isSafeInteger(decision.daysOverdue), 'daysOverdue not an integer', decision);
	check(typeof decision.message === 'string' && decision.message !== '', 'no message', decision);
	if (decision.action === 'send' || decision.action === 'escalate') {
		check(
			scenario.steps.some((step) => step.id === decision.stepId),
			'step not in the scenario',
			decision,
		);
		check(
			decision.idempotencyKey === `${invoice.source}:${invoice.id}:${decision.stepId}`,
			'idempotency key',
			decision,
		);
	} else {
		check(
			decision.stepId === null && decision.idempotencyKey === null,
			'a step without action',
			decision,
		);
	}
	if (decision.action === 'wait') {
		check(
			/^\d{4}-\d{2}-\d{2}$/.test(decision.nextActionOn ?? ''),
			'wait without nextActionOn',
			decision,
		);
	} // Issue 19, #5: the promised day iff the reason is promise_broken; passed-over steps are unsent
	// customer-facing steps of the scenario, each listed once.
	check(
		(decision.reason === 'promise_broken') === (decision.brokenPromiseOn != null),
		'brokenPromiseOn without promise_broken (or the reverse)',
		decision,
	);
	const passedOver = decision.passedOver ?? [];
	check(Array.isArray(decision.passedOver), 'no passedOver', decision);
	check(
		passedOver.every(
			(entry) =>
				scenario.steps.some((step) => step.id === entry.stepId && step.audience === 'customer') &&
				!invoice.dunning.sentStepIds.includes(entry.stepId) &&
				entry.stepId !== decision.stepId,
		) && new Set(passedOver.map((entry) => entry.stepId)).size === passedOver.length,
		'passedOver lists a step that is internal, sent, acted on, unknown or twice',
		decision,
	);
}

function same(a: Decision, b: Decision): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

const withHistory = scenarioArb.chain((scenario) =>
	fc.tuple(fc.constant(scenario), invoiceArb({ stepIds: scenario.steps.map((step) => step.id) })),
);

describe('evaluateScenario properties', () => {
	it('never throws on valid input and always returns a documented action and reason (3000 runs in CI)', () => {
		fc.assert(
			fc.property(withHistory, nowArb, ([scenario, invoice], now) => {
				expectDocumented(evaluateScenario(invoice, scenario, now), invoice, scenario);
			}),
			params(3000),
		);
	});

	it('a paid or void invoice (or one owing nothing) never yields send: it stops (1500 runs in CI)', () => {
		fc.assert(
			fc.property(
				withHistory,
				nowArb,
				fc.constantFrom('paid', 'void', 'nothing-due'),
				([scenario, open], now, how) => {
					const invoice: Invoice =
						how === 'nothing-due'
							? { ...open, status: 'open', dueMinor: 0, paidMinor: open.totalMinor }
							: { ...open, status: how as 'paid' | 'void' };
					const decision = evaluateScenario(invoice, scenario, now);
					expect(decision.action).toBe('stop');
					expect(decision.reason).toBe(how === 'void' ? 'void' : 'paid');
				},
			),
			params(1500),
		);
	});

	it('day by day with the history fed back, a step is never returned twice and the dunning never goes backwards (300 runs × 161 days)', () => {
		fc.assert(
			fc.property(
				scenarioArb,
				day(),
				fc.integer({ min: 1, max: 1_000_000 }),
				fc.subarray(['vip', 'key']),
				fc.option(isoDate(), { nil: null, freq: 4 }),
				(scenario, dueDay, dueMinor, tags, promisedOn) => {
					const invoice: Invoice = {
						id: 'in_sim',
						source: 'stripe',
						number: 'S-1',
						status: 'open',
						currency: 'EUR',
						totalMinor: dueMinor,
						paidMinor: 0,
						dueMinor,
						issueDate: fromDayNumber(dueDay - 30),
						dueDate: fromDayNumber(dueDay),
						customer: { id: 'c', name: null, email: null, locale: null, tags },
						paymentUrl: null,
						pdfUrl: null,
						payments: [],
						dunning: {
							sentStepIds: [],
							lastSentOn: null,
							promisedOn,
							disputed: false,
							paused: false,
						},
					};
					const index = new Map(scenario.steps.map((step, i) => [step.id, i]));
					let acted = 0;
					for (let today = dueDay - 15; today <= dueDay + 145; today++) {
						const date = fromDayNumber(today);
						const decision = evaluateScenario(invoice, scenario, date);
						expectDocumented(decision, invoice, scenario);
						// The same day, evaluated again with nothing fed back: the same decision.
						check(same(evaluateScenario(invoice, scenario, date), decision), 'unstable', decision);
						if (decision.action !== 'send' && decision.action !== 'escalate') continue;
						const stepId = decision.stepId as string;
						check(
							!invoice.dunning.sentStepIds.includes(stepId),
							`step returned twice on ${date}`,
							decision,
						);
						const furthest = Math.max(
							-1,
							...invoice.dunning.sentStepIds.map((id) => index.get(id)!),
						);
						check(index.get(stepId)! > furthest, `went backwards on ${date}`, decision);
						if (invoice.dunning.lastSentOn !== null) {
							check(
								today - toDayNumber(invoice.dunning.lastSentOn) >= scenario.minDaysBetween,
								`closer than minDaysBetween on ${date}`,
								decision,
							);
						}
						invoice.dunning = {
							...invoice.dunning,
							sentStepIds: [...invoice.dunning.sentStepIds, stepId],
							lastSentOn: date,
						};
						acted++;
					}
					expect(acted).toBeLessThanOrEqual(scenario.steps.length);
				},
			),
			params(300),
		);
	});

	it('decisions are stable under re-evaluation the same day, whatever the instant and what was evaluated in between (2000 runs in CI)', () => {
		fc.assert(
			fc.property(
				withHistory,
				fc.integer({ min: Date.parse('2024-01-02'), max: Date.parse('2028-12-30') }),
				fc.integer({ min: -86_400_000, max: 86_400_000 }),
				nowArb,
				([scenario, invoice], instant, shift, other) => {
					const today = dateInTimeZone(instant, scenario.timezone);
					const later = instant + shift;
					fc.pre(dateInTimeZone(later, scenario.timezone) === today);
					const first = evaluateScenario(invoice, scenario, new Date(instant));
					// Another clock in between (the evaluator memoises the last clock it read).
					evaluateScenario(invoice, scenario, other);
					expect(evaluateScenario(invoice, scenario, new Date(later).toISOString())).toEqual(first);
					expect(evaluateScenario(invoice, scenario, today)).toEqual(first);
					expect(evaluateScenario(structuredClone(invoice), scenario, new Date(instant))).toEqual(
						first,
					);
				},
			),
			params(2000),
		);
	});
});

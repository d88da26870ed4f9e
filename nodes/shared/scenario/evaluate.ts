import { getBusinessCalendar, type BusinessCalendar } from '../business-calendar';
import {
	dateInTimeZone,
	fromDayNumber,
	isIsoDate,
	toDayNumber,
	toEpochMs,
	type IsoDate,
} from '../dates';
import { DunningInputError, describeValue } from '../errors';
import { INVOICE_SOURCES, INVOICE_STATUSES, type Invoice } from '../invoice';
import { assertList, assertObject, got } from '../shape';
import type {
	Decision,
	DecisionAction,
	DecisionReason,
	EvaluationContext,
	PassedOverStep,
	Scenario,
	Step,
} from './types';
import { validateScenario } from './validate';

/**
 * Which reminder step is due today for one invoice, or why nothing is (DESIGN.md section 3).
 * Read it top to bottom: each rule of the contract is one function, applied in order of precedence.
 * Pure and deterministic: the same invoice, scenario and clock always give the same decision. The optional
 * context carries what one invoice cannot tell (the customer's last message, across its invoices).
 */
export function evaluateScenario(
	invoice: Invoice,
	scenario: Scenario,
	now: Date | string,
	evaluation: EvaluationContext = {},
): Decision {
	const rules = compile(scenario);
	checkInvoice(invoice);
	const today = todayIn(now, rules.scenario.timezone);
	const due = invoice.dueDate === null ? null : toDayNumber(invoice.dueDate);
	if (evaluation !== undefined && evaluation !== null) assertObject(evaluation, 'context');
	const customerLastSentOn = evaluation?.customerLastSentOn ?? null;
	if (customerLastSentOn !== null && !isIsoDate(customerLastSentOn)) {
		throw new DunningInputError(
			'context.customerLastSentOn',
			`${describeValue(customerLastSentOn)} is not a date (YYYY-MM-DD)`,
		);
	}
	const context: Context = {
		invoice,
		rules,
		today,
		due,
		daysOverdue: due === null ? 0 : today - due,
		customerLastSentOn,
	};

	return (
		rule1Lifecycle(context) ??
		rule2Exclusions(context) ??
		rule3Promise(context) ??
		rules4to7Steps(context)
	);
}

interface CompiledScenario {
	scenario: Scenario;
	calendar: BusinessCalendar;
	excludeTags: ReadonlySet<string>;
	escalateTags: ReadonlySet<string>;
	internalStepIds: ReadonlySet<string>;
	stepIndex: ReadonlyMap<string, number>;
	/** A customer-facing step before the due date exists (it can be passed over by the due date). */
	hasPreDueCustomerStep: boolean;
}

interface Context {
	invoice: Invoice;
	rules: CompiledScenario;
	today: number;
	due: number | null;
	daysOverdue: number;
	customerLastSentOn: IsoDate | null;
}

// A scenario is validated once per object: evaluating a book of invoices against one scenario must not
// re-validate it for every invoice. Presets are frozen; a scenario object should not be changed once used.
const compiled = new WeakMap<Scenario, CompiledScenario>();

function compile(input: Scenario): CompiledScenario {
	let rules = compiled.get(input);
	if (!rules) {
		const scenario = validateScenario(input);
		rules = {
			scenario,
			calendar: getBusinessCalendar(scenario.holidays),
			excludeTags: new Set(scenario.excludeTags),
			escalateTags: new Set(scenario.escalateTags),
			internalStepIds: new Set(
				scenario.steps.filter((s) => s.audience === 'internal').map((s) => s.id),
			),
			stepIndex: new Map(scenario.steps.map((step, index) => [step.id, index])),
			hasPreDueCustomerStep: scenario.steps.some(
				(step) => step.offsetDays < 0 && step.audience === 'customer',
			),
		};
		compiled.set(input, rules);
	}
	return rules;
}

// A run judges a whole book against one clock: the last clock value read is kept (a pure memo, not state), so
// that a string `now` is not parsed again for every invoice.
let lastToday: { now: string | number; timezone: string; day: number } | undefined;

/** "Today" is a calendar date in the scenario's zone; a bare `YYYY-MM-DD` is taken as that date. */
function todayIn(now: Date | string, timezone: string): number {
	const key = now instanceof Date ? now.getTime() : now;
	if (lastToday !== undefined && lastToday.now === key && lastToday.timezone === timezone) {
		return lastToday.day;
	}
	const day = isIsoDate(now)
		? toDayNumber(now)
		: toDayNumber(dateInTimeZone(toEpochMs(now, 'now'), timezone));
	if (typeof key === 'string' || typeof key === 'number') lastToday = { now: key, timezone, day };
	return day;
}

/** The fields the rules read, checked so that a malformed invoice is named instead of crashing a rule. */
function checkInvoice(invoice: Invoice): void {
	assertObject(invoice, 'invoice');
	if (!INVOICE_STATUSES.includes(invoice.status)) {
		throw new DunningInputError(
			'invoice.status',
			`${describeValue(invoice.status)} is not an invoice status`,
		);
	}
	if (invoice.dueDate !== null && !isIsoDate(invoice.dueDate)) {
		throw new DunningInputError(
			'invoice.dueDate',
			`${describeValue(invoice.dueDate)} is not a date (YYYY-MM-DD)`,
		);
	}
	if (!Number.isSafeInteger(invoice.dueMinor)) {
		throw new DunningInputError(
			'invoice.dueMinor',
			`${describeValue(invoice.dueMinor)} is not an integer amount in minor units`,
		);
	}
	if (typeof invoice.id !== 'string' || invoice.id === '') {
		throw new DunningInputError(
			'invoice.id',
			`expected a non-empty string, got ${got(invoice.id)}`,
		);
	}
	if (!INVOICE_SOURCES.includes(invoice.source)) {
		throw new DunningInputError(
			'invoice.source',
			`${got(invoice.source)} is not one of ${INVOICE_SOURCES.join(', ')}`,
		);
	}
	const customer = assertObject(invoice.customer, 'invoice.customer');
	assertList(customer.tags, 'invoice.customer.tags');
	const dunning = assertObject(invoice.dunning, 'invoice.dunning');
	assertList(dunning.sentStepIds, 'invoice.dunning.sentStepIds');
	for (const key of ['disputed', 'paused'] as const) {
		if (typeof dunning[key] !== 'boolean') {
			throw new DunningInputError(
				`invoice.dunning.${key}`,
				`expected true or false, got ${got(dunning[key])}`,
			);
		}
	}
	for (const key of ['lastSentOn', 'promisedOn'] as const) {
		if (dunning[key] !== null && !isIsoDate(dunning[key])) {
			throw new DunningInputError(
				`invoice.dunning.${key}`,
				`${describeValue(dunning[key])} is not a date (YYYY-MM-DD)`,
			);
		}
	}
}

/** Rule 1: the invoice's own lifecycle ends or suspends the dunning. */
function rule1Lifecycle(c: Context): Decision | undefined {
	const { invoice } = c;
	if (invoice.status === 'void') return decide(c, 'stop', 'void', 'The invoice was voided.');
	if (invoice.status === 'uncollectible') {
		return decide(c, 'stop', 'uncollectible', 'The invoice was marked uncollectible.');
	}
	if (invoice.status === 'paid' || invoice.dueMinor <= 0) {
		return decide(c, 'stop', 'paid', 'The invoice is paid: nothing is owed.');
	}
	if (invoice.status === 'draft')
		return decide(c, 'skip', 'draft', 'The invoice is still a draft.');
	if (c.due === null) return decide(c, 'skip', 'no_due_date', 'The invoice has no due date.');
	return undefined;
}

/** Rule 2: cases a human has taken out of the automatic dunning. */
function rule2Exclusions(c: Context): Decision | undefined {
	const { invoice, rules } = c;
	if (invoice.dunning.paused)
		return decide(c, 'skip', 'paused', 'Reminders are paused for this invoice.');
	const excluded = invoice.customer.tags.find((tag) => rules.excludeTags.has(tag));
	if (excluded !== undefined) {
		return decide(
			c,
			'skip',
			'excluded',
			`The customer is tagged "${excluded}" and is never chased automatically.`,
		);
	}
	if (invoice.dunning.disputed) return decide(c, 'skip', 'disputed', 'The invoice is disputed.');
	if (invoice.dueMinor < rules.scenario.minimumDueMinor) {
		return decide(
			c,
			'skip',
			'below_minimum',
			'The amount still due is below the minimum worth chasing.',
		);
	}
	return undefined;
}

/** Rule 3: a payment promise that still runs holds the reminders until the day after it. */
function rule3Promise(c: Context): Decision | undefined {
	const promisedOn = c.invoice.dunning.promisedOn;
	if (promisedOn === null || toDayNumber(promisedOn) < c.today) return undefined;
	return decide(c, 'wait', 'promise', `The customer promised to pay by ${promisedOn}.`, {
		nextActionOn: fromDayNumber(toDayNumber(promisedOn) + 1),
	});
}

/** Rules 4 to 7: the step to consider, whether its day has come, and who acts on it. */
function rules4to7Steps(c: Context): Decision {
	const firstOpen = firstStepAfterSent(c);
	const candidate = rule5StepToConsider(c, firstOpen);
	const decision = !candidate
		? decide(
				c,
				'stop',
				'sequence_complete',
				'Every step of the scenario has been sent or passed over.',
			)
		: (rule6Timing(c, candidate) ?? rule7WhoActs(c, candidate.step));
	return withPassedOver(decision, passedOverSteps(c, firstOpen, candidate));
}

interface Candidate {
	step: Step;
	date: number;
	index: number;
}

/**
 * Rule 4: a step's date is the due date plus its offset (calendar or business days), moved to the next
 * business day when steps may not fire on non-business days.
 */
function rule4StepDate(c: Context, step: Step): number {
	const { calendar, scenario } = c.rules;
	const due = c.due as number;
	const date =
		step.dayCount === 'business'
			? calendar.addBusinessDays(due, step.offsetDays)
			: due + step.offsetDays;
	return scenario.sendOnNonBusinessDays ? date : calendar.nextBusinessDayOnOrAfter(date);
}

/** Rule 4: a pre-due step (negative offset) is obsolete once the due date has come. */
function isObsolete(c: Context, step: Step): boolean {
	return step.offsetDays < 0 && c.today >= (c.due as number);
}

/**
 * Rule 5: which step to consider. `sequential`: the first step neither sent nor obsolete. `latest`: the last
 * step whose date has come and is not sent, passing over earlier unsent ones. In both modes the dunning never
 * goes backwards: steps placed before a step already sent count as passed over.
 */
function rule5StepToConsider(c: Context, firstOpen: number): Candidate | undefined {
	const { steps } = c.rules.scenario;
	const sent = c.invoice.dunning.sentStepIds;
	if (c.rules.scenario.catchUp === 'latest') {
		for (let index = steps.length - 1; index >= firstOpen; index--) {
			const step = steps[index];
			if (!isOpen(c, sent, step)) continue;
			const date = rule4StepDate(c, step);
			if (date <= c.today) return { step, date, index };
		}
	}
	for (let index = firstOpen; index < steps.length; index++) {
		const step = steps[index];
		if (isOpen(c, sent, step)) return { step, date: rule4StepDate(c, step), index };
	}
	return undefined;
}

/** The index just after the last step already sent (steps before it are never sent any more). */
function firstStepAfterSent(c: Context): number {
	// A handful of sent ids per invoice: a linear scan, no Set and no closure per invoice.
	const sent = c.invoice.dunning.sentStepIds;
	let firstOpen = 0;
	for (let i = 0; i < sent.length; i++) {
		const index = c.rules.stepIndex.get(sent[i]);
		if (index !== undefined && index + 1 > firstOpen) firstOpen = index + 1;
	}
	return firstOpen;
}

/**
 * Rules 4 and 5 seen from the customer's side (issue 19, #5): the customer-facing steps that will never be
 * sent, so that a decision says so instead of dropping them silently. Each is final: the due date only
 * recedes, the dunning never goes backwards, and under `latest` a step whose date has come stays come.
 */
function passedOverSteps(
	c: Context,
	firstOpen: number,
	candidate: Candidate | undefined,
): PassedOverStep[] {
	const { steps, catchUp } = c.rules.scenario;
	// Most invoices: nothing sent out of order, no pre-due step gone by, no latest catch-up.
	const preDueGone = c.rules.hasPreDueCustomerStep && c.today >= (c.due as number);
	if (firstOpen === 0 && !preDueGone && catchUp !== 'latest') return [];
	const sent = c.invoice.dunning.sentStepIds;
	const passedOver: PassedOverStep[] = [];
	for (let index = 0; index < steps.length; index++) {
		const step = steps[index];
		if (step.audience !== 'customer' || sent.includes(step.id)) continue;
		if (isObsolete(c, step)) passedOver.push({ stepId: step.id, reason: 'before_due_date' });
		else if (index < firstOpen) passedOver.push({ stepId: step.id, reason: 'after_sent_step' });
		else if (catchUp === 'latest' && candidate !== undefined && index < candidate.index) {
			passedOver.push({ stepId: step.id, reason: 'catch_up_latest' });
		}
	}
	return passedOver;
}

const PASSED_OVER_WORDING: Record<PassedOverStep['reason'], string> = {
	before_due_date: 'was not sent before the due date',
	after_sent_step: 'comes before a step already sent',
	catch_up_latest: 'was skipped to catch up with a later step',
};

function withPassedOver(decision: Decision, passedOver: PassedOverStep[]): Decision {
	decision.passedOver = passedOver;
	if (passedOver.length > 0) {
		const said = passedOver.map(
			({ stepId, reason }) => `step ${stepId} ${PASSED_OVER_WORDING[reason]}`,
		);
		decision.message += ` Passed over: ${said.join('; ')}.`;
	}
	return decision;
}

/**
 * A promise the customer broke and nobody has acted on yet: its day is past (rule 3 no longer holds) and no
 * reminder went out after it. The reminder then due must say so (issue 19, #5), not resume the friendly text.
 */
function brokenPromise(c: Context): IsoDate | null {
	const { promisedOn, lastSentOn } = c.invoice.dunning;
	if (promisedOn === null || toDayNumber(promisedOn) >= c.today) return null;
	return lastSentOn === null || lastSentOn <= promisedOn ? promisedOn : null;
}

function isOpen(c: Context, sent: readonly string[], step: Step): boolean {
	return !sent.includes(step.id) && !isObsolete(c, step);
}

/** Rule 6: not before the step's date, not too soon after the last message, not on a non-business day. */
function rule6Timing(c: Context, { step, date }: Candidate): Decision | undefined {
	const { scenario, calendar } = c.rules;
	if (date > c.today) {
		const on = fromDayNumber(date);
		return decide(c, 'wait', 'not_yet_due', `Step ${step.id} is due on ${on}.`, {
			nextActionOn: on,
		});
	}
	const tooSoon =
		gapNotElapsed(
			c,
			step,
			c.invoice.dunning.lastSentOn,
			scenario.minDaysBetween,
			'for this invoice',
		) ??
		gapNotElapsed(
			c,
			step,
			c.customerLastSentOn,
			scenario.minDaysBetweenCustomer ?? 0,
			'to this customer',
		);
	if (tooSoon) return tooSoon;
	if (!scenario.sendOnNonBusinessDays && !calendar.isBusinessDay(c.today)) {
		const on = fromDayNumber(calendar.nextBusinessDayOnOrAfter(c.today + 1));
		return decide(
			c,
			'wait',
			'non_business_day',
			`Today is not a business day; step ${step.id} waits until ${on}.`,
			{
				nextActionOn: on,
			},
		);
	}
	return undefined;
}

/** Rule 6 (and its per-customer extension): a message within `gap` days of the last one waits. */
function gapNotElapsed(
	c: Context,
	step: Step,
	lastSentOn: IsoDate | null,
	gap: number,
	scope: string,
): Decision | undefined {
	if (lastSentOn === null || gap <= 0) return undefined;
	const earliest = toDayNumber(lastSentOn) + gap;
	if (c.today >= earliest) return undefined;
	const on = fromDayNumber(earliest);
	return decide(
		c,
		'wait',
		'too_soon',
		`The last message ${scope} went out on ${lastSentOn}; step ${step.id} waits until ${on} (at least ${gap} days apart).`,
		{ nextActionOn: on },
	);
}

/**
 * Rule 7: internal steps and flagged customers go to a human; everything else is sent. A broken promise keeps
 * the action and gives the reason `promise_broken`, naming the promised day.
 */
function rule7WhoActs(c: Context, step: Step): Decision {
	const decision = rule7Action(c, step);
	const promisedOn = brokenPromise(c);
	if (promisedOn === null) return decision;
	decision.reason = 'promise_broken';
	decision.brokenPromiseOn = promisedOn;
	decision.message = `The customer promised to pay by ${promisedOn} and has not: ${decision.message.charAt(0).toLowerCase()}${decision.message.slice(1)}`;
	return decision;
}

function rule7Action(c: Context, step: Step): Decision {
	const { rules, invoice } = c;
	const overdue = describeLateness(c.daysOverdue);
	if (step.audience === 'internal') {
		return decide(
			c,
			'escalate',
			'internal_step',
			`Step ${step.id} (${step.channel}) is for the team: the invoice ${overdue}.`,
			{
				step,
			},
		);
	}
	const tag = invoice.customer.tags.find((t) => rules.escalateTags.has(t));
	if (tag !== undefined) {
		const customerFacingSent = invoice.dunning.sentStepIds.filter(
			(id) => !rules.internalStepIds.has(id),
		).length;
		if (customerFacingSent >= rules.scenario.escalateAfter) {
			return decide(
				c,
				'escalate',
				'escalation',
				`The customer is tagged "${tag}" and ${customerFacingSent} reminders went unanswered: step ${step.id} goes to an account manager.`,
				{ step },
			);
		}
	}
	return decide(
		c,
		'send',
		'step_due',
		`Step ${step.id} (${step.tone} ${step.channel}) is due: the invoice ${overdue}.`,
		{
			step,
		},
	);
}

function describeLateness(daysOverdue: number): string {
	if (daysOverdue > 0) return `is ${daysOverdue} day${daysOverdue === 1 ? '' : 's'} overdue`;
	if (daysOverdue === 0) return 'is due today';
	const left = -daysOverdue;
	return `is due in ${left} day${left === 1 ? '' : 's'}`;
}

function decide(
	c: Context,
	action: DecisionAction,
	reason: DecisionReason,
	message: string,
	extra: { step?: Step; nextActionOn?: IsoDate } = {},
): Decision {
	const stepId = extra.step?.id ?? null;
	return {
		action,
		reason,
		stepId,
		daysOverdue: c.daysOverdue,
		nextActionOn: extra.nextActionOn ?? null,
		idempotencyKey: stepId === null ? null : `${c.invoice.source}:${c.invoice.id}:${stepId}`,
		message,
		brokenPromiseOn: null,
		passedOver: [],
	};
}

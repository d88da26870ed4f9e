import type { IsoDate } from '../dates';

/** A dunning scenario (DESIGN.md section 3): which steps, when, and the rules around them. */
export interface Scenario {
	id: string;
	name: string;
	/** IANA zone; "today" is the date of `now` in this zone. */
	timezone: string;
	/** In order: sequential catch-up sends them in this order. */
	steps: Step[];
	/** At least this many days after the last sent step. */
	minDaysBetween: number;
	/** False: a step never fires on a weekend or public holiday. */
	sendOnNonBusinessDays: boolean;
	/** Country whose public holidays are non-business days (`FR`), or null for weekends only. */
	holidays: string | null;
	catchUp: CatchUpMode;
	/** Customers never chased automatically. */
	excludeTags: string[];
	/** Customers handed to a human once `escalateAfter` customer-facing steps were sent. */
	escalateTags: string[];
	escalateAfter: number;
	/** Below this amount still due (minor units), no chasing. */
	minimumDueMinor: number;
	/**
	 * Extension (issue 11): at least this many days after the last message to the same customer, whichever of
	 * its invoices it was about. Needs `EvaluationContext.customerLastSentOn`. Absent or 0: off.
	 */
	minDaysBetweenCustomer?: number;
}

/** What the evaluator cannot see on one invoice alone. */
export interface EvaluationContext {
	/** The newest `lastSentOn` among all invoices of this invoice's customer. */
	customerLastSentOn?: IsoDate | null;
}

export type CatchUpMode = 'sequential' | 'latest';
export type DayCount = 'calendar' | 'business';
export type Audience = 'customer' | 'internal';
export type Channel = 'email' | 'sms' | 'letter' | 'call' | 'task';
export type Tone = 'notice' | 'friendly' | 'reminder' | 'firm' | 'formal_notice' | 'internal';

export interface Step {
	id: string;
	/** Relative to the due date; negative is before it. */
	offsetDays: number;
	dayCount: DayCount;
	audience: Audience;
	channel: Channel;
	tone: Tone;
	/** A human validates before it goes out (formal notice). */
	requiresApproval: boolean;
	/** The message states late-payment penalties. */
	includePenalty: boolean;
}

export type DecisionAction = 'send' | 'escalate' | 'wait' | 'skip' | 'stop';

export type DecisionReason =
	| 'step_due'
	| 'escalation'
	| 'internal_step'
	| 'not_yet_due'
	| 'too_soon'
	| 'non_business_day'
	| 'promise'
	| 'paid'
	| 'void'
	| 'uncollectible'
	| 'draft'
	| 'no_due_date'
	| 'disputed'
	| 'paused'
	| 'excluded'
	| 'below_minimum'
	| 'sequence_complete'
	| 'promise_broken';

/** Why a customer-facing step will never be sent (issue 19, #5). */
export type PassedOverReason = 'before_due_date' | 'after_sent_step' | 'catch_up_latest';

export interface PassedOverStep {
	stepId: string;
	/**
	 * `before_due_date`: a pre-due step (negative offset) not sent by the due date; `after_sent_step`: placed
	 * before a step already sent (the dunning never goes backwards); `catch_up_latest`: skipped by the `latest`
	 * catch-up because a later step's date has come.
	 */
	reason: PassedOverReason;
}

export interface Decision {
	action: DecisionAction;
	reason: DecisionReason;
	/** The step to act on now (send / escalate), else null. */
	stepId: string | null;
	/** Today − due date in calendar days (negative before the due date, 0 without a due date). */
	daysOverdue: number;
	/** The earliest day on which the decision can change by time alone. */
	nextActionOn: IsoDate | null;
	/** `<source>:<invoice id>:<step id>` when `stepId` is set. */
	idempotencyKey: string | null;
	/** One sentence for humans (it names the passed-over steps and a broken promise too). */
	message: string;
	/**
	 * Extension (issue 19, #5): the promised payment day when this decision acts on a step because that
	 * promise was broken (`reason: 'promise_broken'`), else null. Always set by `evaluateScenario`; optional in
	 * the type so that decisions built by hand still type-check.
	 */
	brokenPromiseOn?: IsoDate | null;
	/**
	 * Extension (issue 19, #5): the customer-facing steps of the scenario that will never be sent, in order, and
	 * why. Empty when the decision is about the invoice itself (rules 1 to 3). Always set by `evaluateScenario`.
	 */
	passedOver?: PassedOverStep[];
}

export const CATCH_UP_MODES: readonly CatchUpMode[] = ['sequential', 'latest'];
export const DAY_COUNTS: readonly DayCount[] = ['calendar', 'business'];
export const AUDIENCES: readonly Audience[] = ['customer', 'internal'];
export const CHANNELS: readonly Channel[] = ['email', 'sms', 'letter', 'call', 'task'];
export const TONES: readonly Tone[] = [
	'notice',
	'friendly',
	'reminder',
	'firm',
	'formal_notice',
	'internal',
];
export const DECISION_ACTIONS: readonly DecisionAction[] = [
	'send',
	'escalate',
	'wait',
	'skip',
	'stop',
];
export const DECISION_REASONS: readonly DecisionReason[] = [
	'step_due',
	'escalation',
	'internal_step',
	'not_yet_due',
	'too_soon',
	'non_business_day',
	'promise',
	'paid',
	'void',
	'uncollectible',
	'draft',
	'no_due_date',
	'disputed',
	'paused',
	'excluded',
	'below_minimum',
	'sequence_complete',
	'promise_broken',
];
export const PASSED_OVER_REASONS: readonly PassedOverReason[] = [
	'before_due_date',
	'after_sent_step',
	'catch_up_latest',
];

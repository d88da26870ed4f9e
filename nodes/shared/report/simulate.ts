import {
	assertIsoDate,
	dateInTimeZone,
	fromDayNumber,
	isIsoDate,
	toDayNumber,
	toEpochMs,
	weekdayOf,
	type IsoDate,
} from '../dates';
import { DunningInputError, describeValue } from '../errors';
import type { Invoice, InvoiceStatus } from '../invoice';
import { customerKey } from '../customer';
import { latestSentOnByCustomer } from '../scenario/customer-gap';
import { evaluateScenario } from '../scenario/evaluate';
import type { Scenario, Step } from '../scenario/types';
import { validateScenario } from '../scenario/validate';
import { checkReportInvoice } from './build';
import { paidBy, reportCustomerKey, settledOn } from './history';
import type {
	CalendarDay,
	CalendarEvent,
	Preview,
	PreviewEntry,
	Simulation,
	SimulationOptions,
	SimulationTotals,
	WeeklyContactExcess,
} from './types';

/** Longest range a simulation replays, so that a typo in a year does not run for minutes. */
export const MAX_SIMULATION_DAYS = 731;
export const DEFAULT_MAX_CONTACTS_PER_WEEK = 2;

/** How an invoice's amounts and status looked on a past day, from its dated payments. */
interface Replay {
	invoice: Invoice;
	/** Day it was paid in full; null while owed; -Infinity when paid on an unknown day. */
	paidFrom: number | null;
	issued: number;
}

function replayOf(invoice: Invoice): Replay {
	const settledDay = settledOn(invoice);
	const paid = invoice.status === 'paid' || (invoice.status === 'open' && invoice.dueMinor <= 0);
	return {
		invoice,
		paidFrom: !paid ? null : settledDay === null ? -Infinity : toDayNumber(settledDay),
		issued: toDayNumber(invoice.issueDate),
	};
}

/**
 * The invoice as it stood on `day`: payments dated later are not made yet. Open invoices get back what was paid
 * after that day; paid ones are open until the day they were paid in full. Void, uncollectible and draft
 * invoices keep their status over the whole range (their sources do not date it).
 */
export function invoiceOnDay(
	replay: Replay,
	day: number,
	dunning: { sentStepIds: string[]; lastSentOn: IsoDate | null },
): Invoice {
	const { invoice, paidFrom } = replay;
	let status: InvoiceStatus = invoice.status;
	let dueMinor = invoice.dueMinor;
	if (paidFrom !== null) {
		if (day >= paidFrom) {
			status = 'paid';
			dueMinor = 0;
		} else {
			status = 'open';
			dueMinor = Math.max(0, invoice.totalMinor - paidBy(invoice, day));
		}
	} else if (invoice.status === 'open') {
		const paidLater = invoice.payments
			.filter((payment) => toDayNumber(payment.date) > day)
			.reduce((sum, payment) => sum + payment.amountMinor, 0);
		dueMinor = invoice.dueMinor + paidLater;
	}
	return {
		...invoice,
		status,
		dueMinor,
		paidMinor: invoice.totalMinor - dueMinor,
		dunning: {
			...invoice.dunning,
			sentStepIds: [...dunning.sentStepIds],
			lastSentOn: dunning.lastSentOn,
		},
	};
}

function checkRange(options: SimulationOptions): { from: number; to: number } {
	if (typeof options !== 'object' || options === null) {
		throw new DunningInputError('options', `${describeValue(options)} is not an object`);
	}
	const from = toDayNumber(assertIsoDate(options.from, 'options.from'));
	const to = toDayNumber(assertIsoDate(options.to, 'options.to'));
	if (to < from)
		throw new DunningInputError(
			'options.to',
			`"${options.to}" is before options.from "${options.from}"`,
		);
	if (to - from + 1 > MAX_SIMULATION_DAYS) {
		throw new DunningInputError(
			'options.to',
			`the range is longer than ${MAX_SIMULATION_DAYS} days`,
		);
	}
	return { from, to };
}

function eventOf(
	invoice: Invoice,
	action: CalendarEvent['action'],
	decision: ReturnType<typeof evaluateScenario>,
	step: Step | undefined,
): CalendarEvent {
	return {
		invoiceId: invoice.id,
		source: invoice.source,
		number: invoice.number,
		customerKey: reportCustomerKey(invoice),
		customerName: invoice.customer.name,
		currency: invoice.currency,
		dueMinor: invoice.dueMinor,
		action,
		reason: decision.reason,
		stepId: decision.stepId,
		tone: step?.tone ?? null,
		channel: step?.channel ?? null,
		daysOverdue: decision.daysOverdue,
	};
}

/**
 * Replays a scenario day by day from `from` to `to` with the evaluator used live: each day every invoice is
 * evaluated as it stood that day (payments made by then, steps the simulation sent so far); a send or an
 * escalation is recorded as sent that day (the live workflow marks a step once it acted on it), and a stop
 * (paid, sequence complete, void...) ends the invoice's replay. Invoices count from their issue day.
 */
export function simulatePolicy(
	invoices: readonly Invoice[],
	scenario: Scenario,
	options: SimulationOptions,
): Simulation {
	if (!Array.isArray(invoices)) {
		throw new DunningInputError('invoices', `${describeValue(invoices)} is not a list of invoices`);
	}
	const { from, to } = checkRange(options);
	const checked = validateScenario(scenario, 'scenario');
	const steps = new Map(checked.steps.map((step) => [step.id, step]));
	const maxContactsPerWeek = options.maxContactsPerWeek ?? DEFAULT_MAX_CONTACTS_PER_WEEK;
	if (!Number.isSafeInteger(maxContactsPerWeek) || maxContactsPerWeek < 0) {
		throw new DunningInputError(
			'options.maxContactsPerWeek',
			`${describeValue(maxContactsPerWeek)} is not an integer of at least 0`,
		);
	}
	const startFresh = options.startFresh ?? true;

	const active = invoices.map((invoice, index) => {
		const replay = replayOf(checkReportInvoice(invoice, `invoices[${index}]`));
		return {
			replay,
			state: {
				sentStepIds: startFresh ? [] : [...invoice.dunning.sentStepIds],
				lastSentOn: startFresh ? null : invoice.dunning.lastSentOn,
			},
			done: false,
		};
	});

	const totals: SimulationTotals = {
		invoices: invoices.length,
		reminders: 0,
		escalations: 0,
		stops: 0,
		perStep: {},
		stopsByReason: {},
		remindersAfterPayment: 0,
		maxContactsPerWeek,
		customersOverWeeklyLimit: [],
		paidWithoutDate: active.filter((entry) => entry.replay.paidFrom === -Infinity).length,
	};
	const calendar: CalendarDay[] = [];
	const contacts = new Map<string, WeeklyContactExcess>();

	const customerGap = (checked.minDaysBetweenCustomer ?? 0) > 0;
	const gapKeys = active.map((entry) => customerKey(entry.replay.invoice));

	for (let day = from; day <= to; day++) {
		const date = fromDayNumber(day);
		const events: CalendarEvent[] = [];
		// As in a live run, every invoice of the day sees the customer's last message as it stood before the run.
		const customerLastSentOn = customerGap ? latestByCustomer(active, gapKeys, day) : null;
		for (const [index, entry] of active.entries()) {
			if (entry.done || day < entry.replay.issued) continue;
			const invoice = invoiceOnDay(entry.replay, day, entry.state);
			const key = gapKeys[index];
			// The scenario as given (not the validated copy): the evaluator caches its compilation per object.
			const decision =
				customerLastSentOn === null
					? evaluateScenario(invoice, scenario, date)
					: evaluateScenario(invoice, scenario, date, {
							customerLastSentOn: key === null ? null : (customerLastSentOn.get(key) ?? null),
						});
			if (decision.action === 'stop') {
				entry.done = true;
				events.push(eventOf(invoice, 'stop', decision, undefined));
				totals.stops++;
				totals.stopsByReason[decision.reason] = (totals.stopsByReason[decision.reason] ?? 0) + 1;
				continue;
			}
			if (decision.action !== 'send' && decision.action !== 'escalate') continue;
			const stepId = decision.stepId as string;
			events.push(eventOf(invoice, decision.action, decision, steps.get(stepId)));
			entry.state.sentStepIds.push(stepId);
			entry.state.lastSentOn = date;
			const perStep = (totals.perStep[stepId] ??= { send: 0, escalate: 0 });
			perStep[decision.action]++;
			if (decision.action === 'send') totals.reminders++;
			else totals.escalations++;
			const paidFrom = entry.replay.paidFrom;
			if (paidFrom !== null && day >= paidFrom) totals.remindersAfterPayment++;
			if (decision.action === 'send') {
				const weekOf = fromDayNumber(day - ((weekdayOf(day) + 6) % 7));
				const key = `${reportCustomerKey(invoice)}|${weekOf}`;
				const count = contacts.get(key) ?? {
					customerKey: reportCustomerKey(invoice),
					customerName: invoice.customer.name,
					weekOf,
					contacts: 0,
				};
				count.contacts++;
				contacts.set(key, count);
			}
		}
		if (events.length) calendar.push({ date, events });
	}
	totals.customersOverWeeklyLimit = [...contacts.values()]
		.filter((entry) => entry.contacts > maxContactsPerWeek)
		.sort((a, b) => (a.weekOf < b.weekOf ? -1 : a.weekOf > b.weekOf ? 1 : b.contacts - a.contacts));
	return {
		scenarioId: checked.id,
		from: fromDayNumber(from),
		to: fromDayNumber(to),
		calendar,
		totals,
	};
}

/** The newest message day per customer among the invoices issued by `day` (the per-customer gap's input). */
function latestByCustomer(
	active: ReadonlyArray<{ replay: Replay; state: { lastSentOn: IsoDate | null } }>,
	keys: ReadonlyArray<string | null>,
	day: number,
): Map<string, IsoDate> {
	const latest = new Map<string, IsoDate>();
	active.forEach((entry, index) => {
		const key = keys[index];
		const sentOn = entry.state.lastSentOn;
		if (key === null || sentOn === null || day < entry.replay.issued) return;
		const known = latest.get(key);
		if (known === undefined || sentOn > known) latest.set(key, sentOn);
	});
	return latest;
}

/** "Today" of a run: a bare date is that date, an instant is read in the scenario's zone. */
export function runDate(now: Date | string, timezone: string): IsoDate {
	if (typeof now === 'string' && isIsoDate(now)) return now;
	return dateInTimeZone(toEpochMs(now, 'now'), timezone);
}

/**
 * What a run at `now` would do, without doing it: every invoice evaluated against the scenario as it stands
 * (its recorded sent steps included), the sends and escalations listed first for review.
 */
export function previewRun(
	invoices: readonly Invoice[],
	scenario: Scenario,
	now: Date | string,
): { preview: Preview; entries: PreviewEntry[] } {
	if (!Array.isArray(invoices)) {
		throw new DunningInputError('invoices', `${describeValue(invoices)} is not a list of invoices`);
	}
	const checked = validateScenario(scenario, 'scenario');
	const steps = new Map(checked.steps.map((step) => [step.id, step]));
	const on = runDate(now, checked.timezone);
	const counts: Preview['counts'] = { send: 0, escalate: 0, wait: 0, skip: 0, stop: 0 };
	const byReason: Record<string, number> = {};
	// The per-customer gap, fed as the Dunning Scenario node feeds it: from the invoices of the same batch.
	const customerGap = (checked.minDaysBetweenCustomer ?? 0) > 0;
	const lastSent = customerGap ? latestSentOnByCustomer(invoices) : new Map<string, IsoDate>();
	const entries = invoices.map((invoice): PreviewEntry => {
		const key = customerGap ? customerKey(invoice) : null;
		const decision = customerGap
			? evaluateScenario(invoice, scenario, now, {
					customerLastSentOn: key === null ? null : (lastSent.get(key) ?? null),
				})
			: evaluateScenario(invoice, scenario, now);
		counts[decision.action]++;
		byReason[decision.reason] = (byReason[decision.reason] ?? 0) + 1;
		const step = decision.stepId === null ? undefined : steps.get(decision.stepId);
		return {
			invoiceId: invoice.id,
			source: invoice.source,
			number: invoice.number,
			customerName: invoice.customer.name,
			currency: invoice.currency,
			dueMinor: invoice.dueMinor,
			action: decision.action,
			reason: decision.reason,
			stepId: decision.stepId,
			tone: step?.tone ?? null,
			channel: step?.channel ?? null,
			requiresApproval: step?.requiresApproval ?? false,
			daysOverdue: decision.daysOverdue,
			idempotencyKey: decision.idempotencyKey,
			message: decision.message,
		};
	});
	const planned = [
		...entries.filter((entry) => entry.action === 'send'),
		...entries.filter((entry) => entry.action === 'escalate'),
	];
	return { preview: { scenarioId: checked.id, on, planned, counts, byReason }, entries };
}

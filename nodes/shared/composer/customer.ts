import { customerKey } from '../customer';
import { DunningInputError, describeValue } from '../errors';
import { normalizeInvoice, type Invoice } from '../invoice';
import type { PenaltyResult } from '../penalty/types';
import type { Decision, Tone } from '../scenario/types';
import { assertList } from '../shape';
import { builtinPrograms, builtinTemplate } from './builtin';
import {
	assertTone,
	composeReminder,
	optionalBrokenPromise,
	renderCheckedSet,
	resolveTemplateSet,
} from './compose';
import { safeLink, validatePenalty, validateSender } from './context';
import { formatDate, formatMoney } from './format';
import {
	fixedCompensationOf,
	legalReferences,
	salutationFor,
	toneAfterBrokenPromise,
} from './letter';
import type { SenderView } from './helpers';
import { resolveComposerLanguage, type ComposerLanguage } from './language';
import type { ComposeSender, ComposeTemplate, ComposedReminder } from './types';

/** DESIGN.md section 5b: several invoices of one customer, one message. */
export interface ComposeCustomerInput {
	/** All for one customer: same source and customer id or, without ids, the same email. */
	invoices: Invoice[];
	/**
	 * Same order as `invoices`: each invoice's step (`stepId`, `daysOverdue`). Only due decisions
	 * (`send`, `escalate`) belong here: the caller drops the others (the node does).
	 */
	decisions?: (Decision | null)[];
	/** The tone of every invoice without an entry in `tones`. */
	tone?: Tone;
	/**
	 * Extension: each invoice's step tone, same order (the decision has none). The message takes the
	 * firmest one among them.
	 */
	tones?: (Tone | null)[];
	language: string;
	sender: ComposeSender;
	/** Same order as `invoices`; the penalty of each invoice, or null. */
	penalties?: (PenaltyResult | null)[];
	/** A user's template, rendered with the per-customer variables (`invoices`, `totals`...). */
	template?: ComposeTemplate;
}

export interface ComposedCustomerReminder extends ComposedReminder {
	/** The invoices in the message, in the order it lists them (oldest due date first). */
	invoiceIds: string[];
	/** `<source>:customer:<customer id>:<invoice id:step id,...>` (pairs sorted). */
	idempotencyKey: string;
	/** Same order as `invoiceIds`: each invoice's own `<source>:<invoice id>:<step id>`, null without a step. */
	invoiceIdempotencyKeys: (string | null)[];
	/** The tone the message was written in: the firmest of its invoices. */
	tone: Tone;
}

/**
 * Customer-facing tones from the softest to the firmest: a group takes the firmest, so a formal notice
 * is never diluted into a friendly reminder because a newer invoice is only at its first step.
 */
export const TONE_FIRMNESS: readonly Tone[] = [
	'notice',
	'friendly',
	'reminder',
	'firm',
	'formal_notice',
];

/** One invoice as the per-customer templates see it (`{{#each invoices}}`). */
export interface CustomerInvoiceLine {
	id: string;
	number: string;
	currency: string;
	amountDue: string;
	totalAmount: string;
	paidAmount: string;
	dueDate: string | null;
	issueDate: string;
	daysOverdue: number | null;
	/**
	 * Not yet past its due date (days overdue zero or below; without a step, its own tone is `notice`): the
	 * texts then say "échéance le", not "échue le", and print no lateness.
	 */
	notYetDue: boolean;
	paymentUrl: string | null;
	pdfUrl: string | null;
	stepId: string | null;
	tone: Tone;
	sentStepIds: string[];
	penalty: PenaltyResult | null;
	/** Formatted penalty parts; null without a penalty above zero. */
	penaltyInterest: string | null;
	penaltyCompensation: string | null;
	penaltyTotal: string | null;
	amountWithPenalty: string | null;
	/** The fixed compensation is in another currency than the invoice: stated apart, not in totals. */
	compensationSeparate: boolean;
	/** The date a broken promise was for, formatted, or null (issue 19 #5). */
	brokenPromiseOn: string | null;
	invoice: Omit<Invoice, 'raw'>;
}

export interface CustomerTotal {
	currency: string;
	amount: string;
	amountMinor: number;
	count: number;
	/** Null when no invoice of this currency carries a penalty. */
	penaltyTotal: string | null;
	amountWithPenalty: string | null;
}

/** The variables of the per-customer templates (listed in the README). */
export interface CustomerTemplateData {
	customerName: string | null;
	customer: Invoice['customer'];
	invoices: CustomerInvoiceLine[];
	invoiceCount: number;
	totals: CustomerTotal[];
	multipleCurrencies: boolean;
	hasPenalty: boolean;
	/** The legal bases of the penalties given, joined with "; "; null without one. */
	legalBasis: string | null;
	/** The largest days overdue among the invoices, or null. */
	maxDaysOverdue: number | null;
	tone: Tone;
	language: ComposerLanguage;
	sender: SenderView;
	/** The impersonal salutation of the language and tone (issue 19). */
	salutation: string;
	/** Some invoice's promise to pay was broken. */
	hasBrokenPromise: boolean;
}

const CUSTOMER_ROOT_KEYS: readonly (keyof CustomerTemplateData)[] = [
	'customerName',
	'customer',
	'invoices',
	'invoiceCount',
	'totals',
	'multipleCurrencies',
	'hasPenalty',
	'legalBasis',
	'maxDaysOverdue',
	'tone',
	'language',
	'sender',
	'salutation',
	'hasBrokenPromise',
];
export const CUSTOMER_ROOT_VARIABLES: ReadonlySet<string> = new Set(CUSTOMER_ROOT_KEYS);

function optionalList<T>(value: unknown, field: string, length: number): (T | null)[] | null {
	if (value === undefined || value === null) return null;
	if (!Array.isArray(value)) {
		throw new DunningInputError(field, `${describeValue(value)} is not a list`);
	}
	if (value.length !== length) {
		throw new DunningInputError(
			field,
			`has ${value.length} entries for ${length} invoices (same order as invoices)`,
		);
	}
	return value as (T | null)[];
}

/** A customer key without its `id:`/`email:` prefix: how messages and idempotency keys name the customer. */
function bare(key: string): string {
	return key.slice(key.indexOf(':') + 1);
}

function assertDue(invoice: Invoice, field: string): void {
	// A paid or cancelled invoice has nothing to ask for: listing it would ask the customer to pay twice.
	if (invoice.status !== 'open' || invoice.dueMinor <= 0) {
		const state = invoice.dueMinor <= 0 ? 'has nothing left to pay' : `is ${invoice.status}`;
		throw new DunningInputError(field, `invoice ${invoice.number ?? invoice.id} ${state}`);
	}
}

interface DueStep {
	stepId: string | null;
	daysOverdue: number | null;
	idempotencyKey: string | null;
	/** `promise_broken` decisions: the date promised (contract 2). */
	brokenPromiseOn: string | null;
}

function readDecision(value: unknown, invoice: Invoice, field: string): DueStep {
	if (value === null || value === undefined) {
		return { stepId: null, daysOverdue: null, idempotencyKey: null, brokenPromiseOn: null };
	}
	if (typeof value !== 'object' || Array.isArray(value)) {
		throw new DunningInputError(field, `${describeValue(value)} is not a decision`);
	}
	const decision = value as Partial<Record<keyof Decision, unknown>>;
	if (decision.action !== 'send' && decision.action !== 'escalate') {
		throw new DunningInputError(
			`${field}.action`,
			`${describeValue(decision.action)}: only due steps (send, escalate) can be composed`,
		);
	}
	const stepId = decision.stepId ?? null;
	if (stepId !== null && (typeof stepId !== 'string' || stepId.trim() === '')) {
		throw new DunningInputError(`${field}.stepId`, `${describeValue(stepId)} is not a step id`);
	}
	const days = decision.daysOverdue ?? null;
	if (days !== null && (typeof days !== 'number' || !Number.isSafeInteger(days))) {
		throw new DunningInputError(`${field}.daysOverdue`, `${describeValue(days)} is not an integer`);
	}
	const broken = (value as { brokenPromiseOn?: unknown }).brokenPromiseOn;
	return {
		stepId,
		daysOverdue: days,
		idempotencyKey: stepId === null ? null : `${invoice.source}:${invoice.id}:${stepId}`,
		brokenPromiseOn:
			decision.reason === 'promise_broken' || (broken !== undefined && broken !== null)
				? optionalBrokenPromise(broken, `${field}.brokenPromiseOn`)
				: null,
	};
}

/** The firmest customer-facing tone, or `internal` when every invoice is at an internal step. */
export function firmestTone(tones: readonly Tone[], field = 'tones'): Tone {
	assertList(tones, field).forEach((tone, index) => assertTone(tone, `${field}[${index}]`));
	const internal = tones.filter((tone) => tone === 'internal').length;
	if (internal === tones.length) return 'internal';
	if (internal > 0) {
		throw new DunningInputError(
			field,
			'internal and customer-facing steps cannot share one message (compose them separately)',
		);
	}
	return tones.reduce((firmest, tone) =>
		TONE_FIRMNESS.indexOf(tone) > TONE_FIRMNESS.indexOf(firmest) ? tone : firmest,
	);
}

/**
 * Issue 19 #4: a formal notice is a letter about one invoice, approved as such; listed with other
 * invoices it would speak of them in a firmer step than their own (and add their penalties to it).
 */
function assertFormalNoticeAlone(entries: readonly Entry[]): void {
	if (entries.length > 1 && entries.some((entry) => entry.tone === 'formal_notice')) {
		throw new DunningInputError(
			'tones',
			'a formal notice is its own message: compose it alone, and the other invoices in their own tones (groupCustomerMessages)',
		);
	}
}

interface Entry {
	invoice: Invoice;
	step: DueStep;
	tone: Tone;
	penalty: PenaltyResult | null;
}

function lineOf(entry: Entry, language: ComposerLanguage): CustomerInvoiceLine {
	const { invoice, penalty } = entry;
	const money = (minor: number) => formatMoney(minor, invoice.currency, language);
	const visible: Omit<Invoice, 'raw'> & { raw?: object } = { ...invoice };
	delete visible.raw;
	const charged = penalty !== null && penalty.totalMinor > 0;
	const fixed = charged ? fixedCompensationOf(penalty, invoice.currency) : null;
	return {
		id: invoice.id,
		number: invoice.number ?? invoice.id,
		currency: invoice.currency,
		amountDue: money(invoice.dueMinor),
		totalAmount: money(invoice.totalMinor),
		paidAmount: money(invoice.paidMinor),
		dueDate: invoice.dueDate === null ? null : formatDate(invoice.dueDate, language),
		issueDate: formatDate(invoice.issueDate, language),
		daysOverdue: entry.step.daysOverdue,
		notYetDue:
			entry.step.daysOverdue === null ? entry.tone === 'notice' : entry.step.daysOverdue <= 0,
		paymentUrl: safeLink(invoice.paymentUrl),
		pdfUrl: safeLink(invoice.pdfUrl),
		stepId: entry.step.stepId,
		tone: entry.tone,
		sentStepIds: invoice.dunning.sentStepIds,
		penalty,
		penaltyInterest: charged ? money(penalty.interestMinor) : null,
		// In its own currency: 40 € stays 40 € on a GBP invoice, and is not in the GBP totals.
		penaltyCompensation: fixed ? formatMoney(fixed.amountMinor, fixed.currency, language) : null,
		penaltyTotal: charged ? money(penalty.totalMinor) : null,
		amountWithPenalty: charged ? money(invoice.dueMinor + penalty.totalMinor) : null,
		compensationSeparate: fixed !== null && fixed.currency !== invoice.currency,
		brokenPromiseOn:
			entry.step.brokenPromiseOn === null ? null : formatDate(entry.step.brokenPromiseOn, language),
		invoice: visible,
	};
}

function totalsOf(entries: Entry[], language: ComposerLanguage): CustomerTotal[] {
	const byCurrency = new Map<string, { minor: number; penalty: number; count: number }>();
	for (const { invoice, penalty } of entries) {
		const sum = byCurrency.get(invoice.currency) ?? { minor: 0, penalty: 0, count: 0 };
		sum.minor += invoice.dueMinor;
		sum.penalty += penalty !== null && penalty.totalMinor > 0 ? penalty.totalMinor : 0;
		sum.count += 1;
		byCurrency.set(invoice.currency, sum);
	}
	return [...byCurrency].map(([currency, sum]) => ({
		currency,
		amount: formatMoney(sum.minor, currency, language),
		amountMinor: sum.minor,
		count: sum.count,
		penaltyTotal: sum.penalty > 0 ? formatMoney(sum.penalty, currency, language) : null,
		amountWithPenalty:
			sum.penalty > 0 ? formatMoney(sum.minor + sum.penalty, currency, language) : null,
	}));
}

/** Oldest due date first (no due date last), then by number: the order a customer reads them in. */
function byDueDate(a: Entry, b: Entry): number {
	const dueA = a.invoice.dueDate ?? '9999-99-99';
	const dueB = b.invoice.dueDate ?? '9999-99-99';
	if (dueA !== dueB) return dueA < dueB ? -1 : 1;
	const numberA = a.invoice.number ?? a.invoice.id;
	const numberB = b.invoice.number ?? b.invoice.id;
	return numberA < numberB ? -1 : numberA > numberB ? 1 : 0;
}

export function buildCustomerTemplateData(
	entries: Entry[],
	tone: Tone,
	language: ComposerLanguage,
	sender: SenderView,
): CustomerTemplateData {
	const invoices = entries.map((entry) => lineOf(entry, language));
	const totals = totalsOf(entries, language);
	const bases = [
		...new Set(
			entries
				.filter(({ penalty }) => penalty !== null && penalty.totalMinor > 0)
				.map(
					({ penalty }) => legalReferences((penalty as PenaltyResult).legalBasis, language).both,
				),
		),
	];
	const days = entries
		.map(({ step }) => step.daysOverdue)
		.filter((value): value is number => value !== null);
	const { customer } = entries[0].invoice;
	return {
		customerName: customer.name,
		customer,
		invoices,
		invoiceCount: invoices.length,
		totals,
		multipleCurrencies: totals.length > 1,
		hasPenalty: bases.length > 0,
		legalBasis: bases.length > 0 ? bases.join('; ') : null,
		maxDaysOverdue: days.length > 0 ? Math.max(...days) : null,
		tone,
		language,
		sender,
		salutation: salutationFor(language, tone),
		hasBrokenPromise: entries.some(({ step }) => step.brokenPromiseOn !== null),
	};
}

/**
 * One message for several invoices of one customer (DESIGN.md section 5b): every invoice with its
 * number, amount, due date, days overdue and payment link, the total owed per currency, in the firmest
 * tone among the invoices' steps. A group of one reads exactly like the single-invoice template (same
 * built-in, same variables). Paid or cancelled invoices and decisions that are not due are refused:
 * the caller drops them before grouping. Pure and synchronous.
 */
export function composeCustomerReminder(input: ComposeCustomerInput): ComposedCustomerReminder {
	if (typeof input !== 'object' || input === null) {
		throw new DunningInputError('input', `${describeValue(input)} is not an object`);
	}
	if (!Array.isArray(input.invoices) || input.invoices.length === 0) {
		throw new DunningInputError(
			'invoices',
			`${describeValue(input.invoices)} is not a non-empty list`,
		);
	}
	const count = input.invoices.length;
	const decisions = optionalList<Decision>(input.decisions, 'decisions', count);
	const tones = optionalList<Tone>(input.tones, 'tones', count);
	const penalties = optionalList<PenaltyResult>(input.penalties, 'penalties', count);
	const defaultTone =
		input.tone === undefined || input.tone === null ? null : assertTone(input.tone);
	const language = resolveComposerLanguage(input.language);
	const sender = validateSender(input.sender, language);

	const seen = new Set<string>();
	let owner: { source: string; key: string } | null = null;
	const entries: Entry[] = input.invoices.map((raw, index) => {
		const field = `invoices[${index}]`;
		const invoice = normalizeInvoice(raw, field);
		assertDue(invoice, field);
		if (seen.has(invoice.id)) {
			throw new DunningInputError(
				`${field}.id`,
				`invoice ${describeValue(invoice.id)} is listed twice`,
			);
		}
		seen.add(invoice.id);
		const key = customerKey(invoice);
		if (key === null) {
			throw new DunningInputError(
				`${field}.customer`,
				'has neither an id nor an email: the invoice cannot be matched to a customer',
			);
		}
		if (owner === null) owner = { source: invoice.source, key };
		else if (owner.source !== invoice.source || owner.key !== key) {
			throw new DunningInputError(
				`${field}.customer`,
				`${describeValue(bare(key))} is not the customer of invoices[0] (${describeValue(bare(owner.key))}): one message is for one customer`,
			);
		}
		const explicit = tones?.[index];
		const tone =
			explicit === undefined || explicit === null
				? defaultTone
				: assertTone(explicit, `tones[${index}]`);
		if (tone === null) {
			throw new DunningInputError(
				`tones[${index}]`,
				'missing, and no tone is given for all invoices',
			);
		}
		const step = readDecision(decisions?.[index], invoice, `decisions[${index}]`);
		return {
			invoice,
			step,
			tone: step.brokenPromiseOn === null ? tone : toneAfterBrokenPromise(tone),
			penalty: validatePenalty(penalties?.[index]),
		};
	});
	entries.sort(byDueDate);
	assertFormalNoticeAlone(entries);
	const tone = firmestTone(entries.map((entry) => entry.tone));
	const first = entries[0].invoice;
	// Without an id, the key names the customer by the bare email, as it always has (a new key would send again).
	const customerId = first.customer.id ?? bare((owner as unknown as { key: string }).key);
	const pairs = entries
		.map((entry) => `${entry.invoice.id}:${entry.step.stepId ?? entry.tone}`)
		.sort();
	const grouped = {
		invoiceIds: entries.map((entry) => entry.invoice.id),
		idempotencyKey: `${first.source}:customer:${customerId}:${pairs.join(',')}`,
		invoiceIdempotencyKeys: entries.map((entry) => entry.step.idempotencyKey),
		tone,
	};

	if (entries.length === 1 && input.template === undefined) {
		// A group of one is the single-invoice message itself, word for word.
		const [entry] = entries;
		const single = composeReminder({
			invoice: entry.invoice,
			stepId: entry.step.stepId ?? undefined,
			tone,
			language,
			sender: input.sender,
			penalty: entry.penalty ?? undefined,
			daysOverdue: entry.step.daysOverdue ?? undefined,
			brokenPromiseOn: entry.step.brokenPromiseOn,
		});
		return { ...single, ...grouped };
	}

	const set =
		input.template === undefined || input.template === null
			? {
					id: `builtin:${language}/customer/${tone}`,
					...builtinTemplate(language, 'customer'),
					field: `builtin:${language}/customer`,
					programs: builtinPrograms(language, 'customer'),
				}
			: resolveTemplateSet(input.template, language, tone);
	const data = buildCustomerTemplateData(entries, tone, language, sender);
	// `money` without a currency formats in the first invoice's currency; the templates use the
	// formatted amounts of each line and total instead.
	const parts = renderCheckedSet(
		set,
		data,
		{ language, currency: first.currency, sender },
		CUSTOMER_ROOT_VARIABLES,
	);
	return {
		to: tone === 'internal' ? null : first.customer.email,
		...parts,
		language,
		templateId: set.id,
		...grouped,
	};
}

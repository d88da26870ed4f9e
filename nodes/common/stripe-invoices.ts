import type { IDataObject } from 'n8n-workflow';

import { daysBetween, type Invoice } from '../shared/internal';

/**
 * Stripe logic shared by the Stripe Invoice Trigger and the Stripe Dunning node, kept free of I/O so that it is
 * tested directly: which invoices count as overdue or due soon, the fingerprint of an invoice's
 * dunning-relevant state, and recognising the `invoice.updated` events caused by our own metadata writes.
 */

export const DAY_SECONDS = 86_400;

/** Metadata key prefix of everything this package writes on a Stripe invoice. */
export const DUNNING_METADATA_PREFIX = 'dunning_';

/**
 * Per-step claim keys (`dunning_claim_<step id>`): the token of the execution that claimed the step. They keep a
 * claim visible even if a concurrent claim of another step overwrote `dunning_sent_steps`, and let an
 * execution recognise its own claim when Stripe replays it after a lost response.
 */
export const CLAIM_METADATA_PREFIX = 'dunning_claim_';
/** Stripe metadata keys are at most 40 characters. */
export const MAX_STEP_ID_LENGTH = 40 - CLAIM_METADATA_PREFIX.length;

export interface OverdueFilter {
	/** Overdue by at least this many calendar days (today − due date ≥ N). */
	minDaysOverdue: number;
	/** Also invoices due within this many days (0 ≤ due date − today ≤ N); null: not wanted. */
	dueWithinDays: number | null;
	customerId?: string;
}

/**
 * The `GET /v1/invoices` query for open send_invoice invoices whose due date can match the filter. Stripe
 * cannot search on due_date (search only covers created, status, metadata...), but the list endpoint takes a
 * due_date range. The range is one day wider than needed on the upper side, because calendar days are
 * counted in the creditor's time zone; `classifyInvoice` then decides exactly.
 */
export function overdueListQuery(nowSeconds: number, filter: OverdueFilter): IDataObject {
	const upperDays =
		filter.dueWithinDays !== null ? filter.dueWithinDays + 1 : 1 - filter.minDaysOverdue;
	return {
		status: 'open',
		collection_method: 'send_invoice',
		due_date: { lt: Math.floor(nowSeconds) + upperDays * DAY_SECONDS },
		...(filter.customerId ? { customer: filter.customerId } : {}),
		expand: ['data.customer'],
	};
}

export type InvoiceWindow = 'overdue' | 'due_soon';

/** Whether a normalised invoice is in the filter's window today, and how many days overdue it is. */
export function classifyInvoice(
	invoice: Invoice,
	today: string,
	filter: OverdueFilter,
): { window: InvoiceWindow; daysOverdue: number } | null {
	if (invoice.status !== 'open' || invoice.dueMinor <= 0 || invoice.dueDate === null) return null;
	const daysOverdue = daysBetween(today, invoice.dueDate);
	if (daysOverdue >= filter.minDaysOverdue && daysOverdue > 0)
		return { window: 'overdue', daysOverdue };
	if (filter.dueWithinDays !== null && daysOverdue <= 0 && -daysOverdue <= filter.dueWithinDays) {
		return { window: 'due_soon', daysOverdue };
	}
	return null;
}

export type EmitOn = 'stateChange' | 'bucketChange' | 'everyDay';

/**
 * The dunning-relevant state of an invoice as a short string: an invoice is emitted again only when this
 * changes. Our own metadata (steps sent, promise...) is deliberately left out, so writing it never re-emits.
 */
export function dunningFingerprint(
	invoice: Invoice,
	daysOverdue: number,
	today: string,
	emitOn: EmitOn,
	bucketDays: number,
): string {
	const base = `${invoice.status}|${invoice.dueMinor}|${daysOverdue > 0 ? 'o' : 's'}`;
	if (emitOn === 'everyDay') return `${base}|${today}`;
	if (emitOn === 'bucketChange') {
		const size = Math.max(1, Math.floor(bucketDays));
		const bucket = daysOverdue > 0 ? Math.floor((daysOverdue - 1) / size) : -1;
		return `${base}|b${bucket}`;
	}
	return base;
}

/**
 * True for an `invoice.updated` event whose only changes are metadata keys this package writes
 * (`dunning_*`): our own Claim Step, Record Promise, Pause... calls. Reacting to them would loop.
 */
export function isOwnMetadataWrite(event: IDataObject): boolean {
	if (event.type !== 'invoice.updated') return false;
	const data = event.data as IDataObject | undefined;
	const previous = data?.previous_attributes;
	if (typeof previous !== 'object' || previous === null || Array.isArray(previous)) return false;
	const keys = Object.keys(previous);
	if (keys.length !== 1 || keys[0] !== 'metadata') return false;
	const metadata = (previous as IDataObject).metadata;
	if (typeof metadata !== 'object' || metadata === null) return false;
	const changed = Object.keys(metadata);
	return changed.length > 0 && changed.every((key) => key.startsWith(DUNNING_METADATA_PREFIX));
}

/** The invoice lacks the customer's email or name, and only has the customer's id. */
export function needsCustomer(raw: IDataObject): string | null {
	const customer = raw.customer;
	if (typeof customer !== 'string' || customer === '') return null;
	const has = (value: unknown) => typeof value === 'string' && value !== '';
	return has(raw.customer_email) && has(raw.customer_name) ? null : customer;
}

/** Keeps the most recent `max` ids, oldest first; returns false when the id was already there. */
export function rememberId(list: string[], id: string, max: number): boolean {
	if (list.includes(id)) return false;
	list.push(id);
	if (list.length > max) list.splice(0, list.length - max);
	return true;
}

/**
 * The value a released claim key keeps: `released:<nonce>`. It no longer claims the step, and its nonce makes
 * the next claim's idempotency key new (Stripe would otherwise refuse a second claim under the same key).
 */
export const RELEASED_CLAIM_PREFIX = 'released:';

/** A claim key's value that holds a live claim (a token, not empty, not a released marker). */
export function isLiveClaim(value: unknown): value is string {
	return typeof value === 'string' && value !== '' && !value.startsWith(RELEASED_CLAIM_PREFIX);
}

/** The step ids already claimed or sent for an invoice, from its metadata. */
export function claimedSteps(invoice: Invoice, raw: IDataObject): Set<string> {
	const steps = new Set(invoice.dunning.sentStepIds);
	const metadata = (raw.metadata ?? {}) as IDataObject;
	for (const [key, value] of Object.entries(metadata)) {
		if (key.startsWith(CLAIM_METADATA_PREFIX) && isLiveClaim(value)) {
			steps.add(key.slice(CLAIM_METADATA_PREFIX.length));
		}
	}
	return steps;
}

/** `dunning-claim:<invoice>:<step>`, plus the nonce of the last release of that step if there was one. */
export function claimIdempotencyKey(
	invoiceId: string,
	stepId: string,
	claimValue: unknown,
): string {
	const base = `dunning-claim:${invoiceId}:${stepId}`;
	if (typeof claimValue !== 'string' || !claimValue.startsWith(RELEASED_CLAIM_PREFIX)) return base;
	return `${base}:${claimValue.slice(RELEASED_CLAIM_PREFIX.length)}`;
}

/**
 * A claim token: the execution, a random part, and the last-sent date before the claim, so that a release can
 * put that date back (Stripe keeps only the latest date).
 */
export function claimToken(executionId: string, random: string, lastSentOn: string | null): string {
	return `${executionId}:${random}|${lastSentOn ?? ''}`;
}

/** The last-sent date a claim token recorded: null when there was none, undefined for a token without it. */
export function lastSentOnBeforeClaim(token: string): string | null | undefined {
	const bar = token.lastIndexOf('|');
	if (bar < 0) return undefined;
	const date = token.slice(bar + 1);
	return /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null;
}

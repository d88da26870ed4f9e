import { randomUUID } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { assertApprovedIfRequired, assertReachable } from '../../common/approval';
import { releaseWhy } from '../../common/release-claim';
import type { CallOptions, ListedInvoice, ReadInvoice } from '../../common/source-call';
import { classifyInvoice, type OverdueFilter } from '../../common/overdue-window';
import { overdueListQuery } from './overdue';
import {
	CLAIM_METADATA_PREFIX,
	claimIdempotencyKey,
	claimToken,
	claimedSteps,
	isLiveClaim,
	lastSentOnBeforeClaim,
	MAX_STEP_ID_LENGTH,
	RELEASED_CLAIM_PREFIX,
} from './state';
import {
	DunningInputError,
	isClaimable,
	normalizeStripeInvoice,
	STRIPE_METADATA_KEYS,
} from '../../shared/internal';
import {
	stripeErrorOf,
	stripePages,
	stripeCall,
	type StripeContext,
	type StripeRequest,
} from './transport';

export type { CallOptions, ListedInvoice, ReadInvoice } from '../../common/source-call';

const INVOICE_ID = /^in_[A-Za-z0-9_]{1,250}$/;
const STEP_ID = new RegExp(`^[A-Za-z0-9_.:-]{1,${MAX_STEP_ID_LENGTH}}$`);

export function assertInvoiceId(value: unknown): string {
	const id = typeof value === 'string' ? value.trim() : value;
	if (typeof id !== 'string' || !INVOICE_ID.test(id)) {
		throw new DunningInputError(
			'invoiceId',
			`${JSON.stringify(value)} is not a Stripe invoice id (in_...)`,
		);
	}
	return id;
}

export function assertStepId(value: unknown): string {
	const id = typeof value === 'string' ? value.trim() : value;
	if (typeof id !== 'string' || !STEP_ID.test(id)) {
		throw new DunningInputError(
			'stepId',
			`${JSON.stringify(value)} is not a step id (1 to ${MAX_STEP_ID_LENGTH} letters, digits, - _ . :)`,
		);
	}
	return id;
}

function read(raw: IDataObject, options: CallOptions): ReadInvoice {
	return { invoice: normalizeStripeInvoice(raw, { timezone: options.timezone }), raw };
}

/** A fresh read, with the customer expanded so its email, name, locale and tags are known. */
export async function getInvoice(
	context: StripeContext,
	invoiceId: string,
	options: CallOptions,
): Promise<ReadInvoice> {
	const { body } = await stripeCall(context, {
		method: 'GET',
		path: `/v1/invoices/${encodeURIComponent(invoiceId)}`,
		query: { expand: ['customer'] },
		timeoutMs: options.timeoutMs,
	});
	return read(body, options);
}

/** Writes metadata keys (an empty string deletes one) and returns the invoice as Stripe now holds it. */
export async function writeMetadata(
	context: StripeContext,
	invoiceId: string,
	metadata: Record<string, string>,
	options: CallOptions,
): Promise<ReadInvoice> {
	const { body } = await stripeCall(context, {
		method: 'POST',
		path: `/v1/invoices/${encodeURIComponent(invoiceId)}`,
		form: { metadata, expand: ['customer'] },
		timeoutMs: options.timeoutMs,
	});
	return read(body, options);
}

export type ClaimReason = 'claimed' | 'already_sent' | 'claimed_elsewhere' | 'not_open';

export interface ClaimResult extends ReadInvoice {
	claimed: boolean;
	reason: ClaimReason;
	stepId: string;
	idempotencyKey: string;
	/** This execution's token under `dunning_claim_<step>`, which Release Claim checks; null when refused. */
	token: string | null;
}

const claimValueOf = (current: ReadInvoice, stepId: string): unknown =>
	((current.raw.metadata ?? {}) as IDataObject)[`${CLAIM_METADATA_PREFIX}${stepId}`];

/**
 * Claims step `stepId` of an invoice, so that of several concurrent executions exactly one is told it owns it.
 *
 * 0. A step that requires approval is refused without it (`item.approval`), before any request; a customer
 *    email step is refused, after the fresh read and before any write, when the invoice has no address.
 * 1. A fresh read: a paid, void or uncollectible invoice, or a step already in `dunning_sent_steps` or holding a
 *    live `dunning_claim_<step>` token, is refused. With `allowPaid` (the thank-you of issue 21, step `thanks`)
 *    a paid invoice is claimed too, so its history shows the thank-you and a second one is never sent.
 * 2. One metadata write with `Idempotency-Key: dunning-claim:<invoice>:<step>` (plus the nonce of the step's
 *    last release, if any) that appends the step, sets the last-sent date and stores this execution's random
 *    token under `dunning_claim_<step>`. Stripe runs the first request with this key; every other execution
 *    sends different parameters (another token) and gets 400 `idempotency_error` (or 409 while the first is
 *    still running, retried until it is 400): not claimed.
 * 3. A replay (`Idempotent-Replayed: true`) is ours only if it carries our token: that is our own retry after a
 *    lost response. Any other replay is someone else's claim.
 */
export async function claimStep(
	context: StripeContext,
	invoiceId: string,
	stepId: string,
	today: string,
	options: CallOptions,
	item: IDataObject = {},
	allowPaid = false,
): Promise<ClaimResult> {
	assertApprovedIfRequired(item, stepId);
	const fresh = await getInvoice(context, invoiceId, options);
	const idempotencyKey = claimIdempotencyKey(invoiceId, stepId, claimValueOf(fresh, stepId));
	const refuse = (reason: ClaimReason, current: ReadInvoice = fresh): ClaimResult => ({
		...current,
		claimed: false,
		reason,
		stepId,
		idempotencyKey,
		token: null,
	});
	if (!isClaimable(fresh.invoice, allowPaid)) return refuse('not_open');
	if (claimedSteps(fresh.invoice, fresh.raw).has(stepId)) return refuse('already_sent');
	assertReachable(item, stepId, fresh.invoice);

	const claimKey = `${CLAIM_METADATA_PREFIX}${stepId}`;
	const token = claimToken(
		context.getExecutionId() ?? 'manual',
		randomUUID(),
		fresh.invoice.dunning.lastSentOn,
	);
	const metadata = {
		[STRIPE_METADATA_KEYS.sentSteps]: [...fresh.invoice.dunning.sentStepIds, stepId].join(','),
		[STRIPE_METADATA_KEYS.lastSentOn]: today,
		[claimKey]: token,
	};
	const outcome = await stripeCall(context, {
		method: 'POST',
		path: `/v1/invoices/${encodeURIComponent(invoiceId)}`,
		form: { metadata, expand: ['customer'] },
		idempotencyKey,
		timeoutMs: options.timeoutMs,
	}).then(
		(response) => ({ response, error: undefined }),
		(error: unknown) => ({ response: undefined, error }),
	);
	if (!outcome.response) {
		if (stripeErrorOf(outcome.error).type !== 'idempotency_error') throw outcome.error;
		return refuse('claimed_elsewhere', await getInvoice(context, invoiceId, options));
	}
	const response = outcome.response;
	const written = read(response.body, options);
	const owner = (response.body.metadata as IDataObject | undefined)?.[claimKey];
	if (owner !== token) return refuse('claimed_elsewhere', written);
	return { ...written, claimed: true, reason: 'claimed', stepId, idempotencyKey, token };
}

export type ReleaseWhen = 'notAccepted' | 'always';

export interface ReleaseRequest {
	stepId: string;
	releaseWhen: ReleaseWhen;
	/** The send node's error (its error output's `error`), classified by `classifySendFailure`. */
	sendError: unknown;
	/** The token Claim Step returned: only that claim is released. Empty: any live claim of the step. */
	token: string;
}

export type ReleaseReason =
	| 'not_accepted'
	| 'always'
	| 'outcome_unknown'
	| 'not_claimed'
	| 'claimed_elsewhere';

export interface ReleaseResult extends ReadInvoice {
	released: boolean;
	reason: ReleaseReason;
	stepId: string;
}

/**
 * Release Claim: undoes a claim whose message certainly did not leave, so the next run sends the step. The
 * step leaves `dunning_sent_steps`, the last-sent date goes back to what it was before the claim, and the claim
 * key keeps a `released:<nonce>` marker whose nonce gives the next claim a new idempotency key. A send whose
 * outcome is unknown keeps its claim (`outcome_unknown`): a second message must never go out on a doubt.
 */
export async function releaseClaim(
	context: StripeContext,
	invoiceId: string,
	request: ReleaseRequest,
	options: CallOptions,
): Promise<ReleaseResult> {
	const { stepId } = request;
	const result = (current: ReadInvoice, released: boolean, reason: ReleaseReason) => ({
		...current,
		released,
		reason,
		stepId,
	});
	const fresh = await getInvoice(context, invoiceId, options);
	const why: ReleaseReason = releaseWhy(request);
	if (why === 'outcome_unknown') return result(fresh, false, why);
	const claimValue = claimValueOf(fresh, stepId);
	const sent = fresh.invoice.dunning.sentStepIds;
	if (!sent.includes(stepId) && !isLiveClaim(claimValue))
		return result(fresh, false, 'not_claimed');
	if (request.token !== '' && isLiveClaim(claimValue) && claimValue !== request.token) {
		return result(fresh, false, 'claimed_elsewhere');
	}
	const metadata: Record<string, string> = {
		[STRIPE_METADATA_KEYS.sentSteps]: sent.filter((id) => id !== stepId).join(','),
		[`${CLAIM_METADATA_PREFIX}${stepId}`]: `${RELEASED_CLAIM_PREFIX}${randomUUID().slice(0, 8)}`,
	};
	const before = isLiveClaim(claimValue) ? lastSentOnBeforeClaim(claimValue) : undefined;
	if (before !== undefined) metadata[STRIPE_METADATA_KEYS.lastSentOn] = before ?? '';
	return result(await writeMetadata(context, invoiceId, metadata, options), true, why);
}

/** Stripe emails the invoice again (its own template and payment link); send_invoice invoices only. */
export async function sendInvoiceEmail(
	context: StripeContext,
	invoiceId: string,
	today: string,
	options: CallOptions,
): Promise<ReadInvoice> {
	const { body } = await stripeCall(context, {
		method: 'POST',
		path: `/v1/invoices/${encodeURIComponent(invoiceId)}/send`,
		form: { expand: ['customer'] },
		// One Stripe email per invoice and day, even if the workflow runs twice.
		idempotencyKey: `dunning-send:${invoiceId}:${today}`,
		timeoutMs: options.timeoutMs,
	});
	return read(body, options);
}

/** Every open send_invoice invoice in the filter's window, page by page to the end (or `limit`; undefined: all). */
export async function listOverdue(
	context: StripeContext,
	filter: OverdueFilter,
	nowMs: number,
	today: string,
	limit: number | undefined,
	options: CallOptions,
): Promise<ListedInvoice[]> {
	const results: ListedInvoice[] = [];
	const query = overdueListQuery(nowMs / 1000, filter) as StripeRequest['query'] & object;
	for await (const page of stripePages<IDataObject & { id: string }>(
		context,
		'/v1/invoices',
		query,
		{
			timeoutMs: options.timeoutMs,
		},
	)) {
		for (const raw of page.data) {
			const current = read(raw, options);
			const match = classifyInvoice(current.invoice, today, filter);
			if (!match) continue;
			results.push({ ...current, ...match });
			if (limit !== undefined && results.length >= limit) return results;
		}
	}
	return results;
}

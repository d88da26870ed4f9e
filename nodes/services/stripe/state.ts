import type { IDataObject } from 'n8n-workflow';

import {
	DunningInputError,
	STRIPE_LETTER_METADATA_PREFIX,
	type Invoice,
} from '../../shared/internal';

/**
 * How this package keeps its state on a Stripe invoice: `dunning_*` metadata keys, and the per-step claim keys
 * whose tokens and idempotency keys make Claim Step exactly-once. No I/O, tested directly.
 */

/** Metadata key prefix of everything this package writes on a Stripe invoice. */
export const DUNNING_METADATA_PREFIX = 'dunning_';

/**
 * Per-step claim keys (`dunning_claim_<step id>`): the token of the execution that claimed the step. They keep a
 * claim visible even if a concurrent claim of another step overwrote `dunning_sent_steps`, and let an
 * execution recognise its own claim when Stripe replays it after a lost response.
 */
export const CLAIM_METADATA_PREFIX = 'dunning_claim_';
/** Stripe metadata keys are at most 40 characters. */
export const MAX_METADATA_KEY_LENGTH = 40;
export const MAX_STEP_ID_LENGTH = MAX_METADATA_KEY_LENGTH - CLAIM_METADATA_PREFIX.length;
/** Stripe keeps at most 50 metadata keys per object (and values of at most 500 characters). */
export const MAX_METADATA_KEYS = 50;

/**
 * The key of a step's registered letter, `dunning_letter_<step id>` (issue 20). Its prefix is one character
 * longer than the claim's, so a letter needs a step id of at most 25 characters where a claim takes 26.
 * The value, a letter record, is at most 330 characters (nodes/shared/letter-record.ts): within Stripe's 500.
 */
export function letterMetadataKey(stepId: string): string {
	const key = `${STRIPE_LETTER_METADATA_PREFIX}${stepId}`;
	if (key.length > MAX_METADATA_KEY_LENGTH) {
		throw new DunningInputError(
			'stepId',
			`${JSON.stringify(stepId)} is too long to record a letter on a Stripe invoice: its key ${key} would be over Stripe's ${MAX_METADATA_KEY_LENGTH} characters (step ids of at most ${MAX_METADATA_KEY_LENGTH - STRIPE_LETTER_METADATA_PREFIX.length})`,
		);
	}
	return key;
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

import type { ReplyKind } from '../../shared/internal';

/** The node's outputs, in order. New outputs are appended so that existing connections keep their index. */
export const OUTPUT_NAMES = ['Promise', 'Dispute', 'Payment Claimed', 'Needs a Person', 'Ignored'];

export const NEEDS_A_PERSON = 3;

/**
 * Where each kind of reply goes. A payment plan is a negotiation, so a person answers it; automatic replies
 * and bounces change nothing.
 */
export const OUTPUT_OF_KIND: Record<ReplyKind, number> = {
	promise: 0,
	dispute: 1,
	payment_claimed: 2,
	payment_plan: NEEDS_A_PERSON,
	needs_person: NEEDS_A_PERSON,
	auto_reply: 4,
	bounce: 4,
};

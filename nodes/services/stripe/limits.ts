import type { PacerLimits } from '../../common/pacer';

/**
 * Stripe's request budgets for one node run (sources and reasoning: docs/limits.md).
 *
 * Live mode (https://docs.stripe.com/rate-limits): 100 requests per second per account, and 25 per second for
 * each endpoint unless stated otherwise (GET /v1/invoices/{id} and POST /v1/invoices/{id} are two endpoints,
 * every invoice counting against the same one). A node run spends nearly all its calls on one or two
 * endpoints, so the per-endpoint 25 is the budget that binds. Stripe publishes no number for its concurrency
 * limiter; 10 in flight reach 25 per second for calls up to 400 ms.
 */
export const STRIPE_LIVE_LIMITS: Readonly<PacerLimits> = Object.freeze({
	concurrency: 10,
	perSecond: 25,
});

/** Test mode / sandbox (https://docs.stripe.com/rate-limits): 25 requests per second per account. */
export const STRIPE_TEST_LIMITS: Readonly<PacerLimits> = Object.freeze({
	concurrency: 10,
	perSecond: 25,
});

/** Requests at Once, by default: the pacer's own cap, which 25 a second needs at 400 ms a call. */
export const STRIPE_REQUESTS_AT_ONCE = 10;

/**
 * The budgets for a secret or restricted key: live for `sk_live_`/`rk_live_`, else the sandbox's (the safer
 * of the two when the key says nothing, e.g. a Stripe-compatible test server).
 */
export function stripeLimitsFor(apiKey: unknown): Readonly<PacerLimits> {
	return typeof apiKey === 'string' && /^(sk|rk)_live_/.test(apiKey.trim())
		? STRIPE_LIVE_LIMITS
		: STRIPE_TEST_LIMITS;
}

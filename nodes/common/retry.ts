import { sleep } from './sleep';

import type { CallOptions } from './pacer';

/**
 * Retries with exponential backoff and full jitter. Neither Stripe nor QuickBooks documents a wait header on
 * HTTP 429, so the delay doubles from `baseDelayMs` up to `maxDelayMs` and a random share of it is taken
 * (full jitter spreads concurrent executions apart); a server-given delay (Retry-After) wins when present.
 */
export interface RetryPolicy {
	maxAttempts: number;
	baseDelayMs: number;
	maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
	maxAttempts: 5,
	baseDelayMs: 500,
	maxDelayMs: 8000,
};

/** What to do after a failed attempt: give up, or retry (after the server's delay when it gave one). */
export type RetryVerdict = { retry: false } | { retry: true; delayMs?: number };

export interface RetryOptions {
	policy?: RetryPolicy;
	/** Injected in tests; `Math.random` otherwise. */
	random?: () => number;
	/** Injected in tests; the module's wait (n8n's `sleep`, see `setRetryWait`) otherwise. */
	wait?: RetryWait;
}

export type RetryWait = (ms: number) => Promise<void>;

let moduleWait: RetryWait = sleep;

/**
 * Test seam, never called by the nodes: replaces the wait of every `withRetries` call that injects none, and
 * returns the one it replaces (`undefined` restores n8n's `sleep`). The unit tests install a wait that records
 * each delay and returns at once (test/helpers/retry-waits.ts), so they assert the back-off without sleeping
 * through it.
 */
export function setRetryWait(wait: RetryWait | undefined): RetryWait {
	const previous = moduleWait;
	moduleWait = wait ?? sleep;
	return previous;
}

/** The wait before attempt `attempt + 1` (attempt counts from 1): a uniform draw in [0, min(max, base·2^(n−1))]. */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	return Math.floor(random() * ceiling);
}

/** Parses an HTTP `Retry-After` header (seconds or an HTTP date) into milliseconds, if usable. */
export function retryAfterMs(header: unknown, nowMs: number): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

export async function withRetries<T>(
	attempt: (attemptNumber: number) => Promise<T>,
	verdict: (error: unknown, attemptNumber: number) => RetryVerdict,
	options: RetryOptions = {},
): Promise<T> {
	const policy = options.policy ?? DEFAULT_RETRY_POLICY;
	const random = options.random ?? Math.random;
	const wait = options.wait ?? moduleWait;
	for (let attemptNumber = 1; ; attemptNumber++) {
		const outcome = await attempt(attemptNumber).then(
			(value) => ({ ok: true as const, value }),
			(error: unknown) => ({ ok: false as const, error }),
		);
		if (outcome.ok) return outcome.value;
		const decision = verdict(outcome.error, attemptNumber);
		// The caller's own error (already a NodeApiError where it should be) is passed on unchanged.
		if (!decision.retry || attemptNumber >= policy.maxAttempts) throw outcome.error;
		const delay = decision.delayMs ?? backoffDelayMs(attemptNumber, policy, random);
		await wait(Math.min(delay, policy.maxDelayMs * 4));
	}
}

/**
 * The same rules for a request made through the execution's pacer (nodes/common/pacer.ts), which the
 * transports use: a 5xx or network error gets `maxAttempts` attempts with this back-off, waited through this
 * module's wait (so `setRetryWait` still governs it); a 429 is the pacer's and never counts as an attempt.
 */
export function pacedRetry(options: RetryOptions = {}): CallOptions {
	const policy = options.policy ?? DEFAULT_RETRY_POLICY;
	const random = options.random ?? Math.random;
	return {
		maxAttempts: policy.maxAttempts,
		retryDelayMs: (attempt) => backoffDelayMs(attempt, policy, random),
		wait: async (ms) => await (options.wait ?? moduleWait)(Math.min(ms, policy.maxDelayMs * 4)),
	};
}

/** Node and axios codes of a connection that failed or was cut before an answer: worth another attempt. */
export const TRANSIENT_CODES: ReadonlySet<string> = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ESOCKETTIMEDOUT',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/**
 * Whether an error is a network failure worth retrying: a transient code, or a timeout or hang-up message, on
 * the error or on an error it wraps (n8n wraps axios errors in NodeApiErrors).
 */
export function isTransientNetworkError(error: unknown): boolean {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
		const message = (current as { message?: unknown }).message;
		if (typeof message === 'string' && /timeout|socket hang up|ECONNRESET/i.test(message)) {
			return true;
		}
		current = (current as { cause?: unknown }).cause;
	}
	return false;
}

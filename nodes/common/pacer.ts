import { sleep } from './sleep';

/**
 * One request pacer per node execution, shared by every item the node handles at once (runEachItem's
 * concurrency): it keeps the execution inside the provider's documented budgets (docs/limits.md) so that a run
 * larger than one minute's budget slows down instead of failing items.
 *
 * - a concurrency cap (requests in flight);
 * - a per-second and a per-minute budget, as sliding windows over the start times of the last requests. A
 *   token bucket was the other choice; it was not taken because a bucket of 500 refilled at 500 per minute lets
 *   up to 1,000 requests through in some 60-second span (the full bucket, then a minute of refill), which a
 *   provider counting any rolling minute (QuickBooks) answers with 429. The window log never lets more than N
 *   starts fall in any span of the window's length, whichever way the provider aligns its own window.
 * - a gate that a throttling answer (HTTP 429) closes for the whole pool: until Retry-After if the provider
 *   gave one, else until the oldest request leaves the per-minute window (the provider's window then has room
 *   again), else for an exponential back-off. Waiting behind the gate is not a failed attempt.
 *
 * Requests start in the order they first asked (a retried request keeps its place at the front), so no item
 * starves behind later ones. Clock and wait are injected: the tests run on a fake clock and never sleep.
 */

/** The budgets a pacer keeps. A missing or non-finite budget is not enforced. */
export interface PacerLimits {
	/** Requests in flight at once. */
	concurrency: number;
	/** Requests started in any rolling second. */
	perSecond?: number;
	/** Requests started in any rolling minute. */
	perMinute?: number;
}

// ---- options ------------------------------------------------------------------------------------------------

export interface PacerClock {
	/** Milliseconds, any origin. */
	now: () => number;
	/** Resolves after `ms` milliseconds of that clock. */
	wait: (ms: number) => Promise<void>;
}

export interface PacerOptions extends PacerLimits {
	/** Clock and wait (tests inject a fake pair); the module's (see setPacerClock) otherwise. */
	clock?: PacerClock;
	/**
	 * Added to each window (ms): a request is counted by the provider when it arrives, a little after it
	 * started here, so two starts exactly one window apart could land inside one window there. Default 50; a
	 * 429 burst doubles it (100 at least, 1 s at most) for the rest of the execution.
	 */
	slackMs?: number;
	/** Back-off after a 429 when neither Retry-After nor the per-minute window says how long: first wait. */
	backoffBaseMs?: number;
	/** ...doubling per consecutive 429 up to this. */
	backoffMaxMs?: number;
	/** Jitter draw in [0, 1): the back-off waits between half and all of its ceiling. Math.random otherwise. */
	random?: () => number;
}

/** What one attempt came to, as the transport reads the answer or the error. */
export type AttemptOutcome<T> =
	/** An answer to hand back (a success, or an error answer retrying cannot change, to be thrown by the caller). */
	| { kind: 'answer'; value: T }
	/** HTTP 429: retried after the pool's gate reopens; never counted as a failed attempt. */
	| { kind: 'throttled'; retryAfterMs?: number; error: unknown }
	/** 5xx, or a network error before the request was sent: retried, at most `maxAttempts` attempts. */
	| { kind: 'retry'; error: unknown; delayMs?: number }
	/** Not to be retried (among them a send whose outcome is unknown): thrown at once. */
	| { kind: 'fail'; error: unknown };

export interface CallOptions {
	/** Attempts that ended in `retry` before the error is thrown (default 5, as nodes/common/retry.ts). */
	maxAttempts?: number;
	/** Wait before a `retry` attempt without its own delay (default: the pacer's back-off for that attempt). */
	retryDelayMs?: (attempt: number) => number;
	/**
	 * A throttled call gives up only when the provider has answered nothing but 429 to the whole pool for this
	 * long (default 15 minutes): as long as some requests get through, the pool is only slowed down.
	 */
	giveUpAfterMs?: number;
	/** How a `retry` attempt waits its delay (default the pacer's clock): the transports use retry.ts's wait. */
	wait?: (ms: number) => Promise<void>;
}

export interface PacerStats {
	/** Attempts started (each retry counts). */
	started: number;
	/** 429 answers reported. */
	throttled: number;
	/** Most requests in flight at once. */
	maxInFlight: number;
	/** Requests in flight now, and waiting to start. */
	inFlight: number;
	waiting: number;
}

// ---- the clock seam ---------------------------------------------------------------------------------------

const realClock: PacerClock = {
	now: () => Date.now(),
	wait: async (ms) => await sleep(ms),
};
let moduleClock: PacerClock = realClock;

/**
 * Test seam, never called by the nodes: the clock of every pacer created without one from now on (undefined
 * restores the real clock); returns the one it replaces. A unit test of a node installs a fake clock so that
 * pacing a few hundred items costs no real seconds.
 */
export function setPacerClock(clock: PacerClock | undefined): PacerClock {
	const previous = moduleClock;
	moduleClock = clock ?? realClock;
	return previous;
}

/** Test seam (like setPacerClock): reshapes the limits of every pacer created from now on (undefined: none). */
let limitsOverride: ((limits: PacerLimits) => PacerOptions) | undefined;
export function setPacerLimits(
	override: ((limits: PacerLimits) => PacerOptions) | undefined,
): void {
	limitsOverride = override;
}

/**
 * The pacer of one execution: one per context object n8n hands a node run (an execute, poll or webhook
 * context), shared by every item and request of that run and forgotten with it (a WeakMap holds it, so no
 * state outlives the execution). `limits` is read only when the run makes its first request.
 */
const pacers = new WeakMap<object, Pacer>();
export function pacerOf(execution: object, limits: () => PacerLimits): Pacer {
	let pacer = pacers.get(execution);
	if (!pacer) {
		const chosen = limits();
		pacer = new Pacer(limitsOverride ? limitsOverride(chosen) : chosen);
		pacers.set(execution, pacer);
	}
	return pacer;
}

// ---- the pacer ---------------------------------------------------------------------------------------------

const SECOND = 1000;
const MINUTE = 60_000;

interface Waiter {
	/** Place in line: the order in which calls first asked; a retry keeps its call's place. */
	place: number;
	start: () => void;
}

function budget(value: number | undefined): number {
	return value !== undefined && Number.isFinite(value) && value >= 1 ? Math.floor(value) : Infinity;
}

export class Pacer {
	readonly limits: Readonly<Required<PacerLimits>>;
	private readonly clock: PacerClock;
	private slackMs: number;
	private readonly backoffBaseMs: number;
	private readonly backoffMaxMs: number;
	private readonly random: () => number;
	/** Start times of recent requests, oldest first: at most max(perSecond, perMinute) entries. */
	private readonly starts: number[] = [];
	private readonly queue: Waiter[] = [];
	private inFlight = 0;
	private gateUntil = -Infinity;
	/** Consecutive 429s without an answer in between: the back-off's exponent. */
	private throttleStreak = 0;
	/** When the gate was last closed by a 429. */
	private lastThrottledAt = -Infinity;
	/** When the provider last answered something other than 429. */
	private lastAnswerAt: number;
	private timerAt = Infinity;
	private nextPlace = 0;
	private counters = { started: 0, throttled: 0, maxInFlight: 0 };

	constructor(options: PacerOptions) {
		this.limits = Object.freeze({
			concurrency: Math.max(1, Math.floor(options.concurrency) || 1),
			perSecond: budget(options.perSecond),
			perMinute: budget(options.perMinute),
		});
		this.clock = options.clock ?? moduleClock;
		this.slackMs = Math.max(0, options.slackMs ?? 50);
		this.backoffBaseMs = options.backoffBaseMs ?? 1000;
		this.backoffMaxMs = options.backoffMaxMs ?? 30_000;
		this.random = options.random ?? Math.random;
		this.lastAnswerAt = this.clock.now();
	}

	stats(): PacerStats {
		return { ...this.counters, inFlight: this.inFlight, waiting: this.queue.length };
	}

	/**
	 * Runs one attempt (one HTTP request) when the budgets and the gate allow, counting it in flight until it
	 * settles. Whatever the attempt returns or throws is passed on. Report a 429 with `throttled` (an answer
	 * with `answered`) INSIDE `attempt`, before it returns: the slot is given back when it settles, and the
	 * next request in line must see the gate already closed. `call` does all this.
	 */
	async run<T>(attempt: () => Promise<T>, place = this.nextPlace++): Promise<T> {
		await new Promise<void>((start) => {
			const index = this.queue.findIndex((waiter) => waiter.place > place);
			this.queue.splice(index < 0 ? this.queue.length : index, 0, { place, start });
			this.pump();
		});
		try {
			return await attempt();
		} finally {
			this.inFlight--;
			this.pump();
		}
	}

	/**
	 * The provider answered 429: no request of the pool starts before `retryAfterMs` (when the provider said),
	 * else before the oldest request leaves the per-minute window, else before an exponential back-off.
	 */
	throttled(retryAfterMs?: number, startedAt = this.clock.now()): void {
		const now = this.clock.now();
		this.counters.throttled++;
		// A request already in flight when an earlier 429 closed the gate is part of the same burst: it does not
		// lengthen the back-off (ten requests refused together would otherwise wait 2^10 base periods).
		const newBurst = startedAt > this.lastThrottledAt;
		if (newBurst) this.throttleStreak++;
		this.lastThrottledAt = Math.max(this.lastThrottledAt, now);
		let reopen: number;
		if (retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs >= 0) {
			reopen = now + retryAfterMs;
		} else if (this.limits.perMinute !== Infinity && this.startsSince(now - MINUTE) > 0) {
			reopen =
				this.starts[this.starts.length - this.startsSince(now - MINUTE)] + MINUTE + this.slackMs;
		} else {
			reopen = now + this.backoffMs(this.throttleStreak);
		}
		this.gateUntil = Math.max(this.gateUntil, reopen);
		// Learned from the answer: our starts reach the provider later than the slack allowed for (a busy
		// machine, a slow connection), so the windows keep a wider margin from now on (at most 1 s).
		if (newBurst && (this.limits.perSecond !== Infinity || this.limits.perMinute !== Infinity)) {
			this.slackMs = Math.min(1000, Math.max(100, this.slackMs * 2));
		}
	}

	/** The provider answered something other than 429: the back-off starts from its base again. */
	answered(): void {
		this.throttleStreak = 0;
		this.lastAnswerAt = this.clock.now();
	}

	/** The back-off ceiling for the n-th consecutive 429 or failed attempt, with jitter (half to all of it). */
	backoffMs(n: number): number {
		const ceiling = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** Math.max(0, n - 1));
		return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
	}

	/**
	 * One logical request with the retry rules every transport shares: `attempt` makes one HTTP request and
	 * says what came of it. A 429 closes the gate and the request is tried again, at the front of the line,
	 * without counting; `retry` outcomes count up to `maxAttempts`; `fail` is thrown at once.
	 */
	async call<T>(
		attempt: (attemptNumber: number) => Promise<AttemptOutcome<T>>,
		options: CallOptions = {},
	): Promise<T> {
		const maxAttempts = options.maxAttempts ?? 5;
		const giveUpAfterMs = options.giveUpAfterMs ?? 15 * MINUTE;
		const place = this.nextPlace++;
		let failures = 0;
		for (let attemptNumber = 1; ; attemptNumber++) {
			const outcome = await this.run(async () => {
				const startedAt = this.clock.now();
				const result = await attempt(attemptNumber);
				// Before the slot is given back: the next request in line must already see the gate closed.
				if (result.kind === 'throttled') this.throttled(result.retryAfterMs, startedAt);
				if (result.kind === 'answer') this.answered();
				return result;
			}, place);
			switch (outcome.kind) {
				case 'answer':
					return outcome.value;
				case 'fail':
					throw outcome.error;
				case 'throttled':
					if (this.clock.now() - this.lastAnswerAt > giveUpAfterMs) throw outcome.error;
					continue;
				case 'retry': {
					// A 5xx is an answer too (the provider is there); a network error is not, but neither is a 429.
					failures++;
					if (failures >= maxAttempts) throw outcome.error;
					const delay =
						outcome.delayMs ?? options.retryDelayMs?.(failures) ?? this.backoffMs(failures);
					await (options.wait ?? this.clock.wait)(delay);
				}
			}
		}
	}

	// ---- scheduling -------------------------------------------------------------------------------------

	/** Requests started after `since` (exclusive), counted from the newest. */
	private startsSince(since: number): number {
		let count = 0;
		for (let index = this.starts.length - 1; index >= 0 && this.starts[index] > since; index--) {
			count++;
		}
		return count;
	}

	/** When the next request may start as far as windows and gate go (now if it may), ignoring concurrency. */
	private earliestStart(now: number): number {
		let at = this.gateUntil;
		for (const [limit, window] of [
			[this.limits.perSecond, SECOND],
			[this.limits.perMinute, MINUTE],
		] as const) {
			if (limit === Infinity || this.starts.length < limit) continue;
			// The request `limit` places back must have left the window (plus the slack) before one more starts.
			const bound = this.starts[this.starts.length - limit];
			if (bound > now - window - this.slackMs) at = Math.max(at, bound + window + this.slackMs);
		}
		return Math.max(at, now);
	}

	/** Starts every waiting request the budgets allow now, in line order; sets a timer for the next one. */
	private pump(): void {
		while (this.queue.length > 0 && this.inFlight < this.limits.concurrency) {
			const now = this.clock.now();
			const at = this.earliestStart(now);
			if (at > now) {
				this.wakeAt(at);
				return;
			}
			const waiter = this.queue.shift()!;
			this.starts.push(now);
			const keep = Math.max(
				this.limits.perSecond === Infinity ? 0 : this.limits.perSecond,
				this.limits.perMinute === Infinity ? 0 : this.limits.perMinute,
			);
			if (this.starts.length > keep) this.starts.splice(0, this.starts.length - keep);
			this.inFlight++;
			this.counters.started++;
			this.counters.maxInFlight = Math.max(this.counters.maxInFlight, this.inFlight);
			waiter.start();
		}
	}

	/** One timer at a time: a later wake-up is left to the pending one, which pumps (and re-arms) when due. */
	private wakeAt(at: number): void {
		if (this.timerAt <= at) return;
		this.timerAt = at;
		void this.clock.wait(at - this.clock.now()).then(() => {
			if (this.timerAt === at) this.timerAt = Infinity;
			this.pump();
		});
	}
}

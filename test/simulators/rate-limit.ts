// The providers' throttling, for both simulators: requests served in any rolling second and minute, and
// requests in flight, each against an optional limit (docs/limits.md gives the documented figures). Off unless
// a limit is given, so tests that do not ask for it see no 429.

export interface ProviderLimits {
	/** Requests served in any rolling second. */
	perSecond?: number;
	/** Requests served in any rolling minute. */
	perMinute?: number;
	/** Requests being served at once (from arrival to the end of the answer). */
	concurrency?: number;
}

export interface LimiterCounters {
	/** Requests admitted (answered normally). */
	served: number;
	/** Requests refused with 429. */
	throttled: number;
	/** Most requests in flight at once. */
	maxInFlight: number;
}

export type Refusal = 'rate' | 'concurrency';

export class ProviderLimiter {
	readonly counters: LimiterCounters = { served: 0, throttled: 0, maxInFlight: 0 };
	private readonly arrivals: number[] = [];
	private inFlight = 0;

	constructor(
		public limits: ProviderLimits = {},
		private readonly now: () => number = Date.now,
	) {}

	/**
	 * Admits a request or says why not. An admitted request counts in flight until `done` is called (the
	 * simulators call it when the answer is closed). Refused requests do not count against the windows.
	 */
	admit(): { refused: Refusal } | { done: () => void } {
		const now = this.now();
		const { perSecond, perMinute, concurrency } = this.limits;
		// Only the last minute matters.
		while (this.arrivals.length > 0 && this.arrivals[0] <= now - 60_000) this.arrivals.shift();
		const inLast = (ms: number) => {
			let count = 0;
			for (let index = this.arrivals.length - 1; index >= 0; index--) {
				if (this.arrivals[index] <= now - ms) break;
				count++;
			}
			return count;
		};
		let refused: Refusal | undefined;
		if (concurrency !== undefined && this.inFlight >= concurrency) refused = 'concurrency';
		else if (perSecond !== undefined && inLast(1000) >= perSecond) refused = 'rate';
		else if (perMinute !== undefined && this.arrivals.length >= perMinute) refused = 'rate';
		if (refused) {
			this.counters.throttled++;
			return { refused };
		}
		if (perSecond !== undefined || perMinute !== undefined) this.arrivals.push(now);
		this.counters.served++;
		this.inFlight++;
		this.counters.maxInFlight = Math.max(this.counters.maxInFlight, this.inFlight);
		let finished = false;
		return {
			done: () => {
				if (finished) return;
				finished = true;
				this.inFlight--;
			},
		};
	}
}

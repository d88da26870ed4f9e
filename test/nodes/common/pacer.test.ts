import { QUICKBOOKS_LIMITS } from '../../../nodes/services/quickbooks/limits';
import {
	STRIPE_LIVE_LIMITS,
	STRIPE_TEST_LIMITS,
	stripeLimitsFor,
} from '../../../nodes/services/stripe/limits';
import {
	Pacer,
	setPacerClock,
	type AttemptOutcome,
	type PacerClock,
	type PacerOptions,
} from '../../../nodes/common/pacer';

/** A clock that moves only when the test says: `wait` resolves when `advance` passes its time. */
class FakeClock implements PacerClock {
	private time = 0;
	private timers: Array<{ at: number; resolve: () => void }> = [];

	now = (): number => this.time;

	wait = (ms: number): Promise<void> =>
		new Promise((resolve) => this.timers.push({ at: this.time + Math.max(0, ms), resolve }));

	/** Lets every promise chain that can go on do so (servers, pacers, callers). */
	async settle(): Promise<void> {
		for (let round = 0; round < 3; round++) await new Promise((resolve) => setImmediate(resolve));
	}

	/** Moves time forward to `target`, firing each timer at its own time, in order. */
	async advanceTo(target: number): Promise<void> {
		await this.settle();
		for (;;) {
			const due = this.timers.filter((timer) => timer.at <= target).sort((a, b) => a.at - b.at)[0];
			if (!due) break;
			this.timers = this.timers.filter((timer) => timer !== due);
			this.time = Math.max(this.time, due.at);
			due.resolve();
			await this.settle();
		}
		this.time = Math.max(this.time, target);
	}

	/** Advances until `done` settles (or `limitMs` of fake time passed); returns when it settled. */
	async runUntil(done: Promise<unknown>, limitMs = 3_600_000): Promise<number> {
		let finished = false;
		void done.then(
			() => (finished = true),
			() => (finished = true),
		);
		await this.settle();
		while (!finished) {
			const next = Math.min(...this.timers.map((timer) => timer.at));
			if (!Number.isFinite(next) || next > limitMs) throw new Error(`stuck at ${this.time} ms`);
			await this.advanceTo(next);
		}
		return this.time;
	}
}

/** The most of `times` that fall in any span of `windowMs` (start inclusive, end exclusive). */
function mostInWindow(times: number[], windowMs: number): number {
	const sorted = [...times].sort((a, b) => a - b);
	let most = 0;
	let first = 0;
	for (let last = 0; last < sorted.length; last++) {
		while (sorted[last] - sorted[first] >= windowMs) first++;
		most = Math.max(most, last - first + 1);
	}
	return most;
}

/**
 * A provider on the fake clock that counts arrivals in rolling windows and requests in flight, and answers
 * 429 over any of them, as QuickBooks and Stripe do.
 */
function limitedProvider(
	clock: FakeClock,
	limits: { perSecond?: number; perMinute?: number; concurrency?: number; latencyMs: number },
) {
	const arrivals: number[] = [];
	const served: number[] = [];
	let inFlight = 0;
	let throttled = 0;
	const over = (windowMs: number, limit: number | undefined) =>
		limit !== undefined && arrivals.filter((at) => at > clock.now() - windowMs).length >= limit;
	return {
		served,
		get throttled() {
			return throttled;
		},
		async request(): Promise<AttemptOutcome<string>> {
			if (
				over(1000, limits.perSecond) ||
				over(60_000, limits.perMinute) ||
				(limits.concurrency !== undefined && inFlight >= limits.concurrency)
			) {
				arrivals.push(clock.now());
				throttled++;
				await clock.wait(limits.latencyMs);
				return { kind: 'throttled', error: new Error('429 ThrottleExceeded') };
			}
			arrivals.push(clock.now());
			served.push(clock.now());
			inFlight++;
			await clock.wait(limits.latencyMs);
			inFlight--;
			return { kind: 'answer', value: 'ok' };
		},
	};
}

function pacerOn(clock: FakeClock, options: Omit<PacerOptions, 'clock'>): Pacer {
	return new Pacer({ slackMs: 0, random: () => 0.5, ...options, clock });
}

describe('Pacer budgets', () => {
	it('never has more requests in flight than its concurrency, and keeps that many busy', async () => {
		const clock = new FakeClock();
		const pacer = pacerOn(clock, { concurrency: 10 });
		let inFlight = 0;
		let most = 0;
		const all = Promise.all(
			Array.from({ length: 30 }, () =>
				pacer.run(async () => {
					inFlight++;
					most = Math.max(most, inFlight);
					await clock.wait(250);
					inFlight--;
				}),
			),
		);
		const took = await clock.runUntil(all);
		expect(most).toBe(10);
		expect(pacer.stats().maxInFlight).toBe(10);
		expect(took).toBe(750); // 30 requests, 10 at a time, 250 ms each
	});

	it('starts no more than perSecond requests in any rolling second', async () => {
		const clock = new FakeClock();
		const pacer = pacerOn(clock, { concurrency: 100, perSecond: 25 });
		const starts: number[] = [];
		const all = Promise.all(
			Array.from({ length: 60 }, () => pacer.run(async () => void starts.push(clock.now()))),
		);
		const took = await clock.runUntil(all);
		expect(mostInWindow(starts, 1000)).toBe(25);
		expect(took).toBe(2000); // 25 at 0 ms, 25 at 1000 ms, 10 at 2000 ms
	});

	it('adds the slack to each window so that arrivals a little late at the provider still fit', async () => {
		const clock = new FakeClock();
		const pacer = new Pacer({ concurrency: 100, perSecond: 2, slackMs: 50, clock });
		const starts: number[] = [];
		const all = Promise.all(
			Array.from({ length: 3 }, () => pacer.run(async () => void starts.push(clock.now()))),
		);
		await clock.runUntil(all);
		expect(starts).toEqual([0, 0, 1050]);
	});

	it('paces a run of 1,200 QuickBooks requests to 500 a minute and 10 at once: slower, with no 429', async () => {
		const clock = new FakeClock();
		const provider = limitedProvider(clock, {
			perMinute: 500,
			perSecond: 10,
			concurrency: 10,
			latencyMs: 250,
		});
		const pacer = new Pacer({ ...QUICKBOOKS_LIMITS, clock });
		const all = Promise.all(
			Array.from({ length: 1200 }, () => pacer.call(() => provider.request())),
		);
		const took = await clock.runUntil(all);
		expect(provider.throttled).toBe(0);
		expect(provider.served).toHaveLength(1200);
		expect(mostInWindow(provider.served, 60_000)).toBeLessThanOrEqual(500);
		expect(mostInWindow(provider.served, 1000)).toBeLessThanOrEqual(10);
		// Two full minutes of budget, then the last 200 in the third minute: not much more than the floor.
		expect(took).toBeGreaterThanOrEqual(120_000);
		expect(took).toBeLessThan(145_000);
	});
});

describe('Pacer gate after a 429', () => {
	it('closes for the whole pool: no request starts before Retry-After, whichever item got the 429', async () => {
		const clock = new FakeClock();
		const pacer = pacerOn(clock, { concurrency: 5 });
		const starts: number[] = [];
		await clock.runUntil(pacer.run(async () => void starts.push(clock.now())));
		pacer.throttled(5000);
		const all = Promise.all(
			Array.from({ length: 4 }, () => pacer.run(async () => void starts.push(clock.now()))),
		);
		await clock.runUntil(all);
		expect(starts).toEqual([0, 5000, 5000, 5000, 5000]);
		expect(pacer.stats().throttled).toBe(1);
	});

	it('retries a throttled call after the Retry-After the provider gave', async () => {
		const clock = new FakeClock();
		const pacer = pacerOn(clock, { concurrency: 1 });
		const attempts: number[] = [];
		const call = pacer.call<string>(async (attempt) => {
			attempts.push(clock.now());
			return attempt === 1
				? { kind: 'throttled', retryAfterMs: 7000, error: new Error('429') }
				: { kind: 'answer', value: 'ok' };
		});
		await clock.runUntil(call);
		await expect(call).resolves.toBe('ok');
		expect(attempts).toEqual([0, 7000]);
	});

	it('without Retry-After, reopens when the oldest request of the minute leaves the per-minute window', async () => {
		const clock = new FakeClock();
		const pacer = pacerOn(clock, { concurrency: 1, perMinute: 500 });
		await clock.runUntil(pacer.run(async () => undefined)); // at 0
		await clock.advanceTo(10_000);
		await clock.runUntil(pacer.run(async () => undefined)); // at 10 s
		await clock.advanceTo(20_000);
		pacer.throttled();
		const started: number[] = [];
		await clock.runUntil(pacer.run(async () => void started.push(clock.now())));
		expect(started).toEqual([60_000]);
	});

	it('without Retry-After nor a per-minute budget, backs off exponentially with jitter per consecutive 429', async () => {
		const clock = new FakeClock();
		const pacer = new Pacer({
			concurrency: 1,
			perSecond: 25,
			backoffBaseMs: 1000,
			backoffMaxMs: 8000,
			random: () => 0, // the shortest draw: half the ceiling
			clock,
		});
		const attempts: number[] = [];
		const call = pacer.call<string>(async () => {
			attempts.push(clock.now());
			return attempts.length <= 5
				? { kind: 'throttled', error: new Error('429') }
				: { kind: 'answer', value: 'ok' };
		});
		await clock.runUntil(call);
		const gaps = attempts.slice(1).map((at, index) => at - attempts[index]);
		expect(gaps).toEqual([500, 1000, 2000, 4000, 4000]); // ceilings 1, 2, 4, 8, 8 s (capped)
	});

	it('starts the back-off from its base again once the provider answers', async () => {
		const clock = new FakeClock();
		const pacer = new Pacer({ concurrency: 1, backoffBaseMs: 1000, random: () => 0, clock });
		const outcomes: Array<AttemptOutcome<string>['kind']> = [
			'throttled',
			'throttled',
			'answer',
			'throttled',
			'answer',
		];
		const attempts: number[] = [];
		const next = async (): Promise<AttemptOutcome<string>> => {
			attempts.push(clock.now());
			return outcomes.shift() === 'throttled'
				? { kind: 'throttled', error: new Error('429') }
				: { kind: 'answer', value: 'ok' };
		};
		await clock.runUntil(pacer.call(next));
		await clock.runUntil(pacer.call(next));
		expect(attempts).toEqual([0, 500, 1500, 1500, 2000]);
	});
});

describe('Pacer retry rules', () => {
	it('does not count 429s as failed attempts: a call throttled 12 times still succeeds with 5 attempts allowed', async () => {
		const clock = new FakeClock();
		const pacer = pacerOn(clock, { concurrency: 1 });
		let attempts = 0;
		const call = pacer.call<string>(
			async () =>
				++attempts <= 12
					? { kind: 'throttled', retryAfterMs: 1000, error: new Error('429') }
					: { kind: 'answer', value: 'ok' },
			{ maxAttempts: 5 },
		);
		await clock.runUntil(call);
		await expect(call).resolves.toBe('ok');
		expect(attempts).toBe(13);
	});

	it('gives a 5xx or network error at most maxAttempts attempts, then throws its error', async () => {
		const clock = new FakeClock();
		const pacer = pacerOn(clock, { concurrency: 1 });
		let attempts = 0;
		const boom = new Error('503');
		const call = pacer.call<string>(
			async () => {
				attempts++;
				return { kind: 'retry', error: boom };
			},
			{ maxAttempts: 4 },
		);
		void call.catch(() => undefined);
		await clock.runUntil(call);
		await expect(call).rejects.toBe(boom);
		expect(attempts).toBe(4);
	});

	it('never retries a fail outcome (a send whose outcome is unknown): one attempt, its error thrown', async () => {
		const clock = new FakeClock();
		const pacer = pacerOn(clock, { concurrency: 1 });
		let attempts = 0;
		const unknown = new Error('socket hang up after the send was written');
		const call = pacer.call<string>(async () => {
			attempts++;
			return { kind: 'fail', error: unknown };
		});
		void call.catch(() => undefined);
		await clock.runUntil(call);
		await expect(call).rejects.toBe(unknown);
		expect(attempts).toBe(1);
	});

	it('gives up a throttled call only once the pool got nothing but 429s for giveUpAfterMs', async () => {
		const clock = new FakeClock();
		const pacer = pacerOn(clock, { concurrency: 1 });
		const refused = new Error('429 for ever');
		let attempts = 0;
		const call = pacer.call<string>(
			async () => {
				attempts++;
				return { kind: 'throttled', retryAfterMs: 60_000, error: refused };
			},
			{ giveUpAfterMs: 5 * 60_000 },
		);
		void call.catch(() => undefined);
		const at = await clock.runUntil(call);
		await expect(call).rejects.toBe(refused);
		expect(at).toBe(6 * 60_000); // the attempt at 6 min is the first past 5 min without an answer
		expect(attempts).toBe(7);
	});

	it('keeps a throttled call waiting as long as other calls of the pool get answers', async () => {
		const clock = new FakeClock();
		const pacer = pacerOn(clock, { concurrency: 2 });
		let unlucky = 0;
		const stubborn = pacer.call<string>(
			async () =>
				++unlucky <= 20
					? { kind: 'throttled', retryAfterMs: 60_000, error: new Error('429') }
					: { kind: 'answer', value: 'finally' },
			{ giveUpAfterMs: 5 * 60_000 },
		);
		// Another item of the pool is answered every minute meanwhile.
		const others = (async () => {
			for (let minute = 0; minute < 20; minute++) {
				await pacer.call<string>(async () => ({ kind: 'answer', value: 'ok' }));
				await clock.wait(60_000);
			}
		})();
		await clock.runUntil(Promise.all([stubborn, others]));
		await expect(stubborn).resolves.toBe('finally');
		expect(unlucky).toBe(21);
	});
});

describe('Pacer order', () => {
	it('starts requests in the order they asked', async () => {
		const clock = new FakeClock();
		const pacer = pacerOn(clock, { concurrency: 2, perSecond: 3 });
		const order: number[] = [];
		const all = Promise.all(
			Array.from({ length: 9 }, (_, index) =>
				pacer.run(async () => {
					order.push(index);
					await clock.wait(100);
				}),
			),
		);
		await clock.runUntil(all);
		expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
	});

	it('puts a throttled request back at the front: it starts before the calls that asked after it', async () => {
		const clock = new FakeClock();
		const pacer = pacerOn(clock, { concurrency: 1 });
		const order: string[] = [];
		let firstTry = true;
		const first = pacer.call<string>(async () => {
			order.push('first');
			if (firstTry) {
				firstTry = false;
				return { kind: 'throttled', retryAfterMs: 1000, error: new Error('429') };
			}
			return { kind: 'answer', value: 'ok' };
		});
		const later = Array.from({ length: 3 }, (_, index) =>
			pacer.call<string>(async () => {
				order.push(`later${index}`);
				return { kind: 'answer', value: 'ok' };
			}),
		);
		await clock.runUntil(Promise.all([first, ...later]));
		expect(order).toEqual(['first', 'first', 'later0', 'later1', 'later2']);
	});

	it('lets no request starve: under a steady stream of new calls every call finishes, oldest first', async () => {
		const clock = new FakeClock();
		const pacer = pacerOn(clock, { concurrency: 3, perSecond: 5 });
		const finished: number[] = [];
		const calls: Array<Promise<void>> = [];
		// 100 calls arrive 10 per second, twice what the budget allows: the line grows, it must still drain.
		const arrivals = (async () => {
			for (let index = 0; index < 100; index++) {
				calls.push(
					pacer.run(async () => {
						await clock.wait(50);
						finished.push(index);
					}),
				);
				await clock.wait(100);
			}
		})();
		await clock.runUntil(arrivals);
		await clock.runUntil(Promise.all(calls));
		expect(finished).toHaveLength(100);
		expect(finished).toEqual([...finished].sort((a, b) => a - b));
	});
});

describe('Provider presets', () => {
	it('carry the documented budgets: QuickBooks 500/min, 10/s and 10 at once; Stripe 25/s', () => {
		expect(QUICKBOOKS_LIMITS).toEqual({ concurrency: 10, perSecond: 10, perMinute: 500 });
		expect(STRIPE_TEST_LIMITS).toEqual({ concurrency: 10, perSecond: 25 });
		expect(STRIPE_LIVE_LIMITS.perSecond).toBe(25);
		expect(Object.isFrozen(QUICKBOOKS_LIMITS)).toBe(true);
	});

	it('picks Stripe live limits for sk_live_/rk_live_ keys, and the sandbox limits for any other key', () => {
		expect(stripeLimitsFor('sk_live_abc')).toBe(STRIPE_LIVE_LIMITS);
		expect(stripeLimitsFor('rk_live_abc')).toBe(STRIPE_LIVE_LIMITS);
		expect(stripeLimitsFor('sk_test_abc')).toBe(STRIPE_TEST_LIMITS);
		expect(stripeLimitsFor('rk_test_abc')).toBe(STRIPE_TEST_LIMITS);
		expect(stripeLimitsFor(undefined)).toBe(STRIPE_TEST_LIMITS);
		expect(stripeLimitsFor('xk_live_abc')).toBe(STRIPE_TEST_LIMITS);
	});
});

describe('setPacerClock', () => {
	it('gives pacers created without a clock the installed one, and restores the real clock', async () => {
		const clock = new FakeClock();
		const previous = setPacerClock(clock);
		try {
			const pacer = new Pacer({ concurrency: 1, perSecond: 1, slackMs: 0 });
			const starts: number[] = [];
			const all = Promise.all(
				[1, 2].map(() => pacer.run(async () => void starts.push(clock.now()))),
			);
			await clock.runUntil(all);
			expect(starts).toEqual([0, 1000]);
		} finally {
			setPacerClock(previous);
		}
		expect(setPacerClock(undefined)).toBe(previous);
	});
});

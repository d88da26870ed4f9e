// Installed for every unit test (jest.config.js, setupFilesAfterEnv): the retry back-off of the Stripe and
// QuickBooks transports is recorded instead of slept through, so a test that sees five attempts takes
// milliseconds, not 15 s. A test that checks the back-off reads the delays with `retryWaits()`.
//
// The same for the request pacer of every node execution (nodes/common/pacer.ts): its waits (for a rate
// window to reopen, for the gate a 429 closed) move a virtual clock forward at once instead of sleeping.
import { setPacerClock, type PacerClock } from '../../nodes/common/pacer';
import { setRetryWait, type RetryWait } from '../../nodes/common/retry';

const waits: number[] = [];

/** The delays (ms) `withRetries` would have slept since this test started, in order. */
export function retryWaits(): number[] {
	return [...waits];
}

const recordOnly: RetryWait = async (ms) => {
	waits.push(ms);
	// Yield to the event loop as a real wait would, so servers and timers of the test still run in between.
	await new Promise((resolve) => setImmediate(resolve));
};

/**
 * For the current test only, the retries also sleep their delays: for a race that the back-off itself
 * resolves (a second request waiting for the first, still in flight, to finish).
 */
export function sleepThroughRetryWaits(): void {
	setRetryWait(async (ms) => {
		waits.push(ms);
		await new Promise((resolve) => setTimeout(resolve, ms));
	});
}

let skippedMs = 0;
const pacerWaitList: number[] = [];

/**
 * The pacers' clock in unit tests: real time plus every wait a pacer asked for, each skipped at once (time
 * jumps forward by its length). A simulator that counts its rate windows on `pacerClock.now` sees those
 * minutes pass too, so a run paced over ten minutes of budget takes a second.
 */
export const pacerClock: PacerClock = {
	now: () => Date.now() + skippedMs,
	wait: async (ms) => {
		pacerWaitList.push(ms);
		skippedMs += Math.max(0, ms);
		await new Promise((resolve) => setImmediate(resolve));
	},
};

/** The waits (ms) the pacers skipped since this test started, in order. */
export function pacerWaits(): number[] {
	return [...pacerWaitList];
}

setRetryWait(recordOnly);
setPacerClock(pacerClock);

beforeEach(() => {
	waits.length = 0;
	pacerWaitList.length = 0;
	setRetryWait(recordOnly);
	setPacerClock(pacerClock);
});

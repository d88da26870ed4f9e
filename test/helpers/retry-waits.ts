// Installed for every unit test (jest.config.js, setupFilesAfterEnv): the retry back-off of the Stripe and
// QuickBooks transports is recorded instead of slept through, so a test that sees five attempts takes
// milliseconds, not 15 s. A test that checks the back-off reads the delays with `retryWaits()`.
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

setRetryWait(recordOnly);

beforeEach(() => {
	waits.length = 0;
	setRetryWait(recordOnly);
});

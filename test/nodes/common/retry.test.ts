import { backoffDelayMs, retryAfterMs, withRetries } from '../../../nodes/common/retry';

const policy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 1000 };

describe('withRetries', () => {
	it('retries with exponential backoff and full jitter until it succeeds', async () => {
		const waits: number[] = [];
		let calls = 0;
		const result = await withRetries(
			async () => {
				calls++;
				if (calls < 3) throw new Error('429');
				return 'ok';
			},
			() => ({ retry: true }),
			{ policy, random: () => 0.5, wait: async (ms) => void waits.push(ms) },
		);
		expect(result).toBe('ok');
		expect(waits).toEqual([50, 100]); // half of 100, then half of 200
	});

	it('gives up after maxAttempts and rethrows the last error', async () => {
		let calls = 0;
		const failing = withRetries(
			async () => {
				calls++;
				throw new Error(`attempt ${calls}`);
			},
			() => ({ retry: true }),
			{ policy, random: () => 0, wait: async () => undefined },
		);
		await expect(failing).rejects.toThrow('attempt 4');
		expect(calls).toBe(4);
	});

	it('does not retry what the verdict refuses, and honours a server delay', async () => {
		const waits: number[] = [];
		let calls = 0;
		await expect(
			withRetries(
				async () => {
					calls++;
					throw new Error(calls === 1 ? 'busy' : 'bad request');
				},
				(error) =>
					(error as Error).message === 'busy' ? { retry: true, delayMs: 700 } : { retry: false },
				{ policy, wait: async (ms) => void waits.push(ms) },
			),
		).rejects.toThrow('bad request');
		expect(waits).toEqual([700]);
	});
});

describe('backoff and Retry-After', () => {
	it('caps the backoff ceiling', () => {
		expect(backoffDelayMs(1, policy, () => 0.999)).toBe(99);
		expect(backoffDelayMs(10, policy, () => 0.999)).toBe(999);
	});

	it('reads seconds and HTTP dates', () => {
		expect(retryAfterMs('2', 0)).toBe(2000);
		expect(retryAfterMs(['1.5'], 0)).toBe(1500);
		expect(retryAfterMs('Thu, 26 Nov 2026 09:00:10 GMT', Date.parse('2026-11-26T09:00:00Z'))).toBe(
			10000,
		);
		expect(retryAfterMs('soon', 0)).toBeUndefined();
		expect(retryAfterMs(undefined, 0)).toBeUndefined();
	});
});

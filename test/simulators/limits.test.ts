import { ProviderLimiter } from './rate-limit';
import {
	QUICKBOOKS_DOCUMENTED_LIMITS,
	startQuickBooksSimulator,
	type QuickBooksSimulator,
} from './quickbooks';
import { sendRequest, startStripeSimulator, type StripeSimulator } from './stripe';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('ProviderLimiter', () => {
	it('serves 500 requests in a rolling minute, refuses the 501st, and serves again once the first is a minute old', () => {
		let now = 0;
		const limiter = new ProviderLimiter(QUICKBOOKS_DOCUMENTED_LIMITS, () => now);
		for (let index = 0; index < 500; index++) {
			now = index * 110; // 9 a second: under the per-second limit
			const admission = limiter.admit();
			expect('done' in admission).toBe(true);
			if ('done' in admission) admission.done();
		}
		now = 55_000;
		expect(limiter.admit()).toEqual({ refused: 'rate' });
		now = 60_000; // the first request (at 0) has left the window
		expect('done' in limiter.admit()).toBe(true);
		expect(limiter.counters).toEqual({ served: 501, throttled: 1, maxInFlight: 1 });
	});

	it('refuses the 11th request within one second, and an 11th at once, whatever the minute holds', () => {
		let now = 0;
		const limiter = new ProviderLimiter({ perSecond: 10, concurrency: 10 }, () => now);
		const held = Array.from({ length: 10 }, () => limiter.admit());
		expect(limiter.admit()).toEqual({ refused: 'concurrency' });
		for (const admission of held) if ('done' in admission) admission.done();
		expect(limiter.admit()).toEqual({ refused: 'rate' });
		now = 1000;
		expect('done' in limiter.admit()).toBe(true);
		expect(limiter.counters.maxInFlight).toBe(10);
	});
});

describe('QuickBooks simulator limits', () => {
	let sim: QuickBooksSimulator;
	afterEach(async () => sim.stop());

	const read = async (token: string) => {
		const response = await fetch(
			`${sim.url}/v3/company/${sim.realmId}/invoice/1042?minorversion=75`,
			{
				headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
			},
		);
		return { status: response.status, body: (await response.json()) as Json };
	};

	it('answers over the per-minute budget with 429 and the ThrottleExceeded fault 3001, and counts it', async () => {
		sim = await startQuickBooksSimulator({ limits: { perMinute: 5 } });
		const token = sim.issueTokens().access_token;
		const statuses: number[] = [];
		let refused: Json = {};
		for (let index = 0; index < 6; index++) {
			const answer = await read(token);
			statuses.push(answer.status);
			if (answer.status === 429) refused = answer.body;
		}
		expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
		expect(refused.Fault).toEqual({
			Error: [
				{
					Message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429',
					Detail: 'The request limit was reached.',
					code: '3001',
					element: '',
				},
			],
			type: 'SERVICE',
		});
		expect(sim.counters).toEqual({ served: 5, throttled: 1, maxInFlight: 1 });
	});

	it('serves 10 requests at once and refuses the 11th and 12th with 429 while they are in flight', async () => {
		sim = await startQuickBooksSimulator({ limits: { concurrency: 10 }, latencyMs: 300 });
		const token = sim.issueTokens().access_token;
		const answers = await Promise.all(Array.from({ length: 12 }, () => read(token)));
		const statuses = answers.map((answer) => answer.status).sort();
		expect(statuses.filter((status) => status === 200)).toHaveLength(10);
		expect(statuses.filter((status) => status === 429)).toHaveLength(2);
		expect(sim.counters.maxInFlight).toBe(10);
	});

	it('throttles nothing by default: 30 requests at once are all served, more than 10 of them in flight together', async () => {
		sim = await startQuickBooksSimulator({ latencyMs: 300 });
		const token = sim.issueTokens().access_token;
		const answers = await Promise.all(Array.from({ length: 30 }, () => read(token)));
		expect(answers.every((answer) => answer.status === 200)).toBe(true);
		expect(sim.counters.throttled).toBe(0);
		// Beyond QuickBooks' documented 10 at once; how many overlap exactly depends on the machine's load.
		expect(sim.counters.maxInFlight).toBeGreaterThan(10);
	});

	it('makes each API request last the configured latency', async () => {
		sim = await startQuickBooksSimulator({ latencyMs: 250 });
		const token = sim.issueTokens().access_token;
		const started = performance.now();
		expect((await read(token)).status).toBe(200);
		expect(performance.now() - started).toBeGreaterThanOrEqual(240);
	});
});

describe('Stripe simulator limits', () => {
	let stripe: StripeSimulator;
	afterEach(async () => stripe.stop());

	const list = async () => {
		const response = await sendRequest('GET', `${stripe.url}/v1/invoices?limit=1`, undefined, {
			Authorization: 'Bearer sk_test_limits',
		});
		return { ...response, json: JSON.parse(response.text) as Json };
	};

	it('answers over the per-second rate with 429, the rate_limit body and Stripe-Rate-Limited-Reason', async () => {
		stripe = await startStripeSimulator({ limits: { perSecond: 3 } });
		const answers = [];
		for (let index = 0; index < 4; index++) answers.push(await list());
		expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429]);
		expect(answers[3].json.error).toMatchObject({
			type: 'invalid_request_error',
			code: 'rate_limit',
		});
		expect(answers[3].headers['stripe-rate-limited-reason']).toBe('global-rate');
		expect(stripe.counters).toEqual({ served: 3, throttled: 1, maxInFlight: 1 });
	});

	it('refuses a request over the concurrency limit with 429 global-concurrency', async () => {
		stripe = await startStripeSimulator({ limits: { concurrency: 2 }, latencyMs: 300 });
		const answers = await Promise.all([list(), list(), list()]);
		const refused = answers.filter((answer) => answer.status === 429);
		expect(refused).toHaveLength(1);
		expect(refused[0].headers['stripe-rate-limited-reason']).toBe('global-concurrency');
		expect(stripe.counters.maxInFlight).toBe(2);
	});

	it('limits nothing by default', async () => {
		stripe = await startStripeSimulator();
		const answers = await Promise.all(Array.from({ length: 40 }, () => list()));
		expect(answers.every((answer) => answer.status === 200)).toBe(true);
		expect(stripe.counters).toMatchObject({ served: 40, throttled: 0 });
	});
});

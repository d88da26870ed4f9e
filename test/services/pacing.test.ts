// The pacer wired into the Stripe and QuickBooks nodes, against the rate-limited simulators: limits scaled
// down (a per-minute budget of 30 for 60 invoices, two calls each, is four minutes of budget) and counted on the pacers'
// virtual clock (test/helpers/retry-waits.ts), so the paced minutes pass at once and nothing sleeps. That
// clock jumps while requests are on their way, so a request may reach the simulator "seconds" after it left
// the pacer and meet a 429: these tests check that 429s cost no item; that the pacer alone keeps inside the
// budgets is checked on a fake clock (test/nodes/common/pacer.test.ts) and in real time (bench/daily-run.js).
import { setPacerLimits } from '../../nodes/common/pacer';
import { pacerClock, pacerWaits, retryWaits } from '../helpers/retry-waits';
import { credentialFor, run, actionWorkflow } from '../nodes/QuickBooksDunning/quickbooks-harness';
import { runDunning } from '../nodes/StripeDunning/harness';
import { startQuickBooksSimulator, type QuickBooksSimulator } from '../simulators/quickbooks';
import { startStripeSimulator, type StripeSimulator } from '../simulators/stripe';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type RunResult = Awaited<ReturnType<typeof run>>;

const SLOW = 60_000;
const INVOICES = 60;

afterEach(() => setPacerLimits(undefined));

/** The items of one output of the node, with their pairedItem. */
function outputOf(result: RunResult, node: string, output: number) {
	return (result.runData[node]?.[0]?.data?.main?.[output] ?? []) as Array<{
		json: Json;
		pairedItem?: { item: number };
	}>;
}

function expectOrderAndPairing(result: RunResult, node: string, refs: string[]): void {
	const done = outputOf(result, node, 0);
	expect(done.map((item) => item.json.ref)).toEqual(refs);
	expect(done.map((item) => item.pairedItem?.item)).toEqual(refs.map((_, index) => index));
}

describe('QuickBooks Dunning paced to a per-minute budget', () => {
	let sim: QuickBooksSimulator;
	afterEach(async () => sim.stop());

	it(
		'claims 60 invoices with a budget of 30 a minute: no item failed, each claimed once, order and pairing kept, at most Requests at Once in flight',
		async () => {
			const limits = { perMinute: 30, perSecond: 10, concurrency: 10 };
			sim = await startQuickBooksSimulator({
				fixtures: false,
				limits,
				latencyMs: 5,
				limiterNow: pacerClock.now,
			});
			setPacerLimits(() => limits);
			const ids = sim
				.seedInvoices(INVOICES, { dueDate: '2026-01-15' })
				.map((invoice) => String(invoice.Id));
			const items = ids.map((id) => ({ Id: id, ref: `r${id}` }));
			const claim = actionWorkflow(
				items,
				{ operation: 'claimStep', stepId: 'd7', options: { concurrency: 4 } },
				{ onError: 'continueRegularOutput' },
			);
			const started = pacerClock.now();
			const first = await run(claim, credentialFor(sim));

			expect(first.error).toBeUndefined();
			expectOrderAndPairing(
				first,
				'QuickBooks',
				items.map((item) => item.ref),
			);
			expect(outputOf(first, 'QuickBooks', 1)).toEqual([]);
			const claims = outputOf(first, 'QuickBooks', 0).map((item) => item.json.claim);
			expect(claims.every((claim) => claim.claimed === true)).toBe(true);
			const posts = () => sim.requests.filter((request) => request.method === 'POST');
			expect(posts().filter((request) => request.status === 200)).toHaveLength(INVOICES);
			expect(sim.counters.maxInFlight).toBeLessThanOrEqual(4);
			// 120 calls at 30 a minute: at least three minutes of (virtual) budget went by.
			expect(pacerClock.now() - started).toBeGreaterThanOrEqual(3 * 60_000);
			expect(retryWaits()).toEqual([]);

			// A second run finds every step already sent: no invoice is claimed twice.
			const second = await run(claim, credentialFor(sim));
			const again = outputOf(second, 'QuickBooks', 1).map((item) => item.json.claim);
			expect(outputOf(second, 'QuickBooks', 0)).toEqual([]);
			expect(again).toHaveLength(INVOICES);
			expect(again.every((claim) => claim.claimed === false)).toBe(true);
			expect(posts().filter((request) => request.status === 200)).toHaveLength(INVOICES);
		},
		SLOW,
	);

	it(
		'keeps every item when QuickBooks throttles on its own (a budget smaller than the pacer thinks)',
		async () => {
			// The simulator allows 20 a minute, the pacer believes 60: the 429s close the gate, nobody fails.
			sim = await startQuickBooksSimulator({
				fixtures: false,
				limits: { perMinute: 20 },
				limiterNow: pacerClock.now,
			});
			setPacerLimits(() => ({ concurrency: 10, perSecond: 10, perMinute: 60 }));
			const ids = sim.seedInvoices(60).map((invoice) => String(invoice.Id));
			const items = ids.map((id) => ({ Id: id, ref: `r${id}` }));
			const result = await run(
				actionWorkflow(items, { operation: 'get', options: { concurrency: 5 } }),
				credentialFor(sim),
			);
			expect(result.error).toBeUndefined();
			expectOrderAndPairing(
				result,
				'QuickBooks',
				items.map((item) => item.ref),
			);
			expect(sim.counters.throttled).toBeGreaterThan(0);
			// 60 invoices, and their one customer (no BillEmail), read once.
			expect(sim.counters.served).toBe(61);
		},
		SLOW,
	);

	it('does not retry a send that timed out after it reached QuickBooks', async () => {
		sim = await startQuickBooksSimulator();
		sim.injectFault({ kind: 'timeout', path: '/invoice/1042/send', hangMs: 2000 });
		const result = await run(
			actionWorkflow(
				[{ ref: 'a' }],
				{ operation: 'sendInvoiceEmail', invoiceId: '1042', options: { timeoutMs: 300 } },
				{ onError: 'continueRegularOutput' },
			),
			credentialFor(sim),
		);
		const sends = sim.requests.filter((request) => request.path === '/invoice/1042/send');
		expect(sends).toHaveLength(1);
		expect(retryWaits()).toEqual([]);
		const failed = [...outputOf(result, 'QuickBooks', 0), ...outputOf(result, 'QuickBooks', 1)];
		expect(failed.map((item) => item.json.ref)).toEqual(['a']);
		expect(failed[0].json.error).toBeDefined();
	});
});

describe('Stripe Dunning paced to a per-second budget', () => {
	let stripe: StripeSimulator;
	afterEach(async () => stripe.stop());

	it(
		'claims 60 invoices with a budget of 5 a second: no item failed, each claimed once, order and pairing kept, at most Requests at Once in flight',
		async () => {
			const limits = { perSecond: 5, concurrency: 10 };
			stripe = await startStripeSimulator({
				limits,
				latencyMs: 5,
				limiterNow: pacerClock.now,
				deliverWebhooks: false,
			});
			setPacerLimits(() => limits);
			const seeded = stripe.seedInvoices(INVOICES);
			const items = seeded.map((invoice, index) => ({ id: invoice.id, ref: `r${index}` }));
			const parameters = { operation: 'claimStep', stepId: 'd7', options: { concurrency: 3 } };
			const started = pacerClock.now();
			const first = await runDunning(stripe, items, parameters, {
				onError: 'continueRegularOutput',
			});

			expect(first.error).toBeUndefined();
			expectOrderAndPairing(
				first,
				'Stripe Dunning',
				items.map((item) => item.ref),
			);
			expect(outputOf(first, 'Stripe Dunning', 1)).toEqual([]);
			expect(outputOf(first, 'Stripe Dunning', 0).every((item) => item.json.claim?.claimed)).toBe(
				true,
			);
			expect(stripe.counters.maxInFlight).toBeLessThanOrEqual(3);
			// 120 calls at 5 a second: at least 23 seconds of (virtual) budget.
			expect(pacerClock.now() - started).toBeGreaterThanOrEqual(23_000);

			const second = await runDunning(stripe, items, parameters, {
				onError: 'continueRegularOutput',
			});
			const again = outputOf(second, 'Stripe Dunning', 1).map((item) => item.json.claim);
			expect(again).toHaveLength(INVOICES);
			expect(again.every((claim) => claim.claimed === false)).toBe(true);
		},
		SLOW,
	);

	it(
		'pauses the whole pool on a 429 storm: no request leaves before the back-off, and no item fails',
		async () => {
			const arrivals: number[] = [];
			stripe = await startStripeSimulator({
				deliverWebhooks: false,
				latencyMs: 5,
				limits: {},
				// Called once per request as it arrives: its time on the pacers' clock.
				limiterNow: () => {
					const now = pacerClock.now();
					arrivals.push(now);
					return now;
				},
			});
			const seeded = stripe.seedInvoices(20);
			// The first five requests (the whole first wave of Requests at Once = 5) are refused.
			stripe.inject({ fault: { kind: 'status', status: 429 }, times: 5 });
			const items = seeded.map((invoice, index) => ({ id: invoice.id, ref: `r${index}` }));
			const result = await runDunning(stripe, items, {
				operation: 'get',
				options: { concurrency: 5 },
			});

			expect(result.error).toBeUndefined();
			expectOrderAndPairing(
				result,
				'Stripe Dunning',
				items.map((item) => item.ref),
			);
			const statuses = stripe.requests.map((request) => request.status);
			expect(statuses.slice(0, 5)).toEqual([429, 429, 429, 429, 429]);
			expect(statuses.slice(5).every((status) => status === 200)).toBe(true);
			// The gate held every item back for the back-off after the first wave (half to all of 1 s),
			// once: five 429s of one burst do not stretch it to 2^5 seconds.
			const gap = arrivals[5] - arrivals[4];
			expect(gap).toBeGreaterThanOrEqual(500);
			expect(gap).toBeLessThan(1100);
			expect(pacerWaits().length).toBeGreaterThan(0);
			expect(retryWaits()).toEqual([]);
		},
		SLOW,
	);
});

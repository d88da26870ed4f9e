import { startStripeSimulator, type StripeSimulator } from '../../simulators/stripe';
import { retryWaits } from '../../helpers/retry-waits';
import { API_KEY, runDunning } from './harness';

describe('operations', () => {
	const DAY = 86_400;
	let stripe: StripeSimulator;

	beforeEach(async () => {
		stripe = await startStripeSimulator();
	});
	afterEach(async () => {
		await stripe.stop();
	});

	const stripeRequests = (method: string, path: RegExp) =>
		stripe.requests.filter((request) => request.method === method && path.test(request.path));

	describe('Stripe Dunning: Get', () => {
		it('reads the invoice afresh with its customer, sending the key as a bearer and the pinned version', async () => {
			const [seeded] = stripe.seedInvoices(1, { overrides: () => ({ customer_email: null }) });
			const result = await runDunning(stripe, [{ ref: 'A', invoice: { id: seeded.id } }], {
				operation: 'get',
			});
			expect(result.error).toBeUndefined();
			const [item] = result.jsonOf('Stripe Dunning');
			expect(item.ref).toBe('A');
			expect(item.invoice).toMatchObject({
				id: seeded.id,
				source: 'stripe',
				status: 'open',
				customer: { email: 'compta@atelier-vauclair.example.fr', name: 'Atelier Vauclair SARL' },
			});
			expect((item.raw as { id: string }).id).toBe(seeded.id);
			const [request] = stripeRequests('GET', /^\/v1\/invoices\//);
			expect(request.headers.authorization).toBe(`Bearer ${API_KEY}`);
			expect(request.headers['stripe-version']).toBe('2026-10-28.endive');
			expect(JSON.stringify(result.run.data)).not.toContain(API_KEY);
		});

		it('fails a missing invoice with a NodeApiError that names Stripe and hides the key', async () => {
			const result = await runDunning(stripe, [{ id: 'in_missing' }], { operation: 'get' });
			expect(result.status).toBe('error');
			expect(result.error?.message).toContain("No such invoice: 'in_missing'");
			expect(JSON.stringify(result.error)).not.toContain(API_KEY);
		});

		it('refuses an id that is not an invoice id before any request', async () => {
			const result = await runDunning(stripe, [{ id: '../customers/cus_1' }], { operation: 'get' });
			expect(result.error?.message).toContain('invoiceId');
			expect(stripe.requests).toHaveLength(0);
		});

		it('with Continue On Fail, a failed item waits on Not Claimed with its data and the others go on', async () => {
			const [seeded] = stripe.seedInvoices(1);
			const result = await runDunning(
				stripe,
				[
					{ id: 'in_missing', ref: 'bad' },
					{ id: seeded.id, ref: 'good' },
				],
				{ operation: 'get' },
				{ onError: 'continueRegularOutput' },
			);
			expect(result.jsonOf('Stripe Dunning', 0).map((item) => item.ref)).toEqual(['good']);
			const [failed] = result.jsonOf('Stripe Dunning', 1);
			expect(failed).toMatchObject({ ref: 'bad', id: 'in_missing' });
			expect(failed.error).toContain('No such invoice');
		});
	});

	describe('Stripe Dunning: retries', () => {
		it('retries 429 (no Retry-After), 500 and a malformed body on a read, then succeeds', async () => {
			const [seeded] = stripe.seedInvoices(1);
			stripe.inject({ fault: { kind: 'status', status: 429 }, times: 2 });
			stripe.inject({ fault: { kind: 'status', status: 500 } });
			stripe.inject({ fault: { kind: 'malformed' } });
			const result = await runDunning(stripe, [{ id: seeded.id }], { operation: 'get' });
			expect(result.error).toBeUndefined();
			expect(stripe.requests.map((request) => request.status)).toEqual([429, 429, 500, 200, 200]);
		}, 30_000);

		it('honours Retry-After when a server sends one, and a connection reset', async () => {
			const [seeded] = stripe.seedInvoices(1);
			stripe.inject({ fault: { kind: 'status', status: 503, headers: { 'Retry-After': '2' } } });
			stripe.inject({ fault: { kind: 'reset' } });
			const result = await runDunning(stripe, [{ id: seeded.id }], { operation: 'get' });
			expect(result.error).toBeUndefined();
			expect(stripe.requests).toHaveLength(3);
			// The server's 2 s, then the back-off after attempt 2 (full jitter under a 1 s ceiling).
			const [serverDelay, backoff] = retryWaits();
			expect(retryWaits()).toHaveLength(2);
			expect(serverDelay).toBe(2000);
			expect(backoff).toBeLessThan(1000);
		}, 30_000);

		it('gives up after five attempts, waiting an exponential back-off between them', async () => {
			const [seeded] = stripe.seedInvoices(1);
			stripe.inject({ fault: { kind: 'status', status: 500 }, times: 10 });
			const result = await runDunning(stripe, [{ id: seeded.id }], { operation: 'get' });
			expect(result.status).toBe('error');
			expect(stripe.requests).toHaveLength(5);
			// Full jitter under ceilings of 0.5, 1, 2 and 4 s.
			const waits = retryWaits();
			expect(waits).toHaveLength(4);
			waits.forEach((ms, index) => {
				expect(ms).toBeGreaterThanOrEqual(0);
				expect(ms).toBeLessThan(500 * 2 ** index);
			});
		});

		it('does not retry a 400: an update Stripe refuses is sent once and fails the item', async () => {
			// 50 metadata keys already: the promise would be the 51st, which Stripe refuses with a 400.
			const full = Object.fromEntries(
				Array.from({ length: 50 }, (_, index) => [`key_${index}`, 'value']),
			);
			const [seeded] = stripe.seedInvoices(1, { overrides: () => ({ metadata: full }) });
			const bad = await runDunning(stripe, [{ id: seeded.id }], {
				operation: 'recordPromise',
				promisedOn: '2026-12-01',
			});
			expect(bad.status).toBe('error');
			expect(bad.error?.message).toContain('Too many metadata keys');
			const writes = stripeRequests('POST', /^\/v1\/invoices\//);
			expect(writes.map((request) => request.status)).toEqual([400]);
			expect(retryWaits()).toEqual([]);
		});

		it('follows Stripe-Should-Retry when Stripe sends it, over the status', async () => {
			const [seeded] = stripe.seedInvoices(1);
			stripe.inject({
				fault: { kind: 'status', status: 500, headers: { 'Stripe-Should-Retry': 'false' } },
			});
			const refused = await runDunning(stripe, [{ id: seeded.id }], { operation: 'get' });
			expect(refused.status).toBe('error');
			expect(stripe.requests).toHaveLength(1);
			stripe.requests.length = 0;
			stripe.inject({
				fault: { kind: 'status', status: 400, headers: { 'Stripe-Should-Retry': 'true' } },
			});
			const retried = await runDunning(stripe, [{ id: seeded.id }], { operation: 'get' });
			expect(retried.error).toBeUndefined();
			expect(stripe.requests.map((request) => request.status)).toEqual([400, 200]);
		}, 30_000);

		it('times out a request that never answers and retries it', async () => {
			const [seeded] = stripe.seedInvoices(1);
			stripe.inject({ fault: { kind: 'timeout' } });
			const result = await runDunning(stripe, [{ id: seeded.id }], {
				operation: 'get',
				options: { timeoutSeconds: 1 },
			});
			expect(result.error).toBeUndefined();
			expect(stripe.requests).toHaveLength(2);
		}, 30_000);
	});

	describe('Stripe Dunning: List Overdue', () => {
		it('pages through thousands of invoices and keeps those overdue by at least N days', async () => {
			const now = stripe.now();
			// 2,400 open send_invoice invoices due 0..47 days ago (at noon UTC), newest first.
			stripe.seedInvoices(2400, { dueDate: (index) => now - (index % 48) * DAY });
			const result = await runDunning(stripe, [{}], {
				operation: 'listOverdue',
				minDaysOverdue: 30,
			});
			expect(result.error).toBeUndefined();
			const listed = result.jsonOf('Stripe Dunning');
			expect(listed).toHaveLength(50 * 18); // offsets 30..47 days, 50 invoices each
			expect(listed.every((item) => (item.daysOverdue as number) >= 30)).toBe(true);
			expect(new Set(listed.map((item) => (item.invoice as { id: string }).id)).size).toBe(900);
			const pages = stripeRequests('GET', /^\/v1\/invoices$/);
			expect(pages[0].query).toMatchObject({
				status: 'open',
				collection_method: 'send_invoice',
				limit: '100',
				expand: ['data.customer'],
			});
			expect(Number((pages[0].query.due_date as { lt: string }).lt)).toBeLessThan(now - 28 * DAY);
			// The due_date range lets through the 900 (or, across a second boundary, 950) invoices due 29+ days
			// ago: 9 or 10 pages of 100 instead of 24 for the whole book.
			expect(pages.length).toBeGreaterThanOrEqual(9);
			expect(pages.length).toBeLessThanOrEqual(10);
		}, 30_000);

		it('adds invoices due within N days when asked', async () => {
			const now = stripe.now();
			stripe.seedInvoices(10, { dueDate: (index) => now + (index - 5) * DAY });
			const result = await runDunning(stripe, [{}], {
				operation: 'listOverdue',
				minDaysOverdue: 3,
				includeDueSoon: true,
				dueWithinDays: 2,
			});
			const windows = result
				.jsonOf('Stripe Dunning')
				.map((item) => `${item.window}:${item.daysOverdue}`)
				.sort();
			expect(windows).toEqual([
				'due_soon:-1',
				'due_soon:-2',
				'due_soon:0',
				'overdue:3',
				'overdue:4',
				'overdue:5',
			]);
		});
	});

	describe('Stripe Dunning: metadata operations', () => {
		it('records a promise, a dispute and a pause, read back by the normaliser; resume and undispute clear them', async () => {
			const [seeded] = stripe.seedInvoices(1);
			const run = (operation: string, extra: Record<string, unknown> = {}) =>
				runDunning(stripe, [{ id: seeded.id }], { operation, ...extra });
			const promise = await run('recordPromise', { promisedOn: '2026-12-15' });
			expect(promise.jsonOf('Stripe Dunning')[0].invoice).toMatchObject({
				dunning: { promisedOn: '2026-12-15' },
			});
			await run('markDisputed');
			const paused = await run('pause');
			expect(paused.jsonOf('Stripe Dunning')[0].invoice).toMatchObject({
				dunning: { promisedOn: '2026-12-15', disputed: true, paused: true },
			});
			expect(stripe.invoice(seeded.id as string)?.metadata).toEqual({
				dunning_promised_on: '2026-12-15',
				dunning_disputed: 'true',
				dunning_paused: 'true',
			});
			await run('resume');
			await run('markUndisputed');
			const cleared = await run('recordPromise', { promisedOn: '' });
			expect(cleared.jsonOf('Stripe Dunning')[0].invoice).toMatchObject({
				dunning: { promisedOn: null, disputed: false, paused: false },
			});
			expect(stripe.invoice(seeded.id as string)?.metadata).toEqual({});
			const bad = await run('recordPromise', { promisedOn: '2026-13-01' });
			expect(bad.error?.message).toContain('promisedOn');
		});

		it("sends Stripe's own reminder for send_invoice invoices, once per day, and refuses others", async () => {
			const [sendable] = stripe.seedInvoices(1);
			const [charged] = stripe.seedInvoices(1, {
				overrides: () => ({ collection_method: 'charge_automatically', due_date: null }),
			});
			const first = await runDunning(stripe, [{ id: sendable.id }], {
				operation: 'sendInvoiceEmail',
			});
			expect(first.error).toBeUndefined();
			await runDunning(stripe, [{ id: sendable.id }], { operation: 'sendReminder' });
			expect(stripe.events.filter((event) => event.type === 'invoice.sent')).toHaveLength(1);
			const refused = await runDunning(stripe, [{ id: charged.id }], {
				operation: 'sendInvoiceEmail',
			});
			expect(refused.error?.message).toContain('send_invoice');
		});
	});
});

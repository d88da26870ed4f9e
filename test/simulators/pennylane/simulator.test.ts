import page1 from './fixtures/list-customer-invoices-page-1.json';
import page2 from './fixtures/list-customer-invoices-page-2.json';
import notFound from './fixtures/error-not-found-404.json';
import unauthorized from './fixtures/error-unauthorized-401.json';
import {
	SIMULATOR_CLIENT_ID,
	SIMULATOR_CLIENT_SECRET,
	SIMULATOR_TOKEN,
	startPennylaneSimulator,
	type PennylaneSimulator,
} from '.';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let sim: PennylaneSimulator;
let clock: number;
beforeEach(async () => {
	clock = Date.parse('2026-11-20T09:00:00.000Z');
	sim = await startPennylaneSimulator({ now: () => clock });
});
afterEach(async () => sim.stop());

async function get(
	path: string,
	query: Record<string, string> = {},
	token: string | null = SIMULATOR_TOKEN,
) {
	const url = new URL(`${sim.baseUrl}${path}`);
	for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
	const response = await fetch(url, {
		headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
	});
	const text = await response.text();
	let body: Json | string = text;
	try {
		body = JSON.parse(text) as Json;
	} catch {
		// 429 answers are plain text
	}
	return { status: response.status, headers: response.headers, body: body as Json };
}

const notDraft = JSON.stringify([{ field: 'draft', operator: 'eq', value: 'false' }]);
const ids = (body: Json) => (body.items as Json[]).map((item) => item.id);

describe('Pennylane simulator', () => {
	it('answers the recorded list exchange, page by page, with the recorded bodies', async () => {
		const first = await get('/customer_invoices', page1.request.query);
		expect(first.status).toBe(200);
		expect(first.body.items).toEqual(page1.response.body.items);
		expect(first.body.has_more).toBe(true);
		const second = await get('/customer_invoices', {
			...page2.request.query,
			cursor: first.body.next_cursor,
		});
		expect(second.body).toEqual({ ...page2.response.body });
	});

	it('walks every non-draft invoice once with limit 2, then reports has_more false and no cursor', async () => {
		const seen: number[] = [];
		let cursor: string | undefined;
		let pages = 0;
		do {
			const page = await get('/customer_invoices', {
				filter: notDraft,
				limit: '2',
				sort: 'id',
				...(cursor ? { cursor } : {}),
			});
			seen.push(...ids(page.body));
			cursor = page.body.next_cursor ?? undefined;
			pages += 1;
			if (!page.body.has_more) expect(page.body.next_cursor).toBeNull();
		} while (cursor);
		expect(seen).toEqual([5009, 5010, 5012, 5013, 5014, 5016]);
		expect(pages).toBe(3);
	});

	it('filters on customer_id with in, on dates with gteq, and sorts by -date', async () => {
		const byCustomer = await get('/customer_invoices', {
			filter: JSON.stringify([{ field: 'customer_id', operator: 'in', value: [802, 803] }]),
		});
		expect(ids(byCustomer.body)).toEqual([5016, 5014]);
		const recent = await get('/customer_invoices', {
			filter: JSON.stringify([{ field: 'date', operator: 'gteq', value: '2026-10-06' }]),
			sort: '-date',
		});
		expect(ids(recent.body)).toEqual([5015, 5014, 5013, 5012]);
	});

	it('answers 422 to an unfilterable field (deadline), a wrong operator, a limit over 100 and a bad cursor', async () => {
		const deadline = await get('/customer_invoices', {
			filter: JSON.stringify([{ field: 'deadline', operator: 'lt', value: '2026-11-20' }]),
		});
		expect(deadline.status).toBe(422);
		expect(deadline.body).toMatchObject({
			error: 'unprocessable_entity',
			details: { field: 'filter' },
		});
		const draftLt = await get('/customer_invoices', {
			filter: JSON.stringify([{ field: 'draft', operator: 'lt', value: 'true' }]),
		});
		expect(draftLt.status).toBe(422);
		expect((await get('/customer_invoices', { limit: '101' })).status).toBe(422);
		expect((await get('/customer_invoices', { cursor: 'not-a-cursor' })).status).toBe(422);
	});

	it('reads one invoice and one customer, and answers 404 with the documented error body', async () => {
		expect((await get('/customer_invoices/5012')).body.invoice_number).toBe('F-2026-0112');
		expect((await get('/customers/801')).body.emails).toEqual([
			'compta@atelier-brioche.example.fr',
			'gerant@atelier-brioche.example.fr',
		]);
		const missing = await get('/customer_invoices/999');
		expect([missing.status, Object.keys(missing.body)]).toEqual([404, Object.keys(notFound.body)]);
	});

	it('answers 401 without a token or with an unknown one, and 403 without the scope', async () => {
		const none = await get('/customer_invoices', {}, null);
		expect([none.status, none.body.error]).toEqual([401, unauthorized.body.error]);
		expect((await get('/customer_invoices', {}, 'wrong')).status).toBe(401);
		sim.tokens.set('invoices-only', ['customer_invoices:readonly']);
		const customer = await get('/customers/801', {}, 'invoices-only');
		expect([customer.status, customer.body.error]).toEqual([403, 'forbidden']);
	});

	it('counts 25 requests per 5 s per token: ratelimit headers on each, then 429 with retry-after', async () => {
		let last = await get('/customer_invoices/5012');
		expect(last.headers.get('ratelimit-remaining')).toBe('24');
		for (let index = 1; index < 25; index++) last = await get('/customer_invoices/5012');
		expect([last.status, last.headers.get('ratelimit-remaining')]).toEqual([200, '0']);
		clock += 2000;
		const limited = await get('/customer_invoices/5012');
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('3');
		expect(limited.headers.get('ratelimit-reset')).toBe(
			String(Date.parse('2026-11-20T09:00:05.000Z') / 1000),
		);
		expect(limited.body).toBe('Rate limit exceeded. Please retry in 3 seconds.');
		clock += 3000;
		expect((await get('/customer_invoices/5012')).status).toBe(200);
	});

	it('fails the next matching requests with an injected fault, then answers normally', async () => {
		sim.injectFault({ status: 503, path: '/customer_invoices', times: 2 });
		expect((await get('/customer_invoices')).status).toBe(503);
		expect((await get('/customer_invoices/5012')).status).toBe(200);
		expect((await get('/customer_invoices')).status).toBe(503);
		expect((await get('/customer_invoices')).status).toBe(200);
	});

	it('records invoice changes in the changelog, oldest first, and pages them', async () => {
		sim.updateInvoice(5012, { paid: true, status: 'paid', remaining_amount_with_tax: '0.0' });
		clock += 1000;
		sim.deleteInvoice(5015);
		const changes = await get('/changelogs/customer_invoices', { limit: '1' });
		expect(changes.body.items).toEqual([
			expect.objectContaining({
				id: 5012,
				operation: 'update',
				processed_at: '2026-11-20T09:00:00.000Z',
			}),
		]);
		const next = await get('/changelogs/customer_invoices', {
			limit: '1',
			cursor: changes.body.next_cursor,
		});
		expect([next.body.items[0].id, next.body.items[0].operation, next.body.has_more]).toEqual([
			5015,
			'delete',
			false,
		]);
		expect((await get('/customer_invoices/5012')).body.paid).toBe(true);
	});

	it('answers the changelog from start_date, refuses one older than 4 weeks (422) and one sent with a cursor (400)', async () => {
		sim.updateInvoice(5012, { label: 'first' });
		clock += 60_000;
		sim.updateInvoice(5013, { label: 'second' });
		const fromSecond = await get('/changelogs/customer_invoices', {
			start_date: '2026-11-20T09:01:00.000Z',
		});
		expect(fromSecond.body.items.map((item: Json) => item.id)).toEqual([5013]);
		const tooOld = await get('/changelogs/customer_invoices', {
			start_date: '2026-10-22T09:00:00Z',
		});
		expect([tooOld.status, tooOld.body.details.field]).toEqual([422, 'start_date']);
		const first = await get('/changelogs/customer_invoices', { limit: '1' });
		const both = await get('/changelogs/customer_invoices', {
			limit: '1',
			cursor: first.body.next_cursor,
			start_date: '2026-11-20T09:00:00Z',
		});
		expect(both.status).toBe(400);
	});

	it('accepts OAuth access tokens like API tokens, and refreshes them at the token endpoint with rotation', async () => {
		const tokens = sim.issueOAuthTokens();
		expect((await get('/customer_invoices/5012', {}, tokens.access_token)).status).toBe(200);
		sim.expireAccessTokens();
		expect((await get('/customer_invoices/5012', {}, tokens.access_token)).status).toBe(401);
		expect((await get('/customer_invoices/5012')).status).toBe(200); // API tokens do not expire here
		const refresh = (refreshToken: string) =>
			fetch(sim.tokenUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({
					grant_type: 'refresh_token',
					refresh_token: refreshToken,
					client_id: SIMULATOR_CLIENT_ID,
					client_secret: SIMULATOR_CLIENT_SECRET,
				}),
			});
		const renewed = (await (await refresh(tokens.refresh_token)).json()) as Json;
		expect((await get('/customer_invoices/5012', {}, renewed.access_token)).status).toBe(200);
		expect(renewed.scope).toBe('customer_invoices:readonly customers:readonly');
		// Rotation: the refresh token used is spent.
		expect((await refresh(tokens.refresh_token)).status).toBe(400);
		expect(sim.tokenRequests.map((request) => request.status)).toEqual([200, 400]);
	});

	it('waits the configured latency before answering', async () => {
		sim.latencyMs = 120;
		const started = performance.now();
		await get('/customer_invoices/5012');
		expect(performance.now() - started).toBeGreaterThanOrEqual(115);
	});
});

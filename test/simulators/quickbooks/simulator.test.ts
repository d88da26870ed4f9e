import { quickBooksExchange } from '../../helpers/fixtures';
import { parseQuery, startQuickBooksSimulator, type QuickBooksSimulator } from '.';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let sim: QuickBooksSimulator;
let token: string;
beforeEach(async () => {
	sim = await startQuickBooksSimulator();
	token = sim.issueTokens().access_token;
});
afterEach(async () => sim.stop());

async function api(
	path: string,
	init: { method?: string; body?: unknown; query?: Record<string, string> } = {},
) {
	const url = new URL(`${sim.url}/v3/company/${sim.realmId}${path}`);
	for (const [key, value] of Object.entries({ minorversion: '75', ...init.query }))
		url.searchParams.set(key, value);
	const response = await fetch(url, {
		method: init.method ?? 'GET',
		headers: {
			authorization: `Bearer ${token}`,
			accept: 'application/json',
			'content-type': 'application/json',
		},
		body: init.body === undefined ? undefined : JSON.stringify(init.body),
	});
	return {
		status: response.status,
		headers: response.headers,
		body: (await response.json()) as Json,
	};
}

const query = (statement: string) => api('/query', { query: { query: statement } });

describe('QuickBooks simulator', () => {
	it('answers the recorded overdue query with the recorded shape', async () => {
		const recorded = quickBooksExchange<Json>('query-invoices-overdue');
		const { status, body, headers } = await query((recorded.request.query as Json).query);
		expect(status).toBe(200);
		expect(headers.get('intuit_tid')).toMatch(/^1-sim-/);
		expect(body.QueryResponse.Invoice.map((invoice: Json) => invoice.Id)).toEqual(
			recorded.response.body.QueryResponse.Invoice.map((invoice: Json) => invoice.Id),
		);
		expect(body.time).toMatch(/-0[78]:00$/);
	});

	it('pages with startposition/maxresults, answers {} past the end, and counts', async () => {
		sim.seedInvoices(1500, { dueDate: '2026-11-01' });
		const page = (start: number) =>
			query(
				`select * from Invoice where Balance > '0' and DueDate < '2026-11-26' orderby DueDate startposition ${start} maxresults 1000`,
			);
		expect((await page(1)).body.QueryResponse.Invoice).toHaveLength(1000);
		expect((await page(1001)).body.QueryResponse.Invoice).toHaveLength(504);
		expect((await page(2001)).body.QueryResponse).toEqual({});
		expect(
			(await query("select count(*) from Invoice where Balance > '0' and DueDate < '2026-11-26'"))
				.body,
		).toMatchObject({
			QueryResponse: { totalCount: 1504 },
		});
		expect(
			(
				await query("select * from Invoice where Id in ('1042', '1044')")
			).body.QueryResponse.Invoice.map((i: Json) => i.Id),
		).toEqual(['1042', '1044']);
	});

	it('refuses what QuickBooks refuses: or, more than 1,000 rows, bad syntax (4000)', async () => {
		for (const statement of [
			"select * from Invoice where Balance > '0' or DueDate < '2026-11-26'",
			'select * from Invoice maxresults 1001',
			'select from Invoice',
		]) {
			const { status, body } = await query(statement);
			expect(status).toBe(400);
			expect(body.Fault.Error[0].code).toBe('4000');
		}
		expect(() => parseQuery("select * from Invoice where Name = 'unterminated")).toThrow(
			'unterminated',
		);
	});

	it('checks SyncToken on sparse updates: 5010 for a stale one', async () => {
		const update = (syncToken: string) =>
			api('/invoice', {
				method: 'POST',
				body: { Id: '1047', SyncToken: syncToken, sparse: true, PrivateNote: 'x' },
			});
		const ok = await update('3');
		expect(ok.body.Invoice).toMatchObject({ SyncToken: '4', PrivateNote: 'x' });
		const stale = await update('3');
		expect(stale.status).toBe(400);
		expect(stale.body.Fault).toMatchObject({ type: 'ValidationFault', Error: [{ code: '5010' }] });
	});

	it('reports changes since a timestamp through CDC, deleted invoices as ids, at most 30 days back', async () => {
		const since = new Date(Date.now() - 60_000).toISOString().replace('Z', '+00:00');
		sim.editInvoice('1042', { Balance: 100 });
		sim.deleteInvoice('1039');
		const { body } = await api('/cdc', {
			query: { entities: 'Invoice,Payment', changedSince: since },
		});
		const invoices = body.CDCResponse[0].QueryResponse[0].Invoice;
		expect(invoices.map((invoice: Json) => [invoice.Id, invoice.status ?? null])).toEqual([
			['1042', null],
			['1039', 'Deleted'],
		]);
		const old = await api('/cdc', {
			query: { entities: 'Invoice', changedSince: '2026-01-01T00:00:00-08:00' },
		});
		expect(old.status).toBe(400);
	});

	it('gives 401 for expired tokens and refreshes with rotation at the token endpoint', async () => {
		const tokens = sim.issueTokens();
		sim.expireAccessTokens();
		expect((await api('/invoice/1042')).status).toBe(401);
		const refresh = (refreshToken: string, secret = 'sim-client-secret') =>
			fetch(sim.tokenUrl, {
				method: 'POST',
				headers: {
					authorization: `Basic ${Buffer.from(`sim-client-id:${secret}`).toString('base64')}`,
					'content-type': 'application/x-www-form-urlencoded',
				},
				body: `grant_type=refresh_token&refresh_token=${refreshToken}`,
			});
		const fresh = (await (await refresh(tokens.refresh_token)).json()) as Json;
		expect(fresh.refresh_token).not.toBe(tokens.refresh_token);
		token = fresh.access_token;
		expect((await api('/invoice/1042')).status).toBe(200);
		const dead = await refresh(tokens.refresh_token);
		expect([dead.status, await dead.json()]).toEqual([400, { error: 'invalid_grant' }]);
		expect((await refresh(fresh.refresh_token, 'wrong')).status).toBe(401);
	});

	it('injects throttling, outages and resets', async () => {
		sim.injectFault({ kind: 'throttle', path: '/invoice/1042' });
		sim.injectFault({ kind: 'server', path: '/invoice/1042' });
		const throttled = await api('/invoice/1042');
		expect([throttled.status, throttled.body.Fault.Error[0].code]).toEqual([429, '3001']);
		expect((await api('/invoice/1042')).status).toBe(503);
		expect((await api('/invoice/1042')).status).toBe(200);
		sim.injectFault({ kind: 'reset' });
		await expect(api('/invoice/1042')).rejects.toThrow();
	});

	it('signs CloudEvents notifications like Intuit', async () => {
		const { body, signature } = sim.notification([
			{ entity: 'invoice', id: '1042', operation: 'updated' },
		]);
		const events = JSON.parse(body) as Json[];
		expect(events[0]).toMatchObject({
			type: 'qbo.invoice.updated.v1',
			intuitentityid: '1042',
			intuitaccountid: sim.realmId,
		});
		const { verifyIntuitSignature } = await import('../../../nodes/shared');
		expect(verifyIntuitSignature(body, signature, 'c6e1b0a4-5f2d-4e8b-9a73-0d1f2e3c4b5a')).toBe(
			true,
		);
	});
});

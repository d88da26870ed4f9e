// The Pennylane Invoice Trigger polled by n8n-core's engine against the Pennylane simulator, as n8n polls an
// active workflow (mode "trigger": poll(), then the workflow only when it returned items) or as "Execute
// step" does (mode "manual"). The simulator's clock is the faked Date plus the waits the pacers skipped in this
// test (test/helpers/retry-waits.ts), so rate-limit windows, changelog times and "today" agree.
import type { IDataObject, WorkflowExecuteMode } from 'n8n-workflow';

import { PennylaneDunningApi } from '../../../credentials/PennylaneDunningApi.credentials';
import { PennylaneDunningOAuth2Api } from '../../../credentials/PennylaneDunningOAuth2Api.credentials';
import { PennylaneInvoiceTrigger } from '../../../nodes/PennylaneInvoiceTrigger/PennylaneInvoiceTrigger.node';
import { restoreRealDate, setFakeDate } from '../../helpers/fake-date';
import { pacerClock, pacerWaits } from '../../helpers/retry-waits';
import { runWorkflow, type WorkflowJson } from '../../helpers/run-workflow';
import {
	connectedCredentialData,
	SIMULATOR_TOKEN,
	startPennylaneSimulator,
	type PennylaneSimulator,
	type PlObject,
} from '../../simulators/pennylane';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const SLOW = 60_000;

let sim: PennylaneSimulator;
let staticData: IDataObject;
let credentials: Record<string, IDataObject>;
let simNow: () => number;

beforeEach(async () => {
	setFakeDate('2026-11-26T10:00:00Z');
	const skippedBefore = pacerClock.now() - Date.now();
	simNow = () => pacerClock.now() - skippedBefore;
	sim = await startPennylaneSimulator({ now: simNow });
	staticData = {};
	credentials = { pennylaneDunningApi: { apiToken: SIMULATOR_TOKEN, baseUrl: sim.baseUrl } };
});
afterEach(async () => {
	await sim.stop();
	restoreRealDate();
});

function triggerWorkflow(parameters: Record<string, unknown>): WorkflowJson {
	return {
		nodes: [
			{
				id: '1',
				name: 'Trigger',
				type: 'n8n-nodes-dunning.pennylaneInvoiceTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {
					...parameters,
					options: { timezone: 'Europe/Paris', ...(parameters.options as object) },
				},
				credentials: {
					pennylaneDunningApi: { id: '1', name: 'Pennylane token' },
					pennylaneDunningOAuth2Api: { id: '2', name: 'Pennylane OAuth2' },
				},
			},
		],
		connections: {},
	};
}

async function pollRun(parameters: Record<string, unknown>, mode: WorkflowExecuteMode) {
	return await runWorkflow(triggerWorkflow(parameters), {
		nodeTypes: { 'n8n-nodes-dunning.pennylaneInvoiceTrigger': new PennylaneInvoiceTrigger() },
		credentialTypes: [new PennylaneDunningApi(), new PennylaneDunningOAuth2Api()],
		credentials: credentials as never,
		staticData,
		mode,
	});
}

/** One poll as n8n runs it on its schedule; the static data carries over to the next poll. */
async function poll(
	parameters: Record<string, unknown> = {},
	mode: WorkflowExecuteMode = 'trigger',
): Promise<Json[]> {
	const result = await pollRun(parameters, mode);
	expect(result.error).toBeUndefined();
	staticData = result.staticData;
	if (result.credentials.pennylaneDunningOAuth2Api) {
		credentials.pennylaneDunningOAuth2Api = result.credentials.pennylaneDunningOAuth2Api;
	}
	return result.started ? (result.jsonOf('Trigger') as Json[]) : [];
}

const state = () => staticData['node:Trigger'] as Json;
const trackedIds = () => (state().tracked as [string, string][]).map(([id]) => id).sort();
const events = (items: Json[]) => items.map((item) => [item.invoice.id, item.event]);
const paths = () => sim.requests.map((request) => request.path);
/** The ids a by-id read asked for (`filter` with `id in`). */
const idsAsked = (request: { query: Record<string, string> }) =>
	(JSON.parse(request.query.filter) as Json[]).find((condition) => condition.operator === 'in')
		?.value as string[] | undefined;
const later = (iso: string) => setFakeDate(iso);

/** `count` more open invoices of customer 801 due on `deadline`, as a copy of 5012 with ids from `from`. */
function seedInvoices(count: number, deadline: string, from = 7000, recorded = false): number[] {
	const template = sim.invoices.get(5012)!;
	const ids: number[] = [];
	for (let index = 0; index < count; index++) {
		const id = from + index;
		sim.putInvoice({ ...template, id, invoice_number: `F-2026-${id}`, deadline } as PlObject, {
			recorded,
		});
		ids.push(id);
	}
	return ids;
}

describe('the first poll', () => {
	it('records its starting point on a schedule and emits none of the invoices already overdue', async () => {
		expect(await poll()).toEqual([]);
		// One list of the finalised invoices, no customer read, no changelog yet.
		expect(paths()).toEqual(['/customer_invoices']);
		expect(JSON.parse(sim.requests[0].query.filter)).toEqual([
			{ field: 'draft', operator: 'eq', value: 'false' },
			{ field: 'credit_note', operator: 'eq', value: 'false' },
		]);
		expect(state().since).toBe('2026-11-26T09:55:00.000Z');
		// Overdue now: tracked; open and due later: watched by due date; paid, cancelled, draft: neither.
		expect(trackedIds()).toEqual(['5012', '5013', '5016']);
		expect(state().watched).toEqual({ '2026-12-20': ['5014'] });
		expect(state().read).toBeUndefined();
	});

	it('emits the invoices already overdue with Emit Existing Overdue Invoices, each customer read once', async () => {
		const items = await poll({ options: { emitExisting: true } });
		expect(events(items)).toEqual([
			['5012', 'overdue'],
			['5013', 'overdue'],
			['5016', 'overdue'],
		]);
		const late = items[0];
		expect(late.invoice).toMatchObject({
			source: 'pennylane',
			status: 'open',
			dueMinor: 145000,
			customer: { id: '801', email: 'compta@atelier-brioche.example.fr' },
		});
		expect(late.raw.invoice_number).toBe('F-2026-0112');
		expect(late.customer.id).toBe(801);
		expect(items[2].invoice.currency).toBe('USD');
		expect(
			paths()
				.filter((path) => path.startsWith('/customers/'))
				.sort(),
		).toEqual(['/customers/801', '/customers/803']);
	});

	it('shows the overdue invoices when run by hand ("Execute step"), whose static data n8n does not keep', async () => {
		const items = await poll({}, 'manual');
		expect(events(items).map(([id]) => id)).toEqual(['5012', '5013', '5016']);
	});
});

describe('later polls read the changelog', () => {
	it('emits nothing when nothing changed, asking the changelog from the watermark', async () => {
		await poll();
		sim.requests.length = 0;
		later('2026-11-26T10:15:00Z');
		expect(await poll()).toEqual([]);
		expect(sim.requests.map((request) => [request.path, request.query])).toEqual([
			['/changelogs/customer_invoices', { start_date: '2026-11-26T09:55:00.000Z', limit: '1000' }],
		]);
	});

	it('emits an overdue invoice that is paid once, as paid, reading it and its customer once', async () => {
		await poll();
		later('2026-11-26T10:15:00Z');
		sim.payInvoice(5012);
		sim.requests.length = 0;
		const items = await poll();
		expect(events(items)).toEqual([['5012', 'paid']]);
		expect(items[0].invoice).toMatchObject({ status: 'paid', dueMinor: 0 });
		expect(paths()).toEqual([
			'/changelogs/customer_invoices',
			'/customer_invoices',
			'/customers/801',
		]);
		expect(idsAsked(sim.requests[1])).toEqual(['5012']);
		expect(trackedIds()).toEqual(['5013', '5016']);
		later('2026-11-26T10:30:00Z');
		expect(await poll()).toEqual([]);
	});

	it('emits an invoice that crosses its due date with no change in Pennylane, once', async () => {
		await poll();
		later('2026-12-21T09:00:00Z'); // 5014 was due on 20 December
		sim.requests.length = 0;
		const items = await poll();
		expect(events(items)).toEqual([['5014', 'overdue']]);
		expect(items[0].invoice.customer).toMatchObject({
			id: '802',
			email: null,
			name: 'Maison Lemaire',
		});
		expect(paths()).toEqual([
			'/changelogs/customer_invoices',
			'/customer_invoices',
			'/customers/802',
		]);
		expect(idsAsked(sim.requests[1])).toEqual(['5014']);
		expect(state().watched).toEqual({});
		later('2026-12-21T09:15:00Z');
		sim.requests.length = 0;
		expect(await poll()).toEqual([]);
		expect(paths()).toEqual(['/changelogs/customer_invoices']);
	});

	it('emits no event twice across polls: repeated changes, changes that owe the same, a partial payment', async () => {
		const emitted: Json[][] = [await poll({ options: { emitExisting: true } })];
		later('2026-11-26T10:15:00Z');
		// Changed twice between polls, and a change of the label only: nothing owed differs.
		sim.updateInvoice(5012, { label: 'Facture F-2026-0112 (relance)' });
		sim.updateInvoice(5012, { label: 'Facture F-2026-0112' });
		sim.updateInvoice(5016, { label: 'Invoice 5016' });
		emitted.push(await poll());
		later('2026-11-26T10:30:00Z');
		sim.updateInvoice(5013, { remaining_amount_with_tax: '1000.00' });
		emitted.push(await poll());
		later('2026-11-26T10:45:00Z');
		emitted.push(await poll());
		// The changelog answers from its start_date inclusive: the last change is not read twice.
		later('2026-11-26T11:00:00Z');
		sim.requests.length = 0;
		emitted.push(await poll());
		expect(paths()).toEqual(['/changelogs/customer_invoices']);
		expect(emitted.map(events)).toEqual([
			[
				['5012', 'overdue'],
				['5013', 'overdue'],
				['5016', 'overdue'],
			],
			[],
			[['5013', 'overdue']],
			[],
			[],
		]);
		expect(emitted[2][0].invoice.dueMinor).toBe(100000);
	});

	it('reads an invoice changed many times once, and forgets a deleted one without emitting it', async () => {
		await poll();
		later('2026-11-26T10:15:00Z');
		for (let index = 0; index < 5; index++) sim.updateInvoice(5013, { label: `v${index}` });
		sim.deleteInvoice(5016);
		sim.requests.length = 0;
		expect(await poll()).toEqual([]);
		expect(idsAsked(sim.requests[1])).toEqual(['5013']);
		expect(trackedIds()).toEqual(['5012', '5013']);
	});

	it(
		'pages through the changelog: only the cursor after the first page, every changed invoice read once',
		async () => {
			await poll();
			later('2026-11-26T10:15:00Z');
			// 1,500 new overdue invoices (inserts), then 300 of them changed again: 1,800 changes.
			const ids = seedInvoices(1500, '2026-11-10', 7000, true);
			for (const id of ids.slice(0, 300)) sim.updateInvoice(id, { label: 'changed' });
			sim.requests.length = 0;
			const items = await poll();
			expect(items).toHaveLength(1500);
			expect(new Set(items.map((item) => item.invoice.id)).size).toBe(1500);
			const changelog = sim.requests.filter((request) => request.path.startsWith('/changelogs'));
			expect(changelog.map((request) => request.query)).toEqual([
				{ start_date: '2026-11-26T09:55:00.000Z', limit: '1000' },
				{ cursor: expect.any(String), limit: '1000' },
			]);
			const reads = sim.requests.filter((request) => request.path === '/customer_invoices');
			expect(reads).toHaveLength(15);
			expect(reads.flatMap((request) => idsAsked(request)!)).toHaveLength(1500);
			later('2026-11-26T10:30:00Z');
			expect(await poll()).toEqual([]);
		},
		SLOW,
	);

	it(
		'takes at most Maximum Pages per Poll of changed invoices a poll, the rest at the next, none twice',
		async () => {
			await poll();
			later('2026-11-26T10:15:00Z');
			seedInvoices(250, '2026-11-10', 7000, true);
			const capped = { options: { maxPages: 1 } };
			const polls = [
				await poll(capped),
				await poll(capped),
				await poll(capped),
				await poll(capped),
			];
			expect(polls.map((items) => items.length)).toEqual([100, 100, 50, 0]);
			const ids = polls.flat().map((item) => item.invoice.id);
			expect(new Set(ids).size).toBe(250);
		},
		SLOW,
	);
});

describe('restarts, gaps and bounds', () => {
	it(
		'continues a read spread over several polls after a restart, from the static data alone',
		async () => {
			seedInvoices(250, '2026-11-10');
			const capped = { options: { maxPages: 1, emitExisting: true } };
			const emitted = (await poll(capped)).map((item) => item.invoice.id as string);
			expect(state().read).toEqual({ afterId: expect.any(String), emit: true });
			// A restarted n8n (or another worker in queue mode) has only the static data as it was saved.
			const saved = JSON.parse(JSON.stringify(staticData)) as IDataObject;
			const book = [...sim.invoices.values()];
			const customers = [...sim.customers.values()];
			await sim.stop();
			sim = await startPennylaneSimulator({ now: simNow, fixtures: false });
			for (const invoice of book) sim.putInvoice(invoice, { recorded: false });
			for (const customer of customers) sim.putCustomer(customer);
			credentials.pennylaneDunningApi.baseUrl = sim.baseUrl;
			staticData = saved;
			for (let polls = 0; state().read && polls < 10; polls++) {
				later(new Date(Date.now() + 15 * 60_000).toISOString());
				emitted.push(...(await poll(capped)).map((item) => item.invoice.id as string));
			}
			expect(state().read).toBeUndefined();
			expect(emitted).toHaveLength(253);
			expect(new Set(emitted).size).toBe(253);
			// Then the changelog, from when the read started.
			sim.payInvoice(7100);
			later(new Date(Date.now() + 15 * 60_000).toISOString());
			expect(events(await poll(capped))).toEqual([['7100', 'paid']]);
		},
		SLOW,
	);

	it('reads everything again after a gap longer than the changelog keeps, emitting what changed in it', async () => {
		await poll();
		sim.payInvoice(5012);
		later('2027-01-05T10:00:00Z'); // 40 days later; 5014 (due 20 December) became overdue meanwhile
		sim.requests.length = 0;
		const items = await poll();
		expect(events(items)).toEqual([
			['5012', 'paid'],
			['5014', 'overdue'],
		]);
		// The changelog was not asked for a start_date it no longer keeps (Pennylane answers 422).
		expect(paths().filter((path) => path.startsWith('/changelogs'))).toEqual([]);
		expect(state().since).toBe('2027-01-05T09:55:00.000Z');
		later('2027-01-05T10:15:00Z');
		expect(await poll()).toEqual([]);
	});

	it('keeps its watermark within the changelog when nothing changes for weeks', async () => {
		await poll();
		for (const day of ['2026-12-10', '2026-12-24']) {
			later(`${day}T10:00:00Z`);
			await poll();
		}
		expect(state().since).toBe('2026-12-23T10:00:00.000Z');
		later('2027-01-02T10:00:00Z');
		sim.requests.length = 0;
		await poll();
		expect(paths()[0]).toBe('/changelogs/customer_invoices');
	});

	it(
		'keeps the static data small: 1,500 overdue and 1,500 watched invoices',
		async () => {
			seedInvoices(1500, '2026-11-10', 7000);
			seedInvoices(1500, '2027-02-01', 9000);
			await poll();
			expect(trackedIds()).toHaveLength(1503);
			expect(Object.values(state().watched as Record<string, string[]>).flat()).toHaveLength(1501);
			expect(JSON.stringify(staticData).length).toBeLessThan(1503 * 30 + 1501 * 8 + 500);
		},
		SLOW,
	);
});

describe('failures and credentials', () => {
	it('waits out a 429 for its retry-after through the pacer, then carries on', async () => {
		await poll();
		later('2026-11-26T10:15:00Z');
		sim.payInvoice(5013);
		sim.injectFault({ status: 429, path: '/changelogs/customer_invoices', times: 2 });
		expect(events(await poll())).toEqual([['5013', 'paid']]);
		// Each retry-after (1 s) is waited by the pool's gate; a few ms of real time may pass in between.
		const gateWaits = pacerWaits().filter((ms) => ms >= 500);
		expect(gateWaits).toHaveLength(2);
		for (const ms of gateWaits) expect(Math.abs(ms - 1000)).toBeLessThanOrEqual(10);
		expect(sim.requests.filter((request) => request.status === 429)).toHaveLength(2);
	});

	it("fails with Pennylane's refusal, without the token, and leaves the static data as it was", async () => {
		await poll();
		const before = JSON.stringify(state());
		credentials.pennylaneDunningApi.apiToken = 'wrong-token-4f9a';
		later('2026-11-26T10:15:00Z');
		const result = await pollRun({}, 'trigger');
		expect(result.error?.message).toBe('Pennylane: The access token is invalid');
		expect(JSON.stringify(result.error)).not.toContain('wrong-token-4f9a');
		expect(JSON.stringify(result.staticData['node:Trigger'])).toBe(before);
	});

	it('uses the OAuth2 credential when Authentication is OAuth2, refreshing an expired access token', async () => {
		const tokens = sim.issueOAuthTokens();
		credentials = { pennylaneDunningOAuth2Api: connectedCredentialData(sim, tokens) };
		sim.expireAccessTokens();
		const items = await poll({ authentication: 'oAuth2', options: { emitExisting: true } });
		expect(items).toHaveLength(3);
		// A 401 with the expired token, one refresh, then the new token on every request.
		expect(sim.tokenRequests.map((request) => [request.grantType, request.status])).toEqual([
			['refresh_token', 200],
		]);
		const stored = credentials.pennylaneDunningOAuth2Api.oauthTokenData as Json;
		expect(stored.access_token).not.toBe(tokens.access_token);
		expect(sim.isRefreshTokenValid(tokens.refresh_token)).toBe(false);
		const answered = sim.requests.filter((request) => request.status === 200);
		expect(answered.length).toBeGreaterThan(0);
		expect(
			answered.every((request) => request.authorization === `Bearer ${stored.access_token}`),
		).toBe(true);
	});
});

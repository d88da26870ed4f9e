// Pennylane Dunning run by n8n-core's engine against the Pennylane simulator: paging, customers read once,
// the overdue window, and the rate-limit answers (Retry-After honoured, the waits recorded, not slept).
import { PennylaneDunningApi } from '../../../credentials/PennylaneDunningApi.credentials';
import { PennylaneDunning } from '../../../nodes/PennylaneDunning/PennylaneDunning.node';
import { pacerClock, pacerWaits } from '../../helpers/retry-waits';
import { runWorkflow, type WorkflowJson } from '../../helpers/run-workflow';
import {
	SIMULATOR_TOKEN,
	startPennylaneSimulator,
	type PennylaneSimulator,
} from '../../simulators/pennylane';

describe('operations', () => {
	let sim: PennylaneSimulator;

	afterEach(async () => {
		await sim?.stop();
	});

	function workflow(parameters: Record<string, unknown>): WorkflowJson {
		return {
			nodes: [
				{
					id: '1',
					name: 'Start',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{
					id: '2',
					name: 'Pennylane',
					type: 'n8n-nodes-dunning.pennylaneDunning',
					typeVersion: 1,
					position: [200, 0],
					parameters: { resource: 'invoice', options: { timezone: 'Europe/Paris' }, ...parameters },
					credentials: { pennylaneDunningApi: { id: '1', name: 'Pennylane' } },
				},
			],
			connections: { Start: { main: [[{ node: 'Pennylane', type: 'main', index: 0 }]] } },
		};
	}

	const run = (parameters: Record<string, unknown>) =>
		runWorkflow(workflow(parameters), {
			nodeTypes: { 'n8n-nodes-dunning.pennylaneDunning': new PennylaneDunning() },
			credentialTypes: [new PennylaneDunningApi()],
			credentials: { pennylaneDunningApi: { apiToken: SIMULATOR_TOKEN, baseUrl: sim.baseUrl } },
		});

	/** 120 more late invoices of customer 801, so that the list takes two pages of 100. */
	function addLateInvoices(count: number) {
		const template = sim.invoices.get(5012)!;
		for (let index = 0; index < count; index++) {
			sim.putInvoice({ ...template, id: 6000 + index, invoice_number: `F-2026-${6000 + index}` });
		}
	}

	describe('Pennylane Dunning: List Overdue', () => {
		it('follows next_cursor to the last page and returns every open overdue invoice, normalised', async () => {
			sim = await startPennylaneSimulator({ rateLimit: false });
			addLateInvoices(120);
			const result = await run({ operation: 'listOverdue', minDaysOverdue: 1 });
			expect(result.error).toBeUndefined();
			const listed = result.jsonOf('Pennylane');
			const pages = sim.requests.filter((request) => request.path.endsWith('/customer_invoices'));
			expect(pages.length).toBe(2);
			expect(pages[1].query.cursor).toBeTruthy();
			expect(JSON.parse(pages[0].query.filter)).toEqual(
				expect.arrayContaining([
					{ field: 'draft', operator: 'eq', value: 'false' },
					{ field: 'credit_note', operator: 'eq', value: 'false' },
				]),
			);
			const ids = listed.map((json) => (json.invoice as { id: string }).id);
			expect(ids).toContain('5012');
			expect(ids).toContain('6119');
			// Paid, cancelled, draft and not-yet-due invoices are left out.
			for (const id of ['5009', '5010', '5014', '5015']) expect(ids).not.toContain(id);
			const late = listed.find((json) => (json.invoice as { id: string }).id === '5012')!;
			expect(late.invoice).toMatchObject({
				source: 'pennylane',
				status: 'open',
				dueMinor: 145000,
				customer: { id: '801', email: expect.stringContaining('@') },
				dunning: { sentStepIds: [] },
			});
			expect(late.window).toBe('overdue');
		});

		it('reads each customer once per run, however many of its invoices are listed', async () => {
			sim = await startPennylaneSimulator({ rateLimit: false });
			addLateInvoices(30);
			await run({ operation: 'listOverdue', minDaysOverdue: 1 });
			const customerReads = sim.requests.filter((request) => request.path.includes('/customers/'));
			const distinct = new Set(customerReads.map((request) => request.path));
			expect(customerReads.length).toBe(distinct.size);
			expect([...distinct].some((path) => path.endsWith('/customers/801'))).toBe(true);
		});

		it('honours retry-after on 429 answers and then returns the list', async () => {
			sim = await startPennylaneSimulator({ rateLimit: false });
			sim.injectFault({ status: 429, path: '/customer_invoices', times: 2 });
			const result = await run({ operation: 'listOverdue', minDaysOverdue: 1 });
			expect(result.error).toBeUndefined();
			expect(result.jsonOf('Pennylane').length).toBeGreaterThan(0);
			// The pacer waits each retry-after (1 s) for the whole pool, on the tests' virtual clock; the real
			// milliseconds that pass between the 429 and the wait are taken off it.
			const gateWaits = pacerWaits().filter((ms) => ms >= 900);
			expect(gateWaits).toHaveLength(2);
			for (const ms of gateWaits) expect(ms).toBeLessThanOrEqual(1000);
			expect(sim.requests.filter((request) => request.status === 429).length).toBe(2);
		});

		it('fails the item with the refusal of Pennylane, without the token in the error, when the token is refused', async () => {
			sim = await startPennylaneSimulator({ rateLimit: false });
			const result = await runWorkflow(workflow({ operation: 'listOverdue' }), {
				nodeTypes: { 'n8n-nodes-dunning.pennylaneDunning': new PennylaneDunning() },
				credentialTypes: [new PennylaneDunningApi()],
				credentials: { pennylaneDunningApi: { apiToken: 'wrong-token', baseUrl: sim.baseUrl } },
			});
			expect(result.error?.message).toMatch(/Pennylane: /);
			expect(sim.requests.map((request) => request.status)).toEqual([401]);
			expect(JSON.stringify(result.error)).not.toContain('wrong-token');
		});
	});

	describe('Pennylane Dunning: Get', () => {
		it('reads the invoice afresh and keeps the dunning state the item already carries', async () => {
			sim = await startPennylaneSimulator({ rateLimit: false });
			const json = workflow({ operation: 'get', invoiceId: '5012' });
			json.nodes.splice(1, 0, {
				id: '3',
				name: 'Items',
				type: 'test.items',
				typeVersion: 1,
				position: [100, 0],
				parameters: {
					items: JSON.stringify([
						{
							invoice: {
								id: '5012',
								dunning: {
									sentStepIds: ['d7'],
									lastSentOn: '2026-11-12',
									promisedOn: null,
									disputed: false,
									paused: false,
								},
							},
						},
					]),
				},
			});
			json.connections = {
				Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
				Items: { main: [[{ node: 'Pennylane', type: 'main', index: 0 }]] },
			};
			const result = await runWorkflow(json, {
				nodeTypes: { 'n8n-nodes-dunning.pennylaneDunning': new PennylaneDunning() },
				credentialTypes: [new PennylaneDunningApi()],
				credentials: { pennylaneDunningApi: { apiToken: SIMULATOR_TOKEN, baseUrl: sim.baseUrl } },
			});
			expect(result.error).toBeUndefined();
			const [item] = result.jsonOf('Pennylane');
			expect(item.invoice).toMatchObject({ id: '5012', dunning: { sentStepIds: ['d7'] } });
		});

		it('reads 60 invoices 5 at a time within 25 requests per 5 s: no item fails for throttling, order and pairing kept', async () => {
			// The simulator's rate-limit windows follow the pacers' virtual clock, so the waits are real to both.
			sim = await startPennylaneSimulator({ now: pacerClock.now });
			const json = workflow({
				operation: 'get',
				invoiceId: '5012',
				options: { timezone: 'Europe/Paris', concurrency: 5 },
			});
			json.nodes.splice(1, 0, {
				id: '3',
				name: 'Items',
				type: 'test.items',
				typeVersion: 1,
				position: [100, 0],
				parameters: { items: JSON.stringify(Array.from({ length: 60 }, (_, n) => ({ n }))) },
			});
			json.connections = {
				Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
				Items: { main: [[{ node: 'Pennylane', type: 'main', index: 0 }]] },
			};
			const started = pacerClock.now();
			const result = await runWorkflow(json, {
				nodeTypes: { 'n8n-nodes-dunning.pennylaneDunning': new PennylaneDunning() },
				credentialTypes: [new PennylaneDunningApi()],
				credentials: { pennylaneDunningApi: { apiToken: SIMULATOR_TOKEN, baseUrl: sim.baseUrl } },
			});
			expect(result.error).toBeUndefined();
			const out = result.outputOf('Pennylane');
			expect(out.map((item) => [item.json.n, item.pairedItem])).toEqual(
				Array.from({ length: 60 }, (_, n) => [n, { item: n }]),
			);
			expect(out.every((item) => (item.json.invoice as { id: string }).id === '5012')).toBe(true);
			// 60 reads at 25 per 5 s take at least 10 s of the (virtual) clock: paced, not failed.
			expect(pacerClock.now() - started).toBeGreaterThanOrEqual(10_000);
			const answered = sim.requests.filter((request) => request.status === 200);
			expect(answered.filter((request) => request.path === '/customer_invoices/5012')).toHaveLength(
				60,
			);
			// The invoices' one customer, read once for the run even with five items in flight.
			expect(answered.filter((request) => request.path.startsWith('/customers/'))).toHaveLength(1);
		});
	});
});

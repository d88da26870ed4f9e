// Dunning Ledger run by n8n-core's engine on a real PostgreSQL: two concurrent workflow runs claim the same
// steps and a counting send step shows each reminder goes out exactly once; proofs and state survive a new
// connection; approval and address refusals happen before any write.
import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { Client } from 'pg';

import { DunningLedgerPostgresApi } from '../../../credentials/DunningLedgerPostgresApi.credentials';
import { DunningLedger } from '../../../nodes/DunningLedger/DunningLedger.node';
import { DunningLedger as Ledger } from '../../../nodes/services/ledger';
import { startPostgres, type TestPostgres } from '../../helpers/postgres';
import { runWorkflow, type WorkflowJson } from '../../helpers/run-workflow';

jest.setTimeout(60_000);

let server: TestPostgres;
let sent: string[] = [];

beforeAll(async () => {
	server = await startPostgres();
});
afterAll(async () => {
	await server?.stop();
});
beforeEach(() => {
	sent = [];
});

/** A fake send step: counts the messages it would send, by invoice and step. */
class CountingSend implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Counting Send',
		name: 'countingSend',
		group: ['transform'],
		version: 1,
		description: 'Counts sends',
		defaults: { name: 'Send' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		for (const item of items) {
			const claim = item.json.claim as { invoiceId: string; stepId: string };
			sent.push(`${claim.invoiceId}:${claim.stepId}`);
		}
		return [items.map((item, index) => ({ json: item.json, pairedItem: { item: index } }))];
	}
}

let prefixes = 0;
const credential = (prefix: string) => ({
	connectWith: 'connectionString',
	connectionString: server.connectionString,
	tablePrefix: prefix,
});

function invoice(id: string, email: string | null = `${id}@example.com`) {
	return {
		id,
		source: 'generic',
		number: `N-${id}`,
		status: 'open',
		currency: 'EUR',
		totalMinor: 10000,
		paidMinor: 0,
		dueMinor: 10000,
		issueDate: '2026-10-01',
		dueDate: '2026-10-31',
		customer: { id: 'c1', name: 'Client', email, locale: 'fr-FR', tags: [] },
		paymentUrl: null,
		pdfUrl: null,
		payments: [],
		dunning: {
			sentStepIds: [],
			lastSentOn: null,
			promisedOn: null,
			disputed: false,
			paused: false,
		},
	};
}

const ledgerNode = (name: string, parameters: Record<string, unknown>, x: number) => ({
	id: name,
	name,
	type: 'n8n-nodes-dunning.dunningLedger',
	typeVersion: 1,
	position: [x, 0] as [number, number],
	parameters: { resource: 'invoice', options: { timezone: 'Europe/Paris' }, ...parameters },
	credentials: { dunningLedgerPostgresApi: { id: '1', name: 'Ledger' } },
});

/** Items → Claim Step → Send → Mark Sent (reading the claim and the message from the Claim Step's item). */
function claimAndSend(items: object[]): WorkflowJson {
	return {
		nodes: [
			{
				id: 's',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'i',
				name: 'Items',
				type: 'test.items',
				typeVersion: 1,
				position: [100, 0],
				parameters: { items: JSON.stringify(items) },
			},
			ledgerNode('Claim Step', { operation: 'claimStep' }, 200),
			{
				id: 'x',
				name: 'Send',
				type: 'test.countingSend',
				typeVersion: 1,
				position: [300, 0],
				parameters: {},
			},
			ledgerNode(
				'Mark Sent',
				{
					operation: 'markSent',
					message: '={{ "Reminder " + $json.claim.stepId + " for " + $json.invoice.number }}',
					keepMessage: true,
				},
				400,
			),
		],
		connections: {
			Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: 'Claim Step', type: 'main', index: 0 }]] },
			'Claim Step': { main: [[{ node: 'Send', type: 'main', index: 0 }], []] },
			Send: { main: [[{ node: 'Mark Sent', type: 'main', index: 0 }]] },
		},
	};
}

const run = (json: WorkflowJson, prefix: string) =>
	runWorkflow(json, {
		nodeTypes: {
			'n8n-nodes-dunning.dunningLedger': new DunningLedger(),
			'test.countingSend': new CountingSend(),
		},
		credentialTypes: [new DunningLedgerPostgresApi()],
		credentials: { dunningLedgerPostgresApi: credential(prefix) },
	});

function freshPrefix() {
	prefixes += 1;
	return `node_t${prefixes}_${process.pid}`;
}

describe('Dunning Ledger node', () => {
	it('two concurrent runs over the same 20 invoices send each step exactly once (emails sent == expected)', async () => {
		const prefix = freshPrefix();
		const items = Array.from({ length: 20 }, (_, index) => ({
			invoice: invoice(`inv-${index}`),
			decision: { stepId: 'd7' },
		}));
		const [first, second] = await Promise.all([
			run(claimAndSend(items), prefix),
			run(claimAndSend(items), prefix),
		]);
		expect(first.error).toBeUndefined();
		expect(second.error).toBeUndefined();
		expect(sent.length).toBe(20);
		expect(new Set(sent).size).toBe(20);
		const notClaimed = first.jsonOf('Claim Step', 1).length + second.jsonOf('Claim Step', 1).length;
		expect(notClaimed).toBe(20);
		// A third run later sends nothing: every step is recorded as sent.
		const third = await run(claimAndSend(items), prefix);
		expect(
			third.jsonOf('Claim Step', 1).map((json) => (json.claim as { reason: string }).reason),
		).toEqual(Array(20).fill('already_sent'));
		expect(sent.length).toBe(20);
	});

	it('keeps the proof and the state after a new connection: Read State and History show what was sent', async () => {
		const prefix = freshPrefix();
		await run(claimAndSend([{ invoice: invoice('A'), decision: { stepId: 'd7' } }]), prefix);
		const client = new Client({ connectionString: server.connectionString });
		await client.connect();
		try {
			const ledger = new Ledger(async (sql, params) => (await client.query(sql, params)).rows, {
				tablePrefix: prefix,
			});
			const state = await ledger.readState('generic', 'A', 'Europe/Paris');
			expect(state.sentStepIds).toEqual(['d7']);
			const step = await ledger.readStep({ source: 'generic', invoiceId: 'A', stepId: 'd7' });
			expect(step).toMatchObject({
				channel: 'email',
				address: 'A@example.com',
				message: 'Reminder d7 for N-A',
			});
		} finally {
			await client.end();
		}
		const read = await run(
			{
				nodes: [
					{
						id: 's',
						name: 'Start',
						type: 'n8n-nodes-base.manualTrigger',
						typeVersion: 1,
						position: [0, 0],
						parameters: {},
					},
					{
						id: 'i',
						name: 'Items',
						type: 'test.items',
						typeVersion: 1,
						position: [100, 0],
						parameters: { items: JSON.stringify([{ invoice: invoice('A') }]) },
					},
					ledgerNode('Read State', { operation: 'readState' }, 200),
					ledgerNode('History', { operation: 'history' }, 300),
				],
				connections: {
					Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
					Items: { main: [[{ node: 'Read State', type: 'main', index: 0 }]] },
					'Read State': { main: [[{ node: 'History', type: 'main', index: 0 }]] },
				},
			},
			prefix,
		);
		expect(read.error).toBeUndefined();
		const [item] = read.jsonOf('History');
		expect(item.invoice).toMatchObject({ dunning: { sentStepIds: ['d7'] } });
		expect((item.history as Array<{ kind: string }>).map((event) => event.kind)).toEqual([
			'claimed',
			'sent',
		]);
	});

	it('refuses a step that requires approval without it, and an email step without an address, before any claim', async () => {
		const prefix = freshPrefix();
		const json = claimAndSend([
			{
				invoice: invoice('B'),
				decision: { stepId: 'd30' },
				step: { id: 'd30', requiresApproval: true },
			},
			{
				invoice: invoice('C', null),
				decision: { stepId: 'd7' },
				step: { id: 'd7', channel: 'email' },
			},
		]);
		(json.nodes[2] as { onError?: string }).onError = 'continueRegularOutput';
		const result = await run(json, prefix);
		const refused = result.jsonOf('Claim Step', 1);
		expect(refused.map((item) => String(item.error))).toEqual([
			expect.stringContaining('requires approval'),
			expect.stringContaining('no email address'),
		]);
		expect(sent).toEqual([]);
	});

	it('Read State reads the whole input in one query: 30 invoices, one readStates call, each item its own state; a bad id fails only its item', async () => {
		const prefix = freshPrefix();
		await run(claimAndSend([{ invoice: invoice('R7'), decision: { stepId: 'd7' } }]), prefix);
		const items: object[] = Array.from({ length: 30 }, (_, index) => ({
			invoice: invoice(`R${index}`),
		}));
		items.push({ invoice: { ...invoice('x'), id: 'x'.repeat(201) } });
		const batch = jest.spyOn(Ledger.prototype, 'readStates');
		try {
			const read = await run(
				{
					nodes: [
						{
							id: 's',
							name: 'Start',
							type: 'n8n-nodes-base.manualTrigger',
							typeVersion: 1,
							position: [0, 0],
							parameters: {},
						},
						{
							id: 'i',
							name: 'Items',
							type: 'test.items',
							typeVersion: 1,
							position: [100, 0],
							parameters: { items: JSON.stringify(items) },
						},
						{
							...ledgerNode('Read State', { operation: 'readState' }, 200),
							onError: 'continueRegularOutput',
						},
					],
					connections: {
						Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
						Items: { main: [[{ node: 'Read State', type: 'main', index: 0 }]] },
					},
				},
				prefix,
			);
			const done = read.jsonOf('Read State');
			expect(done).toHaveLength(30);
			const sentSteps = done.map(
				(item) => (item.invoice as { dunning: { sentStepIds: string[] } }).dunning.sentStepIds,
			);
			expect(sentSteps.filter((steps) => steps.length > 0)).toEqual([['d7']]);
			expect((done[7].invoice as { id: string }).id).toBe('R7');
			expect(sentSteps[7]).toEqual(['d7']);
			// The 31-id batch is refused for the bad id: each item then reads on its own, only that one fails.
			expect(read.jsonOf('Read State', 1).map((item) => String(item.error))).toEqual([
				expect.stringContaining('invoiceId'),
			]);
			batch.mockClear();
			const clean = await run(
				{
					nodes: [
						{
							id: 's',
							name: 'Start',
							type: 'n8n-nodes-base.manualTrigger',
							typeVersion: 1,
							position: [0, 0],
							parameters: {},
						},
						{
							id: 'i',
							name: 'Items',
							type: 'test.items',
							typeVersion: 1,
							position: [100, 0],
							parameters: { items: JSON.stringify(items.slice(0, 30)) },
						},
						ledgerNode('Read State', { operation: 'readState' }, 200),
					],
					connections: {
						Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
						Items: { main: [[{ node: 'Read State', type: 'main', index: 0 }]] },
					},
				},
				prefix,
			);
			expect(clean.jsonOf('Read State')).toHaveLength(30);
			expect(batch).toHaveBeenCalledTimes(1);
			expect(batch.mock.calls[0][1]).toHaveLength(30);
		} finally {
			batch.mockRestore();
		}
	});
});

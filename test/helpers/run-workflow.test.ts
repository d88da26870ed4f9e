import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';
import type {
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IConnections,
} from 'n8n-workflow';

import { runWorkflow } from './run-workflow';
import type { WorkflowJson } from './run-workflow';

/** Routes invoices to "paid" (output 0) or "unpaid" (output 1); fails on items without an amount. */
class TestRouter implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Router',
		name: 'testRouter',
		group: ['transform'],
		version: 1,
		description: 'Harness test node',
		defaults: { name: 'Router' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['paid', 'unpaid'],
		properties: [
			{ displayName: 'Label', name: 'label', type: 'string', default: 'none' },
			{ displayName: 'Count Runs', name: 'countRuns', type: 'boolean', default: false },
			{ displayName: 'Throw', name: 'throw', type: 'boolean', default: false },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const paid: INodeExecutionData[] = [];
		const unpaid: INodeExecutionData[] = [];
		if (this.getNodeParameter('throw', 0)) throw new NodeOperationError(this.getNode(), 'Boom');
		const items = this.getInputData();
		for (let i = 0; i < items.length; i++) {
			try {
				const { amount, paidAmount } = items[i].json as { amount?: number; paidAmount?: number };
				if (typeof amount !== 'number') {
					throw new NodeOperationError(this.getNode(), 'Invoice has no amount', { itemIndex: i });
				}
				const label = this.getNodeParameter('label', i) as string;
				const json = { ...items[i].json, label, mode: this.getMode() };
				((paidAmount ?? 0) >= amount ? paid : unpaid).push({ json, pairedItem: { item: i } });
			} catch (error) {
				if (!this.continueOnFail()) throw error;
				paid.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
			}
		}
		if (this.getNodeParameter('countRuns', 0)) {
			const staticData = this.getWorkflowStaticData('node');
			staticData.runs = ((staticData.runs as number) ?? 0) + 1;
		}
		return [paid, unpaid];
	}
}

class TestApi implements ICredentialType {
	name = 'testApi';
	displayName = 'Test API';
	properties = [
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string' as const, default: '' },
		{ displayName: 'API Key', name: 'apiKey', type: 'string' as const, default: '' },
	];
	authenticate = {
		type: 'generic' as const,
		properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
	};
}

/** Fetches `/invoices/<id>` from the credential's base URL. */
class TestFetch implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Fetch',
		name: 'testFetch',
		group: ['transform'],
		version: 1,
		description: 'Harness test node',
		defaults: { name: 'Fetch' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'testApi', required: true }],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const { baseUrl } = await this.getCredentials<{ baseUrl: string }>('testApi');
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const json = (await this.helpers.httpRequestWithAuthentication.call(this, 'testApi', {
				url: `${baseUrl}/invoices/${items[i].json.id as string}`,
				json: true,
			})) as IDataObject;
			out.push({ json, pairedItem: { item: i } });
		}
		return [out];
	}
}

const nodeTypes = {
	'n8n-nodes-dunning.testRouter': new TestRouter(),
	'n8n-nodes-dunning.testFetch': new TestFetch(),
};

/** Manual Trigger → Items → `node`, with `node`'s outputs wired to nothing. */
function workflowWith(items: IDataObject[], node: Partial<INode> & Pick<INode, 'type'>) {
	const nodes: INode[] = [
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
			name: 'Items',
			type: 'test.items',
			typeVersion: 1,
			position: [200, 0],
			parameters: { items: JSON.stringify(items) },
		},
		{ id: '3', name: 'Node', typeVersion: 1, position: [400, 0], parameters: {}, ...node },
	];
	const connections: IConnections = {
		Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
		Items: { main: [[{ node: node.name ?? 'Node', type: 'main', index: 0 }]] },
	};
	return { nodes, connections } satisfies WorkflowJson;
}

const invoices = [
	{ id: 'A', amount: 100, paidAmount: 100 },
	{ id: 'B', amount: 50, paidAmount: 0 },
	{ id: 'C', amount: 70 },
];

describe('runWorkflow', () => {
	it('routes items to several outputs with pairedItem, through the real engine', async () => {
		const result = await runWorkflow(
			workflowWith(invoices, { type: 'n8n-nodes-dunning.testRouter' }),
			{ nodeTypes },
		);

		expect(result.error).toBeUndefined();
		expect(result.status).toBe('success');
		expect(result.executedNodes).toEqual(['Start', 'Items', 'Node']);
		expect(result.jsonOf('Node', 0)).toEqual([{ ...invoices[0], label: 'none', mode: 'manual' }]);
		expect(result.outputOf('Node', 1)).toEqual([
			{ json: { ...invoices[1], label: 'none', mode: 'manual' }, pairedItem: { item: 1 } },
			{ json: { ...invoices[2], label: 'none', mode: 'manual' }, pairedItem: { item: 2 } },
		]);
	});

	it('stops on a NodeOperationError and keeps its item index', async () => {
		const result = await runWorkflow(
			workflowWith([invoices[0], { id: 'D' }], { type: 'n8n-nodes-dunning.testRouter' }),
			{ nodeTypes },
		);

		// The engine stores errors as plain copies ({ ...error, message, stack }), not instances.
		expect(result.error).not.toBeInstanceOf(NodeOperationError);
		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			message: 'Invoice has no amount',
			context: { itemIndex: 1 },
			node: { name: 'Node' },
		});
		expect(result.nodeError('Node')).toEqual(result.error);
		expect(result.outputOf('Node')).toEqual([]);
	});

	it('sends failed items to the error output with onError: continueErrorOutput', async () => {
		const result = await runWorkflow(
			workflowWith([invoices[0], { id: 'D' }, invoices[1]], {
				type: 'n8n-nodes-dunning.testRouter',
				onError: 'continueErrorOutput',
			}),
			{ nodeTypes },
		);

		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Node', 0).map((json) => json.id)).toEqual(['A']);
		expect(result.jsonOf('Node', 1).map((json) => json.id)).toEqual(['B']);
		// The error output is appended after the node's own outputs; n8n merges the input item into it.
		expect(result.outputOf('Node', 2)).toEqual([
			{ json: { id: 'D', error: 'Invoice has no amount' }, pairedItem: { item: 1 } },
		]);
	});

	it('keeps failed items in the first output with continueOnFail (continueRegularOutput)', async () => {
		const result = await runWorkflow(
			workflowWith([{ id: 'D' }], {
				type: 'n8n-nodes-dunning.testRouter',
				onError: 'continueRegularOutput',
			}),
			{ nodeTypes },
		);

		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Node', 0)).toEqual([{ error: 'Invoice has no amount' }]);
	});

	it('passes the input through when a continuing node throws instead of returning error items', async () => {
		const result = await runWorkflow(
			workflowWith([invoices[0]], {
				type: 'n8n-nodes-dunning.testRouter',
				onError: 'continueErrorOutput',
				parameters: { throw: true },
			}),
			{ nodeTypes },
		);

		// n8n's own behaviour: output 0 gets the input items, not the error output, and since the
		// failing node ran last the execution still ends with status "error".
		expect(result.jsonOf('Node', 0)).toEqual([invoices[0]]);
		expect(result.outputOf('Node', 2)).toEqual([]);
		expect(result.nodeError('Node')).toMatchObject({ message: 'Boom' });
		expect(result.status).toBe('error');
	});

	it('evaluates expression parameters against the current item', async () => {
		const result = await runWorkflow(
			workflowWith(invoices.slice(0, 2), {
				type: 'n8n-nodes-dunning.testRouter',
				parameters: {
					label:
						"={{ $json.id }}-{{ $json.amount * 2 }}-{{ $('Items').item.json.id.toLowerCase() }}" +
						'-{{ $json.id.isEmpty() }}-{{ $itemIndex }}',
				},
			}),
			{ nodeTypes },
		);

		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Node', 0)[0].label).toBe('A-200-a-false-0');
		expect(result.jsonOf('Node', 1)[0].label).toBe('B-100-b-false-1');
	});

	it('keeps workflow static data across runs', async () => {
		const workflow = workflowWith(invoices, {
			type: 'n8n-nodes-dunning.testRouter',
			parameters: { countRuns: true },
		});

		const first = await runWorkflow(workflow, { nodeTypes });
		const second = await runWorkflow(workflow, { nodeTypes, staticData: first.staticData });

		expect(first.staticData).toEqual({ 'node:Node': { runs: 1 } });
		expect(second.staticData).toEqual({ 'node:Node': { runs: 2 } });
	});

	it('injects credentials and authenticates HTTP requests against a local server', async () => {
		const requests: Array<{ url?: string; authorization?: string }> = [];
		const server = createServer((req, res) => {
			requests.push({ url: req.url, authorization: req.headers.authorization });
			res.setHeader('content-type', 'application/json');
			res.end(JSON.stringify({ id: req.url?.split('/').pop(), status: 'open' }));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;

		try {
			const result = await runWorkflow(
				workflowWith(invoices.slice(0, 2), {
					type: 'n8n-nodes-dunning.testFetch',
					credentials: { testApi: { id: 'cred-1', name: 'Test API account' } },
				}),
				{
					nodeTypes,
					credentialTypes: [new TestApi()],
					credentials: { testApi: { baseUrl: `http://127.0.0.1:${port}`, apiKey: 'secret' } },
				},
			);

			expect(result.error).toBeUndefined();
			expect(result.jsonOf('Node')).toEqual([
				{ id: 'A', status: 'open' },
				{ id: 'B', status: 'open' },
			]);
			expect(requests).toEqual([
				{ url: '/invoices/A', authorization: 'Bearer secret' },
				{ url: '/invoices/B', authorization: 'Bearer secret' },
			]);
		} finally {
			await new Promise((resolve) => server.close(resolve));
		}
	});
});

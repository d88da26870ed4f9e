import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes } from 'n8n-workflow';

import { runEachItem } from '../../../nodes/common/per-item';
import { DunningInputError } from '../../../nodes/shared';
import { itemsIntoNode } from '../../helpers/items-workflow';
import { runWorkflow } from '../../helpers/run-workflow';

interface Probe {
	id: string;
	waitMs: number;
	fail?: boolean;
	/** Fails as a service would: a NodeApiError with an HTTP code. */
	apiFail?: boolean;
	copies?: number;
}

/** Tracks how many handles run at once, across the whole test run of one node. */
const flight = { now: 0, most: 0, started: [] as string[] };

/** A node whose only job is to go through the wrapper: items wait, fail or fan out as their json says. */
class ProbeNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Probe',
		name: 'probe',
		group: ['transform'],
		version: 1,
		description: 'test node',
		defaults: { name: 'Probe' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		properties: [{ displayName: 'Concurrency', name: 'concurrency', type: 'number', default: 1 }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const concurrency = this.getNodeParameter('concurrency', 0) as number;
		return await runEachItem(this, { outputs: 2, failedOutput: 1, concurrency }, async (item) => {
			const probe = item.json as unknown as Probe;
			flight.started.push(probe.id);
			flight.now++;
			flight.most = Math.max(flight.most, flight.now);
			await new Promise((resolve) => setTimeout(resolve, probe.waitMs));
			flight.now--;
			if (probe.fail) throw new DunningInputError('invoice.id', `${probe.id} is refused`);
			if (probe.apiFail) {
				throw new NodeApiError(
					this.getNode(),
					{ code: 'resource_missing' },
					{ message: `Service: no invoice ${probe.id}`, httpCode: '404' },
				);
			}
			return Array.from({ length: probe.copies ?? 1 }, (_, copy) => ({
				output: 0,
				json: { id: probe.id, copy },
			}));
		});
	}
}

async function run(items: Probe[], concurrency: number, settings: Record<string, unknown> = {}) {
	flight.now = 0;
	flight.most = 0;
	flight.started = [];
	return await runWorkflow(
		itemsIntoNode(items, {
			name: 'Probe',
			type: 'test.probe',
			parameters: { concurrency },
			settings,
		}),
		{ nodeTypes: { 'test.probe': new ProbeNode() } },
	);
}

describe('runEachItem (the per-item wrapper of every node)', () => {
	it('keeps input order and pairing when later items finish first with concurrency 3', async () => {
		const items = [
			{ id: 'a', waitMs: 30 },
			{ id: 'b', waitMs: 1, copies: 2 },
			{ id: 'c', waitMs: 15 },
			{ id: 'd', waitMs: 1 },
		];
		const result = await run(items, 3);
		const out = result.outputOf('Probe', 0);
		expect(out.map((item) => [item.json.id, item.json.copy, item.pairedItem])).toEqual([
			['a', 0, { item: 0 }],
			['b', 0, { item: 1 }],
			['b', 1, { item: 1 }],
			['c', 0, { item: 2 }],
			['d', 0, { item: 3 }],
		]);
		expect(flight.most).toBe(3);
	});

	it('never has more items in flight than the concurrency, and one at a time by default', async () => {
		const items = Array.from({ length: 8 }, (_, index) => ({ id: `i${index}`, waitMs: 5 }));
		await run(items, 2);
		expect(flight.most).toBe(2);
		await run(items, 1);
		expect(flight.most).toBe(1);
		expect(flight.started).toEqual(items.map((item) => item.id));
	});

	it('with Continue On Fail sends the failed item, named by index and field, to the failed output and keeps the others', async () => {
		const items = [
			{ id: 'a', waitMs: 5 },
			{ id: 'b', waitMs: 1, fail: true },
			{ id: 'c', waitMs: 1 },
		];
		const result = await run(items, 2, { onError: 'continueRegularOutput' });
		expect(result.jsonOf('Probe', 0).map((json) => json.id)).toEqual(['a', 'c']);
		const failed = result.outputOf('Probe', 1);
		expect(failed).toHaveLength(1);
		expect(failed[0].pairedItem).toEqual({ item: 1 });
		expect(failed[0].json.error).toBe('Item 1: invoice.id: b is refused');
	});

	it('without Continue On Fail stops starting items after a failure and reports that item', async () => {
		const items = [
			{ id: 'a', waitMs: 1, fail: true },
			{ id: 'b', waitMs: 1 },
			{ id: 'c', waitMs: 1 },
		];
		const result = await run(items, 1);
		expect(result.nodeError('Probe')).toMatchObject({
			name: 'NodeOperationError',
			message: 'Item 0: invoice.id: a is refused',
			context: { itemIndex: 0 },
		});
		expect(flight.started).toEqual(['a']);
	});

	it('keeps a service error a NodeApiError with its HTTP code, naming the item in its message', async () => {
		const result = await run(
			[
				{ id: 'a', waitMs: 1 },
				{ id: 'b', waitMs: 1, apiFail: true },
			],
			1,
		);
		expect(result.nodeError('Probe')).toMatchObject({
			name: 'NodeApiError',
			message: 'Item 1: Service: no invoice b',
			httpCode: '404',
			context: { itemIndex: 1 },
		});
	});
});

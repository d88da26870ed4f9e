import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { failedItem, itemError } from './item-errors';

/** What an operation decides for one item: the output it goes to and the data it carries. */
export interface ItemOutcome {
	output: number;
	json: IDataObject;
	binary?: IBinaryKeyData;
}

/** One item in gives none, one or several items out (List Overdue gives one per invoice found). */
export type ItemResult = ItemOutcome | ItemOutcome[];

export interface EachItemOptions {
	/** How many outputs the node has. */
	outputs: number;
	/**
	 * Where a failed item goes with Continue On Fail. n8n moves it to the error output when the node has one;
	 * action nodes that can lead to a send name an output that never does (Not Claimed), never Done.
	 */
	failedOutput: number;
	/** Items handled at once (default 1). Output order and pairing stay the input's whatever the value. */
	concurrency?: number;
}

/**
 * The one per-item loop of every node: runs `handle` for each input item, pairs each output item with its
 * input item, and with Continue On Fail sends a failed item to `failedOutput` while every other item carries
 * on. Without Continue On Fail the first failure (in input order) stops the run: no new item starts, the ones
 * already in flight finish (a claim already written stays recorded at its source), then the error is thrown.
 */
export async function runEachItem(
	context: IExecuteFunctions,
	options: EachItemOptions,
	handle: (item: INodeExecutionData, itemIndex: number) => ItemResult | Promise<ItemResult>,
): Promise<INodeExecutionData[][]> {
	const items = context.getInputData();
	const settled: Array<{ result: ItemOutcome[] } | { error: unknown } | undefined> = new Array(
		items.length,
	);
	const continueOnFail = context.continueOnFail();
	let next = 0;
	let stopped = false;

	const worker = async (): Promise<void> => {
		while (!stopped && next < items.length) {
			const itemIndex = next++;
			try {
				const result = await handle(items[itemIndex], itemIndex);
				settled[itemIndex] = { result: Array.isArray(result) ? result : [result] };
			} catch (error) {
				settled[itemIndex] = { error };
				if (!continueOnFail) stopped = true;
			}
		}
	};
	const concurrency = Math.max(
		1,
		Math.min(Math.floor(options.concurrency ?? 1), items.length || 1),
	);
	await Promise.all(Array.from({ length: concurrency }, worker));

	const outputs: INodeExecutionData[][] = Array.from({ length: options.outputs }, () => []);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const outcome = settled[itemIndex];
		if (outcome === undefined) continue; // not started: an earlier item failed without Continue On Fail
		if ('error' in outcome) {
			const failure = itemError(context, outcome.error, itemIndex);
			if (!continueOnFail) throw failure;
			outputs[options.failedOutput].push(failedItem(context, items[itemIndex], failure, itemIndex));
			continue;
		}
		for (const { output, json, binary } of outcome.result) {
			outputs[output].push({
				json,
				...(binary ? { binary } : {}),
				pairedItem: { item: itemIndex },
			});
		}
	}
	return outputs;
}

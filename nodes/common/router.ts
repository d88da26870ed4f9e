import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runEachItem, type EachItemOptions, type ItemResult } from './per-item';

/** The two outputs of an action node that can lead to a send. */
export const DONE = 0;
export const NOT_CLAIMED = 1;

/** What an operation does with one item, given the run's shared state. */
export type Execute<Run> = (
	run: Run,
	item: INodeExecutionData,
	itemIndex: number,
) => Promise<ItemResult>;

/** One operation file (n8n's Airtable v2 shape): its properties, and what it does with one item. */
export interface Operation<Run> {
	description: INodeProperties[];
	execute: Execute<Run>;
}

/** An action node's operations by value, and the values of older versions that saved workflows still carry. */
export interface Operations<Run> {
	operations: Record<string, Operation<Run>>;
	aliases: Record<string, string>;
}

/** Done and Not Claimed: the outputs of an action node that can lead to a send. */
const SENDING_OUTPUTS = { outputs: 2, failedOutput: NOT_CLAIMED };

/**
 * Runs the chosen operation on every item, each with the run's shared state (one clock, one connection...).
 * A failed item goes to Not Claimed with Continue On Fail, never to Done (which leads to sending); a node
 * that only reads (one output) names its own `outputs`.
 */
export async function routeItems<Run>(
	context: IExecuteFunctions,
	run: Run,
	{ operations, aliases }: Operations<Run>,
	/** Items handled at once (the node's Requests at Once); the service's pacer bounds the calls anyway. */
	concurrency = 1,
	outputs: Omit<EachItemOptions, 'concurrency'> = SENDING_OUTPUTS,
): Promise<INodeExecutionData[][]> {
	return await runEachItem(context, { ...outputs, concurrency }, async (item, itemIndex) => {
		const value = context.getNodeParameter('operation', itemIndex) as string;
		const name = Object.hasOwn(aliases, value) ? aliases[value] : value;
		if (!Object.hasOwn(operations, name)) {
			throw new NodeOperationError(context.getNode(), `Unknown operation "${value}"`, {
				itemIndex,
			});
		}
		return await operations[name].execute(run, item, itemIndex);
	});
}

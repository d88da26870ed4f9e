import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { failedItem, itemError } from '../../common/item-errors';

/** What one operation decides for one item: the output it goes to and the data it adds. */
export interface ItemOutcome {
	output: number;
	json: IDataObject;
}

/**
 * Runs an operation on every item and routes the results, written once for every operation of the node:
 * each output item is paired with its input item, and with Continue On Fail a failed item goes to
 * `failedOutput` (n8n moves it to the error output when there is one) while every other item carries on.
 */
export function routeEachItem(
	context: IExecuteFunctions,
	outputCount: number,
	failedOutput: number,
	handle: (item: INodeExecutionData, itemIndex: number) => ItemOutcome,
): INodeExecutionData[][] {
	const items = context.getInputData();
	const outputs: INodeExecutionData[][] = Array.from({ length: outputCount }, () => []);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const { output, json } = handle(items[itemIndex], itemIndex);
			outputs[output].push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			const failure = itemError(context, error, itemIndex);
			if (!context.continueOnFail()) throw failure;
			outputs[failedOutput].push(failedItem(context, items[itemIndex], failure, itemIndex));
		}
	}
	return outputs;
}

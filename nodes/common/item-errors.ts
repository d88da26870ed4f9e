import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { DunningInputError } from '../shared';

/**
 * Turns whatever went wrong with one item into the NodeOperationError n8n shows, naming the item and, for
 * domain errors, the field at fault.
 */
export function itemError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeOperationError {
	if (error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(context.getNode(), `Item ${itemIndex}: ${message}`, {
		itemIndex,
		description:
			error instanceof DunningInputError
				? `The field "${error.field}" of item ${itemIndex} is not valid.`
				: undefined,
	});
}

/**
 * The item that carries a failed input on with Continue On Fail: its data, the error message, and the error
 * itself so that n8n moves it to the error output when the node is set to "Continue (using error output)".
 */
export function failedItem(
	item: INodeExecutionData,
	error: NodeOperationError,
	itemIndex: number,
): INodeExecutionData {
	return {
		json: { ...item.json, error: error.message },
		error,
		pairedItem: { item: itemIndex },
	};
}

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { DunningInputError } from '../shared/internal';

/**
 * Turns whatever went wrong with one item into the error n8n shows, naming the item and, for domain errors,
 * the field at fault. A service's NodeApiError stays one (its HTTP code and description reach the user), with
 * the item named in its message like every other failure.
 */
export function itemError(
	context: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeOperationError | NodeApiError {
	if (error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	if (error instanceof NodeApiError) {
		error.context.itemIndex ??= itemIndex;
		if (!error.message.startsWith('Item ')) error.message = `Item ${itemIndex}: ${error.message}`;
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
 * The item that carries a failed input on with Continue On Fail. With "Continue (using error output)" its data
 * is only the message: n8n recognises such items, moves them to the error output and merges the input item's
 * data back in (an item carrying an error object would have its data replaced by the message after that merge).
 * With "Continue" it keeps the input data next to the message.
 */
export function failedItem(
	context: IExecuteFunctions,
	item: INodeExecutionData,
	error: NodeOperationError | NodeApiError,
	itemIndex: number,
): INodeExecutionData {
	const pairedItem = { item: itemIndex };
	if (context.getNode().onError === 'continueErrorOutput') {
		return { json: { error: error.message }, pairedItem };
	}
	return { json: { ...item.json, error: error.message }, pairedItem };
}

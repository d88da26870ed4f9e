import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runEachItem } from '../../common/per-item';
import { operations } from './letter/Letter.resource';

/** Runs the chosen operation on every item; with Continue On Fail a failed item carries its error on. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	return await runEachItem(this, { outputs: 1, failedOutput: 0 }, async (item, itemIndex) => {
		const value = this.getNodeParameter('operation', itemIndex) as string;
		const operation = operations[value];
		if (!operation) {
			throw new NodeOperationError(this.getNode(), `Unknown operation "${value}"`, { itemIndex });
		}
		return await operation.execute(this, item, itemIndex);
	});
}

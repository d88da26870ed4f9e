import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runEachItem } from '../../common/per-item';
import { newRun } from './context';
import { operations } from './invoice/Invoice.resource';

/** Runs the chosen operation on every item; customers are read once for the whole run. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const run = newRun(this);
	return await runEachItem(this, { outputs: 1, failedOutput: 0 }, async (item, itemIndex) => {
		const value = this.getNodeParameter('operation', itemIndex) as string;
		const operation = operations[value];
		if (!operation) {
			throw new NodeOperationError(this.getNode(), `Unknown operation "${value}"`, { itemIndex });
		}
		return await operation.execute(run, item, itemIndex);
	});
}

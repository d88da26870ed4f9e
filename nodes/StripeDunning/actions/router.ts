import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runEachItem } from '../../common/per-item';
import { readRequestsAtOnce } from '../../common/properties';
import { STRIPE_REQUESTS_AT_ONCE } from '../../services/stripe/limits';
import { NOT_CLAIMED, type StripeRun } from './context';
import { operations, resolveOperation } from './invoice/Invoice.resource';

/**
 * Runs the chosen operation on every item. A failed item goes to Not Claimed with Continue On Fail, never to
 * Done (which leads to sending).
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const run: StripeRun = { fn: this, nowMs: Date.now() };
	return await runEachItem(
		this,
		{
			outputs: 2,
			failedOutput: NOT_CLAIMED,
			concurrency: readRequestsAtOnce(this, STRIPE_REQUESTS_AT_ONCE),
		},
		async (item, itemIndex) => {
			const value = this.getNodeParameter('operation', itemIndex) as string;
			const operation = operations[resolveOperation(value)];
			if (!operation) {
				throw new NodeOperationError(this.getNode(), `Unknown operation "${value}"`, { itemIndex });
			}
			return await operation.execute(run, item, itemIndex);
		},
	);
}

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { perItemParameters } from '../../common/parameters';
import { runEachItem } from '../../common/per-item';
import { readRequestsAtOnce } from '../../common/properties';
import { requestTimeoutMs } from '../../common/source-properties';
import { customerLookup } from '../../services/quickbooks/invoices';
import { QUICKBOOKS_REQUESTS_AT_ONCE } from '../../services/quickbooks/limits';
import { quickBooksConnection } from '../../services/quickbooks/transport';
import { NOT_CLAIMED, readOptions, timezoneOf, type QuickBooksRun } from './context';
import { operations, resolveOperation } from './invoice/Invoice.resource';

/**
 * Connects once, then runs the chosen operation on every item. A failed item goes to Not Claimed with
 * Continue On Fail, never to Done (which leads to sending).
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const options = readOptions(this, 0);
	const connection = await quickBooksConnection(this, { timeoutMs: requestTimeoutMs(options) });
	const run: QuickBooksRun = {
		fn: this,
		connection,
		// One clock for the whole run: every item is judged on the same "today".
		now: Date.now(),
		customerOf: customerLookup(this, connection, options.customerLookup),
		timezoneOf: perItemParameters(this, ['options'], (itemIndex) => timezoneOf(this, itemIndex)),
	};
	return await runEachItem(
		this,
		{
			outputs: 2,
			failedOutput: NOT_CLAIMED,
			concurrency: readRequestsAtOnce(this, QUICKBOOKS_REQUESTS_AT_ONCE),
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

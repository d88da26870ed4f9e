import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readRequestsAtOnce } from '../../common/properties';
import { routeItems } from '../../common/router';
import { PENNYLANE_REQUESTS_AT_ONCE } from '../../services/pennylane/limits';
import { newRun } from './context';
import { invoiceOperations } from './invoice/Invoice.resource';

/**
 * Runs the chosen operation on every item, up to Requests at Once together (the execution's pacer keeps the
 * calls within Pennylane's budget); customers are read once for the whole run.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	// One output: the node only reads, so a failed item (Continue On Fail) goes there too.
	const concurrency = readRequestsAtOnce(this, PENNYLANE_REQUESTS_AT_ONCE);
	return await routeItems(this, newRun(this), invoiceOperations, concurrency, {
		outputs: 1,
		failedOutput: 0,
	});
}

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeItems } from '../../common/router';
import { newRun } from './context';
import { invoiceOperations } from './invoice/Invoice.resource';

/** Runs the chosen operation on every item, one at a time; customers are read once for the whole run. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	// One output: the node only reads, so a failed item (Continue On Fail) goes there too.
	return await routeItems(this, newRun(this), invoiceOperations, 1, {
		outputs: 1,
		failedOutput: 0,
	});
}

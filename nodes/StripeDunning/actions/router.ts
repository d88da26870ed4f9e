import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeItems } from '../../common/router';
import type { StripeRun } from './context';
import { invoiceOperations } from './invoice/Invoice.resource';

/** Runs the chosen Invoice operation on every item, all judged on one clock. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const run: StripeRun = { fn: this, nowMs: Date.now() };
	return await routeItems(this, run, invoiceOperations);
}

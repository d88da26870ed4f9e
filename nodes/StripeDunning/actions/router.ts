import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { readRequestsAtOnce } from '../../common/properties';
import { routeItems } from '../../common/router';
import { STRIPE_REQUESTS_AT_ONCE } from '../../services/stripe/limits';
import type { StripeRun } from './context';
import { invoiceOperations } from './invoice/Invoice.resource';

/** Runs the chosen Invoice operation on every item, all judged on one clock. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const run: StripeRun = { fn: this, nowMs: Date.now() };
	return await routeItems(
		this,
		run,
		invoiceOperations,
		readRequestsAtOnce(this, STRIPE_REQUESTS_AT_ONCE),
	);
}

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { perItemParameters } from '../../common/parameters';
import { readRequestsAtOnce } from '../../common/properties';
import { routeItems } from '../../common/router';
import { requestTimeoutMs } from '../../common/source-properties';
import { customerLookup } from '../../services/quickbooks/invoices';
import { QUICKBOOKS_REQUESTS_AT_ONCE } from '../../services/quickbooks/limits';
import { quickBooksConnection } from '../../services/quickbooks/transport';
import { readOptions, timezoneOf, type QuickBooksRun } from './context';
import { invoiceOperations } from './invoice/Invoice.resource';

/** Connects once, then runs the chosen Invoice operation on every item. */
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
	return await routeItems(
		this,
		run,
		invoiceOperations,
		readRequestsAtOnce(this, QUICKBOOKS_REQUESTS_AT_ONCE),
	);
}

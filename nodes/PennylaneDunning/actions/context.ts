import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { requestTimeoutMs } from '../../common/source-properties';
import { CustomerCache } from '../../services/pennylane/invoices';

export { invoiceItem, itemOptions } from '../../common/source-call';

/** What every item of one run shares: n8n's context, one clock, and the customers read so far. */
export interface PennylaneRun {
	fn: IExecuteFunctions;
	nowMs: number;
	/** Each customer is read once per run, whichever operation or item needs it. */
	customers: CustomerCache;
}

export function newRun(fn: IExecuteFunctions): PennylaneRun {
	const settings = fn.getNodeParameter('options', 0, {}) as IDataObject;
	return { fn, nowMs: Date.now(), customers: new CustomerCache(fn, requestTimeoutMs(settings)) };
}

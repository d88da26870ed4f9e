import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { routeItems } from '../../common/router';
import {
	LEDGER_CREDENTIAL,
	openLedger,
	type LedgerCredential,
} from '../../services/ledger/connection';
import type { LedgerRun } from './context';
import { invoiceOperations } from './invoice/Invoice.resource';

/**
 * Runs the chosen operation on every item, on one connection pool opened for this execution and closed at its
 * end (a queue-mode worker keeps nothing between jobs).
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const credential = (await this.getCredentials(LEDGER_CREDENTIAL)) as LedgerCredential;
	const { ledger, close } = openLedger(credential);
	const run: LedgerRun = {
		fn: this,
		ledger,
		executionId: this.getExecutionId() || 'manual',
		nowMs: Date.now(),
		stateBatches: new Map(),
	};
	try {
		return await routeItems(this, run, invoiceOperations);
	} finally {
		await close();
	}
}

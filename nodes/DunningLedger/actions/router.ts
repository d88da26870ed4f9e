import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runEachItem } from '../../common/per-item';
import {
	LEDGER_CREDENTIAL,
	openLedger,
	type LedgerCredential,
} from '../../services/ledger/connection';
import { NOT_CLAIMED, type LedgerRun } from './context';
import { operations } from './invoice/Invoice.resource';

/**
 * Runs the chosen operation on every item, on one connection pool opened for this execution and closed at its
 * end (a queue-mode worker keeps nothing between jobs). A failed item goes to Not Claimed with Continue On
 * Fail, never to Done (which leads to sending).
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
		return await runEachItem(
			this,
			{ outputs: 2, failedOutput: NOT_CLAIMED },
			async (item, itemIndex) => {
				const value = this.getNodeParameter('operation', itemIndex) as string;
				const operation = operations[value];
				if (!operation) {
					throw new NodeOperationError(this.getNode(), `Unknown operation "${value}"`, {
						itemIndex,
					});
				}
				return await operation.execute(run, item, itemIndex);
			},
		);
	} finally {
		await close();
	}
}

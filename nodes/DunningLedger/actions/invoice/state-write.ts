import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { StateChange } from '../../../services/ledger/ledger';
import { DONE, invoiceKey, itemTimezone, withDunning, type LedgerExecute } from '../context';

/**
 * Record Promise, Mark Disputed, Pause...: one state change (read from the item's parameters first), then the
 * invoice's state as the ledger now holds it, the item to Done.
 */
export function writesState(
	changeOf: (fn: IExecuteFunctions, itemIndex: number) => StateChange,
): LedgerExecute {
	return async (run, item, itemIndex) => {
		const change = changeOf(run.fn, itemIndex);
		const { source, invoiceId } = invoiceKey(run, itemIndex);
		await run.ledger.setState(source, invoiceId, change, run.executionId);
		const state = await run.ledger.readState(source, invoiceId, itemTimezone(run, itemIndex));
		return { output: DONE, json: withDunning(item.json, state as unknown as IDataObject) };
	};
}

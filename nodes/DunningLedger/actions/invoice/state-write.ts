import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { ItemResult } from '../../../common/per-item';
import type { StateChange } from '../../../services/ledger/ledger';
import { DONE, invoiceKey, itemTimezone, withDunning, type LedgerRun } from '../context';

/** Record Promise, Mark Disputed, Pause…: one state change, then the invoice's state as the ledger now holds it. */
export async function writeState(
	run: LedgerRun,
	item: INodeExecutionData,
	itemIndex: number,
	change: StateChange,
): Promise<ItemResult> {
	const { source, invoiceId } = invoiceKey(run, itemIndex);
	await run.ledger.setState(source, invoiceId, change, run.executionId);
	const state = await run.ledger.readState(source, invoiceId, itemTimezone(run, itemIndex));
	return { output: DONE, json: withDunning(item.json, state as unknown as IDataObject) };
}

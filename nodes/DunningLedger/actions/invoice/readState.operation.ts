import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../common/per-item';
import { DONE, invoiceKey, itemTimezone, withDunning, type LedgerRun } from '../context';

export const description: INodeProperties[] = [];

/** The ledger's dunning state of the item's invoice, written to `invoice.dunning` (sent steps, promise...). */
export async function execute(
	run: LedgerRun,
	item: INodeExecutionData,
	itemIndex: number,
): Promise<ItemResult> {
	const { source, invoiceId } = invoiceKey(run, itemIndex);
	const state = await run.ledger.readState(source, invoiceId, itemTimezone(run, itemIndex));
	return { output: DONE, json: withDunning(item.json, state as unknown as IDataObject) };
}

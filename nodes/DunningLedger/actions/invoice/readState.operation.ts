import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { settle } from '../../../common/settle';
import { DunningInputError, type DunningState } from '../../../shared/internal';
import {
	DONE,
	invoiceKey,
	itemTimezone,
	onInvoiceKey,
	withDunning,
	type LedgerRun,
} from '../context';

export const description: INodeProperties[] = [];

type States = Map<string, DunningState>;

/**
 * One `readStates` query per (source, time zone) for the whole input, started by the first item that needs
 * it: a listing of 500 invoices costs one query, not 500. Items whose key cannot be read are left out here
 * and fail on their own below.
 */
function batchFor(run: LedgerRun, source: string, timezone: string): Promise<States> {
	const batchKey = JSON.stringify([source, timezone]);
	const known = run.stateBatches.get(batchKey);
	if (known) return known;
	const ids: string[] = [];
	const count = run.fn.getInputData().length;
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			const key = invoiceKey(run, itemIndex);
			if (key.source === source && itemTimezone(run, itemIndex) === timezone)
				ids.push(key.invoiceId);
		} catch {
			// This item's own execute reports its error.
		}
	}
	const batch = run.ledger.readStates(source, ids, timezone);
	run.stateBatches.set(batchKey, batch);
	return batch;
}

/** The ledger's dunning state of the item's invoice, written to `invoice.dunning` (sent steps, promise...). */
export const execute = onInvoiceKey(async ({ run, item, itemIndex, source, invoiceId }) => {
	const timezone = itemTimezone(run, itemIndex);
	const batch = await settle(batchFor(run, source, timezone));
	// One bad id among many refuses the whole batch: this item's own read then says whether it is this one.
	// Any other failure (the database) is this item's too.
	if (!batch.ok && !(batch.error instanceof DunningInputError)) throw batch.error;
	let state = batch.ok ? batch.value.get(invoiceId) : undefined;
	state ??= await run.ledger.readState(source, invoiceId, timezone);
	return { output: DONE, json: withDunning(item.json, state as unknown as IDataObject) };
});

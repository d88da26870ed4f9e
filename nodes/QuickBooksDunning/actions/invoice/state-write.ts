import type { IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { updateInvoiceNote } from '../../../services/quickbooks/invoices';
import { invoiceJson, normalize } from '../../../services/quickbooks/overdue';
import { isStaleSyncToken } from '../../../services/quickbooks/transport';
import { applyDunningNoteChange, type DunningNoteChange } from '../../../shared/internal';
import {
	invoiceIdOf,
	readExpanded,
	stringParameter,
	toItems,
	type QuickBooksRun,
} from '../context';

export const CHANGES: Partial<
	Record<string, (fn: IExecuteFunctions, i: number) => DunningNoteChange>
> = {
	recordPromise: (fn, i) => {
		const promisedOn = stringParameter(fn, 'promisedOn', i);
		return { kind: 'promise', promisedOn: promisedOn === '' ? null : promisedOn.slice(0, 10) };
	},
	markDisputed: () => ({ kind: 'disputed', disputed: true }),
	markUndisputed: () => ({ kind: 'disputed', disputed: false }),
	pause: () => ({ kind: 'paused', paused: true }),
	resume: () => ({ kind: 'paused', paused: false }),
};

/**
 * Promise, dispute and pause: read, change the [dunning] line, write with the SyncToken of that read. A stale
 * token here only means someone else edited the invoice meanwhile, so the read and write are repeated.
 */
export async function updateState(
	ctx: QuickBooksRun,
	operation: string,
	item: INodeExecutionData,
	itemIndex: number,
) {
	const timezone = ctx.timezoneOf(itemIndex);
	const id = invoiceIdOf(ctx, itemIndex);
	const change = CHANGES[operation]!(ctx.fn, itemIndex);
	for (let attempt = 1; ; attempt++) {
		const { raw, customer } = await readExpanded(ctx, id, timezone, itemIndex);
		const result = applyDunningNoteChange(raw.PrivateNote, change);
		let written = raw;
		if (result.changed) {
			try {
				written = await updateInvoiceNote(
					ctx.fn,
					ctx.connection,
					{ Id: id, SyncToken: String(raw.SyncToken) },
					result.note,
					itemIndex,
				);
			} catch (error) {
				if (isStaleSyncToken(error) && attempt < 3) continue;
				throw new NodeApiError(ctx.fn.getNode(), error as JsonObject);
			}
		}
		const invoice = normalize(written, timezone, customer);
		return {
			done: [
				{
					...item.json,
					...invoiceJson(invoice, written, { customer }),
					update: { operation, changed: result.changed, syncToken: String(written.SyncToken) },
				},
			],
			notClaimed: [],
		};
	}
}

/** The operation file of a one-change operation (Mark Disputed, Pause...). */
export function noteChangeExecute(operation: string) {
	return async (ctx: QuickBooksRun, item: INodeExecutionData, itemIndex: number) =>
		toItems(await updateState(ctx, operation, item, itemIndex));
}

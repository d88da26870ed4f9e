import type { IExecuteFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { updateInvoiceNote, type RawObject } from '../../../services/quickbooks/invoices';
import { isStaleSyncToken } from '../../../services/quickbooks/transport';
import { applyDunningNoteChange, type DunningNoteChange } from '../../../shared/internal';
import {
	asWritten,
	done,
	invoiceItem,
	onInvoice,
	readExpanded,
	type Execute,
	type Expanded,
	type InvoiceCall,
} from '../context';

/**
 * Reads the invoice and writes the note `decide` makes of it (none: no write) with the SyncToken of that read;
 * `answer` is then given the invoice as written (or as read). A stale token only means someone else edited the
 * invoice meanwhile, so the read and the write are repeated, three attempts in all.
 */
export async function rewriteNote<T>(
	{ run, id, timezone, itemIndex }: InvoiceCall,
	decide: (read: Expanded) => { note?: string; answer: (current: RawObject) => T },
): Promise<T> {
	for (let attempt = 1; ; attempt++) {
		const read = await readExpanded(run, id, timezone, itemIndex);
		const { note, answer } = decide(read);
		if (note === undefined) return answer(read.raw);
		let written: RawObject;
		try {
			written = await updateInvoiceNote(
				run.fn,
				run.connection,
				{ Id: id, SyncToken: String(read.raw.SyncToken) },
				note,
				itemIndex,
			);
		} catch (error) {
			if (isStaleSyncToken(error) && attempt < 3) continue;
			throw new NodeApiError(run.fn.getNode(), error as JsonObject);
		}
		return answer(written);
	}
}

/**
 * The execute of Record Promise, Mark Disputed, Pause...: one change of the invoice's [dunning] line, the item
 * to Done with what was written.
 */
export function writesNote(
	operation: string,
	changeOf: (fn: IExecuteFunctions, itemIndex: number) => DunningNoteChange,
): Execute {
	return onInvoice(async (call, item) => {
		const change = changeOf(call.run.fn, call.itemIndex);
		return await rewriteNote(call, (read) => {
			const result = applyDunningNoteChange(read.raw.PrivateNote, change);
			return {
				note: result.changed ? result.note : undefined,
				answer: (written) =>
					done(
						invoiceItem(item.json, asWritten(read, written, call.timezone), {
							update: {
								operation,
								changed: result.changed,
								syncToken: String(written.SyncToken),
							},
						}),
					),
			};
		});
	});
}

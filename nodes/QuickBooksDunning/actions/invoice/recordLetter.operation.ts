import type { INodeProperties } from 'n8n-workflow';

import {
	letterRecordJson,
	readLetterParameter,
	recordLetterProperties,
} from '../../../common/record-letter';
import { applyDunningNoteChange, DunningInputError } from '../../../shared/internal';
import { asWritten, done, invoiceItem, onInvoice, stringParameter } from '../context';
import { rewriteNote } from './state-write';

export const description: INodeProperties[] = recordLetterProperties;

/**
 * Writes the registered letter of a claimed step into the `letters=` list of the invoice's `[dunning]` note,
 * with the SyncToken of a fresh read (a stale token: read and write again, as every state write does). The
 * same letter again writes nothing, or adds its registered number; another letter for the step is refused.
 */
export const execute = onInvoice(async (call, item) => {
	const { run, itemIndex, id, timezone } = call;
	const stepId = stringParameter(run.fn, 'stepId', itemIndex);
	if (stepId === '') throw new DunningInputError('stepId', 'is empty (e.g. d30)');
	const letter = readLetterParameter(run.fn, itemIndex, stepId);
	return await rewriteNote(call, (read) => {
		const result = applyDunningNoteChange(read.raw.PrivateNote, {
			kind: 'letter',
			letter,
			invoiceId: id,
		});
		const recorded = result.letter!;
		return {
			note: result.changed ? result.note : undefined,
			answer: (written) =>
				done(
					invoiceItem(
						item.json,
						asWritten(read, written, timezone),
						letterRecordJson(id, recorded),
					),
				),
		};
	});
});

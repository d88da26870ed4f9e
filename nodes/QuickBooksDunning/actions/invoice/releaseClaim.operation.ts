import type { INodeProperties } from 'n8n-workflow';

import { readReleaseParameters, releaseClaimProperties } from '../../../common/release-claim';
import type { RawObject } from '../../../services/quickbooks/invoices';
import { applyDunningNoteChange, DunningInputError } from '../../../shared/internal';
import { asWritten, invoiceItem, onInvoice } from '../context';
import { rewriteNote } from './state-write';

export const description: INodeProperties[] = releaseClaimProperties;

/**
 * Release Claim: removes the step Claim Step wrote into the note, when the message certainly did not leave
 * (or always, if asked), so the next run sends it. A stale SyncToken only means someone edited the invoice
 * meanwhile: read and write again. A claim mark of another execution for the step is never released.
 */
export const execute = onInvoice(async (call, item) => {
	const { id, timezone } = call;
	const request = readReleaseParameters(call.run.fn, call.itemIndex);
	const { stepId, why } = request;
	if (stepId === '') throw new DunningInputError('stepId', 'no step to release');
	return await rewriteNote(call, (read) => {
		const { raw, invoice } = read;
		const answer = (released: boolean, reason: string) => (current: RawObject) => {
			const json = invoiceItem(item.json, asWritten(read, current, timezone), {
				release: { released, reason, stepId, invoiceId: id },
			});
			return released ? { done: [json], notClaimed: [] } : { done: [], notClaimed: [json] };
		};
		if (why === 'outcome_unknown') return { answer: answer(false, why) };
		if (!invoice.dunning.sentStepIds.includes(stepId))
			return { answer: answer(false, 'not_claimed') };
		const mark = new RegExp(
			`claim=${stepId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:([0-9a-f]+)`,
		).exec(String(raw.PrivateNote ?? ''));
		if (request.token !== '' && mark && mark[1] !== request.token) {
			return { answer: answer(false, 'claimed_elsewhere') };
		}
		const result = applyDunningNoteChange(raw.PrivateNote, { kind: 'release', stepId });
		return { note: result.note, answer: answer(true, why) };
	});
});

import type { INodeExecutionData, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ItemOutcome } from '../../../common/per-item';
import { readReleaseParameters, releaseClaimProperties } from '../../../common/release-claim';
import { classifySendFailure } from '../../../common/send-failure';
import { updateInvoiceNote } from '../../../services/quickbooks/invoices';
import { invoiceJson, normalize } from '../../../services/quickbooks/overdue';
import { isStaleSyncToken } from '../../../services/quickbooks/transport';
import { applyDunningNoteChange, DunningInputError } from '../../../shared/internal';
import { invoiceIdOf, readExpanded, toItems, type QuickBooksRun } from '../context';

export const description: INodeProperties[] = releaseClaimProperties({
	resource: ['invoice'],
	operation: ['releaseClaim'],
});

/**
 * Release Claim: removes the step Claim Step wrote into the note, when the message certainly did not leave
 * (or always, if asked), so the next run sends it. A stale SyncToken only means someone edited the invoice
 * meanwhile: read and write again. A claim mark of another execution for the step is never released.
 */
async function releaseClaim(ctx: QuickBooksRun, item: INodeExecutionData, itemIndex: number) {
	const timezone = ctx.timezoneOf(itemIndex);
	const id = invoiceIdOf(ctx, itemIndex);
	const request = readReleaseParameters(ctx.fn, itemIndex);
	const stepId = request.stepId;
	if (stepId === '') throw new DunningInputError('stepId', 'no step to release');
	const why =
		request.releaseWhen === 'always'
			? 'always'
			: classifySendFailure(request.sendError) === 'not_accepted'
				? 'not_accepted'
				: 'outcome_unknown';
	for (let attempt = 1; ; attempt++) {
		const { raw, customer, invoice } = await readExpanded(ctx, id, timezone, itemIndex);
		const answer = (released: boolean, reason: string, current = raw) => {
			const json = {
				...item.json,
				...invoiceJson(normalize(current, timezone, customer), current, { customer }),
				release: { released, reason, stepId, invoiceId: id },
			};
			return released ? { done: [json], notClaimed: [] } : { done: [], notClaimed: [json] };
		};
		if (why === 'outcome_unknown') return answer(false, why);
		if (!invoice.dunning.sentStepIds.includes(stepId)) return answer(false, 'not_claimed');
		const mark = new RegExp(
			`claim=${stepId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:([0-9a-f]+)`,
		).exec(String(raw.PrivateNote ?? ''));
		if (request.token !== '' && mark && mark[1] !== request.token) {
			return answer(false, 'claimed_elsewhere');
		}
		const result = applyDunningNoteChange(raw.PrivateNote, { kind: 'release', stepId });
		try {
			const written = await updateInvoiceNote(
				ctx.fn,
				ctx.connection,
				{ Id: id, SyncToken: String(raw.SyncToken) },
				result.note,
				itemIndex,
			);
			return answer(true, why, written);
		} catch (error) {
			if (isStaleSyncToken(error) && attempt < 3) continue;
			throw new NodeApiError(ctx.fn.getNode(), error as JsonObject);
		}
	}
}

export async function execute(
	run: QuickBooksRun,
	item: INodeExecutionData,
	itemIndex: number,
): Promise<ItemOutcome[]> {
	return toItems(await releaseClaim(run, item, itemIndex));
}

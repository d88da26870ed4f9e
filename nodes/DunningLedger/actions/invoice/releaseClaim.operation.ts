import type { INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../common/per-item';
import { readReleaseParameters, releaseClaimProperties } from '../../../common/release-claim';
import { classifySendFailure } from '../../../common/send-failure';
import { DunningInputError } from '../../../shared/internal';
import { DONE, NOT_CLAIMED, invoiceKey, type LedgerRun } from '../context';

export const description: INodeProperties[] = releaseClaimProperties({
	resource: ['invoice'],
	operation: ['releaseClaim'],
});

/**
 * Releases an unsent claim whose message certainly did not leave, so the next run sends the step: Done when
 * released, Not Claimed otherwise. A send whose outcome is unknown keeps its claim (`outcome_unknown`), the
 * same rule as the sources' Release Claim; a sent step is never released.
 */
export async function execute(
	run: LedgerRun,
	item: INodeExecutionData,
	itemIndex: number,
): Promise<ItemResult> {
	const { source, invoiceId } = invoiceKey(run, itemIndex);
	const request = readReleaseParameters(run.fn, itemIndex);
	if (request.stepId === '') throw new DunningInputError('stepId', 'is empty (e.g. d7)');
	const why =
		request.releaseWhen === 'always'
			? 'always'
			: classifySendFailure(request.sendError) === 'not_accepted'
				? 'not_accepted'
				: 'outcome_unknown';
	const step = { source, invoiceId, stepId: request.stepId };
	const released =
		why !== 'outcome_unknown' &&
		(await run.ledger.releaseClaim(step, {
			...(request.token ? { executionId: request.token } : {}),
			reason: why,
		}));
	const reason = why === 'outcome_unknown' ? why : released ? why : 'not_claimed';
	return {
		output: released ? DONE : NOT_CLAIMED,
		json: { ...item.json, release: { released, reason, ...step } },
	};
}

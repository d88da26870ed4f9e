import type { INodeProperties } from 'n8n-workflow';

import { readReleaseParameters, releaseClaimProperties } from '../../../common/release-claim';
import { DunningInputError } from '../../../shared/internal';
import { DONE, NOT_CLAIMED, onInvoiceKey } from '../context';

export const description: INodeProperties[] = releaseClaimProperties;

/**
 * Releases an unsent claim whose message certainly did not leave, so the next run sends the step: Done when
 * released, Not Claimed otherwise. A send whose outcome is unknown keeps its claim (`outcome_unknown`), the
 * same rule as the sources' Release Claim; a sent step is never released.
 */
export const execute = onInvoiceKey(async ({ run, item, itemIndex, source, invoiceId }) => {
	const request = readReleaseParameters(run.fn, itemIndex);
	const { why } = request;
	if (request.stepId === '') throw new DunningInputError('stepId', 'is empty (e.g. d7)');
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
});

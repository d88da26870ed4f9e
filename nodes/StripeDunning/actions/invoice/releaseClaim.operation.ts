import type { INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../common/per-item';
import { readReleaseParameters, releaseClaimProperties } from '../../../common/release-claim';
import { assertInvoiceId, assertStepId, releaseClaim } from '../../../services/stripe/invoices';
import { DONE, NOT_CLAIMED, invoiceItem, itemOptions, type StripeRun } from '../context';

export const description: INodeProperties[] = releaseClaimProperties({
	resource: ['invoice'],
	operation: ['releaseClaim'],
});

/** Releases a claim whose message certainly did not leave: Done when released, Not Claimed otherwise. */
export async function execute(
	run: StripeRun,
	item: INodeExecutionData,
	itemIndex: number,
): Promise<ItemResult> {
	const options = itemOptions(run, itemIndex);
	const invoiceId = assertInvoiceId(run.fn.getNodeParameter('invoiceId', itemIndex));
	const request = readReleaseParameters(run.fn, itemIndex);
	const result = await releaseClaim(
		run.fn,
		invoiceId,
		{ ...request, stepId: assertStepId(request.stepId) },
		options,
	);
	const release = {
		released: result.released,
		reason: result.reason,
		stepId: result.stepId,
		invoiceId,
	};
	return {
		output: result.released ? DONE : NOT_CLAIMED,
		json: invoiceItem(item.json, result, { release }),
	};
}

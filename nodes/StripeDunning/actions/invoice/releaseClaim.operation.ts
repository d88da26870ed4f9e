import type { INodeProperties } from 'n8n-workflow';

import { readReleaseParameters, releaseClaimProperties } from '../../../common/release-claim';
import { assertStepId, releaseClaim } from '../../../services/stripe/invoices';
import { DONE, NOT_CLAIMED, invoiceItem, onInvoice } from '../context';

export const description: INodeProperties[] = releaseClaimProperties;

/** Releases a claim whose message certainly did not leave: Done when released, Not Claimed otherwise. */
export const execute = onInvoice(async ({ fn, itemIndex, invoiceId, options }, item) => {
	const request = readReleaseParameters(fn, itemIndex);
	const result = await releaseClaim(
		fn,
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
});

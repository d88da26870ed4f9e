import type { INodeProperties } from 'n8n-workflow';

import { allowPaidProperty, stepIdProperty } from '../../../common/source-properties';
import { assertStepId, claimStep } from '../../../services/stripe/invoices';
import { DONE, NOT_CLAIMED, invoiceItem, onInvoice } from '../context';

export const description: INodeProperties[] = [
	stepIdProperty(
		'The step being sent; by default the step the Dunning Scenario node decided (letters, digits, - _ . :).',
	),
	allowPaidProperty('a void or uncollectible one'),
];

/** Claims the step exactly once: Done when this execution owns it, Not Claimed otherwise. */
export const execute = onInvoice(async ({ fn, itemIndex, invoiceId, options }, item) => {
	const stepId = assertStepId(fn.getNodeParameter('stepId', itemIndex));
	const allowPaid = fn.getNodeParameter('allowPaid', itemIndex, false) as boolean;
	const result = await claimStep(
		fn,
		invoiceId,
		stepId,
		options.today,
		options,
		item.json,
		allowPaid,
	);
	const claim = {
		claimed: result.claimed,
		reason: result.reason,
		stepId: result.stepId,
		idempotencyKey: result.idempotencyKey,
		token: result.token,
	};
	return {
		output: result.claimed ? DONE : NOT_CLAIMED,
		json: invoiceItem(item.json, result, { claim }),
	};
});

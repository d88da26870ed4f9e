import type { INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../common/per-item';
import { showFor } from '../../../common/source-properties';
import { assertInvoiceId, assertStepId, claimStep } from '../../../services/stripe/invoices';
import { DONE, NOT_CLAIMED, invoiceItem, itemOptions, type StripeRun } from '../context';

const show = showFor(['claimStep']);

export const description: INodeProperties[] = [
	{
		displayName: 'Step ID',
		name: 'stepId',
		type: 'string',
		required: true,
		default: '={{ $json.decision ? $json.decision.stepId : "" }}',
		placeholder: 'd7',
		displayOptions: show,
		description:
			'The step being sent; by default the step the Dunning Scenario node decided (letters, digits, - _ . :).',
	},
	{
		displayName: 'Allow Paid Invoices',
		name: 'allowPaid',
		type: 'boolean',
		default: false,
		displayOptions: show,
		description:
			'Whether a paid invoice can be claimed too (the thank-you once paid, step "thanks"); a void or uncollectible one never is',
	},
];

/** Claims the step exactly once: Done when this execution owns it, Not Claimed otherwise. */
export async function execute(
	run: StripeRun,
	item: INodeExecutionData,
	itemIndex: number,
): Promise<ItemResult> {
	const options = itemOptions(run, itemIndex);
	const invoiceId = assertInvoiceId(run.fn.getNodeParameter('invoiceId', itemIndex));
	const stepId = assertStepId(run.fn.getNodeParameter('stepId', itemIndex));
	const allowPaid = run.fn.getNodeParameter('allowPaid', itemIndex, false) as boolean;
	const result = await claimStep(
		run.fn,
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
}

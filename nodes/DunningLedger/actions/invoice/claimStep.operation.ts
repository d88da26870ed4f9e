import type { INodeProperties } from 'n8n-workflow';

import { assertApprovedIfRequired, assertReachable } from '../../../common/approval';
import { allowPaidProperty, stepIdProperty } from '../../../common/source-properties';
import { isClaimable } from '../../../shared/internal';
import { DONE, NOT_CLAIMED, itemInvoice, onInvoiceKey, stepIdOf } from '../context';

export const description: INodeProperties[] = [
	stepIdProperty('The step being sent; by default the step the Dunning Scenario node decided'),
	allowPaidProperty('a void one'),
];

/**
 * Claims the step exactly once in the ledger: Done when this execution owns it, Not Claimed otherwise. The
 * same refusals as the sources' Claim Step, before any write: a step that requires approval without it, a
 * customer email step without an address, an invoice (as the item carries it) that is no longer open.
 */
export const execute = onInvoiceKey(async ({ run, item, itemIndex, source, invoiceId }) => {
	const stepId = stepIdOf(run, itemIndex);
	const allowPaid = run.fn.getNodeParameter('allowPaid', itemIndex, false) as boolean;
	assertApprovedIfRequired(item.json, stepId);
	const invoice = itemInvoice(item.json);
	const base = { stepId, source, invoiceId };
	if (invoice !== null) {
		if (!isClaimable(invoice, allowPaid)) {
			return {
				output: NOT_CLAIMED,
				json: { ...item.json, claim: { ...base, claimed: false, reason: 'not_open', token: null } },
			};
		}
	}
	assertReachable(
		item.json,
		stepId,
		invoice ?? { id: invoiceId, number: null, customer: { email: null } },
	);
	const result = await run.ledger.claimStep({ source, invoiceId, stepId }, run.executionId);
	const reason = result.claimed
		? 'claimed'
		: result.record?.sentAt
			? 'already_sent'
			: 'claimed_elsewhere';
	const claim = {
		...base,
		claimed: result.claimed,
		reason,
		// What Mark Sent and Release Claim check: the execution that holds the claim.
		token: result.claimed ? run.executionId : null,
		record: result.record,
	};
	return { output: result.claimed ? DONE : NOT_CLAIMED, json: { ...item.json, claim } };
});

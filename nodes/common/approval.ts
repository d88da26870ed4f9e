import type { IDataObject } from 'n8n-workflow';

import { isDataObject } from './invoice-input';
import { DunningInputError } from '../shared/internal';

/**
 * The step the Dunning Scenario node attached to the item (`json.step`), when it is the step being claimed.
 * A step object without an id is taken as the claimed one (it came with the decision).
 */
export function stepOfItem(json: IDataObject, stepId: string): IDataObject | null {
	const step = json.step;
	if (!isDataObject(step)) return null;
	return step.id === undefined || step.id === stepId ? step : null;
}

/**
 * Whether the item carries a person's approval: `approval.approved === true` (written by the template after
 * the approval email), or the output of n8n's Send Email in *Send and Wait for Response* mode itself,
 * `{ data: { approved: true } }`. Only the boolean `true` counts: "true", 1 or a declined answer do not.
 */
export function approvalGiven(json: IDataObject): boolean {
	if (isDataObject(json.approval) && json.approval.approved === true) return true;
	return isDataObject(json.data) && json.data.approved === true;
}

/**
 * Approval is a property of the step, enforced where the step is claimed: a step whose `requiresApproval` is
 * true is never claimed (so never sent) without the approval on the item.
 */
export function assertApprovedIfRequired(json: IDataObject, stepId: string): void {
	const step = stepOfItem(json, stepId);
	if (step?.requiresApproval !== true || approvalGiven(json)) return;
	throw new DunningInputError(
		'approval',
		`step "${stepId}" requires approval and the item carries none (approval.approved or the approval email's data.approved is not true): ask a person first (Send Email → Send and Wait for Response), then claim`,
	);
}

/**
 * A customer email step needs an address: without one, the claim would record a reminder nobody receives.
 * Checked before the claim, so the step stays unclaimed and the next run tries again once an address exists.
 */
export function assertReachable(
	json: IDataObject,
	stepId: string,
	invoice: { id: string; number: string | null; customer: { email: string | null } },
): void {
	const step = stepOfItem(json, stepId);
	if (!step || step.audience === 'internal' || (step.channel ?? 'email') !== 'email') return;
	if (invoice.customer.email) return;
	throw new DunningInputError(
		'invoice.customer.email',
		`invoice ${invoice.number ?? invoice.id} has no email address (none on the invoice, none on its customer): step "${stepId}" was not claimed; add the address and the next run sends it`,
	);
}

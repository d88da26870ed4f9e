import type { IDataObject } from 'n8n-workflow';

import { LatePaymentPenalty } from '../../../nodes/LatePaymentPenalty/LatePaymentPenalty.node';
import { itemsIntoNode } from '../../helpers/items-workflow';
import { runWorkflow, type WorkflowJson, type WorkflowRunResult } from '../../helpers/run-workflow';

export const NODE = 'Late Payment Penalty';

const nodeTypes = { 'n8n-nodes-dunning.latePaymentPenalty': new LatePaymentPenalty() };

/** Manual Trigger → items → the node under test, as a user would wire it in the editor. */
function workflow(
	items: unknown[],
	parameters: Record<string, unknown>,
	settings: Record<string, unknown> = {},
): WorkflowJson {
	return itemsIntoNode(items, {
		name: NODE,
		type: 'n8n-nodes-dunning.latePaymentPenalty',
		parameters,
		settings,
	});
}

export function run(
	items: unknown[],
	parameters: Record<string, unknown>,
	settings: Record<string, unknown> = {},
): Promise<WorkflowRunResult> {
	return runWorkflow(workflow(items, parameters, settings), { nodeTypes });
}

export interface PenaltyJson {
	interestMinor: number;
	compensationMinor: number;
	totalMinor: number;
	periods: IDataObject[];
	legalBasis: string;
	warnings: string[];
	summary: string;
}

/** The `penalty` of every item on the node's (only) output. */
export function penalties(result: WorkflowRunResult): PenaltyJson[] {
	if (result.error) throw new Error(`the workflow failed: ${result.error.message}`);
	return result.jsonOf(NODE).map((json) => json.penalty as unknown as PenaltyJson);
}

/** Runs one item and returns its penalty. */
export async function penaltyOf(
	item: unknown,
	parameters: Record<string, unknown>,
): Promise<PenaltyJson> {
	const [penalty] = penalties(await run([item], parameters));
	return penalty;
}

/** The message of the error that stopped the workflow. */
export async function errorOf(items: unknown[], parameters: Record<string, unknown>) {
	const result = await run(items, parameters);
	expect(result.status).toBe('error');
	return result.error;
}

import { StripeDunningApi } from '../../../credentials/StripeDunningApi.credentials';
import { StripeDunning } from '../../../nodes/StripeDunning/StripeDunning.node';
import { itemsIntoNode } from '../../helpers/items-workflow';
import { runWorkflow, type WorkflowJson } from '../../helpers/run-workflow';
import type { StripeSimulator } from '../../simulators/stripe';

export const API_KEY = 'sk_test_51QbZ7kLm3QvR8tXwSecretKeyForTests';

/** Manual Trigger → items → Stripe Dunning, with the Stripe credential pointed at the simulator. */
export function dunningWorkflow(
	items: unknown[],
	parameters: Record<string, unknown>,
	settings: Record<string, unknown> = {},
): WorkflowJson {
	const workflow = itemsIntoNode(items, {
		name: 'Stripe Dunning',
		type: 'n8n-nodes-dunning.stripeDunning',
		parameters,
		settings: { credentials: { stripeDunningApi: { id: '1', name: 'Stripe' } }, ...settings },
	});
	return { ...workflow, settings: { timezone: 'Europe/Paris' } };
}

export function runDunning(
	stripe: StripeSimulator,
	items: unknown[],
	parameters: Record<string, unknown>,
	settings?: Record<string, unknown>,
) {
	return runWorkflow(dunningWorkflow(items, parameters, settings), {
		nodeTypes: { 'n8n-nodes-dunning.stripeDunning': new StripeDunning() },
		credentialTypes: [new StripeDunningApi()],
		credentials: { stripeDunningApi: { apiKey: API_KEY, baseUrl: stripe.url, webhookSecret: '' } },
	});
}

import type { INodeParameters } from 'n8n-workflow';

import { StripeDunningApi } from '../../../credentials/StripeDunningApi.credentials';
import { StripeDunning } from '../../../nodes/StripeDunning/StripeDunning.node';
import { runWorkflow, type WorkflowJson } from '../../helpers/run-workflow';
import type { StripeSimulator } from '../../simulators/stripe';

export const API_KEY = 'sk_test_51QbZ7kLm3QvR8tXwSecretKeyForTests';

/** Manual Trigger → items → Stripe Dunning, with the Stripe credential pointed at the simulator. */
export function dunningWorkflow(
	items: unknown[],
	parameters: Record<string, unknown>,
	settings: Record<string, unknown> = {},
): WorkflowJson {
	return {
		nodes: [
			{
				id: '1',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: '2',
				name: 'Items',
				type: 'test.items',
				typeVersion: 1,
				position: [200, 0],
				parameters: { items: JSON.stringify(items) },
			},
			{
				id: '3',
				name: 'Stripe Dunning',
				type: 'n8n-nodes-dunning.stripeDunning',
				typeVersion: 1,
				position: [400, 0],
				parameters: parameters as INodeParameters,
				credentials: { stripeDunningApi: { id: '1', name: 'Stripe' } },
				...settings,
			},
		],
		connections: {
			Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: 'Stripe Dunning', type: 'main', index: 0 }]] },
		},
		settings: { timezone: 'Europe/Paris' },
	};
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

// Shared by the QuickBooks node tests: a simulator per test, the OAuth2 credential pointing at it, and
// workflows Manual Trigger → items → node (or the trigger alone), run through n8n-core's engine.
import type {
	ICredentialDataDecryptedObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { QuickBooksDunningOAuth2Api } from '../../../credentials/QuickBooksDunningOAuth2Api.credentials';
import { QuickBooksDunning } from '../../../nodes/QuickBooksDunning/QuickBooksDunning.node';
import { QuickBooksInvoiceTrigger } from '../../../nodes/QuickBooksInvoiceTrigger/QuickBooksInvoiceTrigger.node';
import {
	runWorkflow,
	type RunWorkflowOptions,
	type WorkflowJson,
} from '../../helpers/run-workflow';
import { itemsIntoNode } from '../../helpers/items-workflow';
import { connectedCredentialData, type QuickBooksSimulator } from '../../simulators/quickbooks';

export const CREDENTIAL = 'quickBooksDunningOAuth2Api';

/**
 * `test.webhook`: emits one item shaped like the output of n8n's Webhook node with Options → Raw Body on:
 * `json.headers`, `json.body` (parsed) and the exact bytes received in `binary.data` (base64).
 */
class WebhookItems implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Webhook Items',
		name: 'webhook',
		group: ['transform'],
		version: 1,
		description: 'Emits a webhook delivery as the Webhook node outputs it',
		defaults: { name: 'Webhook' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Deliveries', name: 'deliveries', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const deliveries = JSON.parse(this.getNodeParameter('deliveries', 0) as string) as Array<{
			rawBody: string;
			headers: Record<string, string>;
			rawBodyBinary?: boolean;
		}>;
		return [
			deliveries.map((delivery) => {
				let body: unknown = delivery.rawBody;
				try {
					body = JSON.parse(delivery.rawBody);
				} catch {
					// kept as text
				}
				const item: INodeExecutionData = {
					json: { headers: delivery.headers, params: {}, query: {}, body: body as object },
					pairedItem: { item: 0 },
				};
				if (delivery.rawBodyBinary !== false) {
					item.binary = {
						data: {
							data: Buffer.from(delivery.rawBody, 'utf8').toString('base64'),
							mimeType: 'application/json',
						},
					};
				}
				return item;
			}),
		];
	}
}

export const nodeTypes = {
	'test.webhook': new WebhookItems(),
	'n8n-nodes-dunning.quickBooksDunning': new QuickBooksDunning(),
	'n8n-nodes-dunning.quickBooksInvoiceTrigger': new QuickBooksInvoiceTrigger(),
};

/** The credential as n8n stores it after "Connect": OAuth fields, token data with the callback's realmId. */
export function credentialFor(
	simulator: QuickBooksSimulator,
	overrides: Partial<ICredentialDataDecryptedObject> = {},
): ICredentialDataDecryptedObject {
	return {
		...connectedCredentialData(simulator),
		...overrides,
	};
}

const credentials = { [CREDENTIAL]: { id: '1', name: 'QuickBooks sandbox' } };

/** Manual Trigger → items → QuickBooks Dunning. */
export function actionWorkflow(
	items: unknown[],
	parameters: Record<string, unknown>,
	settings: Record<string, unknown> = {},
): WorkflowJson {
	return itemsIntoNode(items, {
		name: 'QuickBooks',
		type: 'n8n-nodes-dunning.quickBooksDunning',
		parameters: { resource: 'invoice', ...parameters },
		settings: { credentials, ...settings },
	});
}

/** Manual Trigger → Webhook items (as n8n's Webhook node emits them) → QuickBooks Dunning. */
export function webhookWorkflow(
	deliveries: { rawBody: string; headers: Record<string, string>; rawBodyBinary?: boolean }[],
	parameters: Record<string, unknown> = {},
	settings: Record<string, unknown> = {},
): WorkflowJson {
	const workflow = actionWorkflow([], { operation: 'verifyWebhook', ...parameters }, settings);
	workflow.nodes[1] = {
		...workflow.nodes[1],
		type: 'test.webhook',
		parameters: { deliveries: JSON.stringify(deliveries) },
	};
	return workflow;
}

/** The polling trigger alone, run as "Execute step" runs it (the engine calls poll()). */
export function triggerWorkflow(parameters: Record<string, unknown>): WorkflowJson {
	return {
		nodes: [
			{
				id: '1',
				name: 'Trigger',
				type: 'n8n-nodes-dunning.quickBooksInvoiceTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: parameters as INodeParameters,
				credentials,
			},
		],
		connections: {},
	};
}

export async function run(
	workflow: WorkflowJson,
	credential: ICredentialDataDecryptedObject,
	options: Omit<RunWorkflowOptions, 'credentialTypes' | 'credentials'> = {},
) {
	return await runWorkflow(workflow, {
		...options,
		nodeTypes: { ...nodeTypes, ...options.nodeTypes },
		credentialTypes: [new QuickBooksDunningOAuth2Api()],
		credentials: { [CREDENTIAL]: credential },
	});
}

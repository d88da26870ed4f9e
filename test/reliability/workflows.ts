// Reminder workflows for the fault-injection and concurrency tests (issue 9, parts 3 and 4), run through the
// harness: List Overdue → Dunning Scenario → Claim Step → (a hook) → Send, with every error output wired to
// a recorder so that nothing can vanish. `test.record` records the items it receives under its label;
// `test.hook` calls a test function (a payment between evaluation and sending, a token that expires).
import type {
	IConnections,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { StripeDunningApi } from '../../credentials/StripeDunningApi.credentials';
import { DunningScenario } from '../../nodes/DunningScenario/DunningScenario.node';
import { StripeDunning } from '../../nodes/StripeDunning/StripeDunning.node';
import { runWorkflow } from '../helpers/run-workflow';
import { credentialFor, run as runQuickBooks } from '../nodes/QuickBooksDunning/quickbooks-harness';
import type { QuickBooksSimulator } from '../simulators/quickbooks';
import type { StripeSimulator } from '../simulators/stripe';

export const STRIPE_KEY = 'sk_test_reliabilityKey0123456789abcdef';

/** Items recorded per run and label: `records.get(runId).get('sent')`. */
export const records = new Map<string, Map<string, INodeExecutionData['json'][]>>();
/** Test functions that `test.hook` nodes call, by name. */
export const hooks = new Map<string, (items: INodeExecutionData[]) => Promise<void> | void>();

class Record implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Record',
		name: 'record',
		group: ['transform'],
		version: 1,
		description: 'Records the items it receives',
		defaults: { name: 'Record' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'Run', name: 'run', type: 'string', default: '' },
			{ displayName: 'Label', name: 'label', type: 'string', default: '' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const runId = this.getNodeParameter('run', 0) as string;
		const label = this.getNodeParameter('label', 0) as string;
		if (!records.has(runId)) records.set(runId, new Map());
		const byLabel = records.get(runId)!;
		byLabel.set(label, [...(byLabel.get(label) ?? []), ...items.map((item) => item.json)]);
		return [items];
	}
}

class Hook implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Hook',
		name: 'hook',
		group: ['transform'],
		version: 1,
		description: 'Calls a test function, then passes the items on',
		defaults: { name: 'Hook' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Hook', name: 'hook', type: 'string', default: '' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const name = this.getNodeParameter('hook', 0) as string;
		await hooks.get(name)?.(items);
		return [items];
	}
}

export const testNodeTypes = { 'test.record': new Record(), 'test.hook': new Hook() };

const node = (
	name: string,
	type: string,
	parameters: INodeParameters,
	extra: Partial<INode> = {},
): INode => ({
	id: name,
	name,
	type,
	typeVersion: 1,
	position: [0, 0],
	parameters,
	...extra,
});

const link = (to: string) => ({ node: to, type: 'main' as const, index: 0 });

export interface ReminderWorkflowOptions {
	/** Run label for the recorders. */
	runId: string;
	/** Called between the decision and the claim (a payment, an expired token...). */
	hook?: string;
	/** Options of the API nodes (timeouts). */
	apiOptions?: INodeParameters;
}

/**
 * List Overdue → Dunning Scenario (classic-7-14-21, any day) → [Send] Hook → Claim Step → [Done] Send →
 * record "sent"; Not Claimed → record "notClaimed"; every error output → record "errors"; the scenario's
 * other outputs → record "noAction". Stripe sends with Send Reminder (Stripe's own email); QuickBooks with
 * Send Invoice Email.
 */
export function reminderWorkflow(
	source: 'stripe' | 'quickbooks',
	options: ReminderWorkflowOptions,
) {
	const api =
		source === 'stripe' ? 'n8n-nodes-dunning.stripeDunning' : 'n8n-nodes-dunning.quickBooksDunning';
	const credentials: INode['credentials'] = {
		[source === 'stripe' ? 'stripeDunningApi' : 'quickBooksDunningOAuth2Api']: {
			id: '1',
			name: source,
		},
	};
	const base: INodeParameters = source === 'quickbooks' ? { resource: 'invoice' } : {};
	const apiOptions = options.apiOptions ?? {};
	const onError = { onError: 'continueErrorOutput' as const, credentials };
	const record = (name: string, label: string) =>
		node(name, 'test.record', { run: options.runId, label });
	const nodes: INode[] = [
		node('Start', 'n8n-nodes-base.manualTrigger', {}),
		node(
			'List',
			api,
			{
				...base,
				operation: 'listOverdue',
				...(source === 'quickbooks'
					? { options: { ...apiOptions, customerLookup: 'never' } }
					: { options: apiOptions }),
			},
			onError,
		),
		node(
			'Scenario',
			'n8n-nodes-dunning.dunningScenario',
			{ scenario: 'classic-7-14-21', options: { sendOnNonBusinessDays: true } },
			{ onError: 'continueErrorOutput' },
		),
		node('Hook', 'test.hook', { hook: options.hook ?? '' }),
		node('Claim', api, { ...base, operation: 'claimStep', options: apiOptions }, onError),
		node(
			'Send',
			api,
			{
				...base,
				operation: 'sendInvoiceEmail',
				options: apiOptions,
			},
			onError,
		),
		record('Sent', 'sent'),
		record('Not Claimed', 'notClaimed'),
		record('No Action', 'noAction'),
		record('Errors', 'errors'),
	];
	const connections: IConnections = {
		Start: { main: [[link('List')]] },
		List: { main: [[link('Scenario')], [], [link('Errors')]] },
		Scenario: {
			main: [
				[link('Hook')],
				[link('No Action')],
				[link('No Action')],
				[link('No Action')],
				[link('Errors')],
			],
		},
		Hook: { main: [[link('Claim')]] },
		Claim: { main: [[link('Send')], [link('Not Claimed')], [link('Errors')]] },
		Send: { main: [[link('Sent')], [], [link('Errors')]] },
	};
	return { nodes, connections, settings: { timezone: 'Europe/Paris' } };
}

export function recorded(runId: string, label: string) {
	return records.get(runId)?.get(label) ?? [];
}

export async function runStripeReminders(
	stripe: StripeSimulator,
	options: ReminderWorkflowOptions,
) {
	return await runWorkflow(reminderWorkflow('stripe', options), {
		nodeTypes: {
			...testNodeTypes,
			'n8n-nodes-dunning.stripeDunning': new StripeDunning(),
			'n8n-nodes-dunning.dunningScenario': new DunningScenario(),
		},
		credentialTypes: [new StripeDunningApi()],
		credentials: {
			stripeDunningApi: { apiKey: STRIPE_KEY, baseUrl: stripe.url, webhookSecret: '' },
		},
	});
}

export async function runQuickBooksReminders(
	sim: QuickBooksSimulator,
	options: ReminderWorkflowOptions,
	credential = credentialFor(sim),
) {
	return await runQuickBooks(reminderWorkflow('quickbooks', options), credential, {
		nodeTypes: { ...testNodeTypes, 'n8n-nodes-dunning.dunningScenario': new DunningScenario() },
	});
}

/** The invoice id of a recorded item (normalised invoice, or the id carried by an error item). */
export function invoiceIdOf(item: INodeExecutionData['json']): string | undefined {
	const invoice = item.invoice as { id?: string } | undefined;
	return invoice?.id;
}

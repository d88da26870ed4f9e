// Reads a template of workflows/ as a graph: which node feeds which, across Execute Workflow calls of the
// workflow itself, and what kind of node each one is (a customer send, an approval, an internal alert).
import * as fs from 'node:fs';
import * as path from 'node:path';

import { DunningScenario } from '../../nodes/DunningScenario/DunningScenario.node';

export interface TemplateNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	disabled?: boolean;
}

export interface Template {
	file: string;
	name: string;
	nodes: TemplateNode[];
	connections: Record<string, { main?: { node: string; index: number }[][] }>;
}

export const WORKFLOWS_DIR = path.join(__dirname, '..', '..', 'workflows');

export function templates(): Template[] {
	return fs
		.readdirSync(WORKFLOWS_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => ({
			file,
			...(JSON.parse(fs.readFileSync(path.join(WORKFLOWS_DIR, file), 'utf8')) as Omit<
				Template,
				'file'
			>),
		}));
}

const PKG = 'n8n-nodes-dunning.';
const SEND_AND_WAIT = 'sendAndWait';

/** Nodes that can message a customer: email, SMS, letters (postal APIs by HTTP), the sources' own sends. */
const MESSAGING_TYPES = new Set([
	'n8n-nodes-base.emailSend',
	'n8n-nodes-base.gmail',
	'n8n-nodes-base.microsoftOutlook',
	'n8n-nodes-base.twilio',
	'n8n-nodes-base.vonage',
	'n8n-nodes-base.messageBird',
	'n8n-nodes-base.plivo',
	'n8n-nodes-base.httpRequest',
	'n8n-nodes-base.sendGrid',
	'n8n-nodes-base.mailgun',
	'n8n-nodes-base.mailjet',
	'n8n-nodes-base.awsSes',
]);

export function isApproval(node: TemplateNode): boolean {
	return node.parameters.operation === SEND_AND_WAIT;
}

/** A recipient fixed in the template (no expression): a team address, never a customer's. */
function fixedRecipient(node: TemplateNode): boolean {
	const to = node.parameters.toEmail ?? node.parameters.sendTo ?? node.parameters.to;
	return typeof to === 'string' && to !== '' && !to.startsWith('=');
}

/** An internal alert: an email node whose recipient is written in the template. */
export function isInternalAlert(node: TemplateNode): boolean {
	return MESSAGING_TYPES.has(node.type) && !isApproval(node) && fixedRecipient(node);
}

/** A node that can send something to a customer. */
export function isCustomerSend(node: TemplateNode): boolean {
	// `sendReminder` and `sendEmail`: the operation's values before 0.2, which saved workflows still carry.
	const sendsEmail = ['sendInvoiceEmail', 'sendReminder', 'sendEmail'];
	if (node.type === `${PKG}stripeDunning`)
		return sendsEmail.includes(String(node.parameters.operation));
	if (node.type === `${PKG}quickBooksDunning`)
		return sendsEmail.includes(String(node.parameters.operation));
	// Issue 20: a registered letter is a message to the customer, the firmest one.
	if (node.type === `${PKG}registeredLetter`) return node.parameters.operation === 'send';
	return MESSAGING_TYPES.has(node.type) && !isApproval(node) && !fixedRecipient(node);
}

const selfCall = (node: TemplateNode) =>
	node.type === 'n8n-nodes-base.executeWorkflow' &&
	JSON.stringify(node.parameters.workflowId ?? '').includes('$workflow.id');

/** The Dunning Scenario outputs that can carry a decision whose step requires approval. */
export function approvalOutputs(): number[] {
	const names = new DunningScenario().description.outputNames ?? [];
	const needsApproval = names.indexOf('Needs Approval');
	// Without a Needs Approval output, such a decision leaves on Send or Escalate like any other.
	return needsApproval >= 0 ? [needsApproval] : [0, 1];
}

export interface Edge {
	to: string;
	output: number;
}

/** Where each output of a node leads, Execute Workflow calls of this workflow leading to its trigger. */
export function edgesOf(template: Template, from: string): Edge[] {
	const byName = new Map(template.nodes.map((node) => [node.name, node]));
	const edges: Edge[] = [];
	(template.connections[from]?.main ?? []).forEach((targets, output) => {
		for (const target of targets ?? []) edges.push({ to: target.node, output });
	});
	const node = byName.get(from);
	if (node && selfCall(node)) {
		for (const trigger of template.nodes) {
			if (trigger.type === 'n8n-nodes-base.executeWorkflowTrigger')
				edges.push({ to: trigger.name, output: 0 });
		}
	}
	return edges;
}

/**
 * Every path from a Dunning Scenario output that can carry a step requiring approval to a node that messages a
 * customer without an approval node on the way. A Dunning Scenario node met on the way decides again: such a
 * step only leaves it on its approval output(s) (or its error output, which carries no decision).
 */
export function unapprovedPaths(template: Template): string[][] {
	const byName = new Map(template.nodes.map((node) => [node.name, node]));
	const carrying = approvalOutputs();
	const errorOutput = (new DunningScenario().description.outputNames ?? []).length;
	const found: string[][] = [];
	for (const scenario of template.nodes.filter((node) => node.type === `${PKG}dunningScenario`)) {
		const queue: string[][] = edgesOf(template, scenario.name)
			.filter((edge) => carrying.includes(edge.output))
			.map((edge) => [scenario.name, edge.to]);
		const seen = new Set<string>();
		while (queue.length) {
			const trail = queue.shift()!;
			const name = trail[trail.length - 1];
			if (seen.has(name)) continue;
			seen.add(name);
			const node = byName.get(name);
			if (!node || node.disabled) continue;
			if (isApproval(node)) continue;
			if (isCustomerSend(node)) {
				found.push(trail);
				continue;
			}
			for (const edge of edgesOf(template, name)) {
				if (
					node.type === `${PKG}dunningScenario` &&
					!carrying.includes(edge.output) &&
					edge.output !== errorOutput
				)
					continue;
				queue.push([...trail, edge.to]);
			}
		}
	}
	return found;
}

/** The names of every node downstream of `from` (itself excluded). */
export function downstream(template: Template, from: string): Set<string> {
	const seen = new Set<string>();
	const queue = edgesOf(template, from).map((edge) => edge.to);
	while (queue.length) {
		const name = queue.shift()!;
		if (seen.has(name)) continue;
		seen.add(name);
		for (const edge of edgesOf(template, name)) queue.push(edge.to);
	}
	return seen;
}

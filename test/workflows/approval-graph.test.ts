// Issue 19 #1 and #7, checked on every template of workflows/: a step that requires approval never reaches a
// node that messages the customer without a person's approval on the way, each approval is asked for one
// notice showing the message as composed, and the finance alerts of a run never wait for an approval.
import {
	approvalOutputs,
	downstream,
	edgesOf,
	isApproval,
	isInternalAlert,
	templates,
	unapprovedPaths,
	type Template,
} from './graph';

const all = templates();
const withApproval = all.filter((template) => template.nodes.some(isApproval));

describe('every template: approval is enforced by the graph (issue 19 #1)', () => {
	it('covers every template of workflows/', () => {
		expect(all.length).toBeGreaterThanOrEqual(10);
	});

	it.each(all.map((template) => [template.file, template] as [string, Template]))(
		'%s: no path from a step that requires approval reaches a customer email, SMS or letter without a send-and-wait approval',
		(_file, template) => {
			expect(unapprovedPaths(template).map((trail) => trail.join(' → '))).toEqual([]);
		},
	);

	it.each(
		all
			.filter((template) => template.nodes.some((node) => node.type.endsWith('.dunningScenario')))
			.map((template) => [template.file, template] as [string, Template]),
	)(
		"%s: every Needs Approval output leads to a person's approval (such a step is never dropped silently)",
		(_file, template) => {
			for (const scenario of template.nodes.filter((node) =>
				node.type.endsWith('.dunningScenario'),
			)) {
				const [needsApproval] = approvalOutputs();
				const next = edgesOf(template, scenario.name).filter(
					(edge) => edge.output === needsApproval,
				);
				expect(next.length).toBeGreaterThan(0);
				const reached = new Set(
					next.flatMap((edge) => [edge.to, ...downstream(template, edge.to)]),
				);
				const approvals = template.nodes.filter(isApproval).map((node) => node.name);
				expect(approvals.filter((name) => reached.has(name)).length).toBeGreaterThan(0);
			}
		},
	);

	it.each(withApproval.map((template) => [template.file, template] as [string, Template]))(
		'%s: each approval is asked for one notice (its own execution), showing the composed message',
		(_file, template) => {
			const byName = new Map(template.nodes.map((node) => [node.name, node]));
			for (const approval of template.nodes.filter(isApproval)) {
				// Reached only from the workflow's own Execute Workflow Trigger, called once per item without waiting.
				const callers = template.nodes.filter((node) =>
					downstream(template, node.name).has(approval.name),
				);
				const triggers = callers.filter(
					(node) => node.type === 'n8n-nodes-base.executeWorkflowTrigger',
				);
				expect(triggers.length).toBeGreaterThan(0);
				for (const caller of callers.filter(
					(node) => node.type === 'n8n-nodes-base.executeWorkflow',
				)) {
					expect(caller.parameters).toMatchObject({
						mode: 'each',
						options: { waitForSubWorkflow: false },
					});
				}
				expect(String(approval.parameters.message)).toContain('reminder.approval');
				expect(byName.get(approval.name)).toBeDefined();
			}
		},
	);
});

describe('every template: finance alerts go out in the same run, never after an approval (issue 19 #7)', () => {
	it.each(all.map((template) => [template.file, template] as [string, Template]))(
		'%s: no alert that the main run uses is downstream of a send-and-wait approval',
		(_file, template) => {
			const afterApproval = new Set<string>();
			for (const approval of template.nodes.filter(isApproval)) {
				for (const name of downstream(template, approval.name)) afterApproval.add(name);
			}
			const mainRun = new Set<string>();
			for (const trigger of template.nodes.filter((node) =>
				['n8n-nodes-base.scheduleTrigger', 'n8n-nodes-base.manualTrigger'].includes(node.type),
			)) {
				for (const name of downstream(template, trigger.name)) mainRun.add(name);
			}
			// The run's own nodes stop at the Execute Workflow call: the approvals run in executions of their own.
			const alerts = template.nodes.filter(isInternalAlert).map((node) => node.name);
			const shared = alerts.filter(
				(name) => afterApproval.has(name) && mainRun.has(name) && !viaSelfCall(template, name),
			);
			expect(shared).toEqual([]);
		},
	);
});

/** Whether the main run reaches `name` only through a call of the workflow itself (another execution). */
function viaSelfCall(template: Template, name: string): boolean {
	const byName = new Map(template.nodes.map((node) => [node.name, node]));
	const starts = template.nodes.filter((node) =>
		['n8n-nodes-base.scheduleTrigger', 'n8n-nodes-base.manualTrigger'].includes(node.type),
	);
	const seen = new Set<string>();
	const queue = starts.map((node) => node.name);
	while (queue.length) {
		const current = queue.shift()!;
		if (seen.has(current)) continue;
		seen.add(current);
		if (current === name) return false;
		for (const edge of edgesOf(template, current)) {
			const target = byName.get(edge.to);
			if (target?.type === 'n8n-nodes-base.executeWorkflowTrigger') continue;
			queue.push(edge.to);
		}
	}
	return true;
}

describe('the graph walk itself', () => {
	const ladder = all.find((template) => template.file === 'stripe-full-ladder.json')!;
	const rewired = (change: (template: Template) => void): Template => {
		const copy = JSON.parse(JSON.stringify(ladder)) as Template;
		change(copy);
		return copy;
	};

	it('finds the path when Needs Approval is wired straight to Claim Step (and so to the send)', () => {
		const broken = rewired((template) => {
			template.connections['Still Due Now?'].main![3] = [{ node: 'Claim Step', index: 0 }];
		});
		expect(unapprovedPaths(broken).map((trail) => trail.join(' → '))).toContainEqual(
			// The ladder's composer leads to the email and, through By SMS?, to the SMS (issue 20).
			expect.stringMatching(
				/^Still Due Now\? → Claim Step → Reminder Composer → (By SMS\? → )?Send Reminder (Email|SMS)$/,
			),
		);
	});

	it('finds the path when the approval email is bypassed inside the approval execution', () => {
		const broken = rewired((template) => {
			template.connections['When Approval Is Asked'].main![0] = [
				{ node: 'Claim Approved Step', index: 0 },
			];
		});
		expect(unapprovedPaths(broken).length).toBeGreaterThan(0);
	});
});

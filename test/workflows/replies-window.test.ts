// A customer may answer a reminder sent before the due date (the J-3 notice): every reply template lists the
// invoices due soon too, at least as far ahead as any reminder template reaches, so such a reply finds its
// invoice on every source.
import { templates, type Template, type TemplateNode } from './graph';

const all = templates();
const listings = (template: Template) =>
	template.nodes.filter((node) => node.parameters.operation === 'listOverdue');
const isReplyTemplate = (template: Template) =>
	template.nodes.some((node) => node.type === 'n8n-nodes-dunning.customerReply');
const ahead = (node: TemplateNode) =>
	node.parameters.includeDueSoon === true ? Number(node.parameters.dueWithinDays) : 0;

const replyTemplates = all.filter(isReplyTemplate);
/** The farthest ahead of its due date a reminder template reaches. */
const reminderReach = Math.max(
	...all
		.filter((template) => !isReplyTemplate(template))
		.flatMap(listings)
		.map(ahead),
);

describe('reply templates list the invoices due soon', () => {
	it('cover a Stripe and a QuickBooks reply template, and the reminders reach before the due date', () => {
		expect(replyTemplates.map((template) => template.file)).toEqual(
			expect.arrayContaining(['stripe-replies.json', 'quickbooks-replies.json']),
		);
		expect(reminderReach).toBeGreaterThanOrEqual(3);
	});

	it.each(replyTemplates.map((template) => [template.file, template] as [string, Template]))(
		'%s: every List Overdue includes the invoices due soon, at least as far ahead as any reminder',
		(_file, template) => {
			expect(listings(template).length).toBeGreaterThan(0);
			for (const node of listings(template)) {
				expect([node.name, node.parameters.includeDueSoon]).toEqual([node.name, true]);
				expect(ahead(node)).toBeGreaterThanOrEqual(reminderReach);
			}
		},
	);

	it('every reply template uses the same window', () => {
		const windows = replyTemplates.flatMap(listings).map((node) => ({
			minDaysOverdue: node.parameters.minDaysOverdue,
			dueWithinDays: node.parameters.dueWithinDays,
		}));
		expect(new Set(windows.map((window) => JSON.stringify(window))).size).toBe(1);
	});
});

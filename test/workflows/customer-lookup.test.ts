// QuickBooks keeps a customer's tags (vip, strategic), mobile number and often its postal address on the customer
// record, which the QuickBooks nodes read only for an invoice without BillEmail unless Customer Lookup is Always.
// Every QuickBooks template that depends on them sets Always on each QuickBooks node: otherwise a strategic
// customer is chased as any other, and the SMS and the letter lose their number and address.
import { templates, type Template, type TemplateNode } from './graph';

const QUICKBOOKS = 'n8n-nodes-dunning.quickBooksDunning';

const text = (node: TemplateNode) => JSON.stringify(node.parameters);
const listsTags = (value: unknown) => typeof value === 'string' && value.trim() !== '';

/** What in the template reads the customer record: its tags, its phone (SMS), its address (letters). */
function readsCustomerRecord(template: Template): string[] {
	const reasons: string[] = [];
	for (const node of template.nodes) {
		const options = (node.parameters.options ?? {}) as Record<string, unknown>;
		if (node.type === 'n8n-nodes-base.stickyNote') continue;
		if (text(node).includes('customer.tags')) reasons.push(`${node.name} reads customer.tags`);
		for (const option of ['escalateTags', 'excludeTags', 'vipTags'])
			if (listsTags(options[option])) reasons.push(`${node.name} ${option}`);
		if (node.type === 'n8n-nodes-base.twilio') reasons.push(`${node.name} needs customer.phone`);
		if (node.type === 'n8n-nodes-dunning.registeredLetter')
			reasons.push(`${node.name} needs customer.address`);
	}
	return reasons;
}

const quickBooksTemplates = templates().filter((template) =>
	template.nodes.some((node) => node.type === QUICKBOOKS),
);
const dependent = quickBooksTemplates.filter((template) => readsCustomerRecord(template).length);

describe('QuickBooks templates that depend on the customer record read it for every invoice', () => {
	it('include the exceptions, ladder, formal notice and weekly report templates', () => {
		expect(dependent.map((template) => template.file)).toEqual(
			expect.arrayContaining([
				'quickbooks-exceptions-account-manager.json',
				'quickbooks-full-ladder.json',
				'quickbooks-formal-notice-approval.json',
				'quickbooks-weekly-report.json',
			]),
		);
	});

	it.each(dependent.map((template) => [template.file, template] as [string, Template]))(
		'%s: every QuickBooks node sets Customer Lookup to Always',
		(_file, template) => {
			const missing = template.nodes
				.filter((node) => node.type === QUICKBOOKS)
				.filter(
					(node) =>
						(node.parameters.options as { customerLookup?: string } | undefined)?.customerLookup !==
						'always',
				)
				.map((node) => node.name);
			expect(missing).toEqual([]);
		},
	);
});

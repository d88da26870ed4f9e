// Every template keeps the French public holidays: each Dunning Scenario node (preset or Custom Steps) and each
// Dunning Report that replays a scenario resolves, through the node's own parameter reading, to a scenario whose
// holiday calendar is FR. Custom Steps have none of their own: without the option they would send on 14 July.
import type { IExecuteFunctions } from 'n8n-workflow';

import { readScenario, type ScenarioOverrides } from '../../nodes/common/scenario-parameters';
import { templates, type Template, type TemplateNode } from './graph';

const SCENARIO = 'n8n-nodes-dunning.dunningScenario';
const REPORT = 'n8n-nodes-dunning.dunningReport';
const REPLAYS = ['simulatePolicy', 'preview'];

/** Reads a parameter of the node by its dotted path, as n8n's getNodeParameter does (expressions aside). */
function contextOf(node: TemplateNode): IExecuteFunctions {
	const read = (name: string, _item: number, fallback?: unknown) => {
		let value: unknown = node.parameters;
		for (const key of name.split('.'))
			value = (value as Record<string, unknown> | undefined)?.[key];
		return value === undefined ? fallback : value;
	};
	return {
		getNodeParameter: read,
		getTimezone: () => 'Europe/Paris',
	} as unknown as IExecuteFunctions;
}

/** The holidays the node runs with: the scenario the node resolves with its options' overrides. */
function resolvedHolidays(node: TemplateNode): string | null {
	const context = contextOf(node);
	if (node.type === REPORT) return readScenario(context, 0).holidays;
	// minimumDue and now are read by the node, not by the scenario (as evaluate.operation.ts splits them).
	const overrides = { ...(node.parameters.options as ScenarioOverrides & Record<string, unknown>) };
	delete overrides.minimumDue;
	delete overrides.now;
	return readScenario(context, 0, overrides).holidays;
}

const deciding = (template: Template) =>
	template.nodes.filter(
		(node) =>
			node.type === SCENARIO ||
			(node.type === REPORT && REPLAYS.includes(String(node.parameters.operation))),
	);
const cases = templates()
	.filter((template) => deciding(template).length > 0)
	.map((template) => [template.file, template] as [string, Template]);

describe('every template: no step is sent on a French public holiday', () => {
	it('covers the reminder templates, custom steps included', () => {
		const files = cases.map(([file]) => file);
		expect(files).toEqual(
			expect.arrayContaining([
				'stripe-full-ladder.json',
				'quickbooks-exceptions-account-manager.json',
				'pennylane-formal-notice-approval.json',
				'spreadsheet-classic-7-14-21.json',
			]),
		);
	});

	it.each(cases)(
		'%s: every Dunning Scenario node sets Holidays Country FR and resolves to FR holidays',
		(_file, template) => {
			for (const node of deciding(template)) {
				if (node.type === SCENARIO)
					expect([node.name, (node.parameters.options as { holidays?: string }).holidays]).toEqual([
						node.name,
						'FR',
					]);
				expect([node.name, resolvedHolidays(node)]).toEqual([node.name, 'FR']);
			}
		},
	);
});

// What README promises of each reminder template, checked on every template of workflows/ that claims a step
// decided by a Dunning Scenario: a broken payment promise alerts the account manager after the claim, and each
// invoice is read again from its source and evaluated again before any claim, so a payment recorded since the
// listing stops it. The spreadsheet template has no source it could read again: it is the one exception.
import {
	downstream,
	edgesOf,
	isInternalAlert,
	templates,
	type Template,
	type TemplateNode,
} from './graph';

const PKG = 'n8n-nodes-dunning.';
const SCENARIO = `${PKG}dunningScenario`;
const SOURCES = ['stripeDunning', 'quickBooksDunning', 'pennylaneDunning'].map(
	(name) => PKG + name,
);
/** Templates whose invoices come from a source that cannot be read again (README states it). */
const WITHOUT_FRESH_READ = ['spreadsheet-classic-7-14-21.json'];

const isClaim = (node: TemplateNode) => node.parameters.operation === 'claimStep';
const reminderTemplates = templates().filter(
	(template) =>
		template.nodes.some((node) => node.type === SCENARIO) && template.nodes.some(isClaim),
);
const cases = reminderTemplates.map((template) => [template.file, template] as [string, Template]);
const nodeOf = (template: Template, name: string) => {
	const node = template.nodes.find((entry) => entry.name === name);
	if (!node) throw new Error(`${template.file}: no node ${name}`);
	return node;
};

/** The Dunning Scenario nodes no other Dunning Scenario feeds: the first decision on the listed invoices. */
function firstScenarios(template: Template): TemplateNode[] {
	const scenarios = template.nodes.filter((node) => node.type === SCENARIO);
	const fed = new Set(scenarios.flatMap((node) => [...downstream(template, node.name)]));
	return scenarios.filter((node) => !fed.has(node.name));
}

/**
 * Every path from a first decision to a claim, or to another decision, that does not read the invoice again
 * from its source (a source's Get) before deciding again: a claim reached so is claimed on the listing's data.
 */
function stalePaths(template: Template): string[] {
	const found: string[] = [];
	for (const scenario of firstScenarios(template)) {
		const queue = edgesOf(template, scenario.name)
			.filter((edge) => [0, 1, 3].includes(edge.output))
			.map((edge) => ({ trail: [scenario.name, edge.to], fresh: false }));
		const seen = new Set<string>();
		while (queue.length) {
			const { trail, fresh } = queue.shift()!;
			const name = trail[trail.length - 1];
			const node = nodeOf(template, name);
			const isFresh = fresh || (SOURCES.includes(node.type) && node.parameters.operation === 'get');
			if (node.type === SCENARIO || isClaim(node)) {
				if (!(isFresh && node.type === SCENARIO)) found.push(trail.join(' → '));
				continue;
			}
			if (seen.has(`${name}:${isFresh}`)) continue;
			seen.add(`${name}:${isFresh}`);
			for (const edge of edgesOf(template, name))
				queue.push({ trail: [...trail, edge.to], fresh: isFresh });
		}
	}
	return found;
}

describe('every reminder template keeps the promises README makes of it', () => {
	it('covers the Stripe, QuickBooks, Pennylane and spreadsheet reminder templates', () => {
		expect(cases.map(([file]) => file)).toEqual(
			expect.arrayContaining([
				'stripe-classic-7-14-21.json',
				'quickbooks-full-ladder.json',
				'pennylane-classic-7-14-21.json',
				'pennylane-formal-notice-approval.json',
				'spreadsheet-classic-7-14-21.json',
			]),
		);
	});

	it.each(cases)(
		'%s: a claimed step whose decision is a broken promise alerts the account manager (Promise Broken?)',
		(_file, template) => {
			const branches = template.nodes.filter(
				(node) =>
					node.type === 'n8n-nodes-base.if' &&
					JSON.stringify(node.parameters).includes('decision.reason') &&
					JSON.stringify(node.parameters).includes('promise_broken'),
			);
			expect(branches).toHaveLength(1);
			const [branch] = branches;
			const feeders = template.nodes.filter((node) =>
				edgesOf(template, node.name).some((edge) => edge.to === branch.name && edge.output === 0),
			);
			expect(feeders.map((node) => node.parameters.operation)).toEqual(['claimStep']);
			const alerts = edgesOf(template, branch.name)
				.filter((edge) => edge.output === 0)
				.map((edge) => nodeOf(template, edge.to));
			expect(alerts.length).toBe(1);
			expect(isInternalAlert(alerts[0])).toBe(true);
			expect(alerts[0].parameters.toEmail).toMatch(/account-manager/);
		},
	);

	it.each(cases.filter(([file]) => !WITHOUT_FRESH_READ.includes(file)))(
		'%s: every invoice is read again from its source and evaluated again before any claim',
		(_file, template) => {
			expect(stalePaths(template)).toEqual([]);
		},
	);

	it.each(cases.filter(([file]) => WITHOUT_FRESH_READ.includes(file)))(
		'%s: has no fresh read before the claim (the exception README states; remove it here once it has one)',
		(_file, template) => {
			expect(stalePaths(template).length).toBeGreaterThan(0);
		},
	);
});

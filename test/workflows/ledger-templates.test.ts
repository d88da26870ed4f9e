// The templates whose state lives in the Dunning Ledger (issue 22): the ledger's state is read before any
// scenario decides, every email sent after a ledger claim has its proof recorded by Mark Sent reading that
// claim (Send Email replaces the item), and every such email's failure can release its claim.
import { edgesOf, templates, type Template } from './graph';

const LEDGER = 'n8n-nodes-dunning.dunningLedger';
const ledgerTemplates = templates().filter((template) =>
	template.nodes.some((node) => node.type === LEDGER && node.parameters.operation === 'claimStep'),
);
const cases = ledgerTemplates.map((template) => [template.file, template] as [string, Template]);

const byName = (template: Template, name: string) => {
	const node = template.nodes.find((entry) => entry.name === name);
	if (!node) throw new Error(`${template.file}: no node ${name}`);
	return node;
};
const targets = (template: Template, from: string, output = 0) =>
	edgesOf(template, from)
		.filter((edge) => edge.output === output)
		.map((edge) => byName(template, edge.to));

describe('templates on the Dunning Ledger', () => {
	it('are the Pennylane and spreadsheet templates', () => {
		expect(ledgerTemplates.map((template) => template.file)).toEqual([
			'pennylane-classic-7-14-21.json',
			'pennylane-formal-notice-approval.json',
			'spreadsheet-classic-7-14-21.json',
		]);
	});

	it.each(cases)(
		'%s: each Read Dunning State feeds a Dunning Scenario, and one feeds the first',
		(_file, template) => {
			const read = template.nodes.filter(
				(node) => node.type === LEDGER && node.parameters.operation === 'readState',
			);
			// The listing's read, and the fresh read's before the claim where the source can be read again.
			expect(read.length).toBeGreaterThanOrEqual(1);
			for (const node of read)
				expect(targets(template, node.name).map((next) => next.type)).toEqual([
					'n8n-nodes-dunning.dunningScenario',
				]);
			expect(targets(template, read[0].name).map((next) => next.name)).toEqual([
				'Dunning Scenario',
			]);
		},
	);

	it.each(cases)(
		'%s: each ledger claim leads to one Send Email, then Mark Sent reading the claim; the send error releases the claim',
		(_file, template) => {
			const claims = template.nodes.filter(
				(node) => node.type === LEDGER && node.parameters.operation === 'claimStep',
			);
			expect(claims.length).toBeGreaterThanOrEqual(3); // reminders, escalation, approved notice
			for (const claim of claims) {
				// The approved notice with its letter is composed after the claim (the PDF is rendered then).
				const afterClaim = targets(template, claim.name).flatMap((node) =>
					node.name === 'Compose Notice With Letter' ? targets(template, node.name) : [node],
				);
				const sends = afterClaim.filter((node) => node.type === 'n8n-nodes-base.emailSend');
				expect(sends).toHaveLength(1);
				const [mark] = targets(template, sends[0].name, 0);
				expect(mark).toMatchObject({ type: LEDGER, parameters: { operation: 'markSent' } });
				for (const field of ['source', 'invoiceId', 'stepId', 'address', 'message', 'claimMark']) {
					expect(String(mark.parameters[field])).toContain(`$('${claim.name}').item.json`);
				}
				const [split] = targets(template, sends[0].name, 1);
				const releases = targets(template, split.name).filter(
					(node) => node.type === LEDGER && node.parameters.operation === 'releaseClaim',
				);
				expect(releases.map((node) => node.parameters.releaseWhen)).toEqual(['notAccepted']);
			}
		},
	);
});

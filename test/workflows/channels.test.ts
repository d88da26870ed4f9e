// Issue 20 in the templates of workflows/: the approved formal notice leaves with its PDF letter by email and by
// registered mail (Maileva), the letter is then recorded on the invoice (Record Letter, on the source's node or
// the Dunning Ledger), and the ladder's J+1 step goes by SMS through n8n's Twilio node, or by email when the
// composer fell back. Checked on the graph, offline (no template can reach Twilio or Maileva here).
import { downstream, edgesOf, templates, unapprovedPaths, type Template } from './graph';

const all = templates();
const byFile = (file: string) => all.find((template) => template.file === file)!;
const node = (template: Template, name: string) => {
	const found = template.nodes.find((entry) => entry.name === name);
	if (!found) throw new Error(`${template.file}: no node "${name}"`);
	return found as Template['nodes'][number] & { credentials?: Record<string, { name: string }> };
};

const LETTER_TEMPLATES = [
	'stripe-formal-notice-approval.json',
	'quickbooks-formal-notice-approval.json',
	'stripe-full-ladder.json',
	'quickbooks-full-ladder.json',
	'pennylane-formal-notice-approval.json',
];
/** Where each template records the letter: the node that holds its dunning state. */
const STATE_NODE: Record<string, string> = {
	stripe: 'n8n-nodes-dunning.stripeDunning',
	quickbooks: 'n8n-nodes-dunning.quickBooksDunning',
	pennylane: 'n8n-nodes-dunning.dunningLedger',
};
const SMS_TEMPLATES = ['stripe-full-ladder.json', 'quickbooks-full-ladder.json'];

describe('templates: the approved formal notice as a letter (issue 20)', () => {
	it.each(LETTER_TEMPLATES)(
		'%s: Claim Approved Step → Compose Notice With Letter (attachLetter) → the email with the PDF and the Registered Letter node',
		(file) => {
			const template = byFile(file);
			const next = (name: string, output = 0) =>
				edgesOf(template, name)
					.filter((edge) => edge.output === output)
					.map((edge) => edge.to);
			expect(next('Claim Approved Step')).toEqual(['Compose Notice With Letter']);
			expect(node(template, 'Compose Notice With Letter').parameters).toMatchObject({
				attachLetter: true,
				// Shipped empty: the composer refuses the letter until the user sets it (Before you activate).
				letterOptions: { senderCity: '' },
			});
			expect(next('Compose Notice With Letter').sort()).toEqual([
				'Post Registered Letter',
				'Send Approved Notice',
			]);
			expect(node(template, 'Send Approved Notice').parameters).toMatchObject({
				options: { fileAttachments: 'letter' },
			});
			const post = node(template, 'Post Registered Letter');
			expect(post.type).toBe('n8n-nodes-dunning.registeredLetter');
			expect(post.parameters).toMatchObject({ operation: 'send', binaryPropertyName: 'letter' });
			expect(Object.keys(post.credentials ?? {})).toEqual(['mailevaApi']);
			// The letter is recorded on the invoice, then the tracking goes to finance; a failure of either
			// to the approved notice's alert.
			expect(next('Post Registered Letter')).toEqual(['Record Letter On Invoice']);
			expect(next('Post Registered Letter', 1)).toEqual(['Alert Finance: Approved Notice Failed']);
			expect(next('Record Letter On Invoice')).toEqual(['Tell Finance: Letter Posted']);
			expect(next('Record Letter On Invoice', 1)).toEqual([
				'Alert Finance: Approved Notice Failed',
			]);
			expect(next('Record Letter On Invoice', 2)).toEqual([
				'Alert Finance: Approved Notice Failed',
			]);
			expect(String(node(template, 'Tell Finance: Letter Posted').parameters.html)).toContain(
				'registeredNumber',
			);
		},
	);

	it.each(LETTER_TEMPLATES)(
		'%s: Record Letter On Invoice is the node holding the state, with the step and the letter from the item',
		(file) => {
			const template = byFile(file);
			const recordNode = node(template, 'Record Letter On Invoice');
			expect(recordNode.type).toBe(STATE_NODE[file.split('-')[0]]);
			expect(recordNode.parameters).toMatchObject({
				resource: 'invoice',
				operation: 'recordLetter',
			});
			// The node's defaults take decision.stepId and the letter the Registered Letter node added.
			expect(recordNode.parameters).not.toHaveProperty('stepId');
			expect(recordNode.parameters).not.toHaveProperty('letter');
			// The same credential as the claim before it: the letter is written where the claim was.
			const claim = node(template, 'Claim Approved Step');
			expect(claim.type).toBe(recordNode.type);
			expect(recordNode.credentials).toEqual(claim.credentials);
		},
	);

	it.each(LETTER_TEMPLATES)(
		'%s: the approved notice’s alert says a letter posted but not recorded will not be posted again',
		(file) => {
			const alert = node(byFile(file), 'Alert Finance: Approved Notice Failed');
			expect(String(alert.parameters.html)).toContain(
				"$json.letter && $json.letter.sendingId ? 'The registered letter was posted (",
			);
		},
	);

	it.each(LETTER_TEMPLATES)(
		'%s: the letter is posted only downstream of the approval email',
		(file) => {
			const template = byFile(file);
			const approvals = template.nodes.filter(
				(entry) => entry.parameters.operation === 'sendAndWait',
			);
			expect(approvals.length).toBeGreaterThan(0);
			for (const approval of approvals) {
				expect(downstream(template, approval.name).has('Post Registered Letter')).toBe(true);
			}
			expect(unapprovedPaths(template)).toEqual([]);
		},
	);

	it('the graph check sees a Registered Letter node reached without the approval', () => {
		const copy = JSON.parse(
			JSON.stringify(byFile('stripe-formal-notice-approval.json')),
		) as Template;
		copy.connections['When Approval Is Asked'].main![0] = [
			{ node: 'Compose Notice With Letter', index: 0 },
		];
		// Only the registered letter and the email remain as sends on that path.
		const trails = unapprovedPaths(copy).map((trail) => trail[trail.length - 1]);
		expect(trails).toContain('Post Registered Letter');
	});
});

describe('templates: the ladder’s SMS step (issue 20)', () => {
	it.each(SMS_TEMPLATES)('%s: both scenario nodes send J+1 by SMS and J+30 by letter', (file) => {
		const template = byFile(file);
		for (const name of ['Dunning Scenario', 'Still Due Now?']) {
			const steps = (node(template, name).parameters.steps as { step: Record<string, unknown>[] })
				.step;
			expect(steps.find((step) => step.id === 'd1')).toMatchObject({ channel: 'sms' });
			expect(steps.find((step) => step.id === 'd30')).toMatchObject({ channel: 'letter' });
		}
	});

	it.each(SMS_TEMPLATES)(
		'%s: Reminder Composer → By SMS? → n8n’s Twilio node (send, from/to/message), else Send Reminder Email',
		(file) => {
			const template = byFile(file);
			expect(edgesOf(template, 'Reminder Composer').map((edge) => edge.to)).toContain('By SMS?');
			const [yes, no] = [0, 1].map((output) =>
				edgesOf(template, 'By SMS?')
					.filter((edge) => edge.output === output)
					.map((edge) => edge.to),
			);
			expect(yes).toEqual(['Send Reminder SMS']);
			expect(no).toEqual(['Send Reminder Email']);
			const sms = node(template, 'Send Reminder SMS');
			expect(sms.type).toBe('n8n-nodes-base.twilio');
			expect(sms.parameters).toMatchObject({
				resource: 'sms',
				operation: 'send',
				from: expect.stringMatching(/^\+\d+$/),
				to: '={{ $json.reminder.sms.to }}',
				message: '={{ $json.reminder.sms.text }}',
			});
			expect(Object.keys(sms.credentials ?? {})).toEqual(['twilioApi']);
			expect(JSON.stringify(node(template, 'By SMS?').parameters.conditions)).toContain(
				'"leftValue":"={{ $json.reminder.channel }}","rightValue":"sms"',
			);
			// A failed SMS goes to the claim's release, as a failed email does.
			expect(
				edgesOf(template, 'Send Reminder SMS')
					.filter((edge) => edge.output === 1)
					.map((edge) => edge.to),
			).toEqual(['One Item Per Claimed Invoice (SMS)']);
		},
	);
});

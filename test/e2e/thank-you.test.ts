// The Stripe thank-you template (workflows/stripe-thank-you.json) in a real n8n 2.41.1 against the Stripe
// simulator and MailDev. The webhook trigger is replaced by a Manual Trigger and a Code node that emits the paid
// invoices, read afresh by Stripe Dunning Get (what the trigger's signed delivery gives: the invoice normalised
// with its customer); every node after it is the template's own. The trigger's signature checks and its
// dropping of a redelivered event are covered by test/real-n8n/stripe.test.ts.
// Runs with N8N_REAL=1 after npm run build.
import type { WorkflowJson } from '../../scripts/n8n/instance';
import { startStripeSimulator, type StripeSimulator } from '../simulators/stripe';
import { payInvoice, seedDemoBook, type SeededBook } from '../simulators/stripe/demo-book';
import { stripeSimulatorCredential } from '../helpers/real-n8n';
import {
	bind,
	countByRecipient,
	describeReal,
	emailsTo,
	itemsOf,
	MINUTE,
	settledEmails,
	startEnvironment,
	stopEnvironment,
	template,
	type E2eEnvironment,
} from './harness';

const API_KEY = 'sk_test_e2eThankYouStripeSimulator';
const CREDENTIAL = { id: 'e2eStripeThanks01', name: 'Stripe thank-you book' };
const TRIGGER = 'Invoice Paid (Stripe)';

/** The template, its webhook trigger replaced by Run Now → Paid Invoices (ids) → Read Paid Invoice (Get). */
function manualCopy(invoiceIds: string[]): WorkflowJson {
	const workflow = bind(template('stripe-thank-you.json'), {
		stripeDunningApi: CREDENTIAL,
	});
	const trigger = workflow.nodes.find((node) => node.name === TRIGGER)!;
	const [x, y] = trigger.position as [number, number];
	workflow.nodes = workflow.nodes.filter((node) => node.name !== TRIGGER);
	const connections = workflow.connections as Record<string, unknown>;
	const next = connections[TRIGGER];
	delete connections[TRIGGER];
	workflow.nodes.push(
		{
			id: 'e2e00000-0000-4000-8000-000000000001',
			name: 'Run Now',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [x - 480, y],
			parameters: {},
		},
		{
			id: 'e2e00000-0000-4000-8000-000000000002',
			name: 'Paid Invoices',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [x - 240, y],
			parameters: {
				jsCode: `return ${JSON.stringify(invoiceIds)}.map((id) => ({ json: { id } }));`,
			},
		},
		{
			id: 'e2e00000-0000-4000-8000-000000000003',
			name: 'Read Paid Invoice',
			type: 'n8n-nodes-dunning.stripeDunning',
			typeVersion: 1,
			position: [x, y],
			parameters: {
				resource: 'invoice',
				operation: 'get',
				invoiceId: '={{ $json.id }}',
				options: { timezone: 'Europe/Paris' },
			},
			credentials: { stripeDunningApi: CREDENTIAL },
		},
	);
	connections['Run Now'] = { main: [[{ node: 'Paid Invoices', type: 'main', index: 0 }]] };
	connections['Paid Invoices'] = {
		main: [[{ node: 'Read Paid Invoice', type: 'main', index: 0 }]],
	};
	connections['Read Paid Invoice'] = next;
	return workflow;
}

describeReal('Stripe thank-you template end to end (real n8n, simulator, MailDev)', () => {
	let env: E2eEnvironment;
	let sim: StripeSimulator;
	let book: SeededBook;
	let workflowId: string;
	const seen = new Set<string>();

	beforeAll(async () => {
		sim = await startStripeSimulator({ apiKeys: [API_KEY] });
		book = seedDemoBook(sim);
		// Reminded (d7 sent) and never reminded: both paid in full, as Stripe records it (invoice.paid).
		payInvoice(sim, book.ids['second-d14']);
		payInvoice(sim, book.ids['first-d7']);
		const workflow = manualCopy([book.ids['second-d14'], book.ids['first-d7']]);
		workflowId = String(workflow.id);
		env = await startEnvironment(
			() => [stripeSimulatorCredential(CREDENTIAL, API_KEY, sim.url)],
			[workflow],
		);
	}, 10 * MINUTE);

	afterAll(() => stopEnvironment(env, { thanks: { sim } }), MINUTE);

	it(
		'thanks the reminded customer once, records step thanks on the invoice, never thanks the never-reminded one, and a second event sends nothing',
		async () => {
			const run = await env.n8n.executeWorkflow(workflowId);
			const emails = await settledEmails(env.mail, seen);
			const reminded = book.emails.c1;
			expect(countByRecipient(emails)).toEqual({ [reminded]: 1 });
			expect(emailsTo(emails, reminded)[0].subject).toMatch(/merci/i);
			expect(itemsOf(run, 'Never Reminded: No Thank-You')).toHaveLength(1);

			const metadata = sim.invoice(book.ids['second-d14'])!.metadata as Record<string, string>;
			expect(metadata.dunning_sent_steps).toBe('d7,thanks');
			expect(metadata.dunning_last_sent_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			const never = sim.invoice(book.ids['first-d7'])!.metadata as Record<string, string>;
			expect(never.dunning_sent_steps ?? '').toBe('');

			// The same payment delivered again: nothing more goes out.
			await env.n8n.executeWorkflow(workflowId);
			expect(await settledEmails(env.mail, seen)).toEqual([]);
			expect(
				(sim.invoice(book.ids['second-d14'])!.metadata as Record<string, string>)
					.dunning_sent_steps,
			).toBe('d7,thanks');
		},
		10 * MINUTE,
	);
});

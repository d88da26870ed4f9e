// Concurrency in a real n8n 2.41.1 (issue 9, part 4): the same reminder workflow (List Overdue → Dunning
// Scenario → Claim Step → Send Reminder) started twice at once with `n8n execute`, over the same invoices of
// one Stripe simulator. Each step must be claimed once and Stripe must email each invoice once: the expected
// and actual counts are printed and compared. Runs with N8N_REAL=1 after npm run build.
import type { N8nInstance, WorkflowRun } from '../../scripts/n8n/instance';
import { createInstance, nodeOutput, packageBuilt } from '../../scripts/n8n/instance';
import {
	describeReal,
	MINUTE,
	stripeReminderWorkflow,
	stripeSimulatorCredential,
} from '../helpers/real-n8n';
import { startStripeSimulator, type StripeSimulator } from '../simulators/stripe';

const DAY = 86_400;
const API_KEY = 'sk_test_realN8nConcurrencyKey01234567';
const CREDENTIAL = { id: 'stripeConcurrency1', name: 'Stripe simulator' };
const INVOICES = 12;

function reminderWorkflow() {
	return {
		id: 'concurrentReminders',
		name: 'Concurrent reminders',
		...stripeReminderWorkflow(
			{
				id: 'start-node',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			CREDENTIAL,
		),
		settings: { timezone: 'Europe/Paris' },
	};
}

describeReal('real n8n: the reminder workflow executed twice at once', () => {
	let n8n: N8nInstance;
	let stripe: StripeSimulator;
	let workflowId: string;

	beforeAll(async () => {
		if (!packageBuilt()) throw new Error('run npm run build first');
		stripe = await startStripeSimulator({ apiKeys: [API_KEY] });
		n8n = await createInstance({ withPackage: true });
		await n8n.importCredentials(stripeSimulatorCredential(CREDENTIAL, API_KEY, stripe.url));
		workflowId = await n8n.importWorkflow(reminderWorkflow());
	}, 25 * MINUTE);

	afterAll(async () => {
		await n8n?.dispose();
		await stripe?.stop();
	});

	it(
		`two n8n execute at once over ${INVOICES} invoices: ${INVOICES} claims and ${INVOICES} emails`,
		async () => {
			const now = Math.floor(Date.now() / 1000);
			const seeded = stripe.seedInvoices(INVOICES, { dueDate: () => now - 10 * DAY });
			// Every request takes 2 s, so each execution lasts about ten seconds and the two overlap although each
			// CLI process boots n8n first (10 s or more, not always equally fast). Since the nodes send up to 10
			// requests at once (Requests at Once), 200 ms made an execution last about 2 s: a run whose n8n booted
			// later could list the invoices after the other had sent them all, and overlap nothing.
			stripe.latencyMs = 2000;
			const runs: WorkflowRun[] = await Promise.all([
				n8n.executeWorkflow(workflowId, { timeoutMs: 5 * MINUTE }),
				n8n.executeWorkflow(workflowId, { timeoutMs: 5 * MINUTE }),
			]);
			const claimed = runs.flatMap((run) => nodeOutput(run, 'Claim', 0));
			const notClaimed = runs.flatMap((run) => nodeOutput(run, 'Claim', 1));
			const decided = runs.flatMap((run) => nodeOutput(run, 'Scenario', 0));
			const sendRequests = stripe.requests.filter(
				(request) => request.method === 'POST' && request.path.endsWith('/send'),
			);
			const emails = stripe.events.filter((event) => event.type === 'invoice.sent');
			const counts = {
				expected: INVOICES,
				decidedToSend: decided.length,
				claims: claimed.length,
				notClaimed: notClaimed.length,
				sendRequests: sendRequests.length,
				emails: emails.length,
			};
			process.stdout.write(`[concurrency] real n8n, two n8n execute: ${JSON.stringify(counts)}\n`);
			// Both executions decided to send most invoices (an invoice the other had already claimed when it
			// listed is decided "wait" instead); whatever the overlap, one claim and one email per invoice.
			expect(counts.decidedToSend).toBeGreaterThan(INVOICES);
			expect(counts.claims).toBe(INVOICES);
			expect(counts.notClaimed).toBe(counts.decidedToSend - INVOICES);
			expect(counts.sendRequests).toBe(INVOICES);
			expect(counts.emails).toBe(INVOICES);
			const ids = new Set(
				emails.map((event) => (event.data as { object: { id: string } }).object.id),
			);
			expect([...ids].sort()).toEqual(seeded.map((invoice) => invoice.id).sort());
		},
		10 * MINUTE,
	);
});

// The Pennylane Invoice Trigger in a real n8n 2.41.1 (scripts/n8n), against the Pennylane simulator running in
// this process: n8n loads the node and both Pennylane credentials from the built package, and a manual run of
// a workflow that starts with the trigger (the editor's "Execute workflow", through the REST API) polls
// Pennylane and emits the overdue invoices. Runs with N8N_REAL=1 after npm run build.
import type { N8nInstance } from '../../scripts/n8n/instance';
import { createInstance } from '../../scripts/n8n/instance';
import { runInServer } from '../../scripts/n8n/server-runs';
import {
	collectAndPost,
	describeRealWithPackage,
	INSTALL_TIMEOUT,
	MINUTE,
	startSink,
	waitFor,
} from '../helpers/real-n8n';
import {
	SIMULATOR_TOKEN,
	startPennylaneSimulator,
	type PennylaneSimulator,
} from '../simulators/pennylane';

const ZONE = 'Europe/Paris';
const TRIGGER = 'Pennylane Invoice Trigger';
const credential = { id: 'plSimCredential01', name: 'Pennylane simulator' };

function todayIn(zone: string): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
}

describeRealWithPackage('Pennylane Invoice Trigger in a real n8n 2.41.1', () => {
	let n8n: N8nInstance;
	let sim: PennylaneSimulator;
	let sink: Awaited<ReturnType<typeof startSink>>;
	let workflowId: string;

	beforeAll(async () => {
		sim = await startPennylaneSimulator();
		sink = await startSink();
		n8n = await createInstance({ withPackage: true });
		await n8n.importCredentials({
			...credential,
			type: 'pennylaneDunningApi',
			data: { apiToken: SIMULATOR_TOKEN, baseUrl: sim.baseUrl },
		});
		workflowId = await n8n.importWorkflow({
			id: 'plTriggerWorkflow1',
			name: 'Pennylane overdue invoices',
			nodes: [
				{
					id: 'e0000000-0000-4000-8000-000000000001',
					name: TRIGGER,
					type: 'n8n-nodes-dunning.pennylaneInvoiceTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {
						pollTimes: { item: [{ mode: 'everyHour' }] },
						options: { timezone: ZONE },
					},
					credentials: { pennylaneDunningApi: credential },
				},
				...collectAndPost(sink.url, 'manual', 1, 'event'),
			],
			connections: {
				[TRIGGER]: { main: [[{ node: 'Collect manual', type: 'main', index: 0 }]] },
				'Collect manual': { main: [[{ node: 'Post manual', type: 'main', index: 0 }]] },
			},
			settings: { executionOrder: 'v1' },
		});
		await n8n.start();
		await n8n.setupOwner();
	}, INSTALL_TIMEOUT);

	afterAll(async () => {
		await n8n?.dispose();
		await sim?.stop();
		await sink?.close();
	}, MINUTE);

	it(
		'loads the trigger and both Pennylane credentials, and a manual run emits the overdue invoices',
		async () => {
			const nodes = (await n8n.rest('GET', '/types/nodes.json')).body as { name: string }[];
			expect(nodes.map((type) => type.name)).toContain('n8n-nodes-dunning.pennylaneInvoiceTrigger');
			const credentials = (await n8n.rest('GET', '/types/credentials.json')).body as {
				name: string;
			}[];
			expect(credentials.map((type) => type.name)).toEqual(
				expect.arrayContaining(['pennylaneDunningApi', 'pennylaneDunningOAuth2Api']),
			);

			const today = todayIn(ZONE);
			const expected = [...sim.invoices.values()]
				.filter(
					(invoice) =>
						invoice.draft !== true &&
						invoice.paid !== true &&
						!['cancelled', 'archived'].includes(String(invoice.status)) &&
						Number(invoice.remaining_amount_with_tax) > 0 &&
						String(invoice.deadline) < today,
				)
				.map((invoice) => String(invoice.id))
				.sort();
			expect(expected.length).toBeGreaterThanOrEqual(3);

			const run = await runInServer(n8n, workflowId, TRIGGER);
			expect(run.status).toBe('success');
			const posted = await waitFor('the manual run', () => sink.posts[0], MINUTE);
			expect([...posted.ids].sort()).toEqual(expected);
			expect(posted.events.every((event) => event === 'overdue')).toBe(true);
			// Invoices with a customer e-mail carry it: the customers were read (each once).
			expect(posted.emails.some((email) => typeof email === 'string' && email.includes('@'))).toBe(
				true,
			);
			const customerReads = sim.requests.filter((request) =>
				request.path.startsWith('/customers/'),
			);
			expect(customerReads.length).toBe(new Set(customerReads.map((request) => request.path)).size);
			expect(
				sim.requests.every((request) => request.authorization === `Bearer ${SIMULATOR_TOKEN}`),
			).toBe(true);
		},
		5 * MINUTE,
	);
});

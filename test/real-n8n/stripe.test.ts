// Stripe in a real n8n 2.41.1 (scripts/n8n), against the Stripe simulator running in this process:
// - an active workflow with the Stripe Invoice Trigger in webhook mode registers its endpoint with Stripe on
//   activation, accepts a correctly signed delivery (and fills in the customer), and refuses forged, stale and
//   unsigned ones; our own metadata write and a duplicate delivery start nothing;
// - an active polling workflow emits each overdue invoice once across polls, and registers no endpoint.
// - deactivating the webhook workflow deletes the endpoint it registered.
// Runs with N8N_REAL=1 after npm run build.
import type { N8nInstance } from '../../scripts/n8n/instance';
import { createInstance, packageBuilt } from '../../scripts/n8n/instance';
import {
	collectAndPost,
	describeReal,
	MINUTE,
	startSink,
	stripeSimulatorCredential,
	waitFor,
} from '../helpers/real-n8n';
import { sendRequest, startStripeSimulator, type StripeSimulator } from '../simulators/stripe';

const DAY = 86_400;
const CREDENTIAL_ID = 'stripeSimCredent1';
const API_KEY = 'sk_test_realN8nStripeSimulatorKey';
const ZONE = 'Europe/Paris';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const credential = { id: CREDENTIAL_ID, name: 'Stripe simulator' };
const credentials = { stripeDunningApi: credential };

describeReal('Stripe nodes in a real n8n 2.41.1', () => {
	let n8n: N8nInstance;
	let stripe: StripeSimulator;
	let sink: Awaited<ReturnType<typeof startSink>>;
	let overdueIds: string[];

	beforeAll(async () => {
		if (!packageBuilt()) throw new Error('run npm run build first');
		stripe = await startStripeSimulator({ apiKeys: [API_KEY] });
		const now = stripe.now();
		// 250 open send_invoice invoices: three pages of 100 in the real n8n too; 200 are overdue by 1+ days.
		const seeded = stripe.seedInvoices(250, {
			dueDate: (index) => (index % 5 === 4 ? now + 3 * DAY : now - (2 + (index % 20)) * DAY),
		});
		overdueIds = seeded
			.filter((invoice) => (invoice.due_date as number) < now)
			.map((invoice) => invoice.id as string)
			.sort();
		sink = await startSink();
		n8n = await createInstance({ withPackage: true });
		await n8n.importCredentials(stripeSimulatorCredential(credential, API_KEY, stripe.url));
		const webhookWorkflow = await n8n.importWorkflow({
			id: 'stripeWebhookWf01',
			name: 'Stripe invoice events',
			nodes: [
				{
					id: 'a0000000-0000-4000-8000-000000000001',
					name: 'Stripe Invoice Trigger',
					type: 'n8n-nodes-dunning.stripeInvoiceTrigger',
					typeVersion: 1,
					position: [0, 0],
					webhookId: 'a0000000-0000-4000-8000-0000000000aa',
					parameters: {
						mode: 'webhook',
						endpoint: 'register',
						events: ['invoice.overdue', 'invoice.updated', 'invoice.paid'],
						options: { timezone: ZONE },
					},
					credentials,
				},
				...collectAndPost(sink.url, 'webhook', 1, 'event.type'),
			],
			connections: {
				'Stripe Invoice Trigger': { main: [[{ node: 'Collect webhook', type: 'main', index: 0 }]] },
				'Collect webhook': { main: [[{ node: 'Post webhook', type: 'main', index: 0 }]] },
			},
			settings: { executionOrder: 'v1' },
		});
		const pollingWorkflow = await n8n.importWorkflow({
			id: 'stripePollingWf01',
			name: 'Stripe overdue invoices',
			nodes: [
				{
					id: 'b0000000-0000-4000-8000-000000000001',
					name: 'Stripe Invoice Trigger',
					type: 'n8n-nodes-dunning.stripeInvoiceTrigger',
					typeVersion: 1,
					position: [0, 0],
					webhookId: 'b0000000-0000-4000-8000-0000000000bb',
					parameters: {
						mode: 'polling',
						pollTimes: { item: [{ mode: 'everyMinute' }] },
						minDaysOverdue: 1,
						options: { timezone: ZONE },
					},
					credentials,
				},
				...collectAndPost(sink.url, 'poll', 2, 'event.type'),
			],
			connections: {
				'Stripe Invoice Trigger': { main: [[{ node: 'Collect poll', type: 'main', index: 0 }]] },
				'Collect poll': { main: [[{ node: 'Post poll', type: 'main', index: 0 }]] },
			},
			settings: { executionOrder: 'v1' },
		});
		await n8n.cliOk(['publish:workflow', `--id=${webhookWorkflow}`]);
		await n8n.cliOk(['publish:workflow', `--id=${pollingWorkflow}`]);
		await n8n.start();
		await n8n.setupOwner();
	}, 25 * MINUTE);

	afterAll(async () => {
		await n8n?.dispose();
		await stripe?.stop();
		await sink?.close();
	}, MINUTE);

	it(
		'webhook mode: registers its endpoint, accepts a signed delivery, refuses forged, stale and unsigned ones',
		async () => {
			const endpoint = await waitFor(
				'the endpoint registered on activation',
				() => [...stripe.endpoints.values()][0],
				3 * MINUTE,
			).catch((error: Error) => {
				const calls = stripe.requests.map(
					(request) => `${request.method} ${request.path} ${request.status}`,
				);
				throw new Error(
					`${error.message}\nStripe calls: ${calls.slice(0, 20).join('; ')}\nn8n log:\n${n8n.logs.slice(-6000)}`,
				);
			});
			// Only the webhook-mode workflow registered one: the polling one has no webhook at all.
			expect(stripe.endpoints.size).toBe(1);
			expect(endpoint.url).toBe(`${n8n.url}/webhook/a0000000-0000-4000-8000-0000000000aa/webhook`);
			expect([...endpoint.enabled_events].sort()).toEqual([
				'invoice.overdue',
				'invoice.paid',
				'invoice.updated',
			]);
			expect(endpoint.api_version).toBe('2026-10-28.endive');

			// An overdue invoice whose own copy of the customer's email is missing: the trigger reads the customer.
			const invoice = stripe.invoice(overdueIds[0])!;
			invoice.customer_email = null;
			const before = sink.posts.length;
			const event = stripe.emit('invoice.overdue', invoice);
			await stripe.settled();
			// Right after activation n8n may not yet see the endpoint's secret in the workflow's static data and
			// answers 401; Stripe retries a failed delivery, and so does this test (with the same event).
			for (let retry = 0; retry < 30 && stripe.deliveries.at(-1)?.status !== 200; retry++) {
				await new Promise((resolve) => setTimeout(resolve, 2000));
				stripe.deliver(event);
				await stripe.settled();
			}
			expect(stripe.deliveries.at(-1)).toMatchObject({ eventId: event.id, status: 200 });
			const received = await waitFor(
				'the signed delivery',
				() => sink.posts.slice(before).find((post) => post.source === 'webhook'),
				MINUTE,
			);
			expect(received).toMatchObject({
				ids: [invoice.id],
				events: ['invoice.overdue'],
				emails: ['compta@atelier-vauclair.example.fr'],
			});

			const url = endpoint.url;
			const body = JSON.stringify({ ...event, id: 'evt_forged_1' });
			expect(await stripe.post(url, body, 'whsec_not_the_secret')).toBe(401);
			expect(await stripe.post(url, body, endpoint.secret, null)).toBe(400);
			const stale = stripe.signature(body, endpoint.secret, stripe.now() - 301);
			expect(await stripe.post(url, body, endpoint.secret, stale)).toBe(401);
			const tampered = body.replace(`"id":"${invoice.id}"`, '"id":"in_attacker"');
			expect(
				await stripe.post(url, tampered, endpoint.secret, stripe.signature(body, endpoint.secret)),
			).toBe(401);

			// Stripe delivers the same event again: answered, not emitted twice.
			stripe.deliver(event);
			// Our own metadata write (as Claim Step does it) emits invoice.updated: answered, not emitted.
			const write = await sendRequest(
				'POST',
				`${stripe.url}/v1/invoices/${invoice.id}`,
				'metadata[dunning_sent_steps]=d7&metadata[dunning_last_sent_on]=2026-11-26',
				{ Authorization: `Bearer ${API_KEY}`, 'Content-Type': 'application/x-www-form-urlencoded' },
			);
			expect(write.status).toBe(200);
			await stripe.settled();
			expect(stripe.deliveries.slice(-2).map((delivery) => delivery.status)).toEqual([200, 200]);
			await pause(8000);
			expect(sink.posts.slice(before).filter((post) => post.source === 'webhook')).toHaveLength(1);
		},
		5 * MINUTE,
	);

	it(
		'polling mode: an active workflow emits each overdue invoice once, across polls',
		async () => {
			const first = await waitFor(
				'the first poll',
				() => sink.posts.find((post) => post.source === 'poll'),
				2 * MINUTE,
			);
			const listCalls = () =>
				stripe.requests.filter(
					(request) => request.method === 'GET' && request.path === '/v1/invoices',
				).length;
			const afterFirst = listCalls();
			await waitFor('a second poll', () => listCalls() > afterFirst, 3 * MINUTE);
			await pause(5000);
			const polls = sink.posts.filter((post) => post.source === 'poll');
			expect(polls).toHaveLength(1);
			expect([...first.ids].sort()).toEqual(overdueIds);
			expect(first.events.every((type) => type === 'invoice.overdue')).toBe(true);
			expect(first.emails.every((email) => email === 'compta@atelier-vauclair.example.fr')).toBe(
				true,
			);
		},
		6 * MINUTE,
	);

	it(
		'deactivating the webhook workflow deletes its Stripe endpoint',
		async () => {
			expect(stripe.endpoints.size).toBe(1);
			const response = await n8n.rest('POST', '/rest/workflows/stripeWebhookWf01/deactivate', {});
			expect(response.status).toBe(200);
			await waitFor('the endpoint deleted', () => stripe.endpoints.size === 0, MINUTE);
			expect(
				stripe.requests
					.filter((request) => request.method === 'DELETE')
					.map((request) => request.status),
			).toEqual([200]);
		},
		2 * MINUTE,
	);
});

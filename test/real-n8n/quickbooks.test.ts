// QuickBooks in a real n8n 2.41.1 (scripts/n8n), against the QuickBooks simulator running in this process:
// an active polling workflow emits each overdue invoice once (the first poll refreshes an expired OAuth2 token
// and n8n stores the rotated refresh token), and a signed notification delivered to a Webhook node followed by
// Verify and Expand Webhook is expanded while a forged one is refused. Runs with N8N_REAL=1 after npm run build.
//
// The OAuth2 credential is imported already connected, its access token expired (quickBooksSimulatorCredential).
import type { N8nInstance } from '../../scripts/n8n/instance';
import { createInstance, packageBuilt } from '../../scripts/n8n/instance';
import {
	collectAndPost,
	describeReal,
	MINUTE,
	quickBooksSimulatorCredential,
	startSink,
	waitFor,
} from '../helpers/real-n8n';
import { startQuickBooksSimulator, type QuickBooksSimulator } from '../simulators/quickbooks';

const CREDENTIAL_ID = 'qbSimCredential1';
const ZONE = 'Europe/London';

/** n8n's REST API sends execution data in the `flatted` format: objects and strings by index in one array. */
function parseFlatted(text: string): unknown {
	const table = JSON.parse(text) as unknown[];
	const revived = new Set<object>();
	const revive = (value: unknown): unknown => {
		if (typeof value !== 'object' || value === null || revived.has(value)) return value;
		revived.add(value);
		const entries = value as Record<string, unknown>;
		for (const key of Object.keys(entries)) {
			if (typeof entries[key] === 'string') entries[key] = revive(table[Number(entries[key])]);
		}
		return value;
	};
	return revive(table[0]);
}

function todayIn(zone: string): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
}

const credential = { id: CREDENTIAL_ID, name: 'QuickBooks simulator' };
const credentials = { quickBooksDunningOAuth2Api: credential };

describeReal('QuickBooks nodes in a real n8n 2.41.1', () => {
	let n8n: N8nInstance;
	let sim: QuickBooksSimulator;
	let sink: Awaited<ReturnType<typeof startSink>>;
	let firstRefreshToken: string;
	const webhookPath = 'quickbooks-dunning-test';

	beforeAll(async () => {
		if (!packageBuilt()) throw new Error('run npm run build first');
		sim = await startQuickBooksSimulator();
		// Paging past 1,000 in the real n8n too; created yesterday, so the next polls' CDC does not list them.
		sim.seedInvoices(1500, { dueDate: '2026-01-15', updatedAt: Date.now() - 86_400_000 });
		sink = await startSink();
		n8n = await createInstance({ withPackage: true });

		const tokens = sim.issueTokens();
		firstRefreshToken = tokens.refresh_token;
		sim.expireAccessTokens(); // the first call gets 401: n8n refreshes and stores the rotated token
		await n8n.importCredentials(quickBooksSimulatorCredential(credential, sim, tokens));

		const pollingId = await n8n.importWorkflow({
			id: 'qbPollingWorkflow1',
			name: 'QuickBooks overdue invoices',
			nodes: [
				{
					id: 'a0000000-0000-4000-8000-000000000001',
					name: 'QuickBooks Invoice Trigger',
					type: 'n8n-nodes-dunning.quickBooksInvoiceTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {
						pollTimes: { item: [{ mode: 'everyMinute' }] },
						graceDays: 0,
						options: { timezone: ZONE },
					},
					credentials,
				},
				...collectAndPost(sink.url, 'poll', 1, 'event'),
			],
			connections: {
				'QuickBooks Invoice Trigger': {
					main: [[{ node: 'Collect poll', type: 'main', index: 0 }]],
				},
				'Collect poll': { main: [[{ node: 'Post poll', type: 'main', index: 0 }]] },
			},
			settings: { executionOrder: 'v1' },
		});
		const webhookId = await n8n.importWorkflow({
			id: 'qbWebhookWorkflow1',
			name: 'QuickBooks notifications',
			nodes: [
				{
					id: 'b0000000-0000-4000-8000-000000000001',
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: 'b0000000-0000-4000-8000-0000000000aa',
					parameters: {
						httpMethod: 'POST',
						path: webhookPath,
						responseMode: 'onReceived',
						options: { rawBody: true },
					},
				},
				{
					id: 'b0000000-0000-4000-8000-000000000002',
					name: 'Verify and Expand',
					type: 'n8n-nodes-dunning.quickBooksDunning',
					typeVersion: 1,
					position: [200, 0],
					parameters: {
						resource: 'invoice',
						operation: 'verifyWebhook',
						graceDays: 0,
						options: { timezone: ZONE },
					},
					credentials,
				},
				...collectAndPost(sink.url, 'webhook', 2, 'event'),
			],
			connections: {
				Webhook: { main: [[{ node: 'Verify and Expand', type: 'main', index: 0 }]] },
				'Verify and Expand': { main: [[{ node: 'Collect webhook', type: 'main', index: 0 }]] },
				'Collect webhook': { main: [[{ node: 'Post webhook', type: 'main', index: 0 }]] },
			},
			settings: { executionOrder: 'v1' },
		});
		await n8n.cliOk(['publish:workflow', `--id=${pollingId}`]);
		await n8n.cliOk(['publish:workflow', `--id=${webhookId}`]);
		await n8n.start();
		await n8n.setupOwner();
	}, 25 * MINUTE);

	afterAll(async () => {
		await n8n?.dispose();
		await sim?.stop();
		await sink?.close();
	}, MINUTE);

	it(
		'an active polling workflow emits each overdue invoice once, across polls',
		async () => {
			const today = todayIn(ZONE);
			const expected = [...sim.invoices.values()]
				.filter((invoice) => Number(invoice.Balance) > 0 && String(invoice.DueDate) < today)
				.map((invoice) => String(invoice.Id))
				.sort();
			expect(expected.length).toBeGreaterThan(1000);

			// n8n polls once on activation, then every minute: wait for a second poll (a CDC call).
			const first = await waitFor(
				'the first poll',
				() => sink.posts.find((post) => post.source === 'poll'),
				2 * MINUTE,
			);
			await waitFor(
				'a second poll',
				() => sim.requests.some((request) => request.path === '/cdc'),
				3 * MINUTE,
			);
			await new Promise((resolve) => setTimeout(resolve, 5000));

			const polls = sink.posts.filter((post) => post.source === 'poll');
			expect(polls).toHaveLength(1);
			expect([...first.ids].sort()).toEqual(expected);
			expect(new Set(first.ids).size).toBe(first.ids.length);
			expect(first.events.every((event) => event === 'overdue')).toBe(true);
			expect(first.emails.every((email) => typeof email === 'string' && email.includes('@'))).toBe(
				true,
			);
			// One full query (two pages), then only CDC.
			const pages = sim.requests.filter(
				(request) => request.status === 200 && /startposition/.test(request.query.query ?? ''),
			);
			expect(pages.map((request) => /startposition (\d+)/.exec(request.query.query)![1])).toEqual([
				'1',
				'1001',
			]);

			// The expired token was refreshed once; n8n stored the rotated refresh token and kept using it.
			expect(sim.tokenRequests.map((request) => [request.refreshToken, request.status])).toEqual([
				[firstRefreshToken, 200],
			]);
			expect(sim.isRefreshTokenValid(firstRefreshToken)).toBe(false);
			const exported = await n8n.cliOk([
				'export:credentials',
				`--id=${CREDENTIAL_ID}`,
				'--decrypted',
			]);
			const stored = JSON.parse(exported.stdout.slice(exported.stdout.indexOf('['))) as {
				data: { oauthTokenData: { refresh_token: string } };
			}[];
			const refreshToken = stored[0].data.oauthTokenData.refresh_token;
			expect(refreshToken).not.toBe(firstRefreshToken);
			expect(sim.isRefreshTokenValid(refreshToken)).toBe(true);

			// A payment in QuickBooks reaches the next poll through CDC: the invoice comes out once more, as paid.
			const cdcCalls = sim.requests.filter((request) => request.path === '/cdc').length;
			sim.editInvoice(expected[0], { Balance: 0 });
			const paid = await waitFor(
				'the paid invoice',
				() => sink.posts.filter((post) => post.source === 'poll')[1],
				3 * MINUTE,
			);
			expect([paid.ids, paid.events]).toEqual([[expected[0]], ['paid']]);
			expect(sim.requests.filter((request) => request.path === '/cdc').length).toBeGreaterThan(
				cdcCalls,
			);
		},
		9 * MINUTE,
	);

	it(
		'a signed notification is expanded by Verify and Expand Webhook, a forged one is refused',
		async () => {
			const url = `${n8n.url}/webhook/${webhookPath}`;
			const before = sink.posts.length;
			const changes = [
				{ entity: 'invoice', id: '1043', operation: 'updated' },
				{ entity: 'payment', id: '212', operation: 'created' },
				{ entity: 'invoice', id: '1046', operation: 'updated' },
			];
			const signed = await sim.deliverWebhook(url, changes);
			expect(signed.status).toBe(200);
			const expanded = await waitFor(
				'the expanded notification',
				() => sink.posts.slice(before).find((post) => post.source === 'webhook'),
				MINUTE,
			);
			// 1043 is open and overdue (named twice: by its update and by the payment); 1046 is not due yet.
			expect(expanded.ids).toEqual(todayIn(ZONE) > '2026-12-04' ? ['1043', '1046'] : ['1043']);
			expect(expanded.emails[0]).toBe('accounts@harrowpike.example.co.uk');

			const readsBefore = sim.requests.length;
			const forged = await sim.deliverWebhook(url, changes, { forge: true });
			expect(forged.status).toBe(200); // the Webhook node answers at once, as Intuit requires
			await new Promise((resolve) => setTimeout(resolve, 8000));
			expect(sink.posts.slice(before).filter((post) => post.source === 'webhook')).toHaveLength(1);
			expect(sim.requests.slice(readsBefore).filter((request) => request.path !== '/cdc')).toEqual(
				[],
			);
			const list = await n8n.rest(
				'GET',
				`/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: 'qbWebhookWorkflow1' }))}`,
			);
			const results = (list.body as { data: { results: { id: string; status: string }[] } }).data
				.results;
			expect(results.map((execution) => execution.status).sort()).toEqual(['error', 'success']);
			const refused = results.find((execution) => execution.status === 'error')!;
			const detail = await n8n.rest('GET', `/rest/executions/${refused.id}`);
			const run = parseFlatted((detail.body as { data: { data: string } }).data.data) as {
				resultData: { runData: Record<string, { error?: { message: string } }[]> };
			};
			expect(run.resultData.runData['Verify and Expand'][0].error?.message).toBe(
				'Refused: the intuit-signature header does not match the body',
			);
		},
		3 * MINUTE,
	);
});

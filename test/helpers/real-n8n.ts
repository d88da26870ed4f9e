// What the tests that drive a real n8n 2.41.1 (test/real-n8n, test/e2e) share: when they run, the credentials
// that point our nodes at the simulators, the workflow pieces several of them build, and a sink that records
// what a workflow posts. Kept here so that a change to one (a credential field, a node's id) is made once.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { CredentialJson, WorkflowJson } from '../../scripts/n8n/instance';
import { packageBuilt } from '../../scripts/n8n/instance';
import {
	connectedCredentialData,
	type IssuedTokens,
	type QuickBooksSimulator,
} from '../simulators/quickbooks';

/** They run under CI or with N8N_REAL=1 (scripts/test.js): the first run installs n8n, for minutes. */
export const real = process.env.N8N_REAL === '1' || process.env.CI === 'true';
export const describeReal = real ? describe : describe.skip;
/** For tests that load our package: without a build they skip locally, and fail under CI. */
export const describeRealWithPackage =
	real && (packageBuilt() || process.env.CI === 'true') ? describe : describe.skip;

export const MINUTE = 60_000;
/** For a beforeAll that creates an instance: the first run installs n8n (scripts/n8n/README.md). */
export const INSTALL_TIMEOUT = 20 * MINUTE;
/** For a test of one or two CLI calls (`n8n import`, `n8n execute`: 10 to 16 s each, mostly booting n8n). */
export const CLI_TIMEOUT = 3 * MINUTE;

/** Polls `check` every 250 ms until it gives a truthy value, which it returns. */
export async function waitFor<T>(
	what: string,
	check: () => T | undefined | false,
	timeoutMs: number,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

// ------------------------------------------------------------------------ credentials bound to simulators

type CredentialRef = { id: string; name: string };

/** Our Stripe credential against a Stripe simulator (no webhook secret: the trigger registers its own). */
export function stripeSimulatorCredential(
	ref: CredentialRef,
	apiKey: string,
	baseUrl: string,
): CredentialJson {
	return {
		...ref,
		type: 'stripeDunningApi',
		data: { apiKey, webhookSecret: '', baseUrl },
	};
}

/**
 * Our QuickBooks OAuth2 credential against a QuickBooks simulator, already connected: `n8n import:credentials`
 * takes `oauthTokenData` as a plain object (tokens, and `callbackQueryString.realmId` as Intuit's callback
 * leaves it) and encrypts it on import.
 */
export function quickBooksSimulatorCredential(
	ref: CredentialRef,
	sim: QuickBooksSimulator,
	tokens: IssuedTokens = sim.issueTokens(),
): CredentialJson {
	return {
		...ref,
		type: 'quickBooksDunningOAuth2Api',
		data: connectedCredentialData(sim, tokens),
	};
}

// ------------------------------------------------------------------------------------- workflow pieces

/** Manual Trigger → a Code node `Invoices` returning `items`: how the tests of our nodes feed them. */
export function manualTriggerWithInvoices(items: unknown[]): Record<string, unknown>[] {
	return [
		{
			id: 'c0000000-0000-4000-8000-000000000001',
			name: 'Manual Trigger',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: 'c0000000-0000-4000-8000-000000000002',
			name: 'Invoices',
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [200, 0],
			parameters: { jsCode: `return ${JSON.stringify(items)}.map((json) => ({ json }));` },
		},
	];
}

/**
 * The Stripe reminder chain after `trigger` (a node placed at x 0): List Overdue → Dunning Scenario (classic
 * 7-14-21, every day) → Claim Step → Send Reminder, the Stripe nodes on `credential`. The concurrency tests
 * start it twice at once and count claims and emails.
 */
export function stripeReminderWorkflow(
	trigger: Record<string, unknown> & { name: string },
	credential: CredentialRef,
): Pick<WorkflowJson, 'nodes' | 'connections'> {
	const node = (name: string, type: string, parameters: Record<string, unknown>, x: number) => ({
		id: `${name.toLowerCase()}-node`,
		name,
		type,
		typeVersion: 1,
		position: [x * 220, 0],
		parameters,
		...(type.includes('stripeDunning') ? { credentials: { stripeDunningApi: credential } } : {}),
	});
	return {
		nodes: [
			trigger,
			node('List', 'n8n-nodes-dunning.stripeDunning', { operation: 'listOverdue' }, 1),
			node(
				'Scenario',
				'n8n-nodes-dunning.dunningScenario',
				{ scenario: 'classic-7-14-21', options: { sendOnNonBusinessDays: true } },
				2,
			),
			node('Claim', 'n8n-nodes-dunning.stripeDunning', { operation: 'claimStep' }, 3),
			node('Send', 'n8n-nodes-dunning.stripeDunning', { operation: 'sendReminder' }, 4),
		],
		connections: {
			[trigger.name]: { main: [[{ node: 'List', type: 'main', index: 0 }]] },
			List: { main: [[{ node: 'Scenario', type: 'main', index: 0 }]] },
			Scenario: { main: [[{ node: 'Claim', type: 'main', index: 0 }]] },
			Claim: { main: [[{ node: 'Send', type: 'main', index: 0 }]] },
		},
	};
}

// ----------------------------------------------------------------------------- what active workflows post

/** What `collectAndPost` sends: one post per execution, the items of a trigger's run gathered. */
export interface Posted {
	source: string;
	execution: string;
	ids: string[];
	events: string[];
	emails: (string | null)[];
}

/** An HTTP server on 127.0.0.1 that records each JSON body posted to it. */
export async function startSink(): Promise<{
	url: string;
	posts: Posted[];
	close: () => Promise<void>;
}> {
	const posts: Posted[] = [];
	const server = http.createServer((request, response) => {
		let body = '';
		request.setEncoding('utf8');
		request.on('data', (chunk: string) => (body += chunk));
		request.on('end', () => {
			posts.push(JSON.parse(body) as Posted);
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end('{}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		posts,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}

/**
 * Code `Collect <source>` → HTTP Request `Post <source>` (at x × 200): gathers the items of a trigger's run
 * into one `Posted` and posts it to the sink. `event` is where the item holds the event's name (`event` for
 * QuickBooks, `event.type` for Stripe's event object).
 */
export function collectAndPost(
	sinkUrl: string,
	source: string,
	x: number,
	event: 'event' | 'event.type',
): Record<string, unknown>[] {
	return [
		{
			id: `c0000000-0000-4000-8000-00000000000${x}`,
			name: `Collect ${source}`,
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [x * 200, 0],
			parameters: {
				jsCode: `const items = $input.all();
return [{ json: {
  source: ${JSON.stringify(source)},
  execution: String($execution.id),
  ids: items.map((item) => item.json.invoice.id),
  events: items.map((item) => item.json.${event}),
  emails: items.map((item) => item.json.invoice.customer.email),
} }];`,
			},
		},
		{
			id: `d0000000-0000-4000-8000-00000000000${x}`,
			name: `Post ${source}`,
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			position: [x * 200 + 200, 0],
			parameters: {
				method: 'POST',
				url: sinkUrl,
				sendBody: true,
				specifyBody: 'json',
				jsonBody: '={{ JSON.stringify($json) }}',
				options: {},
			},
		},
	];
}

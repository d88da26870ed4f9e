// The harness cannot drive a trigger's webhook() or its webhook methods (n8n calls them from its web server and
// its activation code), so these tests call them with a small stand-in for n8n's context whose HTTP helper
// really talks to the Stripe simulator; the whole path runs in a real n8n in test/real-n8n/stripe.test.ts.
import type {
	IDataObject,
	IHookFunctions,
	IHttpRequestOptions,
	IWebhookFunctions,
} from 'n8n-workflow';

import { sleepThroughRetryWaits } from '../../helpers/retry-waits';
import { StripeInvoiceTrigger } from '../../../nodes/StripeInvoiceTrigger/StripeInvoiceTrigger.node';
import {
	sendRequest,
	startStripeSimulator,
	stripeFixture,
	type StripeSimulator,
} from './simulator';

const API_KEY = 'sk_test_adapterKey';
const WEBHOOK_URL = 'http://127.0.0.1:1/webhook/abc/webhook';
let stripe: StripeSimulator;
beforeEach(async () => {
	stripe = await startStripeSimulator();
});
afterEach(async () => {
	await stripe.stop();
});

interface FakeOptions {
	parameters?: IDataObject;
	staticData?: IDataObject;
	credentials?: IDataObject;
	rawBody?: string;
	signature?: string;
}

function context(options: FakeOptions) {
	const parameters: IDataObject = {
		mode: 'webhook',
		endpoint: 'register',
		events: ['invoice.overdue', 'invoice.updated'],
		options: {},
		...options.parameters,
	};
	const staticData = options.staticData ?? {};
	const response: { status?: number; body?: unknown } = {};
	const fake = {
		getNode: () => ({
			name: 'Stripe Invoice Trigger',
			type: 'n8n-nodes-dunning.stripeInvoiceTrigger',
		}),
		getNodeParameter: (name: string, fallback?: unknown) => parameters[name] ?? fallback,
		getWorkflowStaticData: () => staticData,
		getWorkflow: () => ({ id: 'wf1' }),
		getTimezone: () => 'Europe/Paris',
		getNodeWebhookUrl: () => WEBHOOK_URL,
		getCredentials: async () => ({ apiKey: API_KEY, baseUrl: stripe.url, ...options.credentials }),
		getRequestObject: () => ({
			rawBody: options.rawBody === undefined ? undefined : Buffer.from(options.rawBody),
		}),
		getHeaderData: () =>
			options.signature === undefined ? {} : { 'stripe-signature': options.signature },
		getResponseObject: () => ({
			status(code: number) {
				response.status = code;
				return this;
			},
			json(body: unknown) {
				response.body = body;
				return this;
			},
		}),
		helpers: {
			// What n8n's helper does for this credential: the bearer header, then the request.
			async httpRequestWithAuthentication(_type: string, request: IHttpRequestOptions) {
				const answer = await sendRequest(
					request.method ?? 'GET',
					request.url,
					request.body as string | undefined,
					{
						...(request.headers as Record<string, string>),
						Authorization: `Bearer ${API_KEY}`,
					},
				);
				return { statusCode: answer.status, headers: answer.headers, body: answer.text };
			},
		},
	};
	return { fake, staticData, response };
}

const trigger = new StripeInvoiceTrigger();
const hooks = trigger.webhookMethods.default;

describe('Stripe Invoice Trigger: webhook methods', () => {
	it('registers an endpoint for the chosen events, keeps its secret, finds it again, and deletes it', async () => {
		const { fake, staticData } = context({});
		const hook = fake as unknown as IHookFunctions;
		expect(await hooks.checkExists.call(hook)).toBe(false);
		expect(await hooks.create.call(hook)).toBe(true);
		const [endpoint] = [...stripe.endpoints.values()];
		expect(endpoint).toMatchObject({ url: WEBHOOK_URL, api_version: '2026-10-28.endive' });
		expect(endpoint.enabled_events).toEqual(['invoice.overdue', 'invoice.updated']);
		expect(staticData).toEqual({ webhookId: endpoint.id, webhookSecret: endpoint.secret });
		expect(await hooks.checkExists.call(hook)).toBe(true);
		expect(await hooks.delete.call(hook)).toBe(true);
		expect(stripe.endpoints.size).toBe(0);
		expect(staticData).toEqual({});
	});

	it('tolerates an endpoint deleted on Stripe’s side (404) and replaces one with other events', async () => {
		const { fake, staticData } = context({});
		const hook = fake as unknown as IHookFunctions;
		await hooks.create.call(hook);
		stripe.endpoints.clear();
		expect(await hooks.checkExists.call(hook)).toBe(false);
		expect(staticData.webhookId).toBeUndefined();
		await hooks.create.call(hook);
		const changed = context({ parameters: { events: ['invoice.paid'] }, staticData });
		expect(await hooks.checkExists.call(changed.fake as unknown as IHookFunctions)).toBe(false);
		expect(stripe.endpoints.size).toBe(0);
		expect(await hooks.delete.call(hook)).toBe(true);
	});

	it('registers nothing in polling mode or with an existing endpoint', async () => {
		for (const parameters of [{ mode: 'polling' }, { endpoint: 'existing' }]) {
			const hook = context({ parameters }).fake as unknown as IHookFunctions;
			expect(await hooks.checkExists.call(hook)).toBe(true);
			expect(await hooks.create.call(hook)).toBe(true);
		}
		expect(stripe.requests).toHaveLength(0);
	});
});

describe('Stripe Invoice Trigger: webhook()', () => {
	const event = stripeFixture('event-invoice.overdue');
	const secret = 'whsec_adapter_secret';

	beforeEach(() => {
		stripe.addInvoice((event.data as { object: IDataObject }).object);
	});

	async function deliver(options: FakeOptions & { body?: string }) {
		const rawBody = options.body ?? JSON.stringify(event);
		const setup = context({
			signature: stripe.signature(rawBody, secret),
			staticData: { webhookSecret: secret },
			rawBody,
			...options,
		});
		const result = await trigger.webhook.call(setup.fake as unknown as IWebhookFunctions);
		return { result, ...setup };
	}

	it('emits a signed delivery as { invoice, event, raw }, reading the customer when the invoice lacks it', async () => {
		const invoice = (event.data as { object: IDataObject }).object;
		const body = JSON.stringify({
			...event,
			data: { object: { ...invoice, customer_name: null } },
		});
		const { result, staticData } = await deliver({ body });
		const [[item]] = result.workflowData!;
		expect(item.json).toMatchObject({
			invoice: {
				id: invoice.id,
				status: 'open',
				customer: { name: 'Atelier Vauclair SARL', locale: 'fr-FR' },
			},
			event: { source: 'webhook', id: event.id, type: 'invoice.overdue' },
			raw: { id: invoice.id, customer: 'cus_P7HORSO8SSRA0u' },
		});
		// One update that changes nothing, keyed by the event id: Stripe decides whether it is a first delivery.
		expect(
			stripe.requests.map((request) => [
				request.method,
				request.path,
				request.headers['idempotency-key'],
			]),
		).toEqual([['POST', `/v1/invoices/${invoice.id}`, `dunning-event:${event.id}`]]);
		expect(stripe.events).toHaveLength(0);
		expect(staticData.recentEventIds).toEqual([event.id]);
	});

	it('answers 401 to a forged delivery and 400 to an unsigned one, emitting nothing', async () => {
		const forged = await deliver({
			signature: stripe.signature(JSON.stringify(event), 'whsec_forger'),
		});
		expect(forged.result).toEqual({ noWebhookResponse: true });
		expect(forged.response.status).toBe(401);
		const unsigned = await deliver({ signature: undefined });
		expect(unsigned.response.status).toBe(400);
		expect(JSON.stringify(unsigned.response.body)).not.toContain(secret);
	});

	it('emits a replayed event id once', async () => {
		const first = await deliver({});
		expect(first.result.workflowData).toHaveLength(1);
		const again = await deliver({ staticData: first.staticData });
		expect(again.result).toEqual({ webhookResponse: { received: true, ignored: 'duplicate' } });
	});

	it('drops a duplicate even when the static data was not saved, through Stripe’s idempotency key', async () => {
		expect((await deliver({})).result.workflowData).toHaveLength(1);
		const again = await deliver({ staticData: { webhookSecret: secret } });
		expect(again.result).toEqual({ webhookResponse: { received: true, ignored: 'duplicate' } });
		expect(stripe.requests.at(-1)?.headers['idempotency-key']).toBe(`dunning-event:${event.id}`);
	});

	it('two concurrent deliveries of one event: exactly one is emitted', async () => {
		// The second waits (409, key in flight) until the first has finished, then is told it is a replay.
		sleepThroughRetryWaits();
		stripe.latencyMs = 50;
		const results = await Promise.all([
			deliver({ staticData: { webhookSecret: secret } }),
			deliver({ staticData: { webhookSecret: secret } }),
		]);
		expect(results.filter(({ result }) => result.workflowData !== undefined)).toHaveLength(1);
	}, 30_000);

	it('emits anyway when Stripe cannot be asked (at least once rather than lost)', async () => {
		stripe.inject({ fault: { kind: 'status', status: 400 } });
		expect((await deliver({})).result.workflowData).toHaveLength(1);
	});

	it('ignores our own metadata writes', async () => {
		const body = JSON.stringify(stripeFixture('event-invoice.updated-metadata'));
		const { result } = await deliver({ body });
		expect(result).toEqual({ webhookResponse: { received: true, ignored: 'own_write' } });
	});

	it('with an existing endpoint, verifies with the credential’s signing secret', async () => {
		const ok = await deliver({
			parameters: { endpoint: 'existing' },
			credentials: { webhookSecret: secret },
			staticData: {},
		});
		expect(ok.result.workflowData).toHaveLength(1);
		const none = await deliver({
			parameters: { endpoint: 'existing' },
			credentials: { webhookSecret: '' },
			staticData: {},
		});
		expect(none.response.status).toBe(401);
	});

	it('refuses every delivery in polling mode', async () => {
		const { response } = await deliver({ parameters: { mode: 'polling' } });
		expect(response.status).toBe(401);
	});
});

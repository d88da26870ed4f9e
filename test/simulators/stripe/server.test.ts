import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { verifyStripeSignature } from '../../../nodes/services/stripe/signature';
import { decodeForm, sendRequest, startStripeSimulator, type StripeSimulator } from './index';

const KEY = 'sk_test_simulator';
const auth = { Authorization: `Bearer ${KEY}` };
const form = { ...auth, 'Content-Type': 'application/x-www-form-urlencoded' };

let stripe: StripeSimulator;
beforeEach(async () => {
	stripe = await startStripeSimulator();
});
afterEach(async () => {
	await stripe.stop();
});

const get = async (path: string, headers: Record<string, string> = auth) => {
	const response = await sendRequest('GET', `${stripe.url}${path}`, undefined, headers);
	return { ...response, json: JSON.parse(response.text) };
};
const post = async (path: string, body: string, headers: Record<string, string> = {}) => {
	const response = await sendRequest('POST', `${stripe.url}${path}`, body, { ...form, ...headers });
	return { ...response, json: JSON.parse(response.text) };
};

describe('decodeForm', () => {
	it('decodes Stripe bracket notation', () => {
		expect(
			decodeForm(
				'metadata[a]=1&metadata[b]=&enabled_events[]=x&enabled_events[]=y&expand[0]=customer&due_date[lt]=5',
			),
		).toEqual({
			metadata: { a: '1', b: '' },
			enabled_events: ['x', 'y'],
			expand: ['customer'],
			due_date: { lt: '5' },
		});
	});
});

describe('Stripe simulator', () => {
	it('refuses a missing or wrong key with the recorded 401 body', async () => {
		const none = await get('/v1/invoices', {});
		expect(none.status).toBe(401);
		const wrong = await get('/v1/invoices', { Authorization: 'Bearer sk_live_nope' });
		expect(wrong.status).toBe(401);
		expect(wrong.json.error.message).not.toContain('sk_live_nope');
	});

	it('pages through thousands of invoices newest first with limit, starting_after and has_more', async () => {
		stripe.seedInvoices(2500);
		const seen: string[] = [];
		let cursor = '';
		let pages = 0;
		for (;;) {
			const page = await get(`/v1/invoices?limit=100&status=open${cursor}`);
			expect(page.status).toBe(200);
			seen.push(...page.json.data.map((invoice: { id: string }) => invoice.id));
			pages++;
			if (!page.json.has_more) break;
			cursor = `&starting_after=${page.json.data.at(-1).id}`;
		}
		expect(pages).toBe(25);
		expect(new Set(seen).size).toBe(2500);
		expect((await get('/v1/invoices?limit=101')).status).toBe(400);
	});

	it('filters on status, collection_method and a due_date range', async () => {
		const now = stripe.now();
		stripe.seedInvoices(10, { dueDate: (index) => now - index * 86_400 });
		const page = await get(
			`/v1/invoices?limit=100&collection_method=send_invoice&due_date[lt]=${now - 3 * 86_400}&due_date[gte]=${now - 7 * 86_400}`,
		);
		expect(
			page.json.data
				.map((invoice: { due_date: number }) => (now - invoice.due_date) / 86_400)
				.sort(),
		).toEqual([4, 5, 6, 7]);
	});

	it('expands the customer on get and list', async () => {
		const [invoice] = stripe.seedInvoices(1);
		expect((await get(`/v1/invoices/${invoice.id}?expand[]=customer`)).json.customer.email).toBe(
			'compta@atelier-vauclair.example.fr',
		);
		expect((await get('/v1/invoices?expand[]=data.customer')).json.data[0].customer.object).toBe(
			'customer',
		);
		expect((await get('/v1/invoices/in_missing')).status).toBe(404);
	});

	it('updates metadata (empty string deletes) and emits invoice.updated with only the changed keys', async () => {
		const [invoice] = stripe.seedInvoices(1);
		await post(`/v1/invoices/${invoice.id}`, 'metadata[dunning_sent_steps]=d7&metadata[other]=x');
		const second = await post(
			`/v1/invoices/${invoice.id}`,
			'metadata[dunning_sent_steps]=d7,d14&metadata[other]=',
		);
		expect(second.json.metadata).toEqual({ dunning_sent_steps: 'd7,d14' });
		const last = stripe.events.at(-1) as { type: string; data: { previous_attributes: unknown } };
		expect(last.type).toBe('invoice.updated');
		expect(last.data.previous_attributes).toEqual({
			metadata: { dunning_sent_steps: 'd7', other: 'x' },
		});
		const unknown = await post(`/v1/invoices/${invoice.id}`, 'dunning_sent_steps=d7');
		expect(unknown.status).toBe(400);
		expect(unknown.json.error.code).toBe('parameter_unknown');
	});

	it('replays an idempotent POST, refuses other parameters, and scopes keys per account', async () => {
		const [invoice] = stripe.seedInvoices(1);
		const first = await post(`/v1/invoices/${invoice.id}`, 'metadata[a]=1', {
			'Idempotency-Key': 'k1',
		});
		expect(first.headers['idempotent-replayed']).toBeUndefined();
		const replay = await post(`/v1/invoices/${invoice.id}`, 'metadata[a]=1', {
			'Idempotency-Key': 'k1',
		});
		expect(replay.headers['idempotent-replayed']).toBe('true');
		expect(replay.headers['original-request']).toBe(first.headers['request-id']);
		expect(replay.json).toEqual(first.json);
		const different = await post(`/v1/invoices/${invoice.id}`, 'metadata[a]=2', {
			'Idempotency-Key': 'k1',
		});
		expect(different.status).toBe(400);
		expect(different.json.error.type).toBe('idempotency_error');
		const otherAccount = await post(`/v1/invoices/${invoice.id}`, 'metadata[a]=2', {
			'Idempotency-Key': 'k1',
			Authorization: 'Bearer sk_test_other',
		});
		expect(otherAccount.status).toBe(200);
		expect(otherAccount.headers['idempotent-replayed']).toBeUndefined();
	});

	it('answers 409 to a concurrent request on the same key', async () => {
		const [invoice] = stripe.seedInvoices(1);
		stripe.latencyMs = 100;
		const [a, b] = await Promise.all([
			post(`/v1/invoices/${invoice.id}`, 'metadata[a]=1', { 'Idempotency-Key': 'k2' }),
			post(`/v1/invoices/${invoice.id}`, 'metadata[a]=1', { 'Idempotency-Key': 'k2' }),
		]);
		expect([a.status, b.status].sort()).toEqual([200, 409]);
	});

	it('injects 429 without Retry-After, 500, malformed JSON, a reset and a held request', async () => {
		stripe.inject({ fault: { kind: 'status', status: 429 }, path: /invoices/ });
		const limited = await get('/v1/invoices');
		expect(limited.status).toBe(429);
		expect(limited.headers['retry-after']).toBeUndefined();
		expect(limited.json.error.code).toBe('rate_limit');
		stripe.inject({ fault: { kind: 'status', status: 500 } });
		expect((await get('/v1/invoices')).status).toBe(500);
		stripe.inject({ fault: { kind: 'malformed' } });
		await expect(get('/v1/invoices')).rejects.toThrow();
		stripe.inject({ fault: { kind: 'reset' } });
		await expect(get('/v1/invoices')).rejects.toThrow();
		stripe.inject({ fault: { kind: 'timeout', holdMs: 50 } });
		await expect(get('/v1/invoices')).rejects.toThrow();
		expect((await get('/v1/invoices')).status).toBe(200);
	});

	it('registers endpoints (secret only at creation) and delivers signed events to them', async () => {
		const received: Array<{ body: string; signature: string }> = [];
		const receiver = http.createServer((request, response) => {
			let body = '';
			request.on('data', (chunk) => (body += chunk));
			request.on('end', () => {
				received.push({ body, signature: String(request.headers['stripe-signature']) });
				response.end('ok');
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
		try {
			const created = await post(
				'/v1/webhook_endpoints',
				`url=${encodeURIComponent(url)}&enabled_events[]=invoice.updated`,
			);
			expect(created.json.secret).toMatch(/^whsec_/);
			const listed = await get('/v1/webhook_endpoints');
			expect(listed.json.data[0].secret).toBeUndefined();
			const [invoice] = stripe.seedInvoices(1);
			await post(`/v1/invoices/${invoice.id}`, 'metadata[dunning_paused]=true');
			await stripe.settled();
			expect(received).toHaveLength(1);
			expect(
				verifyStripeSignature(
					received[0].body,
					received[0].signature,
					created.json.secret,
					stripe.now(),
				),
			).toBe(true);
			expect(
				(
					await sendRequest(
						'DELETE',
						`${stripe.url}/v1/webhook_endpoints/${created.json.id}`,
						undefined,
						auth,
					)
				).status,
			).toBe(200);
			expect((await get(`/v1/webhook_endpoints/${created.json.id}`)).status).toBe(404);
		} finally {
			receiver.close();
		}
	});

	it('sends only open send_invoice invoices', async () => {
		const [sendable] = stripe.seedInvoices(1);
		const [charged] = stripe.seedInvoices(1, {
			overrides: () => ({ collection_method: 'charge_automatically', due_date: null }),
		});
		expect((await post(`/v1/invoices/${sendable.id}/send`, '')).status).toBe(200);
		expect((await post(`/v1/invoices/${charged.id}/send`, '')).status).toBe(400);
	});
});

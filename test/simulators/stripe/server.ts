// A local Stripe for tests and the demo: invoices (list with cursor pagination and due_date ranges, get,
// metadata update, send), customers, webhook endpoints, idempotency keys, signed webhook delivery and
// injectable faults. Objects keep the shapes of the recorded fixtures in test/fixtures/stripe/.
import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import authenticationErrorFixture from '../../fixtures/stripe/error-authentication-401.json';
import idempotencyErrorFixture from '../../fixtures/stripe/error-idempotency.json';
import rateLimitErrorFixture from '../../fixtures/stripe/error-rate-limit-429.json';
import customerFixture from '../../fixtures/stripe/customer.json';
import openInvoiceFixture from '../../fixtures/stripe/invoice-open-send-invoice.json';
import { signStripePayload } from '../../../nodes/services/stripe/signature';
import { decodeForm, type FormValue } from './form';
import { ProviderLimiter, type LimiterCounters, type ProviderLimits } from '../rate-limit';

export const STRIPE_API_VERSION = '2026-10-28.endive';

type Json = Record<string, unknown>;

// Imported (not read from disk) so that esbuild inlines them when the demo bundles the simulator.
const FIXTURES: Record<string, unknown> = {
	customer: customerFixture,
	'invoice-open-send-invoice': openInvoiceFixture,
	'error-idempotency': idempotencyErrorFixture,
	'error-authentication-401': authenticationErrorFixture,
	'error-rate-limit-429': rateLimitErrorFixture,
};

/** A copy of one of the recorded fixtures the simulator is built from. */
export function fixture<T = Json>(name: string): T {
	if (!(name in FIXTURES)) throw new Error(`the simulator does not carry the fixture ${name}`);
	return JSON.parse(JSON.stringify(FIXTURES[name])) as T;
}

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export function stripeId(prefix: string, length = 24): string {
	const bytes = randomBytes(length);
	let id = '';
	for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
	return `${prefix}_${id}`;
}

export type Fault =
	| { kind: 'status'; status: number; headers?: Record<string, string> }
	| { kind: 'timeout'; holdMs?: number }
	| { kind: 'malformed' }
	| { kind: 'reset' }
	/** The request is carried out, then the connection is dropped before the answer (a lost response). */
	| { kind: 'dropResponse' };

export interface FaultRule {
	fault: Fault;
	/** How many matching requests fail (default 1). */
	times?: number;
	method?: string;
	/** Matched against the request path (without the query string). */
	path?: RegExp;
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, FormValue>;
	headers: http.IncomingHttpHeaders;
	form: Record<string, FormValue>;
	status?: number;
}

export interface Delivery {
	endpointId: string;
	url: string;
	eventId: string;
	type: string;
	status: number | null;
	error?: string;
}

export interface WebhookEndpoint extends Json {
	id: string;
	url: string;
	enabled_events: string[];
	secret: string;
	status: string;
}

export interface SimulatorOptions {
	/** API keys the server accepts (Bearer). Default: any key that starts with sk_test_ or rk_test_. */
	apiKeys?: string[];
	/** Delay before each request is handled, to let concurrent requests overlap. */
	latencyMs?: number;
	/** Clock of the simulated Stripe, in Unix seconds (signatures, created timestamps). */
	now?: () => number;
	/** Deliver events to registered endpoints (default true). */
	deliverWebhooks?: boolean;
	/**
	 * Stripe's rate and concurrency limiters, off by default: over either the API answers 429 with the
	 * rate_limit body of test/fixtures/stripe/error-rate-limit-429.json and `Stripe-Rate-Limited-Reason`.
	 * `STRIPE_SANDBOX_DOCUMENTED_LIMITS` is the documented sandbox rate.
	 */
	limits?: ProviderLimits;
	/** The clock the limits count on (default real time): a test pacing on a virtual clock passes its own. */
	limiterNow?: () => number;
}

/**
 * Stripe's documented sandbox rate, 25 requests per second (docs/limits.md). Stripe publishes no figure for
 * its concurrency limiter: 20 at once is this simulator's assumption, far enough above what 25 a second needs
 * at 250 ms a call (about 6) that the rate is what binds.
 */
export const STRIPE_SANDBOX_DOCUMENTED_LIMITS: Readonly<ProviderLimits> = Object.freeze({
	perSecond: 25,
	concurrency: 20,
});

interface IdempotencyRecord {
	fingerprint: string;
	status?: number;
	body?: string;
	requestId: string;
	inFlight: boolean;
}

class StripeError extends Error {
	constructor(
		readonly status: number,
		readonly body: Json,
	) {
		super(String((body.error as Json | undefined)?.message ?? status));
	}
}

const missing = (kind: string, id: string) =>
	new StripeError(404, {
		error: {
			code: 'resource_missing',
			doc_url: 'https://stripe.com/docs/error-codes/resource-missing',
			message: `No such ${kind}: '${id}'`,
			param: 'id',
			type: 'invalid_request_error',
		},
	});

const invalid = (message: string, param?: string, code = 'parameter_invalid') =>
	new StripeError(400, {
		error: { code, message, ...(param ? { param } : {}), type: 'invalid_request_error' },
	});

function maskKey(key: string): string {
	const tail = key.length > 16 ? key.slice(-4) : '';
	return `${key.slice(0, 8)}${'*'.repeat(Math.max(4, key.length - 8 - tail.length))}${tail}`;
}

export class StripeSimulator {
	readonly invoices = new Map<string, Json>();
	readonly customers = new Map<string, Json>();
	readonly endpoints = new Map<string, WebhookEndpoint>();
	readonly events: Json[] = [];
	readonly requests: RecordedRequest[] = [];
	readonly deliveries: Delivery[] = [];
	latencyMs: number;
	private readonly limiter: ProviderLimiter;
	private faults: Array<FaultRule & { left: number }> = [];
	private readonly idempotency = new Map<string, IdempotencyRecord>();
	private readonly heldSockets = new Set<http.ServerResponse>();
	private readonly pendingDeliveries = new Set<Promise<void>>();
	private server: http.Server | undefined;
	/**
	 * The list order (newest first, as ids), worked out once rather than for every page: a list of a large
	 * account would otherwise sort it all again per page. Rebuilt when an invoice is added or the map's size
	 * changes.
	 */
	private listOrder: { size: number; ids: string[]; index: Map<string, number> } | null = null;
	url = '';
	port = 0;

	constructor(private readonly options: SimulatorOptions = {}) {
		this.latencyMs = options.latencyMs ?? 0;
		this.limiter = new ProviderLimiter(options.limits ?? {}, options.limiterNow);
		const customer = fixture('customer');
		this.customers.set(customer.id as string, customer);
	}

	now(): number {
		return this.options.now ? this.options.now() : Math.floor(Date.now() / 1000);
	}

	async start(port = 0): Promise<this> {
		this.server = http.createServer((request, response) => {
			void this.handle(request, response);
		});
		await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
		this.port = (this.server.address() as AddressInfo).port;
		this.url = `http://127.0.0.1:${this.port}`;
		return this;
	}

	async stop(): Promise<void> {
		for (const response of this.heldSockets) response.destroy();
		this.heldSockets.clear();
		await Promise.allSettled([...this.pendingDeliveries]);
		const server = this.server;
		this.server = undefined;
		if (!server) return;
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}

	/** Requests served and refused with 429, and the most in flight at once, since the start. */
	get counters(): Readonly<LimiterCounters> {
		return this.limiter.counters;
	}

	/** Changes the limiters (`{}`: none) for the requests to come. */
	setLimits(limits: ProviderLimits): void {
		this.limiter.limits = limits;
	}

	/** The next `times` requests matching `method`/`path` fail with `fault`. */
	inject(rule: FaultRule): void {
		this.faults.push({ ...rule, left: rule.times ?? 1 });
	}

	clearFaults(): void {
		this.faults = [];
	}

	/** Waits until every webhook delivery started so far has finished. */
	async settled(): Promise<void> {
		while (this.pendingDeliveries.size) await Promise.allSettled([...this.pendingDeliveries]);
	}

	// ---- data -------------------------------------------------------------------------------------------

	addInvoice(invoice: Json): Json {
		this.listOrder = null;
		this.invoices.set(invoice.id as string, clone(invoice));
		return this.invoices.get(invoice.id as string)!;
	}

	addCustomer(customer: Json): Json {
		this.customers.set(customer.id as string, clone(customer));
		return customer;
	}

	invoice(id: string): Json | undefined {
		return this.invoices.get(id);
	}

	/**
	 * Seeds `count` open send_invoice invoices built from the recorded open invoice, each with a new id and
	 * number. `dueDate(i)` gives each due date (Unix seconds; default: one per hour going back from now),
	 * `created` decreases with i so the list order is the seeding order.
	 */
	seedInvoices(
		count: number,
		options: {
			dueDate?: (index: number) => number | null;
			amount?: (index: number) => number;
			customer?: (index: number) => string;
			overrides?: (index: number) => Json;
		} = {},
	): Json[] {
		const base = fixture('invoice-open-send-invoice');
		const now = this.now();
		const seeded: Json[] = [];
		for (let index = 0; index < count; index++) {
			const invoice = clone(base);
			const amount = options.amount?.(index) ?? 10_000 + index;
			invoice.id = stripeId('in');
			invoice.number = `SIM-${String(index + 1).padStart(6, '0')}`;
			invoice.created = now - 86_400 * 60 - index;
			invoice.due_date = options.dueDate ? options.dueDate(index) : now - 3600 * (index + 1);
			invoice.amount_due = amount;
			invoice.amount_remaining = amount;
			invoice.amount_paid = 0;
			invoice.total = amount;
			invoice.subtotal = amount;
			invoice.total_excluding_tax = amount;
			invoice.subtotal_excluding_tax = amount;
			invoice.metadata = {};
			if (options.customer) invoice.customer = options.customer(index);
			Object.assign(invoice, options.overrides?.(index) ?? {});
			seeded.push(this.addInvoice(invoice));
		}
		return seeded;
	}

	/** Changes an invoice as Stripe would (e.g. a payment), emitting `invoice.updated` with previous attributes. */
	updateInvoice(id: string, changes: Json, eventType = 'invoice.updated'): Json {
		const invoice = this.invoices.get(id);
		if (!invoice) throw new Error(`no invoice ${id}`);
		const previous: Json = {};
		for (const key of Object.keys(changes)) previous[key] = invoice[key] ?? null;
		Object.assign(invoice, clone(changes));
		this.emit(eventType, invoice, previous, null);
		return invoice;
	}

	// ---- events and webhooks ----------------------------------------------------------------------------

	/** Records an event and delivers it, signed, to every enabled endpoint that listens to its type. */
	emit(type: string, object: Json, previousAttributes?: Json, request?: Json | null): Json {
		const event: Json = {
			id: stripeId('evt'),
			object: 'event',
			api_version: STRIPE_API_VERSION,
			created: this.now(),
			data: {
				object: clone(object),
				...(previousAttributes ? { previous_attributes: previousAttributes } : {}),
			},
			livemode: false,
			pending_webhooks: 0,
			request: request ?? { id: null, idempotency_key: null },
			type,
		};
		this.events.push(event);
		if (this.options.deliverWebhooks !== false) this.deliver(event);
		return event;
	}

	deliver(event: Json): void {
		for (const endpoint of this.endpoints.values()) {
			if (endpoint.status !== 'enabled') continue;
			const events = endpoint.enabled_events;
			if (!events.includes('*') && !events.includes(event.type as string)) continue;
			const delivery = this.post(endpoint.url, JSON.stringify(event), endpoint.secret).then(
				(status) => {
					this.deliveries.push({
						endpointId: endpoint.id,
						url: endpoint.url,
						eventId: event.id as string,
						type: event.type as string,
						status,
					});
				},
				(error: Error) => {
					this.deliveries.push({
						endpointId: endpoint.id,
						url: endpoint.url,
						eventId: event.id as string,
						type: event.type as string,
						status: null,
						error: error.message,
					});
				},
			);
			this.pendingDeliveries.add(delivery);
			void delivery.finally(() => this.pendingDeliveries.delete(delivery));
		}
	}

	/** The `Stripe-Signature` header for a body, as Stripe computes it (one v1 per secret). */
	signature(rawBody: string, secrets: string | string[], timestamp = this.now()): string {
		return signStripePayload(rawBody, secrets, timestamp);
	}

	/**
	 * Sends one signed delivery to a URL and resolves with the HTTP status. `signature` overrides the header
	 * (forged, stale or missing signatures); `null` sends none.
	 */
	async post(
		url: string,
		rawBody: string,
		secret: string,
		signature?: string | null,
	): Promise<number> {
		const header = signature === undefined ? this.signature(rawBody, secret) : signature;
		const response = await sendRequest('POST', url, rawBody, {
			'Content-Type': 'application/json; charset=utf-8',
			'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
			...(header === null ? {} : { 'Stripe-Signature': header }),
		});
		return response.status;
	}

	// ---- HTTP -------------------------------------------------------------------------------------------

	private async handle(request: http.IncomingMessage, response: http.ServerResponse) {
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		const body = Buffer.concat(chunks).toString('utf8');
		const method = (request.method ?? 'GET').toUpperCase();
		const recorded: RecordedRequest = {
			method,
			path: url.pathname,
			query: decodeForm(url.search.slice(1)),
			headers: request.headers,
			form: method === 'POST' ? decodeForm(body) : {},
		};
		this.requests.push(recorded);
		const requestId = `req_${stripeId('x', 14).slice(2)}`;
		const headers: Record<string, string> = {
			'Content-Type': 'application/json',
			'Request-Id': requestId,
			'Stripe-Version': STRIPE_API_VERSION,
		};
		const reply = (status: number, json: unknown, extra: Record<string, string> = {}) => {
			recorded.status = status;
			response.writeHead(status, { ...headers, ...extra });
			response.end(typeof json === 'string' ? json : JSON.stringify(json, null, 2));
		};

		const apiKey = this.authenticate(request.headers.authorization);
		if (apiKey instanceof StripeError) return reply(apiKey.status, apiKey.body);

		// The limiters and faults come first: Stripe's rate limiter runs before the idempotency layer.
		const admission = this.limiter.admit();
		if ('refused' in admission) {
			return reply(429, fixture('error-rate-limit-429'), {
				'Stripe-Rate-Limited-Reason':
					admission.refused === 'rate' ? 'global-rate' : 'global-concurrency',
			});
		}
		response.once('close', admission.done);
		const fault = this.takeFault(method, url.pathname);
		const dropResponse = fault?.kind === 'dropResponse';
		if (fault && !dropResponse) {
			recorded.status = fault.kind === 'status' ? fault.status : 0;
			switch (fault.kind) {
				case 'status':
					return reply(fault.status, faultBody(fault.status), {
						...(fault.status >= 500 ? { 'Stripe-Should-Retry': 'true' } : {}),
						...fault.headers,
					});
				case 'malformed':
					recorded.status = 200;
					response.writeHead(200, headers);
					return response.end('{"id": "in_1', 'utf8');
				case 'reset':
					return request.socket.destroy();
				case 'timeout':
					this.heldSockets.add(response);
					if (fault.holdMs !== undefined) {
						setTimeout(() => {
							this.heldSockets.delete(response);
							if (!response.destroyed) response.destroy();
						}, fault.holdMs).unref();
					}
					return;
			}
		}

		const idempotencyKey = request.headers['idempotency-key'];
		let record: IdempotencyRecord | undefined;
		let storeKey = '';
		if (method === 'POST' && typeof idempotencyKey === 'string' && idempotencyKey !== '') {
			if (idempotencyKey.length > 255) {
				return reply(400, invalid('Idempotency-Key is too long', 'Idempotency-Key').body);
			}
			// Keys are scoped to the account (here: the API key).
			storeKey = `${apiKey}\u0000${idempotencyKey}`;
			const fingerprint = JSON.stringify([url.pathname, recorded.form]);
			const existing = this.idempotency.get(storeKey);
			if (existing?.inFlight) {
				return reply(409, {
					error: {
						message:
							'There is currently another in-progress request using this Idempotent Key (that probably means you submitted twice, and the other request is still going through): ' +
							`'${idempotencyKey}'. Please try again later.`,
						type: 'idempotency_error',
					},
				});
			}
			if (existing) {
				if (existing.fingerprint !== fingerprint) {
					const error = fixture('error-idempotency');
					(error.error as Json).message = String((error.error as Json).message).replace(
						/'[^']*'/,
						`'${idempotencyKey}'`,
					);
					return reply(400, error);
				}
				return reply(existing.status!, existing.body!, {
					'Idempotency-Key': idempotencyKey,
					'Idempotent-Replayed': 'true',
					'Original-Request': existing.requestId,
					'Stripe-Should-Retry': 'false',
				});
			}
			record = { fingerprint, requestId, inFlight: true };
			this.idempotency.set(storeKey, record);
			headers['Idempotency-Key'] = idempotencyKey;
			headers['Original-Request'] = requestId;
		}

		if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));

		let status = 200;
		let json: unknown;
		try {
			json = this.route(method, url, recorded, {
				id: requestId,
				idempotency_key: idempotencyKey ?? null,
			});
		} catch (error) {
			if (!(error instanceof StripeError)) throw error;
			status = error.status;
			json = error.body;
		}
		const text = JSON.stringify(json, null, 2);
		if (record) {
			// Validation failures (4xx other than 402) are not saved, so the key can be used again.
			if (status >= 400 && status !== 402) this.idempotency.delete(storeKey);
			else Object.assign(record, { status, body: text, inFlight: false });
			headers['Stripe-Should-Retry'] = 'false';
		}
		if (dropResponse) {
			recorded.status = 0;
			request.socket.destroy();
			return;
		}
		reply(status, text);
	}

	private authenticate(header: string | undefined): string | StripeError {
		const key = header?.startsWith('Bearer ') ? header.slice(7).trim() : '';
		const accepted = this.options.apiKeys
			? this.options.apiKeys.includes(key)
			: /^(sk|rk)_test_\w+$/.test(key);
		if (accepted) return key;
		const body = fixture('error-authentication-401');
		(body.error as Json).message = key
			? `Invalid API Key provided: ${maskKey(key)}`
			: 'You did not provide an API key.';
		return new StripeError(401, body);
	}

	private takeFault(method: string, path: string): Fault | undefined {
		const rule = this.faults.find(
			(entry) =>
				entry.left > 0 &&
				(!entry.method || entry.method.toUpperCase() === method) &&
				(!entry.path || entry.path.test(path)),
		);
		if (!rule) return undefined;
		rule.left--;
		if (rule.left === 0) this.faults = this.faults.filter((entry) => entry !== rule);
		return rule.fault;
	}

	private route(method: string, url: URL, request: RecordedRequest, origin: Json): unknown {
		const parts = url.pathname.split('/').filter(Boolean);
		if (parts[0] !== 'v1') throw invalid(`Unrecognized request URL (${method}: ${url.pathname}).`);
		const [, resource, id, action] = parts;
		const query = request.query;
		if (resource === 'invoices') {
			if (method === 'GET' && !id) return this.listInvoices(query);
			if (method === 'GET' && id && !action) return this.expanded(this.getInvoice(id), query, '');
			if (method === 'POST' && id && !action) {
				return this.expanded(this.writeInvoice(id, request.form, origin), request.form, '');
			}
			if (method === 'POST' && id && action === 'send') return this.sendInvoice(id);
		}
		if (resource === 'customers' && method === 'GET' && id) {
			const customer = this.customers.get(id);
			if (!customer) throw missing('customer', id);
			return customer;
		}
		if (resource === 'webhook_endpoints') {
			if (method === 'POST' && !id) return this.createEndpoint(request.form);
			if (method === 'GET' && !id) return this.listEndpoints();
			if (id) {
				const endpoint = this.endpoints.get(id);
				if (!endpoint) throw missing('webhook endpoint', id);
				if (method === 'GET') return withoutSecret(endpoint);
				if (method === 'DELETE') {
					this.endpoints.delete(id);
					return { id, object: 'webhook_endpoint', deleted: true };
				}
			}
		}
		throw invalid(`Unrecognized request URL (${method}: ${url.pathname}).`);
	}

	private getInvoice(id: string): Json {
		const invoice = this.invoices.get(id);
		if (!invoice) throw missing('invoice', id);
		return invoice;
	}

	/** `expand[]=customer` (get) or `expand[]=data.customer` (list) replaces the id by the customer. */
	private expanded(invoice: Json, query: Record<string, FormValue>, prefix: string): Json {
		const expand = Array.isArray(query.expand) ? query.expand : [];
		if (!expand.includes(`${prefix}customer`)) return invoice;
		const customer = this.customers.get(invoice.customer as string);
		return customer ? { ...invoice, customer } : invoice;
	}

	/** Newest first: created descending, then id for a stable order. */
	private invoicesNewestFirst() {
		if (!this.listOrder || this.listOrder.size !== this.invoices.size) {
			const ids = [...this.invoices.values()]
				.sort(
					(a, b) =>
						(b.created as number) - (a.created as number) ||
						String(b.id).localeCompare(String(a.id)),
				)
				.map((invoice) => invoice.id as string);
			const index = new Map(ids.map((id, position) => [id, position]));
			this.listOrder = { size: this.invoices.size, ids, index };
		}
		return this.listOrder;
	}

	private listInvoices(query: Record<string, FormValue>): Json {
		const limit = query.limit === undefined ? 10 : Number(query.limit);
		if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
			throw invalid('Invalid integer: limit must be between 1 and 100', 'limit');
		}
		if (query.starting_after && query.ending_before) {
			throw invalid('You may only specify one of these parameters: ending_before, starting_after.');
		}
		const due = query.due_date;
		const range =
			typeof due === 'object' && !Array.isArray(due) ? (due as Record<string, string>) : {};
		const exact = typeof due === 'string' ? Number(due) : undefined;
		const matches = (invoice: Json) => {
			if (query.status && invoice.status !== query.status) return false;
			if (query.collection_method && invoice.collection_method !== query.collection_method)
				return false;
			if (query.customer && invoice.customer !== query.customer) return false;
			const dueDate = invoice.due_date as number | null;
			if (exact !== undefined || Object.keys(range).length) {
				if (dueDate === null) return false;
				if (exact !== undefined && dueDate !== exact) return false;
				if (range.lt !== undefined && !(dueDate < Number(range.lt))) return false;
				if (range.lte !== undefined && !(dueDate <= Number(range.lte))) return false;
				if (range.gt !== undefined && !(dueDate > Number(range.gt))) return false;
				if (range.gte !== undefined && !(dueDate >= Number(range.gte))) return false;
			}
			return true;
		};
		const { ids: all, index: positions } = this.invoicesNewestFirst();
		let start = 0;
		if (typeof query.starting_after === 'string') {
			const index = positions.get(query.starting_after);
			if (index === undefined) throw missing('invoice', query.starting_after);
			start = index + 1;
		}
		const page: Json[] = [];
		let hasMore = false;
		for (let index = start; index < all.length; index++) {
			// The stored invoice as it is now (the order only keeps ids).
			const invoice = this.invoices.get(all[index]);
			if (!invoice || !matches(invoice)) continue;
			if (page.length === limit) {
				hasMore = true;
				break;
			}
			page.push(this.expanded(invoice, query, 'data.'));
		}
		return { object: 'list', data: page, has_more: hasMore, url: '/v1/invoices' };
	}

	private writeInvoice(id: string, form: Record<string, FormValue>, origin: Json): Json {
		const invoice = this.getInvoice(id);
		for (const key of Object.keys(form)) {
			if (key !== 'metadata' && key !== 'expand' && key !== 'description' && key !== 'footer') {
				throw invalid(`Received unknown parameter: ${key}`, key, 'parameter_unknown');
			}
		}
		const previous: Json = {};
		for (const key of ['description', 'footer']) {
			if (typeof form[key] === 'string' && form[key] !== invoice[key]) {
				previous[key] = invoice[key] ?? null;
				invoice[key] = form[key] === '' ? null : form[key];
			}
		}
		const metadata = form.metadata;
		if (metadata !== undefined) {
			if (typeof metadata !== 'object' || Array.isArray(metadata)) {
				throw invalid('Invalid object', 'metadata');
			}
			const current = { ...(invoice.metadata as Record<string, string>) };
			const changed: Json = {};
			for (const [key, value] of Object.entries(metadata)) {
				if (typeof value !== 'string') throw invalid('Invalid metadata value', `metadata[${key}]`);
				if (key.length > 40 || /[[\]]/.test(key)) {
					throw invalid('Metadata keys must be at most 40 characters', `metadata[${key}]`);
				}
				if (value.length > 500) {
					throw invalid('Metadata values must be at most 500 characters', `metadata[${key}]`);
				}
				const old = current[key];
				if (value === '') {
					if (old === undefined) continue;
					delete current[key];
				} else {
					if (old === value) continue;
					current[key] = value;
				}
				changed[key] = old ?? null;
			}
			if (Object.keys(current).length > 50) throw invalid('Too many metadata keys', 'metadata');
			if (Object.keys(changed).length) {
				invoice.metadata = current;
				previous.metadata = changed;
			}
		}
		if (Object.keys(previous).length) this.emit('invoice.updated', invoice, previous, origin);
		return invoice;
	}

	private sendInvoice(id: string): Json {
		const invoice = this.getInvoice(id);
		if (invoice.collection_method !== 'send_invoice') {
			throw invalid(
				'You can only manually send an invoice if its collection method is `send_invoice`.',
				undefined,
				'invoice_not_editable',
			);
		}
		if (invoice.status !== 'open') {
			throw invalid(
				`You can only send an invoice that is open (status: ${String(invoice.status)}).`,
			);
		}
		this.emit('invoice.sent', invoice);
		return invoice;
	}

	private createEndpoint(form: Record<string, FormValue>): Json {
		if (typeof form.url !== 'string' || !/^https?:\/\//.test(form.url)) {
			throw invalid('Invalid URL', 'url', 'url_invalid');
		}
		const events = Array.isArray(form.enabled_events) ? (form.enabled_events as string[]) : [];
		if (events.length === 0)
			throw invalid(
				'Missing required param: enabled_events.',
				'enabled_events',
				'parameter_missing',
			);
		if (this.endpoints.size >= 16) {
			throw invalid('You have reached the maximum of 16 test webhook endpoints.', 'url');
		}
		const endpoint: WebhookEndpoint = {
			id: stripeId('we'),
			object: 'webhook_endpoint',
			api_version: typeof form.api_version === 'string' ? form.api_version : null,
			application: null,
			created: this.now(),
			description: typeof form.description === 'string' ? form.description : null,
			enabled_events: events,
			livemode: false,
			metadata: typeof form.metadata === 'object' ? (form.metadata as Json) : {},
			secret: `whsec_${randomBytes(24).toString('base64url').slice(0, 32)}`,
			status: 'enabled',
			url: form.url,
		};
		this.endpoints.set(endpoint.id, endpoint);
		return endpoint;
	}

	private listEndpoints(): Json {
		return {
			object: 'list',
			data: [...this.endpoints.values()].map(withoutSecret),
			has_more: false,
			url: '/v1/webhook_endpoints',
		};
	}
}

function withoutSecret(endpoint: WebhookEndpoint): Json {
	const copy: Json = { ...endpoint };
	delete copy.secret;
	return copy;
}

function faultBody(status: number): Json {
	if (status === 429) return fixture('error-rate-limit-429');
	if (status === 409) {
		return {
			error: {
				code: 'lock_timeout',
				message:
					'This object cannot be accessed right now because another API request or Stripe process is currently accessing it.',
				type: 'invalid_request_error',
			},
		};
	}
	return { error: { message: 'An unknown error occurred', type: 'api_error' } };
}

/** A small HTTP client for tests and scripts (no retries, no redirects). */
export function sendRequest(
	method: string,
	url: string,
	body?: string,
	headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
	return new Promise((resolve, reject) => {
		const request = http.request(url, { method, headers }, (response) => {
			let text = '';
			response.setEncoding('utf8');
			response.on('data', (chunk: string) => (text += chunk));
			response.on('end', () =>
				resolve({ status: response.statusCode ?? 0, headers: response.headers, text }),
			);
		});
		request.setTimeout(10_000, () => request.destroy(new Error('timeout')));
		request.on('error', reject);
		if (body !== undefined) request.write(body);
		request.end();
	});
}

/** Starts a simulator on 127.0.0.1 (a free port unless one is given). */
export async function startStripeSimulator(
	options: SimulatorOptions & { port?: number } = {},
): Promise<StripeSimulator> {
	return await new StripeSimulator(options).start(options.port ?? 0);
}

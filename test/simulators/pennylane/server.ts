// A Pennylane Company API v2 simulator on 127.0.0.1 for tests and the demo: customer invoices (list with the
// `filter` JSON syntax, `sort` and cursor pagination; read one), customers, the customer-invoice changelog,
// Bearer-token auth with scopes (Company API tokens and OAuth 2.0 access tokens alike, with OAuth's token
// endpoint: refresh with rotation), the documented rate limit (25 requests per 5 s per token, `ratelimit-*`
// headers on every answer, 429 with `retry-after`), error bodies, injectable faults and latency.
// Behaviour and shapes: SOURCES.md beside this file; payloads: ./fixtures.
import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import customerCompany from './fixtures/customer-company.json';
import customerForeign from './fixtures/customer-foreign.json';
import customerWithoutEmail from './fixtures/customer-without-email.json';
import invoiceCancelled from './fixtures/invoice-cancelled.json';
import invoiceDraft from './fixtures/invoice-draft.json';
import invoiceLate from './fixtures/invoice-late.json';
import invoicePaid from './fixtures/invoice-paid.json';
import invoicePartial from './fixtures/invoice-partially-paid.json';
import invoiceUpcoming from './fixtures/invoice-upcoming.json';
import invoiceUsd from './fixtures/invoice-usd.json';

export type PlObject = Record<string, unknown>;

export const API_PREFIX = '/api/external/v2';
export const SIMULATOR_TOKEN = 'sim-pennylane-company-token';
export const DEFAULT_SCOPES = ['customer_invoices:readonly', 'customers:readonly'];
/** The OAuth 2.0 app registered with the simulator (Pennylane registers apps by hand: SOURCES.md §2). */
export const SIMULATOR_CLIENT_ID = 'sim-pennylane-client';
export const SIMULATOR_CLIENT_SECRET = 'sim-pennylane-client-secret';
/** Changes the changelog keeps (SOURCES.md §11): four weeks. */
export const CHANGELOG_RETENTION_MS = 28 * 24 * 3600 * 1000;

/** What the token endpoint answers (Pennylane: access tokens valid 24 hours, refresh tokens rotated). */
export interface IssuedTokens {
	access_token: string;
	refresh_token: string;
	token_type: 'Bearer';
	expires_in: number;
	scope: string;
	created_at: number;
}

export interface RateLimit {
	limit: number;
	windowMs: number;
}

export interface PennylaneSimulatorOptions {
	/** Load the recorded invoices 5009-5016 and customers 801-803 (default true). */
	fixtures?: boolean;
	/** The simulator's clock (default Date.now): rate-limit windows and changelog times follow it. */
	now?: () => number;
	/** Default 25 requests per 5 s per token, as documented; false turns it off. */
	rateLimit?: RateLimit | false;
	/** Every answer waits this long (ms) before it is written. */
	latencyMs?: number;
	/** Scopes of the simulator's token (default: read customer invoices and customers). */
	scopes?: string[];
}

export interface FaultRule {
	status: 429 | 500 | 502 | 503;
	/** Requests whose path (below /api/external/v2) matches; all when omitted. */
	path?: string | RegExp;
	times?: number;
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	authorization: string | undefined;
	status: number;
}

interface ChangeEvent {
	id: number;
	operation: 'insert' | 'update' | 'delete';
	processed_at: string;
	created_at: string;
	updated_at: string;
}

function clone<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown,
		readonly headers: Record<string, string> = {},
	) {
		super(`HTTP ${status}`);
	}
}

const ERROR_CODES: Record<number, string> = {
	400: 'bad_request',
	401: 'unauthorized',
	403: 'forbidden',
	404: 'not_found',
	422: 'unprocessable_entity',
	500: 'internal_server_error',
	502: 'bad_gateway',
	503: 'service_unavailable',
};

function apiError(status: number, message: string, details?: Record<string, unknown>): ApiError {
	return new ApiError(status, {
		error: ERROR_CODES[status] ?? 'error',
		message,
		...(details ? { details } : {}),
	});
}

type Operator = 'eq' | 'not_eq' | 'lt' | 'lteq' | 'gt' | 'gteq' | 'in' | 'not_in';
const ORDERED: Operator[] = ['lt', 'lteq', 'gt', 'gteq', 'eq', 'not_eq', 'in', 'not_in'];

/** The documented filterable fields of `GET /customer_invoices` and their operators (reference page). */
const INVOICE_FILTERS: Record<
	string,
	{ operators: Operator[]; read: (invoice: PlObject) => unknown }
> = {
	id: { operators: ORDERED, read: (invoice) => invoice.id },
	date: { operators: ORDERED, read: (invoice) => invoice.date },
	customer_id: {
		operators: ORDERED,
		read: (invoice) => (invoice.customer as PlObject | null)?.id ?? null,
	},
	invoice_number: {
		operators: ['eq', 'not_eq', 'in', 'not_in'],
		read: (invoice) => invoice.invoice_number,
	},
	draft: { operators: ['eq'], read: (invoice) => invoice.draft },
	credit_note: {
		operators: ['eq'],
		read: (invoice) => Number.parseFloat(String(invoice.currency_amount)) < 0,
	},
	external_reference: { operators: ['eq'], read: (invoice) => invoice.external_reference },
};

/** Filter values arrive as JSON (`"false"`, `"801"`, `5012`); compare numbers as numbers, the rest as text. */
function compare(actual: unknown, expected: unknown): number {
	if (typeof actual === 'boolean') return String(actual) === String(expected) ? 0 : 1;
	const a = Number(actual);
	const b = Number(expected);
	if (typeof actual === 'number' && Number.isFinite(b)) return a - b;
	return byCodePoint(String(actual ?? ''), String(expected ?? ''));
}

/** Plain ordering (ISO dates, references), as the database behind the API compares them; not the locale's. */
function byCodePoint(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** `in` / `not_in` as one set lookup per invoice: a by-id read asks for 100 ids over thousands of invoices. */
function memberOf(values: unknown[]): (actual: unknown) => boolean {
	const numbers = new Set(values.map(Number).filter(Number.isFinite));
	const texts = new Set(values.map((value) => String(value ?? '')));
	return (actual) =>
		typeof actual === 'number' ? numbers.has(actual) : texts.has(String(actual ?? ''));
}

function matches(
	actual: unknown,
	operator: Exclude<Operator, 'in' | 'not_in'>,
	value: unknown,
): boolean {
	switch (operator) {
		case 'eq':
			return compare(actual, value) === 0;
		case 'not_eq':
			return compare(actual, value) !== 0;
		case 'lt':
			return compare(actual, value) < 0;
		case 'lteq':
			return compare(actual, value) <= 0;
		case 'gt':
			return compare(actual, value) > 0;
		case 'gteq':
			return compare(actual, value) >= 0;
	}
}

function parseFilter(text: string | undefined): Array<(invoice: PlObject) => boolean> {
	if (text === undefined || text === '') return [];
	let conditions: unknown;
	try {
		conditions = JSON.parse(text);
	} catch {
		throw apiError(422, 'Invalid filter: not valid JSON', {
			field: 'filter',
			issue: 'invalid JSON',
		});
	}
	if (!Array.isArray(conditions)) {
		throw apiError(422, 'Invalid filter: must be an array', {
			field: 'filter',
			issue: 'not an array',
		});
	}
	return conditions.map((condition: unknown) => {
		const { field, operator, value } = (condition ?? {}) as Record<string, unknown>;
		const spec = INVOICE_FILTERS[String(field)];
		if (!spec) {
			throw apiError(422, `Invalid filter: ${String(field)} is not a filterable field`, {
				field: 'filter',
				issue: `${String(field)} is not a filterable field`,
			});
		}
		if (!spec.operators.includes(operator as Operator)) {
			throw apiError(
				422,
				`Invalid filter: operator ${String(operator)} is not allowed on ${String(field)}`,
				{
					field: 'filter',
					issue: `operator ${String(operator)} is not allowed on ${String(field)}`,
				},
			);
		}
		if ((operator === 'in' || operator === 'not_in') !== Array.isArray(value)) {
			throw apiError(
				422,
				`Invalid filter: value of ${String(operator)} must ${Array.isArray(value) ? 'not ' : ''}be an array`,
				{
					field: 'filter',
					issue: 'value type',
				},
			);
		}
		if (operator === 'in' || operator === 'not_in') {
			const member = memberOf(value as unknown[]);
			const wanted = operator === 'in';
			return (invoice: PlObject) => member(spec.read(invoice)) === wanted;
		}
		const order = operator as Exclude<Operator, 'in' | 'not_in'>;
		return (invoice: PlObject) => matches(spec.read(invoice), order, value);
	});
}

/** Opaque to clients; here base64url of the sort and the last key returned, like a keyset cursor. */
function encodeCursor(sort: string, last: unknown): string {
	return Buffer.from(JSON.stringify({ s: sort, k: last })).toString('base64url');
}

function decodeCursor(cursor: string, sort: string): unknown {
	try {
		const decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
			s: string;
			k: unknown;
		};
		if (decoded.s === sort && decoded.k !== undefined) return decoded.k;
	} catch {
		// falls through to the error below
	}
	throw apiError(422, 'Invalid cursor', { field: 'cursor', issue: 'invalid or for another sort' });
}

export class PennylaneSimulator {
	readonly invoices = new Map<number, PlObject>();
	readonly customers = new Map<number, PlObject>();
	readonly requests: RecordedRequest[] = [];
	readonly changes: ChangeEvent[] = [];
	readonly tokens = new Map<string, string[]>();
	/** Every call to the OAuth token endpoint: grant type, the refresh token sent, the answer's status. */
	readonly tokenRequests: { grantType: string; refreshToken?: string; status: number }[] = [];
	latencyMs: number;
	rateLimit: RateLimit | false;
	private readonly now: () => number;
	private readonly windows = new Map<string, { start: number; count: number }>();
	private faults: Array<FaultRule & { left: number }> = [];
	/** Live OAuth refresh tokens, with the scopes of the grant; and the OAuth access tokens issued. */
	private readonly refreshTokens = new Map<string, string[]>();
	private readonly oauthAccessTokens = new Set<string>();
	private server: http.Server | null = null;

	constructor(options: PennylaneSimulatorOptions = {}) {
		this.now = options.now ?? Date.now;
		this.latencyMs = options.latencyMs ?? 0;
		this.rateLimit = options.rateLimit ?? { limit: 25, windowMs: 5000 };
		this.tokens.set(SIMULATOR_TOKEN, options.scopes ?? DEFAULT_SCOPES);
		if (options.fixtures !== false) {
			for (const invoice of [
				invoiceCancelled,
				invoicePaid,
				invoiceLate,
				invoicePartial,
				invoiceUpcoming,
				invoiceDraft,
				invoiceUsd,
			]) {
				this.invoices.set(invoice.id, clone(invoice) as PlObject);
			}
			for (const customer of [customerCompany, customerWithoutEmail, customerForeign]) {
				this.customers.set(customer.id, clone(customer) as PlObject);
			}
		}
	}

	get url(): string {
		const address = this.server?.address() as AddressInfo | null;
		if (!address) throw new Error('the Pennylane simulator is not started');
		return `http://127.0.0.1:${address.port}`;
	}

	/** The base URL a credential points at (the real one is https://app.pennylane.com/api/external/v2). */
	get baseUrl(): string {
		return `${this.url}${API_PREFIX}`;
	}

	/** Pennylane's authorize URL is https://app.pennylane.com/oauth/authorize; the simulator only names one. */
	get authorizeUrl(): string {
		return `${this.url}/oauth/authorize`;
	}

	/** The OAuth token endpoint (https://app.pennylane.com/oauth/token at Pennylane). */
	get tokenUrl(): string {
		return `${this.url}/oauth/token`;
	}

	/**
	 * Tokens as after the authorization-code exchange (for a credential's oauthTokenData): the access token is
	 * accepted on the API exactly like a Company API token with the same scopes.
	 */
	issueOAuthTokens(scopes: string[] = DEFAULT_SCOPES): IssuedTokens {
		const access = `sim-pl-access-${randomBytes(12).toString('hex')}`;
		const refresh = `sim-pl-refresh-${randomBytes(12).toString('hex')}`;
		this.tokens.set(access, [...scopes]);
		this.oauthAccessTokens.add(access);
		this.refreshTokens.set(refresh, [...scopes]);
		return {
			access_token: access,
			refresh_token: refresh,
			token_type: 'Bearer',
			expires_in: 86400,
			scope: scopes.join(' '),
			created_at: Math.floor(this.now() / 1000),
		};
	}

	/** Every OAuth access token expires (API calls with them get 401); refresh tokens stay valid. */
	expireAccessTokens(): void {
		for (const token of this.oauthAccessTokens) this.tokens.delete(token);
		this.oauthAccessTokens.clear();
	}

	isRefreshTokenValid(token: string): boolean {
		return this.refreshTokens.has(token);
	}

	async start(port = 0): Promise<this> {
		this.server = http.createServer((request, response) => void this.handle(request, response));
		await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
		return this;
	}

	async stop(): Promise<void> {
		const server = this.server;
		this.server = null;
		if (!server) return;
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}

	/**
	 * Adds or replaces an invoice (a changelog `insert` or `update` is recorded, as Pennylane would).
	 * `{ recorded: false }`: an invoice already there before the test, changed longer ago than the changelog keeps.
	 */
	putInvoice(invoice: PlObject, options: { recorded?: boolean } = {}): void {
		const id = Number(invoice.id);
		const operation = this.invoices.has(id) ? 'update' : 'insert';
		this.invoices.set(id, clone(invoice));
		if (options.recorded !== false) this.recordChange(id, operation);
	}

	/** Changes fields of an invoice, e.g. `{ paid: true, remaining_amount_with_tax: "0.0", status: "paid" }`. */
	updateInvoice(id: number, patch: PlObject): PlObject {
		const current = this.invoices.get(id);
		if (!current) throw new Error(`no invoice ${id} in the simulator`);
		const next = { ...current, ...clone(patch), updated_at: new Date(this.now()).toISOString() };
		this.invoices.set(id, next);
		this.recordChange(id, 'update');
		return next;
	}

	/** The invoice is paid in full: `paid`, nothing remaining, status `paid` (an `update` in the changelog). */
	payInvoice(id: number): PlObject {
		return this.updateInvoice(id, { paid: true, status: 'paid', remaining_amount_with_tax: '0.0' });
	}

	deleteInvoice(id: number): void {
		this.invoices.delete(id);
		this.recordChange(id, 'delete');
	}

	putCustomer(customer: PlObject): void {
		this.customers.set(Number(customer.id), clone(customer));
	}

	/** The next `times` requests matching `path` fail with `status` before any other check. */
	injectFault(rule: FaultRule): void {
		this.faults.push({ ...rule, left: rule.times ?? 1 });
	}

	private recordChange(id: number, operation: ChangeEvent['operation']): void {
		const at = new Date(this.now()).toISOString();
		this.changes.push({ id, operation, processed_at: at, created_at: at, updated_at: at });
	}

	private rateHeaders(token: string): { headers: Record<string, string>; limited: boolean } {
		if (this.rateLimit === false) return { headers: {}, limited: false };
		const now = this.now();
		let window = this.windows.get(token);
		if (!window || now >= window.start + this.rateLimit.windowMs) {
			window = { start: now, count: 0 };
			this.windows.set(token, window);
		}
		window.count += 1;
		const resetMs = window.start + this.rateLimit.windowMs;
		const limited = window.count > this.rateLimit.limit;
		const headers: Record<string, string> = {
			'ratelimit-limit': String(this.rateLimit.limit),
			'ratelimit-remaining': String(Math.max(0, this.rateLimit.limit - window.count)),
			'ratelimit-reset': String(Math.ceil(resetMs / 1000)),
		};
		if (limited) headers['retry-after'] = String(Math.max(1, Math.ceil((resetMs - now) / 1000)));
		return { headers, limited };
	}

	private async handle(
		request: http.IncomingMessage,
		response: http.ServerResponse,
	): Promise<void> {
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		const query = Object.fromEntries(url.searchParams.entries());
		const path = url.pathname.startsWith(API_PREFIX)
			? url.pathname.slice(API_PREFIX.length)
			: url.pathname;
		if (url.pathname === '/oauth/token' && request.method === 'POST') {
			const [status, answer] = this.token(request, await readBody(request));
			response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
			response.end(JSON.stringify(answer));
			return;
		}
		let status = 200;
		let body: unknown;
		let headers: Record<string, string> = {};
		try {
			const fault = this.faults.find(
				(rule) =>
					rule.left > 0 &&
					(rule.path === undefined ||
						(typeof rule.path === 'string' ? rule.path === path : rule.path.test(path))),
			);
			if (fault) {
				fault.left -= 1;
				if (fault.status === 429) {
					throw new ApiError(429, 'Rate limit exceeded. Please retry in 1 seconds.', {
						'retry-after': '1',
						'ratelimit-limit': '25',
						'ratelimit-remaining': '0',
						'ratelimit-reset': String(Math.ceil(this.now() / 1000) + 1),
					});
				}
				throw apiError(fault.status, 'Something went wrong');
			}
			const token = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
			const scopes = token === undefined ? undefined : this.tokens.get(token);
			if (!url.pathname.startsWith(API_PREFIX) || request.method !== 'GET') {
				throw apiError(404, 'Not found');
			}
			if (scopes === undefined) throw apiError(401, 'The access token is invalid');
			const rate = this.rateHeaders(token!);
			headers = rate.headers;
			if (rate.limited) {
				throw new ApiError(
					429,
					`Rate limit exceeded. Please retry in ${rate.headers['retry-after']} seconds.`,
					rate.headers,
				);
			}
			body = this.route(path, query, scopes);
		} catch (error) {
			if (!(error instanceof ApiError)) throw error;
			status = error.status;
			body = error.body;
			headers = { ...headers, ...error.headers };
		}
		this.requests.push({
			method: request.method ?? 'GET',
			path,
			query,
			authorization: request.headers.authorization,
			status,
		});
		if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
		if (!this.server) return;
		const text = typeof body === 'string' ? body : JSON.stringify(body);
		response.writeHead(status, {
			'content-type':
				typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
			...headers,
		});
		response.end(text);
	}

	/**
	 * OAuth's token endpoint: the client authenticates in the body (as Pennylane's clients do) or with Basic;
	 * a refresh gives a new pair and invalidates the old refresh token (Pennylane rotates both).
	 */
	private token(request: http.IncomingMessage, rawBody: string): [number, unknown] {
		const form = new URLSearchParams(rawBody);
		const grantType = form.get('grant_type') ?? '';
		const basic = /^Basic (.+)$/i.exec(String(request.headers.authorization ?? ''))?.[1];
		const [clientId, clientSecret] = basic
			? Buffer.from(basic, 'base64').toString('utf8').split(':')
			: [form.get('client_id'), form.get('client_secret')];
		const log = { grantType, refreshToken: form.get('refresh_token') ?? undefined, status: 0 };
		this.tokenRequests.push(log);
		const answer = (status: number, body: unknown): [number, unknown] => {
			log.status = status;
			return [status, body];
		};
		if (clientId !== SIMULATOR_CLIENT_ID || clientSecret !== SIMULATOR_CLIENT_SECRET) {
			return answer(401, { error: 'invalid_client' });
		}
		if (grantType === 'refresh_token') {
			const scopes = this.refreshTokens.get(form.get('refresh_token') ?? '');
			if (!scopes) return answer(400, { error: 'invalid_grant' });
			this.refreshTokens.delete(form.get('refresh_token')!);
			return answer(200, this.issueOAuthTokens(scopes));
		}
		if (grantType === 'authorization_code' && form.get('code')) {
			return answer(200, this.issueOAuthTokens());
		}
		return answer(400, { error: 'unsupported_grant_type' });
	}

	private requireScope(scopes: string[], resource: string): void {
		if (!scopes.includes(`${resource}:readonly`) && !scopes.includes(`${resource}:all`)) {
			throw apiError(403, `Missing required scope: ${resource}:readonly`);
		}
	}

	private route(path: string, query: Record<string, string>, scopes: string[]): unknown {
		let match: RegExpExecArray | null;
		if (path === '/customer_invoices') {
			this.requireScope(scopes, 'customer_invoices');
			return this.listInvoices(query);
		}
		if ((match = /^\/customer_invoices\/(\d+)$/.exec(path))) {
			this.requireScope(scopes, 'customer_invoices');
			const invoice = this.invoices.get(Number(match[1]));
			if (!invoice) throw apiError(404, 'Customer invoice not found');
			return invoice;
		}
		if ((match = /^\/customers\/(\d+)$/.exec(path))) {
			this.requireScope(scopes, 'customers');
			const customer = this.customers.get(Number(match[1]));
			if (!customer) throw apiError(404, 'Customer not found');
			return customer;
		}
		if (path === '/changelogs/customer_invoices') {
			this.requireScope(scopes, 'customer_invoices');
			return this.listChanges(query);
		}
		throw apiError(404, 'Not found');
	}

	private pageSize(query: Record<string, string>, max: number): number {
		const limit = query.limit === undefined ? 20 : Number(query.limit);
		if (!Number.isInteger(limit) || limit < 1 || limit > max) {
			throw apiError(422, `limit must be between 1 and ${max}`, {
				field: 'limit',
				issue: 'out of range',
			});
		}
		return limit;
	}

	private listInvoices(query: Record<string, string>) {
		const limit = this.pageSize(query, 100);
		const sort = query.sort ?? '-id';
		if (!['id', '-id', 'date', '-date'].includes(sort)) {
			throw apiError(422, `Invalid sort: ${sort}`, {
				field: 'sort',
				issue: 'not a sortable field',
			});
		}
		const conditions = parseFilter(query.filter);
		const field = sort.replace('-', '') as 'id' | 'date';
		const direction = sort.startsWith('-') ? -1 : 1;
		// Keyset order: the sort field, then id, so that equal dates page deterministically.
		const keyOf = (invoice: PlObject): [string, number] => [
			field === 'id' ? '' : String(invoice.date ?? ''),
			Number(invoice.id),
		];
		const order = (a: [string, number], b: [string, number]) =>
			direction * (byCodePoint(a[0], b[0]) || a[1] - b[1]);
		let rows = [...this.invoices.values()]
			.filter((invoice) => conditions.every((condition) => condition(invoice)))
			.sort((a, b) => order(keyOf(a), keyOf(b)));
		if (query.cursor) {
			const after = decodeCursor(query.cursor, sort) as [string, number];
			rows = rows.filter((invoice) => order(keyOf(invoice), after) > 0);
		}
		const items = rows.slice(0, limit);
		const hasMore = rows.length > limit;
		return {
			has_more: hasMore,
			next_cursor: hasMore ? encodeCursor(sort, keyOf(items[items.length - 1])) : null,
			items: clone(items),
		};
	}

	/**
	 * The changelog: `start_date` (RFC 3339) at most four weeks back (older: 422), not sent with a cursor
	 * (both: 400); without it, from the oldest change kept. Oldest first, by `processed_at`.
	 */
	private listChanges(query: Record<string, string>) {
		const limit = this.pageSize(query, 1000);
		const oldest = this.now() - CHANGELOG_RETENTION_MS;
		if (query.start_date !== undefined && query.cursor) {
			throw apiError(400, 'start_date and cursor cannot be used together');
		}
		let index: number;
		if (query.cursor) {
			index = Number(decodeCursor(query.cursor, 'changes'));
		} else {
			const start = query.start_date === undefined ? oldest : Date.parse(query.start_date);
			if (!Number.isFinite(start)) {
				throw apiError(422, 'Invalid start_date', { field: 'start_date', issue: 'not a date' });
			}
			if (start < oldest) {
				throw apiError(422, 'start_date cannot be older than 4 weeks', {
					field: 'start_date',
					issue: 'older than the retention period',
				});
			}
			index = this.changes.findIndex((change) => Date.parse(change.processed_at) >= start);
			if (index < 0) index = this.changes.length;
		}
		const items = this.changes.slice(index, index + limit);
		const hasMore = index + limit < this.changes.length;
		return {
			has_more: hasMore,
			next_cursor: hasMore ? encodeCursor('changes', index + limit) : null,
			items: clone(items),
		};
	}
}

function readBody(request: http.IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		let text = '';
		request.setEncoding('utf8');
		request.on('data', (chunk: string) => (text += chunk));
		request.on('end', () => resolve(text));
		request.on('error', reject);
	});
}

export async function startPennylaneSimulator(
	options: PennylaneSimulatorOptions & { port?: number } = {},
): Promise<PennylaneSimulator> {
	return await new PennylaneSimulator(options).start(options.port);
}

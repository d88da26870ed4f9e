// A QuickBooks Online simulator on 127.0.0.1 for tests and the demo: the query, read, sparse-update (with
// SyncToken checks), send, customer, payment and change-data-capture endpoints of API v3 (minorversion 75),
// Intuit's OAuth token endpoint (refresh with rotation, invalid_grant), 401 on expired access tokens,
// CloudEvents webhook delivery signed like Intuit's, injectable faults, and seeding of thousands of invoices.
// Payload shapes come from the recorded exchanges in test/fixtures/quickbooks.
import { createHmac, randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import customerFixture from '../../fixtures/quickbooks/customer.json';
import faultAuth from '../../fixtures/quickbooks/fault-authentication-401.json';
import faultQuery from '../../fixtures/quickbooks/fault-invalid-query-4000.json';
import faultNotFound from '../../fixtures/quickbooks/fault-not-found-610.json';
import faultStale from '../../fixtures/quickbooks/fault-stale-synctoken-5010.json';
import faultThrottled from '../../fixtures/quickbooks/fault-throttled-3001.json';
import invoiceForeign from '../../fixtures/quickbooks/invoice-foreign-currency.json';
import invoiceLink from '../../fixtures/quickbooks/invoice-with-invoice-link.json';
import invoiceOverdue from '../../fixtures/quickbooks/invoice-open-overdue.json';
import invoicePaid from '../../fixtures/quickbooks/invoice-paid.json';
import invoicePartial from '../../fixtures/quickbooks/invoice-partially-paid.json';
import invoiceNote from '../../fixtures/quickbooks/invoice-with-private-note.json';
import invoiceVoided from '../../fixtures/quickbooks/invoice-voided.json';
import paymentFixture from '../../fixtures/quickbooks/payment.json';
import { compileConditions, parseQuery, QuerySyntaxError, sortBy } from './query-language';
import { ProviderLimiter, type LimiterCounters, type ProviderLimits } from '../rate-limit';

export type QbObject = Record<string, unknown>;

export const SIMULATOR_REALM_ID = '9341455831207162';
export const SIMULATOR_CLIENT_ID = 'sim-client-id';
export const SIMULATOR_CLIENT_SECRET = 'sim-client-secret';
export const SIMULATOR_VERIFIER_TOKEN = 'c6e1b0a4-5f2d-4e8b-9a73-0d1f2e3c4b5a';

export type FaultKind = 'throttle' | 'server' | 'timeout' | 'reset' | 'expired' | 'delay';

export interface FaultRule {
	kind: FaultKind;
	/** Requests whose method and path (below the company, e.g. `/query`, `/invoice/1042`) match. */
	method?: string;
	path?: string | RegExp;
	/** How many matching requests fail (default 1). */
	times?: number;
	/** `timeout`: how long the request hangs before the socket is closed (default 60 s); `delay`: how long
	 * the request waits before it is served normally. */
	hangMs?: number;
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: http.IncomingHttpHeaders;
	body: unknown;
	status: number;
}

export interface SimulatorOptions {
	realmId?: string;
	/** Load the recorded invoices (1038, 1042-1047), customers and payment 212 (default true). */
	fixtures?: boolean;
	/** The simulator's clock (default Date.now); CDC timestamps and `time` fields follow it. */
	now?: () => number;
	/** Refresh tokens rotate on every refresh (default true, as Intuit may do). */
	rotateRefreshTokens?: boolean;
	accessTokenLifetimeSeconds?: number;
	/**
	 * QuickBooks' throttling, off by default: requests per rolling minute and second and requests at once for
	 * the realm; over any of them the API answers 429 with fault 3001 (ThrottleExceeded), as recorded in
	 * test/fixtures/quickbooks/fault-throttled-3001.json. `QUICKBOOKS_DOCUMENTED_LIMITS` are Intuit's figures.
	 */
	limits?: ProviderLimits;
	/** Time each API request takes before it is answered (default 0), as a real call from afar does. */
	latencyMs?: number;
	/** The clock the limits count on (default real time): a test pacing on a virtual clock passes its own. */
	limiterNow?: () => number;
}

/** Intuit's documented limits per realm and app (docs/limits.md): 500 a minute, 10 a second, 10 at once. */
export const QUICKBOOKS_DOCUMENTED_LIMITS: Readonly<ProviderLimits> = Object.freeze({
	perMinute: 500,
	perSecond: 10,
	concurrency: 10,
});

export interface IssuedTokens {
	access_token: string;
	refresh_token: string;
	token_type: 'bearer';
	expires_in: number;
	x_refresh_token_expires_in: number;
}

function clone<T>(value: T): T {
	return JSON.parse(JSON.stringify(value)) as T;
}

const PACIFIC = new Intl.DateTimeFormat('en-US', {
	timeZone: 'America/Los_Angeles',
	timeZoneName: 'longOffset',
});

/** An instant as QuickBooks writes it: Pacific time with its offset (-08:00 in winter, -07:00 in summer). */
export function pacificTimestamp(ms: number, withMillis = false): string {
	const zone = PACIFIC.formatToParts(new Date(ms)).find(
		(part) => part.type === 'timeZoneName',
	)!.value;
	const match = /GMT([+-])(\d{2}):(\d{2})/.exec(zone);
	const offset = match
		? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]))
		: 0;
	const local = new Date(ms + offset * 60_000).toISOString().slice(0, withMillis ? 23 : 19);
	const sign = offset < 0 ? '-' : '+';
	const abs = Math.abs(offset);
	return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

const invoiceOf = (exchange: { response: { body: unknown } }) =>
	clone((exchange.response.body as { Invoice: QbObject }).Invoice);

export class QuickBooksSimulator {
	readonly realmId: string;
	readonly invoices = new Map<string, QbObject>();
	readonly customers = new Map<string, QbObject>();
	readonly payments = new Map<string, QbObject>();
	/** Deleted invoices: id → deletion time, for CDC. */
	readonly deleted = new Map<string, number>();
	readonly requests: RecordedRequest[] = [];
	readonly sentEmails: { invoiceId: string; sendTo: string | null }[] = [];
	readonly tokenRequests: { grantType: string; refreshToken?: string; status: number }[] = [];
	private readonly faults: (FaultRule & { remaining: number })[] = [];
	private readonly accessTokens = new Map<string, number>();
	private readonly refreshTokens = new Set<string>();
	private readonly sockets = new Set<import('node:net').Socket>();
	private readonly now: () => number;
	private readonly rotate: boolean;
	private readonly lifetime: number;
	private server: http.Server | undefined;
	private nextId = 5000;
	private readonly limiter: ProviderLimiter;
	latencyMs: number;
	port = 0;

	constructor(options: SimulatorOptions = {}) {
		this.realmId = options.realmId ?? SIMULATOR_REALM_ID;
		this.now = options.now ?? Date.now;
		this.rotate = options.rotateRefreshTokens ?? true;
		this.lifetime = options.accessTokenLifetimeSeconds ?? 3600;
		// Real time whatever `now` says: the simulated clock of a test may stand still.
		this.limiter = new ProviderLimiter(options.limits ?? {}, options.limiterNow);
		this.latencyMs = options.latencyMs ?? 0;
		if (options.fixtures ?? true) this.loadFixtures();
	}

	/** `http://127.0.0.1:<port>`: the credential's Base URL. */
	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/** The credential's Token URL. */
	get tokenUrl(): string {
		return `${this.url}/oauth2/v1/tokens/bearer`;
	}

	async start(port = 0): Promise<this> {
		this.server = http.createServer((request, response) => {
			this.handle(request, response).catch((error: unknown) => {
				if (!response.headersSent) {
					response.writeHead(500, { 'content-type': 'text/plain' });
					response.end(String(error));
				}
			});
		});
		this.server.on('connection', (socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
		this.port = (this.server.address() as AddressInfo).port;
		return this;
	}

	async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) =>
			this.server ? this.server.close(() => resolve()) : resolve(),
		);
		this.server = undefined;
	}

	// ---- data -------------------------------------------------------------------------------------------

	loadFixtures(): void {
		for (const exchange of [
			invoiceOverdue,
			invoicePartial,
			invoicePaid,
			invoiceForeign,
			invoiceVoided,
			invoiceLink,
			invoiceNote,
		]) {
			this.putInvoice(invoiceOf(exchange), { keepMetaData: true });
		}
		const customer = clone((customerFixture.response.body as { Customer: QbObject }).Customer);
		this.customers.set('58', customer);
		this.customers.set('61', {
			...clone(customer),
			Id: '61',
			DisplayName: 'Atelier Vauclair SARL',
			Notes: '',
			PrimaryEmailAddr: { Address: 'compta@atelier-vauclair.example.fr' },
		});
		this.customers.set('64', {
			...clone(customer),
			Id: '64',
			DisplayName: 'Northgate Clinics plc',
			Notes: '[dunning] tags=vip',
			PrimaryEmailAddr: { Address: 'ap@northgate-clinics.example.co.uk' },
		});
		const payment = clone((paymentFixture.response.body as { Payment: QbObject }).Payment);
		this.payments.set(String(payment.Id), payment);
	}

	/** Adds or replaces an invoice; its MetaData.LastUpdatedTime becomes now unless kept. */
	putInvoice(invoice: QbObject, options: { keepMetaData?: boolean } = {}): QbObject {
		return this.store(clone(invoice), options);
	}

	/** Keeps `stored`, a copy nobody else holds, as it is (seeding thousands of invoices copies each once). */
	private store(stored: QbObject, options: { keepMetaData?: boolean }): QbObject {
		stored.Id = String(stored.Id ?? this.nextId++);
		stored.SyncToken = String(stored.SyncToken ?? '0');
		if (!options.keepMetaData || !stored.MetaData) {
			const now = pacificTimestamp(this.now());
			stored.MetaData = { CreateTime: now, ...(stored.MetaData as QbObject), LastUpdatedTime: now };
		}
		this.invoices.set(stored.Id as string, stored);
		this.deleted.delete(stored.Id as string);
		return stored;
	}

	/**
	 * Adds `count` open invoices shaped like the recorded invoice 1042, due `dueDate` (or spread by `dueDateOf`),
	 * every fifth one without BillEmail (the address is then on customer 58).
	 */
	seedInvoices(
		count: number,
		options: {
			dueDate?: string;
			dueDateOf?: (index: number) => string;
			amount?: number;
			/** When they were last changed (default now): older than a CDC window keeps them out of CDC. */
			updatedAt?: number;
		} = {},
	): QbObject[] {
		const template = invoiceOf(invoiceOverdue);
		// The invoices without BillEmail rely on their customer's address, as in a real company file.
		if (!this.customers.has('58')) {
			this.customers.set(
				'58',
				clone((customerFixture.response.body as { Customer: QbObject }).Customer),
			);
		}
		const created: QbObject[] = [];
		for (let index = 0; index < count; index++) {
			const id = String(this.nextId++);
			const amount = options.amount ?? 100 + (index % 97) + (index % 100) / 100;
			const invoice: QbObject = {
				...clone(template),
				Id: id,
				DocNumber: `S-${id}`,
				SyncToken: '0',
				DueDate: options.dueDateOf?.(index) ?? options.dueDate ?? '2026-10-30',
				TotalAmt: amount,
				Balance: amount,
				Line: [
					{
						Id: '1',
						LineNum: 1,
						Description: `Seeded service ${id}`,
						Amount: amount,
						DetailType: 'SalesItemLineDetail',
						SalesItemLineDetail: {
							ItemRef: { value: '21', name: 'Workshop' },
							Qty: 1,
							UnitPrice: amount,
						},
					},
				],
				TxnTaxDetail: { TotalTax: 0 },
			};
			if (index % 5 === 4) delete invoice.BillEmail;
			if (options.updatedAt !== undefined) {
				const at = pacificTimestamp(options.updatedAt);
				invoice.MetaData = { CreateTime: at, LastUpdatedTime: at };
			}
			created.push(this.store(invoice, { keepMetaData: options.updatedAt !== undefined }));
		}
		return created;
	}

	/** Changes an invoice as a QuickBooks user would (a payment, a new due date): new SyncToken, new time. */
	editInvoice(id: string, fields: QbObject): QbObject {
		const current = this.invoices.get(id);
		if (!current) throw new Error(`no invoice ${id}`);
		return this.putInvoice({
			...current,
			...fields,
			SyncToken: String(Number(current.SyncToken) + 1),
		});
	}

	deleteInvoice(id: string): void {
		this.invoices.delete(id);
		this.deleted.set(id, this.now());
	}

	// ---- OAuth --------------------------------------------------------------------------------------------

	/** Tokens as after the authorization-code exchange (to store in a credential's oauthTokenData). */
	issueTokens(): IssuedTokens {
		const access = `sim-access-${randomBytes(12).toString('hex')}`;
		const refresh = `sim-refresh-${randomBytes(12).toString('hex')}`;
		this.accessTokens.set(access, this.now() + this.lifetime * 1000);
		this.refreshTokens.add(refresh);
		return {
			access_token: access,
			refresh_token: refresh,
			token_type: 'bearer',
			expires_in: this.lifetime,
			x_refresh_token_expires_in: 8726400,
		};
	}

	/** Every access token issued so far stops working (the next API call gets 401). */
	expireAccessTokens(): void {
		for (const token of this.accessTokens.keys()) this.accessTokens.set(token, 0);
	}

	/** The refresh token dies (the user revoked access): refreshing gives invalid_grant. */
	revokeRefreshTokens(): void {
		this.refreshTokens.clear();
	}

	isRefreshTokenValid(token: string): boolean {
		return this.refreshTokens.has(token);
	}

	// ---- faults and webhooks -------------------------------------------------------------------------------

	/** Requests served and refused with 429, and the most in flight at once, since the start. */
	get counters(): Readonly<LimiterCounters> {
		return this.limiter.counters;
	}

	/** Changes the throttling (`{}`: none) for the requests to come. */
	setLimits(limits: ProviderLimits): void {
		this.limiter.limits = limits;
	}

	injectFault(rule: FaultRule): void {
		this.faults.push({ ...rule, remaining: rule.times ?? 1 });
	}

	clearFaults(): void {
		this.faults.length = 0;
	}

	/** A notification as Intuit sends it now: a CloudEvents array, and its `intuit-signature`. */
	notification(
		changes: { entity: string; id: string; operation: string }[],
		options: { format?: 'cloudevents' | 'legacy'; verifierToken?: string } = {},
	): { body: string; signature: string } {
		const time = this.now();
		const body =
			options.format === 'legacy'
				? JSON.stringify({
						eventNotifications: [
							{
								realmId: this.realmId,
								dataChangeEvent: {
									entities: changes.map((change) => ({
										name: change.entity[0].toUpperCase() + change.entity.slice(1),
										id: change.id,
										operation: change.operation[0].toUpperCase() + change.operation.slice(1),
										lastUpdated: new Date(time).toISOString(),
									})),
								},
							},
						],
					})
				: JSON.stringify(
						changes.map((change) => ({
							specversion: '1.0',
							id: randomBytes(16).toString('hex'),
							source: 'intuit.qbo.simulator',
							type: `qbo.${change.entity.toLowerCase()}.${change.operation.toLowerCase()}.v1`,
							datacontenttype: 'application/json',
							time: new Date(time).toISOString(),
							intuitentityid: change.id,
							intuitaccountid: this.realmId,
							data: {},
						})),
					);
		const signature = createHmac('sha256', options.verifierToken ?? SIMULATOR_VERIFIER_TOKEN)
			.update(body)
			.digest('base64');
		return { body, signature };
	}

	/** POSTs a signed notification to a webhook URL (`forge`: signed with another token). */
	async deliverWebhook(
		url: string,
		changes: { entity: string; id: string; operation: string }[],
		options: { format?: 'cloudevents' | 'legacy'; forge?: boolean; verifierToken?: string } = {},
	): Promise<{ status: number; body: string }> {
		const { body, signature } = this.notification(changes, {
			format: options.format,
			verifierToken: options.forge ? 'not-the-verifier-token' : options.verifierToken,
		});
		return await new Promise((resolve, reject) => {
			const request = http.request(
				url,
				{
					method: 'POST',
					headers: {
						'content-type': 'application/json',
						'content-length': Buffer.byteLength(body),
						'intuit-signature': signature,
					},
				},
				(response) => {
					let text = '';
					response.setEncoding('utf8');
					response.on('data', (chunk: string) => (text += chunk));
					response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
				},
			);
			request.on('error', reject);
			request.end(body);
		});
	}

	// ---- HTTP ---------------------------------------------------------------------------------------------

	private async handle(
		request: http.IncomingMessage,
		response: http.ServerResponse,
	): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of request) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks).toString('utf8');
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		const query = Object.fromEntries(url.searchParams.entries());
		const method = request.method ?? 'GET';
		const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
			response.writeHead(status, {
				'content-type': 'application/json;charset=UTF-8',
				intuit_tid: `1-sim-${randomBytes(8).toString('hex')}`,
				...headers,
			});
			// Serialised at once: stored rows can go out as they are, later changes cannot reach this answer.
			response.end(JSON.stringify(body));
		};

		if (url.pathname === '/oauth2/v1/tokens/bearer' && method === 'POST') {
			return this.token(request, rawBody, send);
		}
		const prefix = `/v3/company/${this.realmId}`;
		if (!url.pathname.startsWith(prefix)) return send(404, { error: 'not found' });
		const path = url.pathname.slice(prefix.length);
		let body: unknown = undefined;
		if (rawBody !== '' && String(request.headers['content-type'] ?? '').includes('json')) {
			try {
				body = JSON.parse(rawBody);
			} catch {
				body = rawBody;
			}
		}
		const record: RecordedRequest = {
			method,
			path,
			query,
			headers: request.headers,
			body,
			status: 0,
		};
		this.requests.push(record);
		const reply = (status: number, payload: unknown, headers?: Record<string, string>) => {
			record.status = status;
			send(status, payload, headers);
		};

		const admission = this.limiter.admit();
		if ('refused' in admission) return reply(429, this.faultBody(faultThrottled));
		response.once('close', admission.done);
		if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));

		let fault = this.takeFault(method, path);
		if (fault && typeof fault === 'object' && fault.kind === 'delay') {
			await new Promise((resolve) =>
				setTimeout(resolve, fault && typeof fault === 'object' ? (fault.hangMs ?? 100) : 0),
			);
			fault = null;
		}
		if (fault === 'reset') {
			record.status = -1;
			request.socket.destroy();
			return;
		}
		if (fault && typeof fault === 'object') {
			record.status = -2;
			setTimeout(() => request.socket.destroy(), fault.hangMs ?? 60_000).unref();
			return;
		}
		if (fault === 'throttle') return reply(429, this.faultBody(faultThrottled));
		if (fault === 'server')
			return reply(503, {
				Fault: {
					Error: [{ Message: 'Service Unavailable', Detail: 'Simulated outage', code: '10000' }],
					type: 'SERVICE',
				},
				time: this.time(),
			});

		const token = /^Bearer (.+)$/i.exec(String(request.headers.authorization ?? ''))?.[1];
		const expiresAt = token ? this.accessTokens.get(token) : undefined;
		if (fault === 'expired' || expiresAt === undefined || expiresAt <= this.now()) {
			const body401 = clone(faultAuth.response.body);
			return reply(401, body401, {
				'www-authenticate': 'Bearer realm="Intuit", error="invalid_token"',
			});
		}

		const invoiceMatch = /^\/invoice\/(\d+)$/.exec(path);
		const sendMatch = /^\/invoice\/(\d+)\/send$/.exec(path);
		const customerMatch = /^\/customer\/(\d+)$/.exec(path);
		const paymentMatch = /^\/payment\/(\d+)$/.exec(path);
		if (method === 'GET' && invoiceMatch) {
			const invoice = this.invoices.get(invoiceMatch[1]);
			if (!invoice) return reply(400, this.faultBody(faultNotFound));
			const answer =
				query.include === 'invoiceLink' ? invoice : { ...invoice, InvoiceLink: undefined };
			return reply(200, { Invoice: answer, time: this.time() });
		}
		if (method === 'GET' && customerMatch) {
			const customer = this.customers.get(customerMatch[1]);
			if (!customer) return reply(400, this.faultBody(faultNotFound));
			return reply(200, { Customer: customer, time: this.time() });
		}
		if (method === 'GET' && paymentMatch) {
			const payment = this.payments.get(paymentMatch[1]);
			if (!payment) return reply(400, this.faultBody(faultNotFound));
			return reply(200, { Payment: payment, time: this.time() });
		}
		if (method === 'POST' && path === '/invoice') return this.update(body, reply);
		if (method === 'POST' && sendMatch) {
			const invoice = this.invoices.get(sendMatch[1]);
			if (!invoice) return reply(400, this.faultBody(faultNotFound));
			const sendTo = query.sendTo ?? null;
			if (!sendTo && !(invoice.BillEmail as QbObject | undefined)?.Address) {
				// What QuickBooks answers for an invoice without BillEmail when no sendTo is given.
				return reply(400, {
					Fault: {
						Error: [
							{
								Message: 'Invalid Email Address',
								Detail: 'sendTo or BillEmail required',
								code: '2050',
							},
						],
						type: 'ValidationFault',
					},
					time: this.time(),
				});
			}
			this.sentEmails.push({ invoiceId: sendMatch[1], sendTo });
			const updated = this.editInvoice(sendMatch[1], {
				EmailStatus: 'EmailSent',
				...(sendTo ? { BillEmail: { Address: sendTo } } : {}),
				DeliveryInfo: { DeliveryType: 'Email', DeliveryTime: this.time(false) },
			});
			return reply(200, { Invoice: updated, time: this.time() });
		}
		if (method === 'GET' && path === '/query') return this.query(query.query ?? '', reply);
		if (method === 'GET' && path === '/cdc') return this.cdc(query, reply);
		return reply(404, { error: `no route ${method} ${path}` });
	}

	private takeFault(method: string, path: string): FaultKind | FaultRule | null {
		const index = this.faults.findIndex(
			(rule) =>
				(!rule.method || rule.method.toUpperCase() === method) &&
				(!rule.path || (typeof rule.path === 'string' ? rule.path === path : rule.path.test(path))),
		);
		if (index < 0) return null;
		const rule = this.faults[index];
		if (--rule.remaining <= 0) this.faults.splice(index, 1);
		return rule.kind === 'timeout' || rule.kind === 'delay' ? rule : rule.kind;
	}

	private time(withMillis = true): string {
		return pacificTimestamp(this.now(), withMillis);
	}

	private faultBody(exchange: { response: { body: unknown } }): unknown {
		return { ...clone(exchange.response.body as QbObject), time: this.time() };
	}

	private token(
		request: http.IncomingMessage,
		rawBody: string,
		send: (status: number, body: unknown) => void,
	): void {
		const form = new URLSearchParams(rawBody);
		const grantType = form.get('grant_type') ?? '';
		const basic = /^Basic (.+)$/i.exec(String(request.headers.authorization ?? ''))?.[1];
		const [clientId, clientSecret] = basic
			? Buffer.from(basic, 'base64').toString('utf8').split(':')
			: [form.get('client_id'), form.get('client_secret')];
		const log = { grantType, refreshToken: form.get('refresh_token') ?? undefined, status: 0 };
		this.tokenRequests.push(log);
		if (clientId !== SIMULATOR_CLIENT_ID || clientSecret !== SIMULATOR_CLIENT_SECRET) {
			log.status = 401;
			return send(401, { error: 'invalid_client' });
		}
		if (grantType === 'refresh_token') {
			const refreshToken = form.get('refresh_token') ?? '';
			if (!this.refreshTokens.has(refreshToken)) {
				log.status = 400;
				return send(400, { error: 'invalid_grant' });
			}
			const tokens = this.issueTokens();
			if (this.rotate) {
				this.refreshTokens.delete(refreshToken);
			} else {
				this.refreshTokens.delete(tokens.refresh_token);
				tokens.refresh_token = refreshToken;
			}
			log.status = 200;
			return send(200, tokens);
		}
		if (grantType === 'authorization_code' && form.get('code')) {
			log.status = 200;
			return send(200, this.issueTokens());
		}
		log.status = 400;
		return send(400, { error: 'unsupported_grant_type' });
	}

	private update(body: unknown, reply: (status: number, body: unknown) => void): void {
		const change = (body ?? {}) as QbObject;
		const id = String(change.Id ?? '');
		const current = this.invoices.get(id);
		if (!current) return reply(400, this.faultBody(faultNotFound));
		if (change.sparse !== true) {
			return reply(400, {
				Fault: {
					Error: [
						{ Message: 'Simulator', Detail: 'only sparse updates are simulated', code: '2500' },
					],
					type: 'ValidationFault',
				},
				time: this.time(),
			});
		}
		if (String(change.SyncToken) !== String(current.SyncToken)) {
			return reply(400, this.faultBody(faultStale));
		}
		if (typeof change.PrivateNote === 'string' && change.PrivateNote.length > 4000) {
			return reply(400, {
				Fault: {
					Error: [
						{
							Message: 'String length is either shorter or longer than supported by specification',
							Detail: 'PrivateNote max 4000',
							code: '2050',
							element: 'PrivateNote',
						},
					],
					type: 'ValidationFault',
				},
				time: this.time(),
			});
		}
		const fields = { ...change };
		delete fields.Id;
		delete fields.SyncToken;
		delete fields.sparse;
		const updated = this.editInvoice(id, fields);
		return reply(200, { Invoice: updated, time: this.time() });
	}

	private query(statement: string, reply: (status: number, body: unknown) => void): void {
		let parsed;
		try {
			parsed = parseQuery(statement);
		} catch (error) {
			if (!(error instanceof QuerySyntaxError)) throw error;
			return reply(400, this.faultBody(faultQuery));
		}
		const source =
			parsed.entity.toLowerCase() === 'invoice'
				? this.invoices
				: parsed.entity.toLowerCase() === 'customer'
					? this.customers
					: parsed.entity.toLowerCase() === 'payment'
						? this.payments
						: null;
		if (!source) return reply(400, this.faultBody(faultQuery));
		const matching = compileConditions(parsed.where);
		const rows = sortBy(
			[...source.values()].filter((row) => matching(row)),
			parsed.orderBy,
		);
		if (parsed.count)
			return reply(200, { QueryResponse: { totalCount: rows.length }, time: this.time() });
		const page = rows.slice(parsed.startPosition - 1, parsed.startPosition - 1 + parsed.maxResults);
		const entity = parsed.entity[0].toUpperCase() + parsed.entity.slice(1).toLowerCase();
		return reply(200, {
			QueryResponse: page.length
				? {
						[entity]: page,
						startPosition: parsed.startPosition,
						maxResults: page.length,
					}
				: {},
			time: this.time(),
		});
	}

	private cdc(query: Record<string, string>, reply: (status: number, body: unknown) => void): void {
		const since = Date.parse(query.changedSince ?? '');
		if (Number.isNaN(since) || !/([+-]\d{2}:\d{2}|Z)$/.test(query.changedSince ?? '')) {
			return reply(400, {
				Fault: {
					Error: [
						{
							Message: 'Invalid changedSince',
							Detail: 'changedSince must be a date-time with an offset',
							code: '2020',
							element: 'changedSince',
						},
					],
					type: 'ValidationFault',
				},
				time: this.time(),
			});
		}
		if (this.now() - since > 30 * 86_400_000) {
			return reply(400, {
				Fault: {
					Error: [
						{
							Message: 'Invalid changedSince',
							Detail: 'changedSince cannot be more than 30 days in the past',
							code: '2020',
							element: 'changedSince',
						},
					],
					type: 'ValidationFault',
				},
				time: this.time(),
			});
		}
		const entities = (query.entities ?? '').split(',').map((name) => name.trim().toLowerCase());
		const changedAfter = (row: QbObject) =>
			Date.parse(String((row.MetaData as QbObject | undefined)?.LastUpdatedTime ?? '')) >= since;
		let budget = 1000;
		const responses: QbObject[] = [];
		if (entities.includes('invoice')) {
			const changed: QbObject[] = [...this.invoices.values()].filter(changedAfter).slice(0, budget);
			for (const [id, at] of this.deleted) {
				if (at >= since)
					changed.push({
						domain: 'QBO',
						status: 'Deleted',
						Id: id,
						MetaData: { LastUpdatedTime: pacificTimestamp(at) },
					});
			}
			const kept = changed.slice(0, budget);
			budget -= kept.length;
			responses.push({ Invoice: kept, startPosition: 1, maxResults: kept.length });
		}
		if (entities.includes('payment')) {
			const kept = [...this.payments.values()].filter(changedAfter).slice(0, budget);
			responses.push({ Payment: kept, startPosition: 1, maxResults: kept.length });
		}
		return reply(200, { CDCResponse: [{ QueryResponse: responses }], time: this.time() });
	}
}

/** Starts a simulator on a random port of 127.0.0.1. */
export async function startQuickBooksSimulator(options: SimulatorOptions & { port?: number } = {}) {
	return await new QuickBooksSimulator(options).start(options.port ?? 0);
}

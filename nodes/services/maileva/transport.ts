import { settle } from '../../common/settle';
import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { isTransientNetworkError, withRetries, type RetryOptions } from '../../common/retry';

/**
 * The one authenticated request function of the Registered Letter node: Maileva's registered_mail/v4 API
 * behind an OAuth2 "password" grant (client id and secret, account username and password). n8n's OAuth2
 * credential has no password grant, so the token is fetched here and kept in memory until it expires
 * (test/simulators/postal/SOURCES.md).
 */
export const MAILEVA_CREDENTIAL = 'mailevaApi';
export const MAILEVA_BASE_URL = 'https://api.maileva.com';
export const MAILEVA_TOKEN_URL =
	'https://connexion.maileva.com/auth/realms/services/protocol/openid-connect/token';
export const REGISTERED_MAIL_PATH = '/registered_mail/v4';
const DEFAULT_TIMEOUT_MS = 60_000;
/** A token is renewed this long before Maileva says it expires. */
const TOKEN_MARGIN_MS = 60_000;

interface MailevaCredentials {
	clientId: string;
	clientSecret: string;
	username: string;
	password: string;
	baseUrl: string;
	tokenUrl: string;
}

/**
 * The access token of each node run, kept for that run only (one token request per run, not one per call): a
 * token is a secret, and nothing of a run outlives it in the process (queue mode, shared workers).
 */
const tokensOfRun = new WeakMap<IExecuteFunctions, { accessToken: string; expiresAtMs: number }>();

/** A Maileva answer that is not a success: its status and its error codes (`errors[]` or `{ code }`). */
export class MailevaHttpFailure extends Error {
	constructor(
		readonly status: number,
		readonly body: IDataObject,
		/** Set for the token endpoint's answers. */
		readonly call?: string,
	) {
		super(`Maileva answered HTTP ${status}`);
	}

	/** Maileva's `errors` list, or the body itself when it is one error (the OAuth answers). */
	private get entries(): IDataObject[] {
		return Array.isArray(this.body.errors) ? (this.body.errors as IDataObject[]) : [this.body];
	}

	get codes(): string[] {
		return this.entries
			.map((entry) => entry.code ?? entry.error)
			.filter((code): code is string => typeof code === 'string');
	}

	get messages(): string[] {
		return this.entries
			.map((entry) => entry.message ?? entry.error_description)
			.filter((text): text is string => typeof text === 'string');
	}
}

function trimUrl(value: unknown, fallback: string): string {
	const raw = typeof value === 'string' ? value.trim() : '';
	return (raw === '' ? fallback : raw).replace(/\/+$/, '');
}

async function credentialsOf(context: IExecuteFunctions): Promise<MailevaCredentials> {
	const data = await context.getCredentials(MAILEVA_CREDENTIAL);
	const text = (value: unknown) => (typeof value === 'string' ? value : '');
	const credentials = {
		clientId: text(data.clientId),
		clientSecret: text(data.clientSecret),
		username: text(data.username),
		password: text(data.password),
		baseUrl: trimUrl(data.baseUrl, MAILEVA_BASE_URL),
		tokenUrl: trimUrl(data.tokenUrl, MAILEVA_TOKEN_URL),
	};
	for (const url of [credentials.baseUrl, credentials.tokenUrl]) {
		if (!/^https?:\/\/[^\s/]+/i.test(url)) {
			throw new NodeApiError(context.getNode(), {} as JsonObject, {
				message: 'The Maileva credential has an invalid Base URL or Token URL',
				description: 'Leave them empty for Maileva, or give the http(s) address of a test server.',
			});
		}
	}
	return credentials;
}

function parseJson(body: unknown): IDataObject {
	if (typeof body === 'object' && body !== null && !Buffer.isBuffer(body))
		return body as IDataObject;
	try {
		const value = JSON.parse(String(body ?? '')) as unknown;
		return typeof value === 'object' && value !== null ? (value as IDataObject) : {};
	} catch {
		return {};
	}
}

/** 429, 5xx and connection failures are retried, only for requests that change nothing or may be repeated. */
function retryable(error: unknown): boolean {
	if (error instanceof MailevaHttpFailure) return error.status === 429 || error.status >= 500;
	return isTransientNetworkError(error);
}

async function send(
	context: IExecuteFunctions,
	{ call, ...options }: IHttpRequestOptions & { call?: string },
): Promise<{ status: number; body: IDataObject }> {
	const response = (await context.helpers.httpRequest({
		...options,
		json: false,
		encoding: 'text',
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
	})) as { statusCode: number; body: unknown };
	const body = parseJson(response.body);
	if (response.statusCode < 200 || response.statusCode >= 300) {
		throw new MailevaHttpFailure(response.statusCode, body, call);
	}
	return { status: response.statusCode, body };
}

async function accessToken(
	context: IExecuteFunctions,
	credentials: MailevaCredentials,
	retry?: RetryOptions,
): Promise<string> {
	const cached = tokensOfRun.get(context);
	if (cached && cached.expiresAtMs > Date.now()) return cached.accessToken;
	const basic = Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString(
		'base64',
	);
	const form = new URLSearchParams({
		grant_type: 'password',
		username: credentials.username,
		password: credentials.password,
	});
	const { body } = await withRetries(
		async () =>
			await send(context, {
				call: 'POST token URL',
				method: 'POST',
				url: credentials.tokenUrl,
				headers: {
					Authorization: `Basic ${basic}`,
					'Content-Type': 'application/x-www-form-urlencoded',
					Accept: 'application/json',
				},
				body: form.toString(),
				timeout: DEFAULT_TIMEOUT_MS,
			}),
		(error) => ({ retry: retryable(error) }),
		retry,
	);
	if (typeof body.access_token !== 'string') {
		throw new MailevaHttpFailure(200, { code: 'NO_ACCESS_TOKEN', message: 'No access_token' });
	}
	const lifetimeMs = typeof body.expires_in === 'number' ? body.expires_in * 1000 : 0;
	tokensOfRun.set(context, {
		accessToken: body.access_token,
		expiresAtMs: Date.now() + Math.max(0, lifetimeMs - TOKEN_MARGIN_MS),
	});
	return body.access_token;
}

export interface MailevaRequest {
	method: IHttpRequestMethods;
	/** Below `/registered_mail/v4`, e.g. `/sendings/{id}`; ids must be encoded by the caller. */
	path: string;
	query?: Record<string, string | number>;
	json?: IDataObject;
	/** A ready multipart body and its boundary (documents). */
	multipart?: { body: Buffer; boundary: string };
	/**
	 * Whether a failed attempt may be repeated: reads and deletes yes; creations, uploads, recipients and
	 * submit never (Maileva has no idempotency key: a repeated POST may make a second sending or recipient).
	 */
	idempotent: boolean;
	retry?: RetryOptions;
}

/** Human and machine readable: `Maileva: CODE: message` with the status and the call in the description. */
function toApiError(context: IExecuteFunctions, error: unknown, request: MailevaRequest): Error {
	if (error instanceof NodeApiError) return error;
	if (error instanceof MailevaHttpFailure) {
		const codes = error.codes;
		const code = codes[0] ?? `HTTP_${error.status}`;
		const messages = error.messages;
		const hint =
			error.status === 401
				? ': check the client id and secret, username and password of the Maileva credential'
				: '';
		return new NodeApiError(context.getNode(), { ...error.body, code } as JsonObject, {
			message: `Maileva: ${codes.join(', ') || `HTTP ${error.status}`}${messages.length ? ` (${messages.join('; ')})` : ''}${hint}`,
			description: `${error.call ?? `${request.method} ${REGISTERED_MAIL_PATH}${request.path}`} answered ${error.status}`,
			httpCode: String(error.status),
		});
	}
	// A transport failure keeps its cause, so callers can tell a lost answer (isTransientNetworkError).
	return error instanceof Error ? error : new Error(String(error));
}

/** The Maileva error codes of an error thrown by mailevaRequest (empty for a network failure). */
export function mailevaCodesOf(error: unknown): string[] {
	if (!(error instanceof NodeApiError)) return [];
	const body = (error.errorResponse ?? {}) as IDataObject;
	const list = Array.isArray(body.errors) ? (body.errors as IDataObject[]) : [body];
	return list.map((entry) => entry.code).filter((code): code is string => typeof code === 'string');
}

export async function mailevaRequest<T = IDataObject>(
	context: IExecuteFunctions,
	request: MailevaRequest,
): Promise<T> {
	try {
		const credentials = await credentialsOf(context);
		const query = request.query
			? `?${new URLSearchParams(Object.entries(request.query).map(([k, v]): [string, string] => [k, String(v)])).toString()}`
			: '';
		const attempt = async (): Promise<IDataObject> => {
			const token = await accessToken(context, credentials, request.retry);
			const headers: IDataObject = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
			let body: string | Buffer | undefined;
			if (request.json) {
				headers['Content-Type'] = 'application/json';
				body = JSON.stringify(request.json);
			} else if (request.multipart) {
				headers['Content-Type'] = `multipart/form-data; boundary=${request.multipart.boundary}`;
				body = request.multipart.body;
			}
			const options: IHttpRequestOptions = {
				method: request.method,
				url: `${credentials.baseUrl}${REGISTERED_MAIL_PATH}${request.path}${query}`,
				headers,
				body,
				timeout: DEFAULT_TIMEOUT_MS,
			};
			const first = await settle(send(context, options));
			if (first.ok) return first.value.body;
			const { error } = first;
			// An expired or revoked token: fetch a new one once (a 401 changes nothing at Maileva).
			if (!(error instanceof MailevaHttpFailure) || error.status !== 401 || error.call) throw error;
			tokensOfRun.delete(context);
			headers.Authorization = `Bearer ${await accessToken(context, credentials, request.retry)}`;
			return (await send(context, options)).body;
		};
		const body = await withRetries(
			attempt,
			(error) => ({ retry: request.idempotent && retryable(error) }),
			request.retry,
		);
		return body as T;
	} catch (error) {
		throw toApiError(context, error, request);
	}
}

/** A multipart/form-data body: each part a name, optional file name and type, and bytes. */
export function multipartBody(
	parts: { name: string; data: Buffer | string; fileName?: string; contentType?: string }[],
	boundary: string,
): Buffer {
	const chunks: Buffer[] = [];
	for (const part of parts) {
		const disposition = `form-data; name="${part.name}"${part.fileName !== undefined ? `; filename="${part.fileName.replace(/["\r\n]/g, '_')}"` : ''}`;
		const head = [`--${boundary}`, `Content-Disposition: ${disposition}`];
		if (part.contentType) head.push(`Content-Type: ${part.contentType}`);
		chunks.push(Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'utf8'));
		chunks.push(typeof part.data === 'string' ? Buffer.from(part.data, 'utf8') : part.data);
		chunks.push(Buffer.from('\r\n', 'utf8'));
	}
	chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
	return Buffer.concat(chunks);
}

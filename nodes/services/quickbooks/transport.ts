import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IPollFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { pacerOf, type AttemptOutcome } from '../../common/pacer';
import {
	isTransientNetworkError,
	pacedRetry,
	retryAfterMs,
	type RetryOptions,
} from '../../common/retry';
import { QUICKBOOKS_LIMITS } from './limits';

/**
 * The one authenticated request function of the QuickBooks nodes. Every call goes through
 * `httpRequestWithAuthentication` with the OAuth2 credential, so n8n signs it with the access token, refreshes
 * the token on a 401 and stores the refresh token Intuit returns (Intuit rotates it). `minorversion` is pinned.
 * Every call goes through the execution's pacer (nodes/common/pacer.ts, QUICKBOOKS_LIMITS): throttling (HTTP
 * 429 / code 3001, no wait header) closes the pool's gate and is retried without counting as an attempt;
 * server and network errors are retried with backoff and full jitter a bounded number of times; `Fault`
 * answers become NodeApiErrors that name the code and keep Intuit's `intuit_tid`.
 */
export const QUICKBOOKS_CREDENTIAL = 'quickBooksDunningOAuth2Api';
export const MINOR_VERSION = '75';

const API_BASE = {
	production: 'https://quickbooks.api.intuit.com',
	sandbox: 'https://sandbox-quickbooks.api.intuit.com',
} as const;

type Context = IExecuteFunctions | IPollFunctions;

export interface QuickBooksConnection {
	/** `https://quickbooks.api.intuit.com/v3/company/<realm>` */
	companyUrl: string;
	realmId: string;
	verifierToken: string;
	timeoutMs: number;
	retry?: RetryOptions;
}

function text(value: unknown): string {
	return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

/** Reads the credential once per execution: API base, company id (from the OAuth callback) and verifier token. */
export async function quickBooksConnection(
	context: Context,
	options: { timeoutMs?: number; retry?: RetryOptions } = {},
): Promise<QuickBooksConnection> {
	const credentials = await context.getCredentials(QUICKBOOKS_CREDENTIAL);
	const environment = credentials.environment === 'sandbox' ? 'sandbox' : 'production';
	const baseUrl = (text(credentials.baseUrl) || API_BASE[environment]).replace(/\/+$/, '');
	const tokenData = (credentials.oauthTokenData ?? {}) as IDataObject;
	const callback = (tokenData.callbackQueryString ?? {}) as IDataObject;
	const realmId = text(credentials.realmId) || text(callback.realmId) || text(tokenData.realmId);
	if (!/^\d+$/.test(realmId)) {
		throw new NodeOperationError(
			context.getNode(),
			'The QuickBooks credential has no company (realm) ID',
			{
				description:
					'Reconnect the credential (the realm ID arrives with the OAuth callback) or fill in its Realm ID field.',
			},
		);
	}
	return {
		companyUrl: `${baseUrl}/v3/company/${realmId}`,
		realmId,
		verifierToken: text(credentials.webhookVerifierToken),
		timeoutMs: options.timeoutMs ?? 30_000,
		retry: options.retry,
	};
}

export interface QuickBooksRequest {
	method: IHttpRequestMethods;
	/** Below the company, e.g. `/invoice/1042` or `/query`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	headers?: Record<string, string>;
	itemIndex?: number;
	/**
	 * The request has an effect QuickBooks cannot deduplicate (sending an email): without an answer it may have
	 * happened, so it is retried only when QuickBooks refused it before doing anything (throttling), never after
	 * a timeout, a reset or a server error.
	 */
	notIdempotent?: boolean;
}

interface FaultError {
	Message?: string;
	message?: string;
	Detail?: string;
	detail?: string;
	code?: string;
	element?: string;
}

/** A QuickBooks answer other than 2xx, before it becomes a NodeApiError. */
export class QuickBooksFault extends Error {
	constructor(
		readonly status: number,
		readonly code: string | null,
		readonly type: string | null,
		readonly detail: string | null,
		readonly intuitTid: string | null,
		readonly body: unknown,
	) {
		super(`QuickBooks answered ${status}${code ? ` (code ${code})` : ''}`);
		this.name = 'QuickBooksFault';
	}
}

function header(headers: unknown, name: string): string | null {
	if (typeof headers !== 'object' || headers === null) return null;
	for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
		if (key.toLowerCase() === name) return text(Array.isArray(value) ? value[0] : value) || null;
	}
	return null;
}

/** `{"Fault":{"Error":[...],"type"}}`, or the gateway's lower-case `fault.error[]` (behaviour 11). */
function faultOf(status: number, body: unknown, headers: unknown): QuickBooksFault {
	const root = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
	const fault = (root.Fault ?? root.fault) as Record<string, unknown> | undefined;
	const errors = (fault?.Error ?? fault?.error) as FaultError[] | undefined;
	const first = Array.isArray(errors) ? errors[0] : undefined;
	const message = first?.Message ?? first?.message ?? null;
	const detail = first?.Detail ?? first?.detail ?? null;
	return new QuickBooksFault(
		status,
		first?.code ? String(first.code) : null,
		typeof fault?.type === 'string' ? fault.type : null,
		(detail && message && detail.startsWith(message)
			? detail
			: [message, detail].filter(Boolean).join(': ')) || null,
		header(headers, 'intuit_tid'),
		body,
	);
}

export function isThrottled(fault: QuickBooksFault): boolean {
	return fault.status === 429 || fault.code === '3001' || fault.code === '003001';
}

/**
 * What the pacer does with a failed attempt. A throttled request certainly did not happen: the pool waits and
 * it is tried again, even a send. A 5xx or a network error is retried a bounded number of times, except for a
 * request that must not happen twice (`notIdempotent`): without an answer it may have happened, so never.
 */
function attemptOutcome<T>(
	error: unknown,
	request: QuickBooksRequest,
	retryAfter: number | undefined,
): AttemptOutcome<T> {
	if (error instanceof QuickBooksFault && isThrottled(error)) {
		return { kind: 'throttled', retryAfterMs: retryAfter, error };
	}
	const transient =
		error instanceof QuickBooksFault ? error.status >= 500 : isTransientNetworkError(error);
	return transient && !request.notIdempotent ? { kind: 'retry', error } : { kind: 'fail', error };
}

/** The QuickBooks error code carried by an error of quickBooksRequest (`5010`, `610`...), if any. */
export function quickBooksErrorCode(error: unknown): string | null {
	const code = (error as { context?: { quickBooksCode?: unknown } })?.context?.quickBooksCode;
	return typeof code === 'string' ? code : null;
}

/** The stale-SyncToken answer that tells two concurrent updates apart (behaviour 5). */
export function isStaleSyncToken(error: unknown): boolean {
	return quickBooksErrorCode(error) === '5010';
}

/** A Fault as the error n8n shows: what QuickBooks said, its code, and the `intuit_tid` support asks for. */
export function faultToNodeError(
	context: Context,
	fault: QuickBooksFault,
	itemIndex?: number,
): NodeApiError {
	const what = fault.detail ?? 'no details';
	const code = fault.code ? ` ${fault.code}` : '';
	const hint =
		fault.status === 401
			? ' Reconnect the QuickBooks credential.'
			: isThrottled(fault)
				? ' QuickBooks allows 500 requests per minute and 10 at a time per company; the node waits for it as long as QuickBooks answers other requests.'
				: '';
	const error = new NodeApiError(
		context.getNode(),
		{ Fault: fault.body } as unknown as JsonObject,
		{
			message: `QuickBooks error${code} (HTTP ${fault.status}): ${what} (intuit_tid ${fault.intuitTid ?? 'none'})`,
			description: `${fault.type ? `Fault type ${fault.type}. ` : ''}intuit_tid: ${fault.intuitTid ?? 'none'}.${hint}`,
			httpCode: String(fault.status),
			itemIndex,
		},
	);
	error.context.quickBooksCode = fault.code;
	error.context.intuitTid = fault.intuitTid;
	return error;
}

interface FullResponse {
	statusCode: number;
	headers: Record<string, unknown>;
	body: unknown;
}

/**
 * One QuickBooks API call, answered with the parsed body. 401 is left to n8n's OAuth2 helper (it refreshes
 * and repeats the call once); every other status comes back here so that Faults can be read.
 */
export async function quickBooksRequest<T = IDataObject>(
	context: Context,
	connection: QuickBooksConnection,
	request: QuickBooksRequest,
): Promise<T> {
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${connection.companyUrl}${request.path}`,
		qs: { ...request.qs, minorversion: MINOR_VERSION },
		headers: { Accept: 'application/json', ...request.headers },
		json: true,
		returnFullResponse: true,
		ignoreHttpStatusErrors: { ignore: true, except: [401] },
		timeout: connection.timeoutMs,
	};
	if (request.body !== undefined) options.body = request.body;
	// One pacer per execution (this context), shared by every item the node handles at once.
	const pacer = pacerOf(context, () => QUICKBOOKS_LIMITS);
	try {
		return await pacer.call(async (): Promise<AttemptOutcome<T>> => {
			let retryAfter: number | undefined;
			try {
				const response = (await context.helpers.httpRequestWithAuthentication.call(
					context,
					QUICKBOOKS_CREDENTIAL,
					{ ...options, qs: { ...options.qs }, headers: { ...options.headers } },
				)) as FullResponse;
				if (response.statusCode >= 200 && response.statusCode < 300) {
					return { kind: 'answer', value: response.body as T };
				}
				// Intuit documents no wait header; one sent anyway is honoured.
				retryAfter = retryAfterMs(header(response.headers, 'retry-after'), Date.now());
				throw faultOf(response.statusCode, response.body, response.headers);
			} catch (error) {
				return attemptOutcome(error, request, retryAfter);
			}
		}, pacedRetry(connection.retry));
	} catch (error) {
		throw error instanceof QuickBooksFault
			? faultToNodeError(context, error, request.itemIndex)
			: asNodeError(context, error, request.itemIndex);
	}
}

/** Errors that did not come back as a Fault: a 401 that survived the refresh, a dead refresh token, the network. */
function asNodeError(context: Context, error: unknown, itemIndex?: number): Error {
	const status = Number(
		(error as { httpCode?: unknown }).httpCode ??
			(error as { cause?: { response?: { status?: unknown } } }).cause?.response?.status,
	);
	if (status === 401) {
		const cause = (error as { cause?: { response?: { data?: unknown; headers?: unknown } } }).cause;
		return faultToNodeError(
			context,
			faultOf(401, cause?.response?.data, cause?.response?.headers),
			itemIndex,
		);
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (itemIndex !== undefined) error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeApiError(context.getNode(), error as JsonObject, { itemIndex });
}

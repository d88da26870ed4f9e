import type { IDataObject, IExecuteFunctions, IPollFunctions, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import {
	authenticatedRequest,
	checkedBaseUrl,
	fullResponseRequest,
	HttpFailure,
	unreachableError,
} from '../../common/http';
import { pacerOf, type AttemptOutcome } from '../../common/pacer';
import {
	isTransientNetworkError,
	pacedRetry,
	retryAfterMs,
	type RetryOptions,
	type RetryVerdict,
} from '../../common/retry';
import { PENNYLANE_LIMITS } from './limits';

/**
 * The one authenticated request function of the Pennylane nodes (Company API v2, read-only for dunning).
 * What it relies on (auth, errors, rate limit, paging): test/simulators/pennylane/SOURCES.md.
 */
export const PENNYLANE_CREDENTIAL = 'pennylaneDunningApi';
/** The OAuth 2.0 credential of an app Pennylane registered (named without "auth": n8n's secret lint). */
export const PENNYLANE_APP_CREDENTIAL = 'pennylaneDunningOAuth2Api';
export const PENNYLANE_DEFAULT_BASE_URL = 'https://app.pennylane.com/api/external/v2';
const DEFAULT_TIMEOUT_MS = 30_000;

export type PennylaneContext = IExecuteFunctions | IPollFunctions;

export interface PennylaneRequest {
	/** Below the base URL, e.g. `/customer_invoices/5012`; ids from user input are encoded by the caller. */
	path: string;
	query?: Record<string, string | number | undefined>;
	timeoutMs?: number;
	retry?: RetryOptions;
}

/** JSON body, or `{ message: text }` for the plain-text 429 Pennylane documents. */
function parseBody(body: unknown): IDataObject {
	const text = Buffer.isBuffer(body) ? body.toString() : body;
	if (typeof text !== 'string') {
		return typeof text === 'object' && text !== null ? (text as IDataObject) : {};
	}
	try {
		const parsed = JSON.parse(text) as unknown;
		return typeof parsed === 'object' && parsed !== null ? (parsed as IDataObject) : {};
	} catch {
		return { message: text.slice(0, 500) };
	}
}

/**
 * Retry 429 and 5xx (and connection failures). Pennylane documents `retry-after` (seconds) on its 429, so that
 * wait is honoured; without it the back-off with jitter applies.
 */
export function pennylaneRetryVerdict(error: unknown, nowMs = Date.now()): RetryVerdict {
	if (error instanceof HttpFailure) {
		if (error.status === 429 || error.status >= 500) {
			return { retry: true, delayMs: retryAfterMs(error.headers['retry-after'], nowMs) };
		}
		return { retry: false };
	}
	return { retry: isTransientNetworkError(error) };
}

/**
 * The credential of a node run, by its Authentication parameter (read on the first item: one credential per
 * run). A workflow saved before the parameter existed gets its default, the API token, when n8n loads it.
 */
export function pennylaneCredentialName(context: PennylaneContext): string {
	const authentication =
		'getInputData' in context
			? context.getNodeParameter('authentication', 0, 'accessToken')
			: context.getNodeParameter('authentication', 'accessToken');
	return authentication === 'oAuth2' ? PENNYLANE_APP_CREDENTIAL : PENNYLANE_CREDENTIAL;
}

async function baseUrlOf(context: PennylaneContext, credential: string): Promise<string> {
	return checkedBaseUrl(context, await context.getCredentials(credential), {
		name: 'Pennylane',
		defaultBaseUrl: PENNYLANE_DEFAULT_BASE_URL,
		description: `Use ${PENNYLANE_DEFAULT_BASE_URL}, or the http(s) address of a test server.`,
	});
}

const HINTS: Record<number, string> = {
	401: 'the API token or OAuth access token is missing, invalid or expired',
	403: 'the token lacks a scope: it needs customer_invoices:readonly and customers:readonly',
	404: 'not found in this company',
	429: 'rate limit (25 requests per 5 seconds per token) still exceeded after retries',
};

function toApiError(
	context: PennylaneContext,
	error: unknown,
	request: PennylaneRequest,
): NodeApiError {
	if (error instanceof NodeApiError) return error;
	if (error instanceof HttpFailure) {
		const message =
			typeof error.body.message === 'string' ? error.body.message : `HTTP ${error.status}`;
		const hint = HINTS[error.status] ?? (error.status >= 500 ? 'Pennylane is unavailable' : '');
		return new NodeApiError(context.getNode(), error.body as JsonObject, {
			message: `Pennylane: ${message}`,
			description: `GET ${request.path} answered ${error.status}${hint ? ` (${hint})` : ''}`,
			httpCode: String(error.status),
		});
	}
	return unreachableError(context, 'Pennylane', error, `GET ${request.path}`);
}

function queryString(query: PennylaneRequest['query']): string {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(query ?? {})) {
		if (value !== undefined && value !== '') params.set(key, String(value));
	}
	const text = params.toString();
	return text ? `?${text}` : '';
}

/**
 * What the execution's pacer does with a failed attempt: a 429 is throttling (the whole pool waits for its
 * `retry-after`, and the attempt does not count); 5xx and lost connections are retried a bounded number of times.
 */
function pennylaneOutcome<T>(error: unknown): AttemptOutcome<T> {
	if (error instanceof HttpFailure && error.status === 429) {
		return {
			kind: 'throttled',
			retryAfterMs: retryAfterMs(error.headers['retry-after'], Date.now()),
			error,
		};
	}
	const verdict = pennylaneRetryVerdict(error);
	return verdict.retry
		? { kind: 'retry', error, delayMs: verdict.delayMs }
		: { kind: 'fail', error };
}

/**
 * One GET through n8n's authenticated request, paced to Pennylane's budget by one pacer per execution (shared
 * by every item of the run), retried on 429 (after `retry-after`) and 5xx.
 */
export async function pennylaneGet<T = IDataObject>(
	context: PennylaneContext,
	request: PennylaneRequest,
): Promise<T> {
	const credential = pennylaneCredentialName(context);
	const baseUrl = await baseUrlOf(context, credential);
	const pacer = pacerOf(context, () => PENNYLANE_LIMITS);
	const options = fullResponseRequest(
		'GET',
		`${baseUrl}${request.path}${queryString(request.query)}`,
		{ Accept: 'application/json' },
		request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
	);
	// n8n refreshes an OAuth2 access token only on a 401 it throws, then repeats the request once.
	if (credential === PENNYLANE_APP_CREDENTIAL) {
		options.ignoreHttpStatusErrors = { ignore: true, except: [401] };
	}
	try {
		return await pacer.call(async (): Promise<AttemptOutcome<T>> => {
			try {
				const { status, headers, body } = await authenticatedRequest(context, credential, options);
				const json = parseBody(body);
				if (status < 200 || status >= 300)
					throw new HttpFailure('Pennylane', status, json, headers);
				return { kind: 'answer', value: json as T };
			} catch (error) {
				return pennylaneOutcome<T>(refusedAfterRefresh(error) ?? error);
			}
		}, pacedRetry(request.retry));
	} catch (error) {
		throw toApiError(context, error, request);
	}
}

/**
 * A 401 that n8n threw after refreshing an OAuth2 token, as the failure every other answer comes back as: only
 * the answer's body is kept, never n8n's error (it carries the request, and so the token).
 */
function refusedAfterRefresh(error: unknown): HttpFailure | undefined {
	const cause = (error as { cause?: { response?: { status?: unknown; data?: unknown } } }).cause;
	const status = Number((error as { httpCode?: unknown }).httpCode ?? cause?.response?.status);
	if (status !== 401) return undefined;
	return new HttpFailure('Pennylane', 401, parseBody(cause?.response?.data), {});
}

/** The HTTP status of a NodeApiError thrown by pennylaneGet, if any. */
export function pennylaneStatusOf(error: unknown): number | undefined {
	return error instanceof NodeApiError && error.httpCode ? Number(error.httpCode) : undefined;
}

/**
 * Follows `next_cursor` while `has_more`, one page in memory at a time. Filters and sort are sent again with
 * every cursor (the cursor does not carry them).
 */
export async function* pennylanePages<T = IDataObject>(
	context: PennylaneContext,
	path: string,
	query: Record<string, string | number | undefined>,
	options: { pageSize?: number; timeoutMs?: number } = {},
): AsyncGenerator<T[]> {
	let cursor: string | undefined;
	for (;;) {
		const body = await pennylaneGet<{ items?: T[]; has_more?: boolean; next_cursor?: string }>(
			context,
			{
				path,
				query: { ...query, limit: options.pageSize ?? 100, cursor },
				timeoutMs: options.timeoutMs,
			},
		);
		yield Array.isArray(body.items) ? body.items : [];
		if (body.has_more !== true || typeof body.next_cursor !== 'string' || body.next_cursor === '')
			return;
		cursor = body.next_cursor;
	}
}

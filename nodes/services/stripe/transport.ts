import { randomUUID } from 'crypto';
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IPollFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
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
import { stripeLimitsFor } from './limits';

/**
 * The one authenticated request function of the Stripe nodes. Every call sends `Stripe-Version` so the JSON
 * shapes do not depend on the account's default version: the nodes are written and tested against
 * 2026-10-28.endive (the version of stripe-node 23.1.0; see test/fixtures/stripe/SOURCES.md).
 */
export const STRIPE_API_VERSION = '2026-10-28.endive';
export const STRIPE_CREDENTIAL = 'stripeDunningApi';
const DEFAULT_BASE_URL = 'https://api.stripe.com';
const DEFAULT_TIMEOUT_MS = 30_000;

export type StripeContext = IExecuteFunctions | IPollFunctions | IHookFunctions | IWebhookFunctions;

type FormInput =
	| string
	| number
	| boolean
	| null
	| undefined
	| FormInput[]
	| { [key: string]: FormInput };

export interface StripeRequest {
	method: IHttpRequestMethods;
	/** e.g. `/v1/invoices/in_123`; path segments from user input must be encoded by the caller. */
	path: string;
	query?: Record<string, FormInput>;
	form?: Record<string, FormInput>;
	/**
	 * Sent as `Idempotency-Key` on POST. Without one, a random key is made per call and reused for its retries,
	 * so a retried write is never applied twice (what stripe-node does).
	 */
	idempotencyKey?: string;
	timeoutMs?: number;
	/** 404 is returned to the caller instead of thrown (checkExists, deleted endpoints). */
	allowNotFound?: boolean;
	retry?: RetryOptions;
}

export interface StripeResponse<T = IDataObject> {
	status: number;
	body: T;
	headers: Record<string, string>;
	/** `Idempotent-Replayed: true`: Stripe returned the saved result of an earlier request with this key. */
	replayed: boolean;
}

/** Stripe's bracket notation: `metadata[key]=v`, `expand[]=customer`, `due_date[lt]=123`. */
export function encodeStripeForm(values: Record<string, FormInput>): string {
	const pairs: string[] = [];
	const add = (key: string, value: FormInput) => {
		if (value === undefined) return;
		if (Array.isArray(value)) {
			value.forEach((entry, index) => add(`${key}[${index}]`, entry));
		} else if (value !== null && typeof value === 'object') {
			for (const [child, entry] of Object.entries(value)) add(`${key}[${child}]`, entry);
		} else {
			pairs.push(
				`${encodeURIComponent(key)}=${encodeURIComponent(value === null ? '' : String(value))}`,
			);
		}
	};
	for (const [key, value] of Object.entries(values)) add(key, value);
	return pairs.join('&');
}

/** An answer whose body is not JSON (a proxy's page): retried. */
class StripeBodyFailure extends Error {}

/**
 * Retry 409 (lock or concurrent idempotent request), 429 and 5xx, and connection failures; Stripe's
 * `Stripe-Should-Retry` header overrides the status when present, and a `Retry-After` delay is honoured
 * (Stripe documents none on 429, so normally the backoff with jitter applies). Every POST carries an
 * idempotency key, so a write retried after a lost answer is applied once (Stripe replays the first result).
 */
export function stripeRetryVerdict(error: unknown): RetryVerdict {
	if (error instanceof HttpFailure) {
		const should = error.headers['stripe-should-retry'];
		const delayMs = retryAfterMs(error.headers['retry-after'], Date.now());
		if (should === 'false') return { retry: false };
		if (should === 'true' || error.status === 409 || error.status === 429 || error.status >= 500) {
			return { retry: true, delayMs };
		}
		return { retry: false };
	}
	if (error instanceof StripeBodyFailure) return { retry: true };
	return { retry: isTransientNetworkError(error) };
}

/**
 * What the pacer does with a failed attempt: a 429 from Stripe's rate limiter is throttling (it runs before the
 * idempotency layer, so nothing was applied; the pool waits, the attempt does not count), unless Stripe says
 * not to retry; otherwise the retry verdict above, each retry counting against the attempts.
 */
function stripeOutcome<T>(error: unknown): AttemptOutcome<T> {
	if (
		error instanceof HttpFailure &&
		error.status === 429 &&
		error.headers['stripe-should-retry'] !== 'false'
	) {
		return {
			kind: 'throttled',
			retryAfterMs: retryAfterMs(error.headers['retry-after'], Date.now()),
			error,
		};
	}
	const verdict = stripeRetryVerdict(error);
	return verdict.retry
		? { kind: 'retry', error, delayMs: verdict.delayMs }
		: { kind: 'fail', error };
}

/** The credential's base URL, and the pacing budgets its key's mode (live or test) allows. */
async function accountOf(
	context: StripeContext,
): Promise<{ baseUrl: string; limits: ReturnType<typeof stripeLimitsFor> }> {
	const credentials = await context.getCredentials(STRIPE_CREDENTIAL);
	const baseUrl = checkedBaseUrl(context, credentials, {
		name: 'Stripe',
		defaultBaseUrl: DEFAULT_BASE_URL,
		description:
			'Use https://api.stripe.com, or the http(s) address of a Stripe-compatible test server.',
	});
	return { baseUrl, limits: stripeLimitsFor(credentials.apiKey) };
}

/** The parsed JSON of a body (string or Buffer), or undefined when it is not JSON. */
function parseBody(body: unknown): unknown {
	if (typeof body !== 'string' && !Buffer.isBuffer(body)) return body;
	try {
		return JSON.parse(body.toString()) as unknown;
	} catch {
		return undefined;
	}
}

function toApiError(context: StripeContext, error: unknown, request: StripeRequest): NodeApiError {
	if (error instanceof NodeApiError) return error;
	if (error instanceof HttpFailure) {
		const stripeError = (error.body.error ?? {}) as IDataObject;
		const detail = [stripeError.type, stripeError.code, stripeError.param]
			.filter(Boolean)
			.join(', ');
		const message =
			typeof stripeError.message === 'string' ? stripeError.message : `HTTP ${error.status}`;
		return new NodeApiError(context.getNode(), stripeError as JsonObject, {
			message: `Stripe: ${message}`,
			description: `${request.method} ${request.path} answered ${error.status}${detail ? ` (${detail})` : ''}${error.headers['request-id'] ? `; Request-Id ${error.headers['request-id']}` : ''}`,
			httpCode: String(error.status),
		});
	}
	return unreachableError(context, 'Stripe', error, `${request.method} ${request.path}`);
}

export async function stripeRequest<T = IDataObject>(
	this: StripeContext,
	request: StripeRequest,
): Promise<StripeResponse<T>> {
	const { baseUrl, limits } = await accountOf(this);
	// One pacer per execution (this context), shared by every item the node handles at once.
	const pacer = pacerOf(this, () => limits);
	const query = request.query ? encodeStripeForm(request.query) : '';
	const headers: IDataObject = { 'Stripe-Version': STRIPE_API_VERSION, Accept: 'application/json' };
	let body: string | undefined;
	if (request.method === 'POST') {
		headers['Idempotency-Key'] = request.idempotencyKey ?? `n8n-dunning-${randomUUID()}`;
		headers['Content-Type'] = 'application/x-www-form-urlencoded';
		body = encodeStripeForm(request.form ?? {});
	}
	const options = {
		...fullResponseRequest(
			request.method,
			`${baseUrl}${request.path}${query ? `?${query}` : ''}`,
			headers,
			request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
		),
		body,
	};
	try {
		return await pacer.call(async (): Promise<AttemptOutcome<StripeResponse<T>>> => {
			try {
				const answer = await authenticatedRequest(this, STRIPE_CREDENTIAL, options);
				const { status, headers: responseHeaders } = answer;
				const parsed = parseBody(answer.body);
				if (parsed === undefined) {
					throw new StripeBodyFailure(
						`Stripe answered HTTP ${status} with a body that is not JSON`,
					);
				}
				const json = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as IDataObject;
				if (status === 404 && request.allowNotFound) {
					return {
						kind: 'answer',
						value: { status, body: json as T, headers: responseHeaders, replayed: false },
					};
				}
				if (status < 200 || status >= 300)
					throw new HttpFailure('Stripe', status, json, responseHeaders);
				return {
					kind: 'answer',
					value: {
						status,
						body: json as T,
						headers: responseHeaders,
						replayed: responseHeaders['idempotent-replayed'] === 'true',
					},
				};
			} catch (error) {
				return stripeOutcome(error);
			}
		}, pacedRetry(request.retry));
	} catch (error) {
		throw toApiError(this, error, request);
	}
}

/** The Stripe error body of a NodeApiError thrown by stripeRequest (type, code...), if any. */
export function stripeErrorOf(error: unknown): { status?: number; type?: string; code?: string } {
	if (!(error instanceof NodeApiError)) return {};
	const cause = (error.errorResponse ?? {}) as IDataObject;
	return {
		status: error.httpCode ? Number(error.httpCode) : undefined,
		type: typeof cause.type === 'string' ? cause.type : undefined,
		code: typeof cause.code === 'string' ? cause.code : undefined,
	};
}

/** Follows `has_more` / `starting_after` to the end, one page in memory at a time. */
export async function* stripePages<T extends { id: string }>(
	context: StripeContext,
	path: string,
	query: Record<string, FormInput>,
	options: { pageSize?: number; startingAfter?: string; timeoutMs?: number } = {},
): AsyncGenerator<{ data: T[]; hasMore: boolean; lastId: string | undefined }> {
	let cursor = options.startingAfter;
	for (;;) {
		const { body } = await stripeCall<{ data: T[]; has_more: boolean }>(context, {
			method: 'GET',
			path,
			query: {
				...query,
				limit: options.pageSize ?? 100,
				...(cursor ? { starting_after: cursor } : {}),
			},
			timeoutMs: options.timeoutMs,
		});
		const data = Array.isArray(body.data) ? body.data : [];
		const lastId = data.length ? data[data.length - 1].id : undefined;
		const hasMore = body.has_more === true && lastId !== undefined;
		yield { data, hasMore, lastId };
		if (!hasMore) return;
		cursor = lastId;
	}
}

/** `stripeRequest` for callers that hold the context in a variable. */
export async function stripeCall<T = IDataObject>(
	context: StripeContext,
	request: StripeRequest,
): Promise<StripeResponse<T>> {
	return await stripeRequest.call<StripeContext, [StripeRequest], Promise<StripeResponse<T>>>(
		context,
		request,
	);
}

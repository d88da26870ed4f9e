import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IPollFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/**
 * The common part of the REST services' transports (Stripe, Pennylane): their own request, retry rules and
 * error wording stay in nodes/services/<service>/transport.ts.
 */

export type ServiceContext =
	| IExecuteFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions;

/** An HTTP answer that is not a success, kept apart from transport failures (reset, timeout). */
export class HttpFailure extends Error {
	constructor(
		service: string,
		readonly status: number,
		readonly body: IDataObject,
		readonly headers: Record<string, string>,
	) {
		super(`${service} answered HTTP ${status}`);
	}
}

function lowerCaseHeaders(headers: unknown): Record<string, string> {
	const result: Record<string, string> = {};
	if (typeof headers !== 'object' || headers === null) return result;
	for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
		result[key.toLowerCase()] = Array.isArray(value) ? String(value[0]) : String(value);
	}
	return result;
}

/** The credential's Base URL (empty: the service's), without a trailing slash; refused unless http(s). */
export function checkedBaseUrl(
	context: ServiceContext,
	credentials: IDataObject,
	service: { name: string; defaultBaseUrl: string; description: string },
): string {
	const raw = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
	const base = (raw === '' ? service.defaultBaseUrl : raw).replace(/\/+$/, '');
	if (!/^https?:\/\/[^\s/]+/i.test(base)) {
		throw new NodeApiError(context.getNode(), {} as JsonObject, {
			message: `The ${service.name} credential has an invalid Base URL`,
			description: service.description,
		});
	}
	return base;
}

/**
 * One request as the transports send it: the full response whatever its status (the transport reads the
 * failures itself), the body as text.
 */
export function fullResponseRequest(
	method: IHttpRequestMethods,
	url: string,
	headers: IDataObject,
	timeoutMs: number,
): IHttpRequestOptions {
	return {
		method,
		url,
		headers,
		encoding: 'text',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: timeoutMs,
	};
}

/** One attempt through n8n's authenticated request: the status, the headers in lower case, the raw body. */
export async function authenticatedRequest(
	context: ServiceContext,
	credential: string,
	options: IHttpRequestOptions,
): Promise<{ status: number; headers: Record<string, string>; body: unknown }> {
	// A copy per attempt: n8n's helper adds the credential's headers to the object it is given.
	const response = (await context.helpers.httpRequestWithAuthentication.call(context, credential, {
		...options,
		headers: { ...options.headers },
	})) as { statusCode: number; headers: unknown; body: unknown };
	return {
		status: response.statusCode,
		headers: lowerCaseHeaders(response.headers),
		body: response.body,
	};
}

function errorCode(error: unknown): string | undefined {
	const value = error as { code?: unknown; cause?: { code?: unknown } } | null;
	const code = value?.code ?? value?.cause?.code;
	return typeof code === 'string' ? code : undefined;
}

/**
 * A transport failure (reset, timeout...) after the retries: only the message and code, never the request
 * options (they carry the key).
 */
export function unreachableError(
	context: ServiceContext,
	service: string,
	error: unknown,
	request: string,
): NodeApiError {
	const message = error instanceof Error ? error.message : String(error);
	return new NodeApiError(context.getNode(), { code: errorCode(error) ?? null } as JsonObject, {
		message: `${service} could not be reached: ${message}`,
		description: `${request} failed after retries`,
	});
}

import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { assertTimeZone } from '../shared/internal';

/**
 * Node properties that several nodes offer under the same name, type, unit and default, each node saying in
 * its own words what the property does there.
 */

/** The Time Zone of an Options collection (`timeZoneOption`), else the workflow's (n8n's settings), checked. */
export function chosenTimeZone(options: IDataObject, workflowTimeZone: string): string {
	const chosen = typeof options.timezone === 'string' ? options.timezone.trim() : '';
	return assertTimeZone(chosen || workflowTimeZone, 'options.timezone');
}

/** The company's IANA time zone, as a parameter or an option; empty: the workflow's. */
export function timeZoneOption(description: string): INodeProperties {
	return {
		displayName: 'Time Zone',
		name: 'timezone',
		type: 'string',
		default: '',
		placeholder: 'e.g. Europe/Paris',
		description,
	};
}

/** How long one request to a service may take, in seconds, on every API node. */
export function requestTimeoutOption(service: string): INodeProperties {
	return {
		displayName: 'Request Timeout (Seconds)',
		name: 'timeoutSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 30,
		description: `How long to wait for ${service} before retrying a request`,
	};
}

/** The Options collection of a node or an operation, holding the options given. */
export function optionsCollection(
	options: INodeProperties[],
	extra: Partial<INodeProperties> = {},
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		...extra,
		options,
	};
}

/**
 * How many items an API node handles at once (runEachItem's concurrency). Whatever the value, the execution's
 * pacer (nodes/common/pacer.ts) never has more requests in flight than the provider allows, nor starts more
 * than its per-second and per-minute budgets: a higher value only makes items wait their turn there.
 */
export function requestsAtOnceOption(service: string, defaultValue: number): INodeProperties {
	return {
		displayName: 'Requests at Once',
		name: 'concurrency',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10, numberPrecision: 0 },
		default: defaultValue,
		description: `How many items to send requests to ${service} for at the same time. Calls are paced to ${service}'s documented rate limits whatever the value; 1 handles items one after another.`,
	};
}

/** The Requests at Once option of a run (read on the first item: one pool per execution). */
export function readRequestsAtOnce(context: IExecuteFunctions, defaultValue: number): number {
	const value = Number(context.getNodeParameter('options.concurrency', 0, defaultValue));
	return Number.isFinite(value) && value >= 1 ? Math.min(10, Math.floor(value)) : defaultValue;
}

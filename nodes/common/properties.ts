import type { INodeProperties } from 'n8n-workflow';

/**
 * Node properties that several nodes offer under the same name, type, unit and default, each node saying in
 * its own words what the property does there.
 */

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

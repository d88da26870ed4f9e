import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';

/**
 * Options of the Options collection that QuickBooks Dunning and the QuickBooks Invoice Trigger share: the same
 * names, values and defaults in both nodes, each node saying in its own words what the option does there.
 */

const CUSTOMER_LOOKUP_MODES: INodePropertyOptions[] = [
	{
		name: 'When the Invoice Has No Email',
		value: 'missingEmail',
		description: 'Read the customer only when BillEmail is missing',
	},
	{
		name: 'Always',
		value: 'always',
		description: 'Also reads customer tags from a [dunning] tags=... line of its Notes.',
	},
	{ name: 'Never', value: 'never' },
];

/** When to read an invoice's customer (`missingEmail`, `always`, `never`). */
export function customerLookupOption(description: string): INodeProperties {
	return {
		displayName: 'Customer Lookup',
		name: 'customerLookup',
		type: 'options',
		default: 'missingEmail',
		options: CUSTOMER_LOOKUP_MODES,
		description,
	};
}

export const requestTimeoutOption: INodeProperties = {
	displayName: 'Request Timeout (Ms)',
	name: 'timeoutMs',
	type: 'number',
	typeOptions: { minValue: 100 },
	default: 30000,
	description: 'How long to wait for QuickBooks before retrying a request',
};

/** The company's IANA zone; empty: the workflow's. */
export function timeZoneOption(description: string): INodeProperties {
	return {
		displayName: 'Time Zone',
		name: 'timezone',
		type: 'string',
		default: '',
		placeholder: 'e.g. Europe/London',
		description,
	};
}

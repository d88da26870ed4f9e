import type { INodePropertyOptions, INodeProperties } from 'n8n-workflow';

import { timeZoneOption } from '../../common/properties';

/**
 * Options that QuickBooks Dunning and the QuickBooks Invoice Trigger share: the same names, values and
 * defaults in both nodes, each node saying in its own words what the option does there.
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

/** The time zone option, in QuickBooks' words: `what` is read in the company's zone. */
export function quickBooksTimeZoneOption(what: string): INodeProperties {
	return {
		...timeZoneOption(`The company's IANA time zone, in which ${what} read; empty: the workflow's`),
		placeholder: 'e.g. Europe/London',
	};
}

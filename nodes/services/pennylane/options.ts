import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import { timeZoneOption } from '../../common/properties';
import { customerIdFilterProperty, overdueWindowProperties } from '../../common/source-properties';
import { PENNYLANE_CREDENTIAL, PENNYLANE_APP_CREDENTIAL } from './transport';

/**
 * Properties the Pennylane nodes offer (Pennylane Dunning and the Pennylane Invoice Trigger), with the same
 * names, units and defaults as Stripe's and QuickBooks'.
 */

/** Authentication, first among a Pennylane node's properties; the transport picks the credential from it. */
export const pennylaneAuthenticationProperty: INodeProperties = {
	displayName: 'Authentication',
	name: 'authentication',
	type: 'options',
	noDataExpression: true,
	options: [
		{
			name: 'Access Token',
			value: 'accessToken',
			description: "A Company API token, for the company's own automations",
		},
		{
			name: 'OAuth2',
			value: 'oAuth2',
			description: 'OAuth 2.0, for an integration Pennylane registered for several companies',
		},
	],
	default: 'accessToken',
};

/** Each credential shown for its Authentication value, as n8n's own nodes do. */
export const pennylaneCredentials: INodeCredentialDescription[] = [
	{
		name: PENNYLANE_CREDENTIAL,
		required: true,
		displayOptions: { show: { authentication: ['accessToken'] } },
	},
	{
		name: PENNYLANE_APP_CREDENTIAL,
		required: true,
		displayOptions: { show: { authentication: ['oAuth2'] } },
	},
];

export const pennylaneTimeZoneOption: INodeProperties = timeZoneOption(
	'IANA zone in which "today" is taken and a draft\'s creation time becomes a date; empty: the workflow\'s',
);

/** Which invoices are listed: the overdue window, and optionally one customer. */
export function pennylaneOverdueFilterProperties(
	show: Record<string, Array<string | boolean>>,
): INodeProperties[] {
	return [
		...overdueWindowProperties(show, 'Finalised, unpaid customer invoices'),
		customerIdFilterProperty(show, 'Pennylane', 'e.g. 801'),
	];
}

import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * A Stripe secret key (`sk_...`) or restricted key (`rk_...`) sent as a bearer token. A restricted key needs
 * Invoices (write), Customers (read) and, for the trigger's automatic registration, Webhook Endpoints
 * (write). The optional signing secret is for a webhook endpoint created by hand in the Stripe Dashboard.
 */
export class StripeDunningApi implements ICredentialType {
	name = 'stripeDunningApi';

	displayName = 'Stripe Dunning API';

	icon = {
		light: 'file:stripeDunning.svg',
		dark: 'file:stripeDunning.dark.svg',
	} as const;

	documentationUrl =
		'https://github.com/n8n-nodes-dunning/n8n-nodes-dunning/blob/main/docs/stripe.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Secret or Restricted Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'sk_live_... or rk_live_...',
			description:
				'A restricted key needs Invoices: write, Customers: read, and Webhook Endpoints: write for automatic webhook registration',
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'whsec_...',
			description:
				'Only for a webhook endpoint you created yourself in the Stripe Dashboard (Stripe Invoice Trigger, Endpoint: Use Existing). Leave empty when the trigger registers its own endpoint.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.stripe.com',
			description:
				'Advanced: change only to point at a Stripe-compatible test server (e.g. http://127.0.0.1:12111)',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/v1/invoices',
			qs: { limit: 1 },
			headers: { 'Stripe-Version': '2026-10-28.endive' },
		},
	};
}

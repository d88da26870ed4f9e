import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

/**
 * A Pennylane Company API token (Settings → Connectivity → Developers), sent as a bearer token. Dunning reads
 * only: scopes `customer_invoices:readonly` and `customers:readonly` are enough. An integration distributed
 * to other companies must use OAuth 2.0 instead (docs/pennylane.md).
 */
export class PennylaneDunningApi implements ICredentialType {
	name = 'pennylaneDunningApi';

	displayName = 'Pennylane Dunning API';

	icon = {
		light: 'file:pennylaneDunning.svg',
		dark: 'file:pennylaneDunning.dark.svg',
	} as const;

	documentationUrl =
		'https://github.com/n8n-nodes-dunning/n8n-nodes-dunning/blob/main/docs/pennylane.md';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'A Company API token with the scopes customer_invoices:readonly and customers:readonly',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://app.pennylane.com/api/external/v2',
			description: 'Advanced: change only to point at a Pennylane-compatible test server',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/customer_invoices',
			qs: { limit: 1 },
		},
	};
}

import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Pennylane through OAuth 2.0 (authorization code, refresh tokens), for an integration distributed to other
 * companies: Pennylane requires it there and registers the app itself (client ID and secret are issued by its
 * partnerships team). A company automating its own account uses the API token credential instead. Access
 * tokens last 24 hours; n8n refreshes one on a 401 and stores the new pair, since Pennylane rotates the refresh
 * token too. What this relies on: test/simulators/pennylane/SOURCES.md §1-3.
 */
export class PennylaneDunningOAuth2Api implements ICredentialType {
	name = 'pennylaneDunningOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Pennylane Dunning OAuth2 API';

	icon = {
		light: 'file:pennylaneDunning.svg',
		dark: 'file:pennylaneDunning.dark.svg',
	} as const;

	documentationUrl =
		'https://github.com/n8n-nodes-dunning/n8n-nodes-dunning/blob/main/docs/pennylane.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: 'https://app.pennylane.com/oauth/authorize',
		},
		// n8n joins scopes with a space and URL-encodes it as "+", the delimiter Pennylane documents.
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: 'customer_invoices:readonly customers:readonly',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		// The client ID and secret go in the token request's body, as Pennylane's own clients send them.
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://app.pennylane.com/api/external/v2',
			description: 'Advanced: change only to point at a Pennylane-compatible test server',
		},
		{
			displayName: 'Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			default: 'https://app.pennylane.com/oauth/token',
			description:
				"Advanced: Pennylane's OAuth token endpoint; change only to point at a Pennylane-compatible test server",
		},
	];
}

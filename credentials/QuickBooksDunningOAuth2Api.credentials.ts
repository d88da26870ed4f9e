import type { ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * QuickBooks Online through OAuth 2.0 (authorization code with refresh), shaped like n8n's own QuickBooks
 * credential so users recognise it; ours is separate because community nodes may not reuse built-in
 * credentials. n8n refreshes the access token on a 401 and stores the refresh token Intuit returns each time
 * (Intuit rotates it). The company (realm) id arrives as `realmId` on the OAuth callback and is read from the
 * stored token data; the field below only overrides it. The verifier token signs webhook notifications.
 */
export class QuickBooksDunningOAuth2Api implements ICredentialType {
	name = 'quickBooksDunningOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'QuickBooks Dunning OAuth2 API';

	icon = {
		light: 'file:quickBooksDunning.svg',
		dark: 'file:quickBooksDunning.dark.svg',
	} as const;

	documentationUrl =
		'https://github.com/n8n-nodes-dunning/n8n-nodes-dunning/blob/main/docs/quickbooks.md#intuit-developer-setup';

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
			default: 'https://appcenter.intuit.com/connect/oauth2',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: 'com.intuit.quickbooks.accounting',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'header',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'production',
			options: [
				{ name: 'Production', value: 'production' },
				{ name: 'Sandbox', value: 'sandbox' },
			],
			description: 'Sandbox companies live on sandbox-quickbooks.api.intuit.com',
		},
		{
			displayName: 'Realm ID',
			name: 'realmId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 9341455831207162',
			description:
				'The QuickBooks company ID. Leave empty: it is taken from the OAuth callback when you connect.',
		},
		{
			displayName: 'Webhook Verifier Token',
			name: 'webhookVerifierToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'From the Webhooks page of your app in the Intuit developer portal (not the client secret). Needed only by the Verify and Expand Webhook operation.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://quickbooks.api.intuit.com',
			description:
				"Advanced: leave empty for the environment's Intuit API; set only to point at a local QuickBooks simulator",
		},
		{
			displayName: 'Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			default: 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer',
			description:
				"Advanced: Intuit's OAuth token endpoint; change only to point at a local QuickBooks simulator",
		},
	];
}

import type { ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * Maileva (Docaposte, La Poste group) through OAuth2 "Resource Owner Password Credentials": the client id and
 * secret Maileva gives the software, and the username and password of the Maileva account that pays for the
 * letters. n8n's OAuth2 credential has no password grant, so the Registered Letter node fetches the token
 * itself (nodes/services/maileva/transport.ts). Base URL and Token URL are for the sandbox or a simulator.
 */
export class MailevaApi implements ICredentialType {
	name = 'mailevaApi';

	displayName = 'Maileva API';

	icon = { light: 'file:maileva.svg', dark: 'file:maileva.dark.svg' } as const;

	documentationUrl =
		'https://github.com/n8n-nodes-dunning/n8n-nodes-dunning/blob/main/docs/nodes/registered-letter.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			required: true,
			default: '',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			required: true,
			default: '',
			description: 'The Maileva account that sends and pays for the letters',
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.maileva.com',
			description:
				'Advanced: https://api.sandbox.maileva.net for the sandbox, or a local Maileva simulator',
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: 'https://connexion.maileva.com/auth/realms/services/protocol/openid-connect/token',
			description:
				'Advanced: https://connexion.sandbox.maileva.net/auth/realms/services/protocol/openid-connect/token for the sandbox, or a local simulator',
		},
	];

	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '={{$credentials.tokenUrl}}',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			auth: { username: '={{$credentials.clientId}}', password: '={{$credentials.clientSecret}}' },
			body: '={{"grant_type=password&username=" + encodeURIComponent($credentials.username) + "&password=" + encodeURIComponent($credentials.password)}}',
		},
	};
}

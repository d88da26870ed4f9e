import {
	SIMULATOR_CLIENT_ID,
	SIMULATOR_CLIENT_SECRET,
	SIMULATOR_VERIFIER_TOKEN,
	type IssuedTokens,
	type QuickBooksSimulator,
} from './server';

/**
 * Our QuickBooks OAuth2 credential's data against this simulator, as n8n stores it after "Connect": the OAuth
 * fields, and token data with the callback's realmId (n8n reads the company from there). One definition for
 * the node tests, the real-n8n tests and the demo.
 */
export function connectedCredentialData(
	simulator: QuickBooksSimulator,
	tokens: IssuedTokens = simulator.issueTokens(),
) {
	return {
		grantType: 'authorizationCode',
		authUrl: `${simulator.url}/connect/oauth2`,
		accessTokenUrl: simulator.tokenUrl,
		clientId: SIMULATOR_CLIENT_ID,
		clientSecret: SIMULATOR_CLIENT_SECRET,
		scope: 'com.intuit.quickbooks.accounting',
		authQueryParameters: '',
		authentication: 'header',
		environment: 'sandbox',
		realmId: '',
		baseUrl: simulator.url,
		webhookVerifierToken: SIMULATOR_VERIFIER_TOKEN,
		oauthTokenData: {
			...tokens,
			callbackQueryString: { code: 'sim-code', state: 'sim-state', realmId: simulator.realmId },
		},
	};
}

import {
	SIMULATOR_CLIENT_ID,
	SIMULATOR_CLIENT_SECRET,
	type IssuedTokens,
	type PennylaneSimulator,
} from './server';

/**
 * Our Pennylane OAuth2 credential's data against this simulator, as n8n stores it after "Connect": the OAuth
 * fields and the token data. One definition for the node tests, the real-n8n tests and the demo.
 */
export function connectedCredentialData(
	simulator: PennylaneSimulator,
	tokens: IssuedTokens = simulator.issueOAuthTokens(),
) {
	return {
		grantType: 'authorizationCode',
		authUrl: simulator.authorizeUrl,
		accessTokenUrl: simulator.tokenUrl,
		clientId: SIMULATOR_CLIENT_ID,
		clientSecret: SIMULATOR_CLIENT_SECRET,
		scope: 'customer_invoices:readonly customers:readonly',
		authQueryParameters: '',
		authentication: 'body',
		baseUrl: simulator.baseUrl,
		oauthTokenData: { ...tokens },
	};
}

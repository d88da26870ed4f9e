// Pennylane Dunning's Authentication parameter: the API token by default (a workflow saved before the
// parameter existed keeps running on its token credential), the OAuth2 credential when chosen.
import { PennylaneDunningApi } from '../../../credentials/PennylaneDunningApi.credentials';
import { PennylaneDunningOAuth2Api } from '../../../credentials/PennylaneDunningOAuth2Api.credentials';
import { PennylaneDunning } from '../../../nodes/PennylaneDunning/PennylaneDunning.node';
import { itemsIntoNode } from '../../helpers/items-workflow';
import { runWorkflow, type WorkflowJson } from '../../helpers/run-workflow';
import {
	connectedCredentialData,
	SIMULATOR_TOKEN,
	startPennylaneSimulator,
	type PennylaneSimulator,
} from '../../simulators/pennylane';

describe('authentication', () => {
	let sim: PennylaneSimulator;
	beforeEach(async () => {
		sim = await startPennylaneSimulator({ rateLimit: false });
	});
	afterEach(async () => sim.stop());

	/** Manual Trigger → one item → Pennylane Dunning: Get 5012, as saved (no defaults added to `parameters`). */
	function workflow(
		parameters: Record<string, unknown>,
		credentials: Record<string, unknown>,
	): WorkflowJson {
		return itemsIntoNode([{}], {
			name: 'Pennylane',
			type: 'n8n-nodes-dunning.pennylaneDunning',
			parameters: { resource: 'invoice', operation: 'get', invoiceId: '5012', ...parameters },
			settings: { credentials },
		});
	}

	const run = (json: WorkflowJson, credentials: Record<string, unknown>) =>
		runWorkflow(json, {
			nodeTypes: { 'n8n-nodes-dunning.pennylaneDunning': new PennylaneDunning() },
			credentialTypes: [new PennylaneDunningApi(), new PennylaneDunningOAuth2Api()],
			credentials: credentials as never,
		});

	describe('Pennylane Dunning: Authentication', () => {
		it('runs a workflow saved without Authentication on its API token credential', async () => {
			const result = await run(
				workflow({}, { pennylaneDunningApi: { id: '1', name: 'Pennylane token' } }),
				{ pennylaneDunningApi: { apiToken: SIMULATOR_TOKEN, baseUrl: sim.baseUrl } },
			);
			expect(result.error).toBeUndefined();
			expect(result.jsonOf('Pennylane')[0].invoice).toMatchObject({ id: '5012' });
			expect(sim.requests.map((request) => request.authorization)).toEqual([
				`Bearer ${SIMULATOR_TOKEN}`,
				`Bearer ${SIMULATOR_TOKEN}`,
			]);
		});

		it('uses the OAuth2 credential, and its base URL, when Authentication is OAuth2', async () => {
			const tokens = sim.issueOAuthTokens();
			const result = await run(
				workflow(
					{ authentication: 'oAuth2' },
					{ pennylaneDunningOAuth2Api: { id: '2', name: 'Pennylane OAuth2' } },
				),
				{ pennylaneDunningOAuth2Api: connectedCredentialData(sim, tokens) },
			);
			expect(result.error).toBeUndefined();
			expect(result.jsonOf('Pennylane')[0].invoice).toMatchObject({
				id: '5012',
				customer: { email: 'compta@atelier-brioche.example.fr' },
			});
			expect(sim.requests.map((request) => [request.path, request.authorization])).toEqual([
				['/customer_invoices/5012', `Bearer ${tokens.access_token}`],
				['/customers/801', `Bearer ${tokens.access_token}`],
			]);
		});

		it('asks to reconnect, without any token in the error, when the OAuth2 refresh token is no longer valid', async () => {
			const tokens = sim.issueOAuthTokens();
			sim.expireAccessTokens();
			const data = connectedCredentialData(sim, {
				...tokens,
				refresh_token: 'sim-pl-refresh-revoked',
			});
			const result = await run(
				workflow(
					{ authentication: 'oAuth2' },
					{ pennylaneDunningOAuth2Api: { id: '2', name: 'Pennylane OAuth2' } },
				),
				{ pennylaneDunningOAuth2Api: data },
			);
			expect(result.error?.message).toMatch(/needs to be reconnected/);
			expect(sim.tokenRequests.map((request) => request.status)).toEqual([400]);
			expect(JSON.stringify(result.error)).not.toContain(tokens.access_token);
			expect(JSON.stringify(result.error)).not.toContain('sim-pl-refresh-revoked');
		});
	});
});

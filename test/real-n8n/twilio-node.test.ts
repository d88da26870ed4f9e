// n8n's own Twilio node, exactly as the full-ladder templates hold it (Send Reminder SMS), in a real n8n 2.41.1:
// it calls https://api.twilio.com, and reaches the Twilio simulator through the local HTTPS-intercepting proxy
// that the demo and the end-to-end tests give n8n (HTTPS_PROXY, NODE_EXTRA_CA_CERTS). One `n8n execute`.
// Runs with N8N_REAL=1.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { startTwilioProxy, TWILIO_CREDENTIAL, twilioCredential } from '../../scripts/demo/channels';
import type { N8nInstance, WorkflowJson } from '../../scripts/n8n/instance';
import { createInstance, nodeOutput } from '../../scripts/n8n/instance';
import {
	describeReal,
	INSTALL_TIMEOUT,
	manualTriggerWithInvoices,
	MINUTE,
} from '../helpers/real-n8n';
import type { InterceptingProxy } from '../simulators/intercepting-proxy';
import { startTwilioSimulator, type TwilioSimulator } from '../simulators/twilio';

const UNSUBSCRIBED = '+33600000009';

/** The template's Twilio node, untouched but for its credential (what a user picks after import). */
function templateSmsNode(): Record<string, unknown> {
	const file = path.join(__dirname, '..', '..', 'workflows', 'stripe-full-ladder.json');
	const workflow = JSON.parse(fs.readFileSync(file, 'utf8')) as WorkflowJson;
	const node = workflow.nodes.find((candidate) => candidate.type === 'n8n-nodes-base.twilio');
	if (!node) throw new Error('stripe-full-ladder.json has no Twilio node');
	return { ...node, position: [400, 0], credentials: { twilioApi: { ...TWILIO_CREDENTIAL } } };
}

describeReal("real n8n: the templates' Twilio node reaches the Twilio simulator", () => {
	let n8n: N8nInstance;
	let twilio: TwilioSimulator;
	let proxy: InterceptingProxy;
	let workflowId: string;
	let smsNode: Record<string, unknown>;

	beforeAll(async () => {
		twilio = await startTwilioSimulator({ unsubscribed: [UNSUBSCRIBED] });
		proxy = await startTwilioProxy(twilio);
		n8n = await createInstance({ withPackage: false, env: proxy.env });
		await n8n.importCredentials(twilioCredential(twilio));
		smsNode = templateSmsNode();
		const reminders = [
			{ reminder: { sms: { to: '+33612345678', text: 'Facture F-1 : 120,00 € due le 02/03.' } } },
			{ reminder: { sms: { to: UNSUBSCRIBED, text: 'Facture F-2 : 80,00 € due le 02/03.' } } },
		];
		workflowId = await n8n.importWorkflow({
			id: 'twilioNodeSimulat',
			name: 'Twilio node through the proxy',
			nodes: [...manualTriggerWithInvoices(reminders), smsNode],
			connections: {
				'Manual Trigger': { main: [[{ node: 'Invoices', type: 'main', index: 0 }]] },
				Invoices: { main: [[{ node: String(smsNode.name), type: 'main', index: 0 }]] },
			},
			settings: {},
		});
	}, INSTALL_TIMEOUT);

	afterAll(async () => {
		await n8n?.dispose();
		await proxy?.stop();
		await twilio?.stop();
	});

	it(
		'sends one SMS to api.twilio.com, answered by the simulator; a STOP recipient (Twilio 400/21610) goes to its error output',
		async () => {
			const run = await n8n.executeWorkflow(workflowId);
			const name = String(smsNode.name);
			const sent = nodeOutput(run, name, 0);
			expect(sent).toHaveLength(1);
			expect(sent[0]).toMatchObject({ to: '+33612345678', status: 'queued' });
			expect(String(sent[0].sid)).toMatch(/^SM[0-9a-f]{32}$/);
			expect(twilio.messages.map((message) => [message.to, message.body])).toEqual([
				['+33612345678', 'Facture F-1 : 120,00 € due le 02/03.'],
			]);
			const refused = nodeOutput(run, name, 1);
			// The node keeps only n8n's summary of Twilio's 400, not Twilio's code.
			expect(refused).toEqual([{ error: 'Bad request - please check your parameters' }]);
			// Both calls went to the real Twilio URL, through the proxy.
			const messagesPath = `/2010-04-01/Accounts/${twilio.accountSid}/Messages.json`;
			expect(proxy.forwarded).toEqual([
				{ host: 'api.twilio.com', method: 'POST', path: messagesPath },
				{ host: 'api.twilio.com', method: 'POST', path: messagesPath },
			]);
		},
		3 * MINUTE,
	);
});

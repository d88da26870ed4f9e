// The Pennylane classic template of workflows/ in a real n8n 2.41.1, against the Pennylane simulator, a real
// PostgreSQL for the Dunning Ledger (started by the test) and MailDev as the SMTP server: the emails sent are
// the emails expected, two concurrent executions send each email once, and the ledger survives an n8n restart
// and shows each message sent (History). Runs with N8N_REAL=1 after npm run build.
import { Client } from 'pg';

import type { WorkflowJson } from '../../scripts/n8n/instance';
import { nodeOutput } from '../../scripts/n8n/instance';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { startPennylaneSimulator, type PennylaneSimulator } from '../simulators/pennylane';
import {
	bind,
	countByRecipient,
	describeReal,
	MINUTE,
	runInServer,
	settledEmails,
	startEnvironment,
	stopEnvironment,
	template,
	type E2eEnvironment,
} from './harness';
import {
	LEDGER_CREDENTIAL,
	ledgerCredential,
	PENNYLANE_CREDENTIAL,
	pennylaneCredential,
	seedPennylaneInvoices,
	type SeededInvoice,
} from './pennylane-book';

const TEMPLATE = 'pennylane-classic-7-14-21.json';

/** Manual Trigger → Code (the invoice ids) → Dunning Ledger History: what a person runs to show the proof. */
function historyWorkflow(ids: number[]): WorkflowJson {
	return {
		id: 'e2eLedgerHistory1',
		name: 'Ledger history',
		nodes: [
			{
				id: 'h1',
				name: 'Run Now',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'h2',
				name: 'Invoices',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
				parameters: {
					jsCode: `return ${JSON.stringify(ids.map(String))}.map((id) => ({ json: { id } }));`,
				},
			},
			{
				id: 'h3',
				name: 'History',
				type: 'n8n-nodes-dunning.dunningLedger',
				typeVersion: 1,
				position: [400, 0],
				parameters: {
					resource: 'invoice',
					operation: 'history',
					source: 'pennylane',
					invoiceId: '={{ $json.id }}',
				},
				credentials: { dunningLedgerPostgresApi: LEDGER_CREDENTIAL },
			},
		],
		connections: {
			'Run Now': { main: [[{ node: 'Invoices', type: 'main', index: 0 }]] },
			Invoices: { main: [[{ node: 'History', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1', timezone: 'Europe/Paris' },
	};
}

describeReal(
	'Pennylane template on the Dunning Ledger end to end (real n8n, PostgreSQL, MailDev)',
	() => {
		let env: E2eEnvironment;
		let sim: PennylaneSimulator;
		let pg: TestPostgres;
		let workflowId: string;
		const seen = new Set<string>();
		const batches: SeededInvoice[][] = [];

		const sentRows = async () => {
			const client = new Client({ connectionString: pg.connectionString });
			await client.connect();
			try {
				const { rows } = await client.query(
					"SELECT invoice_id, step_id, sent_at IS NOT NULL AS sent, address FROM dunning_ledger_steps WHERE source = 'pennylane' ORDER BY invoice_id",
				);
				return rows as Array<{
					invoice_id: string;
					step_id: string;
					sent: boolean;
					address: string | null;
				}>;
			} finally {
				await client.end();
			}
		};

		beforeAll(async () => {
			pg = await startPostgres();
			sim = await startPennylaneSimulator({ fixtures: false });
			const workflow = bind(template(TEMPLATE), {
				pennylaneDunningApi: PENNYLANE_CREDENTIAL,
				dunningLedgerPostgresApi: LEDGER_CREDENTIAL,
			});
			workflowId = String(workflow.id);
			env = await startEnvironment(
				() => [pennylaneCredential(sim), ledgerCredential(pg)],
				[workflow, historyWorkflow([])],
			);
			await env.n8n.start({ port: env.port });
			await env.n8n.setupOwner();
		}, 25 * MINUTE);

		afterAll(async () => {
			await stopEnvironment(env, sim ? { pennylane: { sim } } : {});
			await pg?.stop();
		}, MINUTE);

		it(
			'one run: each overdue invoice gets its J+7 reminder once (emails sent == expected), claimed and marked sent in the ledger; a second run sends nothing',
			async () => {
				const invoices = seedPennylaneInvoices(sim, 7001, 6);
				batches.push(invoices);
				// Not due yet, and paid: no email.
				seedPennylaneInvoices(sim, 7101, 1, -5);
				const [paid] = seedPennylaneInvoices(sim, 7201, 1);
				sim.updateInvoice(paid.id, {
					paid: true,
					status: 'paid',
					remaining_amount_with_tax: '0.0',
				});

				const run = await runInServer(env.n8n, workflowId);
				expect(run.status).toBe('success');
				const emails = await settledEmails(env.mail, seen);
				const expected = Object.fromEntries(invoices.map((invoice) => [invoice.email, 1]));
				expect(countByRecipient(emails)).toEqual(expected);
				for (const invoice of invoices) {
					const [email] = emails.filter((entry) => entry.to[0].address === invoice.email);
					expect(email.text).toContain(invoice.number);
				}
				expect(await sentRows()).toEqual(
					invoices.map((invoice) => ({
						invoice_id: String(invoice.id),
						step_id: 'd7',
						sent: true,
						address: invoice.email,
					})),
				);

				expect((await runInServer(env.n8n, workflowId)).status).toBe('success');
				expect(await settledEmails(env.mail, seen)).toEqual([]);
			},
			10 * MINUTE,
		);

		it(
			'two executions at once over 8 new invoices: 8 emails, each invoice once, each step sent once in the ledger',
			async () => {
				const invoices = seedPennylaneInvoices(sim, 7301, 8);
				batches.push(invoices);
				sim.latencyMs = 100;
				const runs = await Promise.all([
					runInServer(env.n8n, workflowId),
					runInServer(env.n8n, workflowId),
				]);
				sim.latencyMs = 0;
				expect(runs.map((run) => run.status)).toEqual(['success', 'success']);
				const emails = await settledEmails(env.mail, seen);
				const counts = countByRecipient(emails);
				process.stdout.write(
					`[concurrency] real n8n, Pennylane + ledger, 2 executions: ${JSON.stringify({ expected: invoices.length, emails: emails.length })}\n`,
				);
				expect(counts).toEqual(Object.fromEntries(invoices.map((invoice) => [invoice.email, 1])));
				// Both reached Claim Step: the loser's items ended in Not Claimed.
				expect(runs.some((run) => /already_sent|claimed_elsewhere/.test(run.data))).toBe(true);
				const rows = (await sentRows()).filter((row) => Number(row.invoice_id) >= 7301);
				expect(rows.map((row) => row.sent)).toEqual(Array(8).fill(true));
			},
			10 * MINUTE,
		);

		it(
			'after an n8n restart the ledger still holds every step: History shows claimed then sent, to the customer, with the message digest; a new run sends nothing',
			async () => {
				await env.n8n.stop();
				const ids = batches.flat().map((invoice) => invoice.id);
				const historyId = await env.n8n.importWorkflow(historyWorkflow(ids));
				// `n8n execute` boots a new n8n process on the same database and credentials.
				const run = await env.n8n.executeWorkflow(historyId);
				const items = nodeOutput(run, 'History');
				expect(items).toHaveLength(ids.length);
				for (const [index, item] of items.entries()) {
					const history = item.history as Array<Record<string, unknown>>;
					expect(history.map((event) => event.kind)).toEqual(['claimed', 'sent']);
					const sent = history[1];
					expect(sent).toMatchObject({
						invoiceId: String(ids[index]),
						stepId: 'd7',
						channel: 'email',
						address: batches.flat()[index].email,
					});
					expect(String(sent.messageSha256)).toMatch(/^[0-9a-f]{64}$/);
				}
				await env.n8n.start({ port: env.port });
				await env.n8n.setupOwner();
				expect((await runInServer(env.n8n, workflowId)).status).toBe('success');
				expect(await settledEmails(env.mail, seen)).toEqual([]);
			},
			10 * MINUTE,
		);
	},
);

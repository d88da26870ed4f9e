// n8n queue mode (issue 22) on the Dunning Ledger: a main process and two workers of a real n8n 2.41.1, redis
// and PostgreSQL started by this test. The Pennylane template (against the Pennylane simulator) and the
// spreadsheet template (its Google Sheets node replaced by a Code node returning the rows: the tests cannot
// reach Google; the mapping and everything after it are the file users import) are each triggered twice at
// once: the workers run the four executions over the same invoices, and each reminder must leave once.
// Needs redis-server and PostgreSQL (scripts/ci/services.sh). Runs with N8N_REAL=1 after npm run build.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Client } from 'pg';

import { startMailDev, type MailDev } from '../../scripts/demo/maildev';
import type { N8nInstance, WorkflowJson } from '../../scripts/n8n/instance';
import { createInstance, getFreePort, httpRequest, packageBuilt } from '../../scripts/n8n/instance';
import {
	anyDay,
	bind,
	countByRecipient,
	settledEmails,
	smtpCredential,
	template,
} from '../e2e/harness';
import {
	LEDGER_CREDENTIAL,
	ledgerCredential,
	PENNYLANE_CREDENTIAL,
	pennylaneCredential,
	seedPennylaneInvoices,
	sheetRows,
	withSheetRows,
} from '../e2e/pennylane-book';
import { MINUTE, real, waitFor } from '../helpers/real-n8n';
import { startPostgres, type TestPostgres } from '../helpers/postgres';
import { startPennylaneSimulator, type PennylaneSimulator } from '../simulators/pennylane';

const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
const ci = process.env.CI === 'true';
const describeReal = real && (hasRedis || ci) ? describe : describe.skip;

const INVOICES = 10;

interface Process {
	child: ChildProcess;
	output: string;
}

function launch(command: string, args: string[], env: NodeJS.ProcessEnv): Process {
	const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
	const entry: Process = { child, output: '' };
	child.stdout?.on('data', (chunk: Buffer) => (entry.output += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (entry.output += chunk.toString()));
	return entry;
}

async function stopProcess(entry: Process | undefined): Promise<void> {
	if (!entry || entry.child.exitCode !== null || entry.child.pid === undefined) return;
	const exited = new Promise<void>((resolve) => entry.child.once('exit', () => resolve()));
	entry.child.kill('SIGTERM');
	const timer = setTimeout(() => entry.child.kill('SIGKILL'), 10_000);
	await exited;
	clearTimeout(timer);
}

/** The template started by a Webhook (POST /webhook/<path>) instead of its Run Now manual trigger. */
function byWebhook(workflow: WorkflowJson, path: string, webhookId: string): WorkflowJson {
	const copy = anyDay(JSON.parse(JSON.stringify(workflow)) as WorkflowJson);
	const index = copy.nodes.findIndex((node) => node.name === 'Run Now');
	copy.nodes[index] = {
		id: copy.nodes[index].id,
		name: 'Run Now',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: copy.nodes[index].position,
		webhookId,
		parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
	};
	return copy;
}

describeReal(
	'real n8n queue mode, two workers: the ledger templates send each reminder once',
	() => {
		let n8n: N8nInstance;
		let sim: PennylaneSimulator;
		let pg: TestPostgres;
		let mail: MailDev;
		let redis: Process | undefined;
		const workers: Process[] = [];
		const seen = new Set<string>();

		const ledgerCounts = async () => {
			const client = new Client({ connectionString: pg.connectionString });
			await client.connect();
			try {
				const { rows } = await client.query(
					'SELECT source, count(*) FILTER (WHERE sent_at IS NOT NULL)::int AS sent, count(*) FILTER (WHERE sent_at IS NULL)::int AS unsent FROM dunning_ledger_steps GROUP BY source ORDER BY source',
				);
				return rows as Array<{ source: string; sent: number; unsent: number }>;
			} catch {
				return []; // the tables do not exist before the first claim
			} finally {
				await client.end();
			}
		};

		beforeAll(async () => {
			if (!packageBuilt()) throw new Error('run npm run build first');
			pg = await startPostgres();
			sim = await startPennylaneSimulator({ fixtures: false });
			mail = await startMailDev();
			const redisPort = await getFreePort();
			redis = launch(
				'redis-server',
				['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
				process.env,
			);
			await waitFor(
				'redis-server',
				() => /Ready to accept connections/.test(redis!.output),
				30_000,
			);
			n8n = await createInstance({
				withPackage: true,
				env: {
					EXECUTIONS_MODE: 'queue',
					QUEUE_BULL_REDIS_HOST: '127.0.0.1',
					QUEUE_BULL_REDIS_PORT: String(redisPort),
					OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
				},
			});
			await n8n.importCredentials([
				smtpCredential(mail),
				pennylaneCredential(sim),
				ledgerCredential(pg),
			]);
			const bindings = {
				pennylaneDunningApi: PENNYLANE_CREDENTIAL,
				dunningLedgerPostgresApi: LEDGER_CREDENTIAL,
			};
			const pennylane = byWebhook(
				bind(template('pennylane-classic-7-14-21.json'), bindings),
				'remind-pennylane',
				'5a0e6b1c-1111-4c55-9d55-4c0a6f1b9e01',
			);
			const sheet = byWebhook(
				withSheetRows(
					bind(template('spreadsheet-classic-7-14-21.json'), bindings),
					sheetRows(1, INVOICES),
				),
				'remind-sheet',
				'5a0e6b1c-2222-4c55-9d55-4c0a6f1b9e02',
			);
			for (const workflow of [pennylane, sheet]) {
				const id = await n8n.importWorkflow(workflow);
				await n8n.cliOk(['publish:workflow', `--id=${id}`]);
			}
			await n8n.start({ timeoutMs: 5 * MINUTE });
			for (let index = 0; index < 2; index++) {
				const env = n8n.env({ N8N_RUNNERS_BROKER_PORT: String(await getFreePort()) });
				workers.push(
					launch(n8n.install.nodeBin, [n8n.install.n8nBin, 'worker', '--concurrency=1'], env),
				);
			}
			await waitFor(
				'two workers',
				() =>
					workers.every((worker) =>
						/worker is now ready|Worker ready|n8n worker/i.test(worker.output),
					),
				5 * MINUTE,
			);
		}, 25 * MINUTE);

		afterAll(async () => {
			await Promise.all(workers.map((worker) => stopProcess(worker)));
			await n8n?.dispose();
			await stopProcess(redis);
			await mail?.stop();
			await sim?.stop();
			await pg?.stop();
		}, MINUTE);

		it(
			`each template triggered twice at once, two workers, ${INVOICES} Pennylane invoices and ${INVOICES} sheet rows: ${2 * INVOICES} emails, one per invoice`,
			async () => {
				const invoices = seedPennylaneInvoices(sim, 9001, INVOICES);
				const rows = sheetRows(1, INVOICES);
				sim.latencyMs = 100;
				const answers = await Promise.all(
					['remind-pennylane', 'remind-pennylane', 'remind-sheet', 'remind-sheet'].map((path) =>
						httpRequest('POST', `${n8n.url}/webhook/${path}`, { body: {} }),
					),
				);
				expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
				// Every step marked sent in the ledger (polled: waitFor's check is synchronous).
				const deadline = Date.now() + 5 * MINUTE;
				while ((await ledgerCounts()).reduce((sum, row) => sum + row.sent, 0) < 2 * INVOICES) {
					if (Date.now() > deadline) throw new Error('timed out waiting for every step to be sent');
					await new Promise((resolve) => setTimeout(resolve, 500));
				}
				// Let the slower execution of each pair finish (it ends in Not Claimed) before counting.
				await new Promise((resolve) => setTimeout(resolve, 8000));
				const emails = await settledEmails(mail, seen);
				const expected = Object.fromEntries([
					...invoices.map((invoice) => [invoice.email, 1]),
					...rows.map((row) => [row.customer_email, 1]),
				]);
				const ran = workers.map((worker) =>
					worker.output.split('\n').filter((line) => /execution/i.test(line)),
				);
				process.stdout.write(
					`[concurrency] real n8n queue mode, 2 workers, ledger templates: ${JSON.stringify({ expected: 2 * INVOICES, emails: emails.length, ledger: await ledgerCounts(), executionsPerWorker: ran.map((lines) => lines.length) })}\n`,
				);
				expect(countByRecipient(emails)).toEqual(expected);
				expect(await ledgerCounts()).toEqual([
					{ source: 'generic', sent: INVOICES, unsent: 0 },
					{ source: 'pennylane', sent: INVOICES, unsent: 0 },
				]);
				for (const lines of ran) expect(lines.length).toBeGreaterThan(0);
			},
			10 * MINUTE,
		);
	},
);

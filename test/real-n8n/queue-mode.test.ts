// n8n queue mode (issue 9, part 4): a main process and two workers of a real n8n 2.41.1, with Debian's
// redis-server started by this test on a free port (and stopped after). The reminder workflow, started by
// its Webhook, is triggered twice at once: the main puts both executions on the queue, the workers run them
// at the same time over the same invoices of the Stripe simulator. Each step must be claimed once and each
// invoice emailed once. n8n 2.41 runs queue mode on SQLite with a warning ("not officially supported"): the
// three processes share the user folder's database, which is enough here; production should use PostgreSQL.
// Needs redis-server (scripts/ci/services.sh). Runs with N8N_REAL=1 after npm run build.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

import type { N8nInstance } from '../../scripts/n8n/instance';
import { createInstance, getFreePort, httpRequest, packageBuilt } from '../../scripts/n8n/instance';
import {
	MINUTE,
	real,
	stripeReminderWorkflow,
	stripeSimulatorCredential,
	waitFor,
} from '../helpers/real-n8n';
import { startStripeSimulator, type StripeSimulator } from '../simulators/stripe';

const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
// Locally a machine without redis-server skips this file; under CI (which installs it) it must run.
const ci = process.env.CI === 'true';
if (real && !hasRedis && !ci) {
	process.stdout.write(
		'[queue-mode] SKIPPED: redis-server is not installed; run scripts/ci/services.sh (CI calls it)\n',
	);
}
const describeReal = real && (hasRedis || ci) ? describe : describe.skip;

const DAY = 86_400;
const API_KEY = 'sk_test_realN8nQueueModeKey0123456789';
const CREDENTIAL = { id: 'stripeQueueMode01', name: 'Stripe simulator' };
const INVOICES = 12;

interface Process {
	child: ChildProcess;
	output: string;
}

function launch(command: string, args: string[], env: NodeJS.ProcessEnv): Process {
	const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
	const process: Process = { child, output: '' };
	child.stdout?.on('data', (chunk: Buffer) => (process.output += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (process.output += chunk.toString()));
	return process;
}

async function stopProcess(entry: Process | undefined): Promise<void> {
	if (!entry || entry.child.exitCode !== null || entry.child.pid === undefined) return;
	const exited = new Promise<void>((resolve) => entry.child.once('exit', () => resolve()));
	entry.child.kill('SIGTERM');
	const timer = setTimeout(() => entry.child.kill('SIGKILL'), 10_000);
	await exited;
	clearTimeout(timer);
}

describeReal('real n8n queue mode: two workers run the reminder workflow at once', () => {
	let n8n: N8nInstance;
	let stripe: StripeSimulator;
	let redis: Process | undefined;
	const workers: Process[] = [];

	beforeAll(async () => {
		if (!packageBuilt()) throw new Error('run npm run build first');
		stripe = await startStripeSimulator({ apiKeys: [API_KEY] });
		const redisPort = await getFreePort();
		redis = launch(
			'redis-server',
			['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
			process.env,
		);
		await waitFor('redis-server', () => /Ready to accept connections/.test(redis!.output), 30_000);
		n8n = await createInstance({
			withPackage: true,
			env: {
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(redisPort),
				OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			},
		});
		await n8n.importCredentials(stripeSimulatorCredential(CREDENTIAL, API_KEY, stripe.url));
		const workflowId = await n8n.importWorkflow({
			id: 'queueReminders01',
			name: 'Queue-mode reminders',
			...stripeReminderWorkflow(
				{
					id: 'webhook-node',
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: '7d0c6f2e-7a43-4c55-9d55-4c0a6f1b9e01',
					parameters: {
						httpMethod: 'POST',
						path: 'remind',
						responseMode: 'onReceived',
						options: {},
					},
				},
				CREDENTIAL,
			),
			settings: { timezone: 'Europe/Paris', saveDataSuccessExecution: 'all' },
		});
		await n8n.cliOk(['publish:workflow', `--id=${workflowId}`]);
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
		await stripe?.stop();
	}, MINUTE);

	it(
		`two webhook calls at once, two workers, ${INVOICES} invoices: ${INVOICES} claims and ${INVOICES} emails`,
		async () => {
			const now = Math.floor(Date.now() / 1000);
			const seeded = stripe.seedInvoices(INVOICES, { dueDate: () => now - 10 * DAY });
			stripe.latencyMs = 200;
			const url = `${n8n.url}/webhook/remind`;
			const answers = await Promise.all([
				httpRequest('POST', url, { body: {} }),
				httpRequest('POST', url, { body: {} }),
			]);
			expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
			const lists = () =>
				stripe.requests.filter((r) => r.method === 'GET' && r.path === '/v1/invoices').length;
			await waitFor('both executions to list the invoices', () => lists() >= 2, 3 * MINUTE);
			// Both executions are done when no request has come for a few seconds.
			let seen = -1;
			await waitFor(
				'the executions to finish',
				() => {
					const count = stripe.requests.length;
					const still = count === seen;
					seen = count;
					return still;
				},
				3 * MINUTE,
			);
			await new Promise((resolve) => setTimeout(resolve, 5000));
			const claims = stripe.requests.filter(
				(r) =>
					r.method === 'POST' &&
					/^\/v1\/invoices\/in_[^/]+$/.test(r.path) &&
					r.status === 200 &&
					String(r.headers['idempotency-key']).startsWith('dunning-claim:'),
			);
			const emails = stripe.events.filter((event) => event.type === 'invoice.sent');
			const sendRequests = stripe.requests.filter(
				(r) => r.method === 'POST' && r.path.endsWith('/send'),
			);
			// With --concurrency=1, two jobs at once need both workers: each logs the execution it ran.
			const ran = workers.map((worker) =>
				worker.output.split('\n').filter((line) => /execution/i.test(line)),
			);
			const counts = {
				expected: INVOICES,
				lists: lists(),
				claims: claims.length,
				sendRequests: sendRequests.length,
				emails: emails.length,
			};
			process.stdout.write(
				`[concurrency] real n8n queue mode, 2 workers: ${JSON.stringify({ ...counts, executionsPerWorker: ran.map((lines) => lines.length) })}\n`,
			);
			expect(counts).toEqual({
				expected: INVOICES,
				lists: 2,
				claims: INVOICES,
				sendRequests: INVOICES,
				emails: INVOICES,
			});
			expect(
				new Set(emails.map((event) => (event.data as { object: { id: string } }).object.id)).size,
			).toBe(INVOICES);
			expect(seeded).toHaveLength(INVOICES);
			process.stdout.write(
				`${ran.map((lines, index) => `worker ${index}: ${lines.join(' | ')}`).join('\n')}\n`,
			);
			for (const lines of ran) expect(lines.length).toBeGreaterThan(0);
		},
		10 * MINUTE,
	);
});

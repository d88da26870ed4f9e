// `npm run demo`: the templates of workflows/ in a real n8n 2.41.1, against Stripe simulators seeded with a
// realistic book and MailDev as the SMTP server, for a few simulated days. Loaded by scripts/demo.js, which
// compiles TypeScript on the fly with esbuild (so the simulators' fixture paths stay right).
//
// Simulated days: the real clock is kept and the book is aged by one day between runs (every date the
// simulator holds moves back one day: due dates, created/effective timestamps, `dunning_last_sent_on`). The
// templates run unchanged, the claims they write carry the real today, and ageing moves those dates with the
// rest of the book, so "sent yesterday" stays true the next simulated day.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

import {
	createInstance,
	getFreePort,
	nodeOutput,
	type N8nInstance,
	type WorkflowJson,
	type WorkflowRun,
} from '../n8n/instance';
import { startStripeSimulator, type StripeSimulator } from '../../test/simulators/stripe';
import { ageBook, seedDemoBook, todayIn, addDays } from '../../test/simulators/stripe/demo-book';
import { startMailDev, type MailDev } from './maildev';

const ROOT = path.join(__dirname, '..', '..');
const API_KEY = 'sk_test_demoStripeSimulatorKey';
const ZONE = 'Europe/Paris';

interface Flow {
	label: string;
	file: string;
	book: string;
}

const REMINDER_FLOWS: Flow[] = [
	{ label: 'classic J+7/J+14/J+21', file: 'stripe-classic-7-14-21.json', book: 'classic' },
	{
		label: 'J-3 notice + formal notice',
		file: 'stripe-formal-notice-approval.json',
		book: 'formal',
	},
	{
		label: 'exceptions (VIP, disputes)',
		file: 'stripe-exceptions-account-manager.json',
		book: 'exceptions',
	},
];
const REPORT_FLOW: Flow = {
	label: 'weekly report',
	file: 'stripe-weekly-report.json',
	book: 'classic',
};

const log = (line = '') => process.stdout.write(`${line}\n`);

function argument(name: string): string | undefined {
	const found = process.argv.find(
		(entry) => entry === `--${name}` || entry.startsWith(`--${name}=`),
	);
	if (!found) return undefined;
	return found.includes('=') ? found.slice(found.indexOf('=') + 1) : 'true';
}

function template(file: string): WorkflowJson {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return JSON.parse(require('node:fs').readFileSync(path.join(ROOT, 'workflows', file), 'utf8'));
}

function bindStripe(
	workflow: WorkflowJson,
	credential: { id: string; name: string },
): WorkflowJson {
	const copy = JSON.parse(JSON.stringify(workflow)) as WorkflowJson;
	for (const node of copy.nodes) {
		const credentials = node.credentials as Record<string, unknown> | undefined;
		if (credentials?.stripeDunningApi) credentials.stripeDunningApi = { ...credential };
	}
	return copy;
}

interface DayStats {
	evaluated: number;
	byStep: Record<string, number>;
	emails: number;
	escalations: number;
	penalties: number;
	approvals: number;
	notClaimed: number;
	errors: number;
}

function statsOf(run: WorkflowRun, stats: DayStats): void {
	const count = (node: string, output: number) => {
		try {
			return nodeOutput(run, node, output).length;
		} catch {
			return 0;
		}
	};
	const items = (node: string, output: number) => {
		try {
			return nodeOutput(run, node, output);
		} catch {
			return [];
		}
	};
	stats.evaluated +=
		count('Dunning Scenario', 0) + count('Dunning Scenario', 1) + count('Dunning Scenario', 2);
	for (const item of items('Claim Step', 0)) {
		const step = String((item.claim as { stepId?: string } | undefined)?.stepId ?? '?');
		stats.byStep[step] = (stats.byStep[step] ?? 0) + 1;
	}
	stats.escalations += count('Claim Escalation', 0);
	stats.penalties += items('Late Payment Penalty', 0).filter((item) => item.penalty).length;
	stats.approvals += count('Formal Notices To Approve', 0);
	stats.notClaimed += count('Not Claimed (Already Sent Or Paid)', 0);
	stats.errors += count('Alert Finance: Failed Item', 0);
}

async function main() {
	const once = argument('once') !== undefined;
	const days = Math.max(1, Number(argument('days') ?? 3));
	const started: Array<() => Promise<void>> = [];
	let stopping = false;
	const stopAll = async () => {
		if (stopping) return;
		stopping = true;
		for (const stop of started.reverse()) await stop().catch(() => undefined);
	};
	process.on('SIGINT', () => {
		log('\nStopping everything the demo started...');
		void stopAll().then(() => process.exit(130));
	});

	log('Building the package...');
	const build = spawnSync(
		process.execPath,
		[path.join(ROOT, 'node_modules', 'gulp', 'bin', 'gulp.js'), 'build', '--silent'],
		{ cwd: ROOT, stdio: 'inherit' },
	);
	if (build.status !== 0) process.exit(build.status ?? 1);

	log('Starting the Stripe simulators (one book per template) and MailDev...');
	const books: Record<string, StripeSimulator> = {};
	for (const name of ['classic', 'formal', 'exceptions']) {
		const sim = await startStripeSimulator({ apiKeys: [API_KEY] });
		seedDemoBook(sim);
		books[name] = sim;
		started.push(() => sim.stop());
	}
	const mail: MailDev = await startMailDev();
	started.push(() => mail.stop());

	log('Installing n8n 2.41.1 if needed (once, cached; the first time takes about 6 minutes)...');
	const port = await getFreePort();
	const n8n: N8nInstance = await createInstance({
		withPackage: true,
		env: {
			N8N_WEBHOOK_URL: `http://127.0.0.1:${port}/`,
			N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		},
	});
	started.push(() => n8n.dispose());

	const credential = (book: string) => ({
		id: `demoStripe${book}`.slice(0, 20),
		name: `Stripe (${book} book)`,
	});
	await n8n.importCredentials([
		{
			id: 'demoSmtpMailDev01',
			name: 'SMTP (reminders)',
			type: 'smtp',
			data: {
				user: '',
				password: '',
				host: '127.0.0.1',
				port: mail.smtpPort,
				secure: false,
				disableStartTls: true,
			},
		},
		...Object.keys(books).map((book) => ({
			...credential(book),
			type: 'stripeDunningApi',
			data: { apiKey: API_KEY, webhookSecret: '', baseUrl: books[book].url },
		})),
	]);
	log('Importing the templates...');
	const ids: Record<string, string> = {};
	for (const flow of [...REMINDER_FLOWS, REPORT_FLOW]) {
		ids[flow.file] = await n8n.importWorkflow(
			bindStripe(template(flow.file), credential(flow.book)),
		);
	}

	log('Starting n8n on 127.0.0.1...');
	await n8n.start({ port });
	const owner = await n8n.setupOwner();

	const today = todayIn(ZONE);
	const summary: Array<{ day: string; flow: string; stats: DayStats }> = [];
	for (let day = 0; day < days; day++) {
		const simulated = addDays(today, day);
		for (const flow of REMINDER_FLOWS) {
			const before = (await mail.emails()).length;
			const stats: DayStats = {
				evaluated: 0,
				byStep: {},
				emails: 0,
				escalations: 0,
				penalties: 0,
				approvals: 0,
				notClaimed: 0,
				errors: 0,
			};
			const run = await n8n.executeWorkflow(ids[flow.file], { allowFailure: true });
			statsOf(run, stats);
			await new Promise((resolve) => setTimeout(resolve, 1000));
			stats.emails = (await mail.emails()).length - before;
			summary.push({ day: simulated, flow: flow.label, stats });
			log(`  ${simulated}  ${flow.label}: ${describe(stats)}`);
		}
		if (day < days - 1) for (const sim of Object.values(books)) ageBook(sim, 1);
	}
	const report = await n8n.executeWorkflow(ids[REPORT_FLOW.file], { allowFailure: true });
	const reportSent = nodeOutput(report, 'Email The Finance Team', 0).length;

	log('');
	log(
		`Summary (simulated days ${today} to ${addDays(today, days - 1)}, real clock, book aged one day between runs)`,
	);
	log(
		'day         template                     evaluated  reminders by step        escalations  penalties  approvals  emails',
	);
	for (const row of summary) {
		const steps =
			Object.entries(row.stats.byStep)
				.map(([step, n]) => `${step}:${n}`)
				.join(' ') || '-';
		log(
			`${row.day}  ${row.flow.padEnd(28)} ${String(row.stats.evaluated).padStart(9)}  ${steps.padEnd(23)} ${String(row.stats.escalations).padStart(11)}  ${String(row.stats.penalties).padStart(9)}  ${String(row.stats.approvals).padStart(9)}  ${String(row.stats.emails).padStart(6)}`,
		);
	}
	log(`weekly report emailed to the finance team: ${reportSent ? 'yes' : 'no'}`);
	log('');
	log(`n8n editor: ${n8n.url}  (owner ${owner.email} / ${owner.password})`);
	log(`inbox:      ${mail.webUrl}  (${(await mail.emails()).length} emails)`);
	log('Formal notices wait for approval: open the approval email in the inbox and click Approve.');

	if (once) {
		await stopAll();
		log('Stopped everything (--once).');
		process.exit(0);
	}
	log('Press Ctrl-C to stop everything the demo started.');
	await new Promise(() => undefined);
}

function describe(stats: DayStats): string {
	const steps =
		Object.entries(stats.byStep)
			.map(([step, n]) => `${step}×${n}`)
			.join(', ') || 'none';
	return `${stats.evaluated} evaluated, reminders ${steps}, ${stats.escalations} escalated, ${stats.penalties} with penalties, ${stats.approvals} awaiting approval, ${stats.emails} emails${stats.errors ? `, ${stats.errors} errors` : ''}`;
}

main().catch((error: unknown) => {
	process.stderr.write(`demo failed: ${(error as Error).stack ?? String(error)}\n`);
	process.exit(1);
});

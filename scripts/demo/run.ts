// `npm run demo`: the templates of workflows/ in a real n8n 2.41.1, against Stripe and QuickBooks simulators
// and MailDev as the SMTP server, over a few simulated days. Loaded by scripts/demo.js, which compiles
// TypeScript on the fly with esbuild (so the simulators' fixture paths stay right).
//
// Simulated days are business days (issue 18): the templates never send on a weekend or a public holiday, so
// n8n runs with its clock moved by whole days onto the next business days (scripts/n8n/clock.js; the time of
// day is kept). Each template chases its own book, made from its own scenario's steps (scripts/demo/books.ts),
// seeded relative to the first simulated day; the claims the nodes write carry n8n's (simulated) today.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

import {
	businessDayOffsets,
	createShiftedClock,
	dateIn,
	weekdayLabel,
	type ShiftedClock,
} from '../n8n/clock';
import { createInstance, getFreePort, type N8nInstance, type WorkflowJson } from '../n8n/instance';
import { approvalLink, openApprovalLink, runInServer } from '../n8n/server-runs';
import {
	connectedCredentialData,
	startQuickBooksSimulator,
	type QuickBooksSimulator,
} from '../../test/simulators/quickbooks';
import { seedQuickBooksDemoBook } from '../../test/simulators/quickbooks/demo-book';
import { startStripeSimulator, type StripeSimulator } from '../../test/simulators/stripe';
import { seedDemoBook, type SeededBook } from '../../test/simulators/stripe/demo-book';
import { scenarioBook, templateScenario } from './books';
import { REPLY_TRIGGER, replyOutcomes, withPinnedReplies } from './replies';
import {
	giveQuickBooksContacts,
	giveStripeContacts,
	mailevaCredential,
	MAILEVA_CREDENTIAL,
	startTwilioProxy,
	TWILIO_CREDENTIAL,
	twilioCredential,
} from './channels';
import { ledgerProof, ledgerSentSteps, seedPennylaneBook } from './pennylane';
import { withLetterSender } from './sender';
import { startMailevaSimulator } from '../../test/simulators/postal';
import { startTwilioSimulator } from '../../test/simulators/twilio';
import { startPennylaneSimulator, type PennylaneSimulator } from '../../test/simulators/pennylane';
import { startPostgres } from '../../test/helpers/postgres';
import {
	LEDGER_CREDENTIAL,
	ledgerCredential,
	pennylaneCredential,
} from '../../test/e2e/pennylane-book';
import { startMailDev, type MailDev, type MailDevEmail } from './maildev';

const ROOT = path.join(__dirname, '..', '..');
const API_KEY = 'sk_test_demoStripeSimulatorKey';
const ZONE = 'Europe/Paris';

interface Flow {
	label: string;
	file: string;
	source: 'stripe' | 'quickbooks' | 'pennylane';
	/** Customers with this tag are handed to an account manager (the exceptions templates). */
	escalateTag?: string;
}

const REMINDER_FLOWS: Flow[] = [
	{ label: 'Stripe classic J+7/14/21', file: 'stripe-classic-7-14-21.json', source: 'stripe' },
	{ label: 'Stripe full ladder J-3..J+30', file: 'stripe-full-ladder.json', source: 'stripe' },
	{
		label: 'Stripe exceptions (strategic)',
		file: 'stripe-exceptions-account-manager.json',
		source: 'stripe',
		escalateTag: 'strategic',
	},
	{ label: 'QuickBooks full ladder', file: 'quickbooks-full-ladder.json', source: 'quickbooks' },
	{
		label: 'QuickBooks classic + CRM',
		file: 'quickbooks-classic-crm-task.json',
		source: 'quickbooks',
	},
	// Issue 22: state in the Dunning Ledger (PostgreSQL), not in the source.
	{
		label: 'Pennylane classic (ledger)',
		file: 'pennylane-classic-7-14-21.json',
		source: 'pennylane',
	},
];
/** The weekly report reads the first Stripe template's book. */
const REPORT_FLOW = { label: 'weekly report', file: 'stripe-weekly-report.json', book: 0 };

const log = (line = '') => process.stdout.write(`${line}\n`);

function argument(name: string): string | undefined {
	const found = process.argv.find(
		(entry) => entry === `--${name}` || entry.startsWith(`--${name}=`),
	);
	if (!found) return undefined;
	return found.includes('=') ? found.slice(found.indexOf('=') + 1) : 'true';
}

/** A template as the demo imports it: its letter sender set, as a user does before activating. */
function template(file: string): WorkflowJson {
	return withLetterSender(
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		JSON.parse(require('node:fs').readFileSync(path.join(ROOT, 'workflows', file), 'utf8')),
	);
}

const IMAP_CREDENTIAL = { id: 'demoImapMailbox01', name: 'IMAP (billing mailbox)' };

/** Points the template's Stripe or QuickBooks credential at the book's (what a user does after import). */
function bindCredential(
	workflow: WorkflowJson,
	credential: { id: string; name: string },
	types = ['stripeDunningApi', 'quickBooksDunningOAuth2Api'],
): WorkflowJson {
	const copy = JSON.parse(JSON.stringify(workflow)) as WorkflowJson;
	for (const node of copy.nodes) {
		const credentials = node.credentials as Record<string, unknown> | undefined;
		for (const type of types) {
			if (credentials?.[type]) credentials[type] = { ...credential };
		}
	}
	return copy;
}

/** One simulated book: its credential and the steps its invoices hold. */
interface Ledger {
	credential: { id: string; name: string; type: string; data: Record<string, unknown> };
	sentSteps(): Map<string, string[]> | Promise<Map<string, string[]>>;
	listed(): number;
}

function stripeLedger(index: number, sim: StripeSimulator, clock: ShiftedClock): Ledger {
	return {
		credential: {
			id: `demoStripeBook${index}`,
			name: `Stripe (demo book ${index + 1})`,
			type: 'stripeDunningApi',
			data: { apiKey: API_KEY, webhookSecret: '', baseUrl: sim.url },
		},
		sentSteps: () => sentSteps(sim),
		listed: () => listed(sim, clock.now()),
	};
}

function quickBooksLedger(index: number, sim: QuickBooksSimulator, clock: ShiftedClock): Ledger {
	const today = () => dateIn(ZONE, clock.now());
	return {
		credential: {
			id: `demoQuickBooksBk${index}`,
			name: `QuickBooks (demo book ${index + 1})`,
			type: 'quickBooksDunningOAuth2Api',
			data: connectedCredentialData(sim),
		},
		sentSteps: () => {
			const steps = new Map<string, string[]>();
			for (const [id, invoice] of sim.invoices) {
				const sent = /sent=([^;]*)/.exec(String(invoice.PrivateNote ?? ''))?.[1] ?? '';
				steps.set(id, sent ? sent.split(',').map((entry) => entry.split('@')[0]) : []);
			}
			return steps;
		},
		listed: () =>
			[...sim.invoices.values()].filter(
				(invoice) => Number(invoice.Balance) > 0 && String(invoice.DueDate) < today(),
			).length,
	};
}

/** The Pennylane book: invoices in the simulator, the steps sent in the Dunning Ledger (PostgreSQL). */
function pennylaneLedger(
	sim: PennylaneSimulator,
	connectionString: string,
	clock: ShiftedClock,
): Ledger {
	return {
		credential: {
			...pennylaneCredential(sim),
			id: 'demoPennylaneBk01',
			name: 'Pennylane (demo book)',
		} as Ledger['credential'],
		sentSteps: () => ledgerSentSteps(connectionString),
		listed: () =>
			[...sim.invoices.values()].filter(
				(invoice) => invoice.paid !== true && String(invoice.deadline) < dateIn(ZONE, clock.now()),
			).length,
	};
}

interface DayStats {
	evaluated: number;
	/** Registered letters the postal simulator accepted (issue 20). */
	letters: number;
	/** SMS the Twilio simulator received. */
	sms: number;
	/** Reminders the Dunning Ledger records as sent (the Pennylane template; issue 22). */
	ledgerSent: number;
	/** Emails carrying a formal notice's PDF letter. */
	letterEmails: number;
	/** Steps claimed (and sent) per step id, customer and internal ones. */
	byStep: Record<string, number>;
	emails: number;
	/** Case summaries sent to accounting or an account manager. */
	escalations: number;
	/** Steps sent that state the statutory penalties. */
	penalties: number;
	/** Approval requests (Send and Wait emails) for steps that need a person's approval. */
	approvals: number;
	/** Of those, approved by the demo (every day but the last; the last day's wait in the inbox). */
	approved: number;
	errors: number;
}

/** Step ids sent per invoice, as the simulator holds them (what the claims wrote). */
function sentSteps(sim: StripeSimulator): Map<string, string[]> {
	const steps = new Map<string, string[]>();
	for (const [id, invoice] of sim.invoices) {
		const value = (invoice.metadata as Record<string, string> | undefined)?.dunning_sent_steps;
		steps.set(id, value ? value.split(',') : []);
	}
	return steps;
}

/** Invoices the listing returns today: open, something due, due date at most 3 days ahead. */
function listed(sim: StripeSimulator, nowMs: number): number {
	const horizon = nowMs / 1000 + 3 * 86_400;
	return [...sim.invoices.values()].filter(
		(invoice) =>
			invoice.status === 'open' &&
			(invoice.amount_remaining as number) > 0 &&
			typeof invoice.due_date === 'number' &&
			invoice.due_date <= horizon,
	).length;
}

const INTERNAL = ['accounting@example.com', 'account-manager@example.com'];

/**
 * What a run did, read from the simulator (the steps claimed) and the inbox (the emails): the same figures
 * whatever the template's node names, and also for a run paused for an approval.
 */
function statsOf(
	before: Map<string, string[]>,
	after: Map<string, string[]>,
	emails: MailDevEmail[],
	evaluated: number,
	penaltySteps: string[],
): DayStats {
	const stats: DayStats = {
		evaluated,
		letters: 0,
		sms: 0,
		ledgerSent: 0,
		letterEmails: 0,
		byStep: {},
		emails: emails.length,
		escalations: 0,
		penalties: 0,
		approvals: 0,
		approved: 0,
		errors: 0,
	};
	for (const [id, steps] of after) {
		const known = before.get(id) ?? [];
		for (const step of steps.slice(known.length)) {
			stats.byStep[step] = (stats.byStep[step] ?? 0) + 1;
			if (penaltySteps.includes(step)) stats.penalties++;
		}
	}
	for (const email of emails) {
		if ((email.attachments ?? []).some((file) => /pdf/i.test(String(file.contentType)))) {
			stats.letterEmails++;
		}
		const to = email.to.map((entry) => entry.address.toLowerCase());
		if (/failed/i.test(email.subject)) stats.errors++;
		else if (approvalLink(email)) stats.approvals++;
		else if (to.some((address) => INTERNAL.includes(address))) stats.escalations++;
	}
	return stats;
}

/**
 * The emails that arrive after `seen` once the inbox stops growing (delivery is asynchronous to the run, and
 * approvals run in executions of their own); with `atLeast`, first waits for that many (a minute at most).
 */
async function settledEmails(
	mail: MailDev,
	seen: Set<string>,
	atLeast = 0,
): Promise<MailDevEmail[]> {
	const fresh: MailDevEmail[] = [];
	const deadline = Date.now() + 60_000;
	let quiet = 0;
	while ((quiet < 4 || fresh.length < atLeast) && Date.now() < deadline) {
		await new Promise((resolve) => setTimeout(resolve, 500));
		const arrived = (await mail.emails()).filter((email) => !seen.has(email.id));
		for (const email of arrived) seen.add(email.id);
		fresh.push(...arrived);
		quiet = arrived.length ? 0 : quiet + 1;
	}
	return fresh;
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

	// Simulated days: the next business days in Paris (today when it is one); n8n's clock is moved onto each.
	const calendar = businessDayOffsets(days, { zone: ZONE, country: 'FR' });
	const clock = createShiftedClock(calendar[0].offsetMs);
	started.push(async () => clock.remove());

	log(
		'Starting the Stripe, QuickBooks and Pennylane simulators (one book per template), the Maileva and Twilio simulators, PostgreSQL (the Dunning Ledger) and MailDev...',
	);
	const postal = await startMailevaSimulator();
	started.push(() => postal.stop());
	const twilio = await startTwilioSimulator();
	started.push(() => twilio.stop());
	// n8n's Twilio node calls api.twilio.com: n8n goes through this proxy, which answers for it with the simulator.
	const twilioProxy = await startTwilioProxy(twilio);
	started.push(() => twilioProxy.stop());
	const pg = await startPostgres();
	started.push(() => pg.stop());
	const books: Ledger[] = [];
	// The Stripe full ladder's book also receives customers' replies (scripts/demo/replies.ts).
	let replyBook: { sim: StripeSimulator; seeded: SeededBook; index: number } | undefined;
	const penaltySteps: string[][] = [];
	/** Per template, the steps sent by SMS (each customer of the books has a mobile number). */
	const smsSteps = new Map<string, string[]>();
	for (const [index, flow] of REMINDER_FLOWS.entries()) {
		const workflow = template(flow.file);
		const scenario = templateScenario(workflow);
		penaltySteps.push(scenario.steps.filter((step) => step.includePenalty).map((step) => step.id));
		smsSteps.set(
			flow.label,
			scenario.steps.filter((step) => step.channel === 'sms').map((step) => step.id),
		);
		const book = scenarioBook(scenario, {
			index,
			days: calendar.map((day) => day.date),
			escalateTag: flow.escalateTag,
		});
		if (flow.source === 'stripe') {
			const sim = await startStripeSimulator({ apiKeys: [API_KEY] });
			started.push(() => sim.stop());
			const seeded = seedDemoBook(sim, book, ZONE, calendar[0].date);
			giveStripeContacts(sim, seeded);
			if (flow.file === 'stripe-full-ladder.json') replyBook = { sim, seeded, index };
			books.push(stripeLedger(index, sim, clock));
		} else if (flow.source === 'quickbooks') {
			const sim = await startQuickBooksSimulator({ fixtures: false });
			started.push(() => sim.stop());
			seedQuickBooksDemoBook(sim, book, ZONE, calendar[0].date);
			giveQuickBooksContacts(
				sim,
				book.customers.map((customer) => customer.locale),
			);
			books.push(quickBooksLedger(index, sim, clock));
		} else {
			const sim = await startPennylaneSimulator({ fixtures: false });
			started.push(() => sim.stop());
			seedPennylaneBook(sim, book, calendar[0].date);
			books.push(pennylaneLedger(sim, pg.connectionString, clock));
		}
	}
	const mail: MailDev = await startMailDev();
	started.push(() => mail.stop());

	log('Installing n8n 2.41.1 if needed (once, cached; the first time takes about 13 minutes)...');
	const port = await getFreePort();
	const n8n: N8nInstance = await createInstance({
		withPackage: true,
		env: {
			...clock.env,
			...twilioProxy.env,
			N8N_WEBHOOK_URL: `http://127.0.0.1:${port}/`,
			N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		},
	});
	started.push(() => n8n.dispose());

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
		// The reply template's mailbox: never opened, the demo pins the replies on its Email Trigger.
		{
			...IMAP_CREDENTIAL,
			type: 'imap',
			data: { user: 'billing', password: 'demo', host: '127.0.0.1', port: 1143, secure: false },
		},
		...books.map((book) => book.credential),
		mailevaCredential(postal),
		ledgerCredential(pg),
		twilioCredential(twilio),
	]);
	log('Importing the templates...');
	const ids: string[] = [];
	for (const [index, flow] of REMINDER_FLOWS.entries()) {
		let workflow = template(flow.file);
		workflow = bindCredential(workflow, MAILEVA_CREDENTIAL, ['mailevaApi']);
		workflow = bindCredential(workflow, TWILIO_CREDENTIAL, ['twilioApi']);
		if (flow.source === 'pennylane') {
			workflow = bindCredential(workflow, LEDGER_CREDENTIAL, ['dunningLedgerPostgresApi']);
		}
		ids.push(
			await n8n.importWorkflow(
				bindCredential(workflow, books[index].credential, [
					'stripeDunningApi',
					'quickBooksDunningOAuth2Api',
					'pennylaneDunningApi',
				]),
			),
		);
	}
	const reportId = await n8n.importWorkflow(
		bindCredential(template(REPORT_FLOW.file), books[REPORT_FLOW.book].credential),
	);
	const repliesId = replyBook
		? await n8n.importWorkflow(
				withPinnedReplies(
					bindCredential(
						bindCredential(template('stripe-replies.json'), books[replyBook.index].credential),
						IMAP_CREDENTIAL,
						['imap'],
					),
					replyBook.sim,
					replyBook.seeded,
					`${calendar[0].date}T10:30:00+01:00`,
				),
			)
		: undefined;

	log('Starting n8n on 127.0.0.1...');
	await n8n.start({ port });
	const owner = await n8n.setupOwner();

	const summary: Array<{ day: string; flow: string; stats: DayStats }> = [];
	/** The steps each replying customer's invoice had when the reply came (day 1). */
	const stepsAtReply = new Map<string, string>();
	for (const [day, { offsetMs, date }] of calendar.entries()) {
		clock.set(offsetMs);
		// shift-clock.js reads the offset at most every 200 ms.
		await new Promise((resolve) => setTimeout(resolve, 400));
		log(`Simulated day ${day + 1} of ${days}: ${weekdayLabel(date)}`);
		for (const [index, flow] of REMINDER_FLOWS.entries()) {
			const book = books[index];
			const seenIds = new Set((await mail.emails()).map((email) => email.id));
			const stepsBefore = await book.sentSteps();
			const lettersBefore = postal.postedLetters.length;
			const smsBefore = twilio.messages.length;
			const evaluated = book.listed();
			// In the server, as the editor's "Execute workflow" does (Data Table nodes need the server's modules).
			// Each approval waits in an execution of its own, which the Approve link of its email resumes.
			await runInServer(n8n, ids[index]);
			const fresh = await settledEmails(mail, seenIds);
			const requests = fresh.filter((email) => approvalLink(email));
			let approved = 0;
			if (day < days - 1) {
				// A person approves today's requests; the last day's stay in the inbox for you to answer.
				for (const request of requests) {
					const answer = await openApprovalLink(approvalLink(request)!);
					if (answer.status < 400) approved++;
				}
				if (approved) fresh.push(...(await settledEmails(mail, seenIds, approved)));
			}
			const stats = statsOf(
				stepsBefore,
				await book.sentSteps(),
				fresh,
				evaluated,
				penaltySteps[index],
			);
			stats.approved = approved;
			stats.letters = postal.postedLetters.length - lettersBefore;
			stats.sms = twilio.messages.length - smsBefore;
			if (flow.source === 'pennylane') {
				stats.ledgerSent = Object.values(stats.byStep).reduce((sum, n) => sum + n, 0);
			}
			summary.push({ day: weekdayLabel(date), flow: flow.label, stats });
			log(`  ${flow.label}: ${describe(stats)}`);
			// A failed item is emailed to finance: show why here too, so a headless run explains itself.
			for (const alert of fresh.filter((email) => /failed/i.test(email.subject))) {
				const reason = /Error: ([^\n]*)/.exec(alert.text ?? '')?.[1] ?? alert.subject;
				log(`    failed item: ${reason.slice(0, 200)}`);
			}
		}
		if (day === 0 && repliesId && replyBook) {
			// Three customers of the ladder's book answer today; the reply template reads and acts on them.
			const seenIds = new Set((await mail.emails()).map((email) => email.id));
			await runInServer(n8n, repliesId, REPLY_TRIGGER);
			const notices = (await settledEmails(mail, seenIds)).filter((email) =>
				email.to.some((entry) => entry.address === 'account-manager@example.com'),
			);
			log(`  customers' replies: ${notices.length} passed on to the account manager`);
			for (const outcome of replyOutcomes(replyBook.sim, replyBook.seeded)) {
				stepsAtReply.set(outcome.key, outcome.sentSteps);
				const effect = outcome.promisedOn
					? `promise recorded: no reminder until the day after ${outcome.promisedOn}`
					: outcome.disputed
						? 'invoice marked disputed: no more reminders'
						: 'nothing changes';
				log(`    ${outcome.kind} about ${outcome.number}: ${effect}`);
			}
		}
	}
	const seenBeforeReport = new Set((await mail.emails()).map((email) => email.id));
	await runInServer(n8n, reportId);
	const reportSent = (await settledEmails(mail, seenBeforeReport)).some((email) =>
		email.to.some((entry) => entry.address === 'finance@example.com'),
	);

	log('');
	log(
		`Summary (simulated business days ${calendar[0].date} to ${calendar[calendar.length - 1].date}: n8n's clock moved onto each, time of day kept)`,
	);
	log(
		'day             template                        evaluated  reminders by step              escalations  penalties  approvals (approved)  emails  letters  SMS  ledger',
	);
	for (const row of summary) {
		const steps =
			Object.entries(row.stats.byStep)
				.map(([step, n]) => `${step}:${n}`)
				.join(' ') || '-';
		log(
			`${row.day}  ${row.flow.padEnd(31)} ${String(row.stats.evaluated).padStart(9)}  ${steps.padEnd(29)} ${String(row.stats.escalations).padStart(11)}  ${String(row.stats.penalties).padStart(9)}  ${`${row.stats.approvals} (${row.stats.approved})`.padStart(20)}  ${String(row.stats.emails).padStart(6)}  ${String(row.stats.letters).padStart(7)}  ${String(row.stats.sms).padStart(3)}  ${String(row.stats.ledgerSent).padStart(6)}`,
		);
	}
	log(
		"letters: registered letters the Maileva simulator accepted; SMS: messages the Twilio simulator received (n8n's own Twilio node, which always calls api.twilio.com, reaches it through a local HTTPS proxy); ledger: Pennylane reminders the Dunning Ledger (PostgreSQL) records as sent",
	);
	const total = (key: 'letters' | 'sms' | 'ledgerSent' | 'letterEmails' | 'approved') =>
		summary.reduce((sum, row) => sum + row.stats[key], 0);
	// Exactly one letter per approved notice: only the templates with a Registered Letter node post one.
	const letterFlows = new Set(
		REMINDER_FLOWS.filter((flow) =>
			template(flow.file).nodes.some((node) => String(node.type).endsWith('.registeredLetter')),
		).map((flow) => flow.label),
	);
	const approvedNotices = summary
		.filter((row) => letterFlows.has(row.flow))
		.reduce((sum, row) => sum + row.stats.approved, 0);
	log(
		`registered letters posted: ${total('letters')} for ${approvedNotices} approved formal notices; emails with the notice's PDF letter attached: ${total('letterEmails')}; SMS: ${total('sms')} for ${smsClaimsOf(summary, smsSteps)} SMS steps`,
	);
	const proof = await ledgerProof(pg.connectionString);
	log(
		'Dunning Ledger proof (PostgreSQL, dunning_ledger_steps and _events, source pennylane), per step:',
	);
	for (const row of proof) {
		log(
			`  ${row.step_id.padEnd(5)} ${String(row.sent).padStart(3)} sent by ${row.channel} to ${row.addresses} address(es), ${row.events} "sent" events`,
		);
	}
	if (!proof.length) log('  nothing sent');
	log(`weekly report emailed to the finance team: ${reportSent ? 'yes' : 'no'}`);
	const daysWithReminders = new Set(
		summary.filter((row) => Object.keys(row.stats.byStep).length > 0).map((row) => row.day),
	).size;
	log(`simulated days with reminders sent: ${daysWithReminders} of ${days}`);
	if (replyBook) {
		log("customers' replies on day 1, and the reminders their invoices got afterwards:");
		for (const outcome of replyOutcomes(replyBook.sim, replyBook.seeded)) {
			const before = stepsAtReply.get(outcome.key) ?? '';
			const since = outcome.sentSteps.slice(before.length).replace(/^,/, '') || 'none';
			log(`  ${outcome.kind.padEnd(10)} ${outcome.number}: reminders since the reply: ${since}`);
		}
	}
	log('');
	log(`n8n editor: ${n8n.url}  (owner ${owner.email} / ${owner.password})`);
	log(`inbox:      ${mail.webUrl}  (${(await mail.emails()).length} emails)`);
	log(
		"The last day's approval requests wait in the inbox: open one and click Approve to send its formal notice.",
	);

	if (once) {
		await stopAll();
		log('Stopped everything (--once).');
		// Headless (CI, a first try): a demo that showed no reminders is a failure, not a quiet success.
		const wanted = Math.min(2, days);
		const problems: string[] = [];
		if (daysWithReminders < wanted) {
			problems.push(
				`reminders on ${daysWithReminders} simulated day(s), expected at least ${wanted}`,
			);
		}
		if (!reportSent) problems.push('weekly report missing');
		if (days > 1) {
			if (total('letters') < 1 || total('letterEmails') < 1) {
				problems.push(
					`${total('letters')} registered letter(s) posted and ${total('letterEmails')} email(s) with the PDF letter, expected at least one of each`,
				);
			}
			if (total('letters') !== approvedNotices) {
				problems.push(
					`${total('letters')} registered letters for ${approvedNotices} approved formal notices, expected one each`,
				);
			}
		}
		// One SMS per SMS step claimed: every customer of the books has a mobile number, so none falls back.
		const smsClaims = smsClaimsOf(summary, smsSteps);
		if (smsClaims && total('sms') !== smsClaims) {
			problems.push(`${total('sms')} SMS for ${smsClaims} SMS steps sent, expected one each`);
		}
		if (total('ledgerSent') < 1)
			problems.push('no Pennylane reminder recorded in the Dunning Ledger');
		if (problems.length) {
			process.stderr.write(`demo failed: ${problems.join('; ')}\n`);
			process.exit(1);
		}
		process.exit(0);
	}
	log('Press Ctrl-C to stop everything the demo started.');
	await new Promise(() => undefined);
}

/** How many steps sent by SMS the templates claimed. */
function smsClaimsOf(
	summary: Array<{ flow: string; stats: DayStats }>,
	smsSteps: Map<string, string[]>,
): number {
	return summary.reduce(
		(sum, row) =>
			sum +
			(smsSteps.get(row.flow) ?? []).reduce((n, step) => n + (row.stats.byStep[step] ?? 0), 0),
		0,
	);
}

function describe(stats: DayStats): string {
	const steps =
		Object.entries(stats.byStep)
			.map(([step, n]) => `${step}×${n}`)
			.join(', ') || 'none';
	return `${stats.evaluated} evaluated, reminders ${steps}, ${stats.escalations} escalated, ${stats.penalties} with penalties, ${stats.approvals} approval requests (${stats.approved} approved), ${stats.emails} emails${stats.letters ? `, ${stats.letters} letters posted` : ''}${stats.sms ? `, ${stats.sms} SMS` : ''}${stats.ledgerSent ? `, ${stats.ledgerSent} recorded sent in the ledger` : ''}${stats.errors ? `, ${stats.errors} errors` : ''}`;
}

main().catch((error: unknown) => {
	process.stderr.write(`demo failed: ${(error as Error).stack ?? String(error)}\n`);
	process.exit(1);
});

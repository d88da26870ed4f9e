// Issue 21 end to end: customers' replies delivered into a real IMAP server (dovecot, started by the test),
// read by n8n 2.41.1's Email Trigger (IMAP) in the active "reply handling" template for Stripe
// (scripts/workflows/replies.js; the QuickBooks one reads a second mailbox), classified by Customer Reply, and
// acted on in the Stripe and QuickBooks simulators; the account manager's notifications land in MailDev. The Email Trigger (node v2.2) holds an IDLE connection and,
// on each arrival, fetches the UNSEEN messages received since its activation (then by UID), marking them read.
// Needs dovecot-imapd (scripts/ci/services.sh). Runs with N8N_REAL=1 after npm run build.
import { reminderMessageId, reminderReplyTo } from '../../nodes/shared/internal';
import { replyWorkflows } from '../../scripts/workflows/replies';
import { ImapClient, appendMessage, replyMessage } from '../helpers/imap-client';
import { hasDovecot, startImapServer, type ImapServer } from '../helpers/imap-server';
import {
	quickBooksSimulatorCredential,
	stripeSimulatorCredential,
	waitFor,
} from '../helpers/real-n8n';
import { startQuickBooksSimulator, type QuickBooksSimulator } from '../simulators/quickbooks';
import {
	seedQuickBooksDemoBook,
	type SeededQuickBooksBook,
} from '../simulators/quickbooks/demo-book';
import { startStripeSimulator, type StripeSimulator } from '../simulators/stripe';
import { seedDemoBook, todayIn, type SeededBook } from '../simulators/stripe/demo-book';
import {
	bind,
	describeReal,
	emailsTo,
	MINUTE,
	real,
	SMTP_CREDENTIAL,
	settledEmails,
	startEnvironment,
	stopEnvironment,
	type E2eEnvironment,
} from './harness';

const API_KEY = 'sk_test_e2eRepliesStripeSimulator';
const ZONE = 'Europe/Paris';
const ACCOUNT_MANAGER = 'am@studio-lumiere.example';
const MAILBOX = 'billing@studio-lumiere.example';
const STRIPE_CREDENTIAL = { id: 'e2eStripeReplies01', name: 'Stripe replies book' };
const IMAP_CREDENTIAL = { id: 'e2eImapDovecot0001', name: 'IMAP (billing mailbox)' };
// The QuickBooks template reads its own mailbox (another user of the same dovecot).
const QB_MAILBOX = 'qb-billing@studio-lumiere.example';
const QB_CREDENTIAL = { id: 'e2eQboReplies00001', name: 'QuickBooks replies book' };
const QB_IMAP_CREDENTIAL = { id: 'e2eImapDovecot0002', name: 'IMAP (QuickBooks billing mailbox)' };

const installed = hasDovecot();
const ci = process.env.CI === 'true';
if (real && !installed && !ci) {
	process.stdout.write(
		'[replies] SKIPPED: dovecot is not installed; run scripts/ci/services.sh (CI calls it)\n',
	);
}
const describeReplies = installed || ci ? describeReal : describe.skip;

/** The next `day` of a month on or after `today` (YYYY-MM-DD), as "le 15" is read. */
function nextDayOfMonth(today: string, day: number): string {
	const [year, month, current] = today.split('-').map(Number);
	const pad = (n: number) => String(n).padStart(2, '0');
	if (current <= day) return `${year}-${pad(month)}-${pad(day)}`;
	return month === 12 ? `${year + 1}-01-${pad(day)}` : `${year}-${pad(month + 1)}-${pad(day)}`;
}

/** Sequence numbers of the messages of the mailbox nobody has read yet. */
async function unseenIn(imap: ImapServer, user = imap.user): Promise<number[]> {
	const client = await ImapClient.connect(imap.host, imap.port);
	try {
		await client.login(user, imap.password);
		await client.select('INBOX');
		return await client.search('UNSEEN');
	} finally {
		await client.logout();
	}
}

describeReplies(
	'customer replies end to end (dovecot, real n8n Email Trigger, Stripe and QuickBooks simulators, MailDev)',
	() => {
		let imap: ImapServer;
		let sim: StripeSimulator;
		let book: SeededBook;
		let env: E2eEnvironment;
		let qbo: QuickBooksSimulator;
		let qboBook: SeededQuickBooksBook;
		const seen = new Set<string>();
		const unseenReplies = () => unseenIn(imap);
		const metadata = (key: string) =>
			(sim.invoice(book.ids[key])!.metadata ?? {}) as Record<string, string>;

		beforeAll(async () => {
			imap = await startImapServer({ user: MAILBOX });
			sim = await startStripeSimulator({ apiKeys: [API_KEY] });
			book = seedDemoBook(sim);
			qbo = await startQuickBooksSimulator({ fixtures: false });
			qboBook = seedQuickBooksDemoBook(qbo);
			const [{ workflow: template }, { workflow: qbTemplate }] = replyWorkflows({
				zone: ZONE,
				accountManager: ACCOUNT_MANAGER,
			});
			const workflow = bind(template, {
				stripeDunningApi: STRIPE_CREDENTIAL,
				imap: IMAP_CREDENTIAL,
				smtp: SMTP_CREDENTIAL,
			});
			const qbWorkflow = bind(qbTemplate, {
				quickBooksDunningOAuth2Api: QB_CREDENTIAL,
				imap: QB_IMAP_CREDENTIAL,
				smtp: SMTP_CREDENTIAL,
			});
			const imapCredential = (ref: { id: string; name: string }, user: string) => ({
				...ref,
				type: 'imap',
				data: {
					user,
					password: imap.password,
					host: imap.host,
					port: imap.port,
					secure: false,
					allowUnauthorizedCerts: false,
				},
			});
			env = await startEnvironment(
				() => [
					stripeSimulatorCredential(STRIPE_CREDENTIAL, API_KEY, sim.url),
					quickBooksSimulatorCredential(QB_CREDENTIAL, qbo),
					imapCredential(IMAP_CREDENTIAL, MAILBOX),
					imapCredential(QB_IMAP_CREDENTIAL, QB_MAILBOX),
				],
				[workflow, qbWorkflow],
			);
			await env.n8n.cliOk(['publish:workflow', `--id=${workflow.id}`]);
			await env.n8n.cliOk(['publish:workflow', `--id=${qbWorkflow.id}`]);
			await env.n8n.start({ port: env.port });
			await env.n8n.setupOwner();
			// The trigger is listening once n8n has logged in to the mailbox (its IDLE connection).
			try {
				await waitFor(
					'both Email Triggers to log in to dovecot',
					() => [MAILBOX, QB_MAILBOX].every((user) => imap.log().includes(`Login: user=<${user}>`)),
					2 * MINUTE,
				);
			} catch (error) {
				throw new Error(
					`${(error as Error).message}\n--- dovecot:\n${imap.log().slice(-3000)}\n--- n8n:\n${env.n8n.logs.slice(-6000)}`,
				);
			}
		}, 25 * MINUTE);

		afterAll(async () => {
			await stopEnvironment(env, { stripe: { sim }, quickbooks: { sim: qbo } });
			await imap?.stop();
		}, MINUTE);

		it(
			'a promise is recorded for the next 15th, a dispute marks the invoice, a payment claim pauses it, an out-of-office changes nothing; the account manager gets each reply',
			async () => {
				const before = {
					multi: ['multi-a', 'multi-b', 'multi-c'].map((key) => ({ ...metadata(key) })),
				};
				const numberOf = (key: string) => String(sim.invoice(book.ids[key])!.number);
				// Promise: answered to the plus-addressed Reply-To of its reminder (no invoice number in it).
				await appendMessage(
					imap,
					replyMessage({
						from: `Marc Vauclair <${book.emails.c0}>`,
						to: reminderReplyTo(MAILBOX, `stripe:${book.ids['first-d7']}:d7`),
						subject: 'Re: Rappel amical',
						text: 'Bonjour,\n\nJe vous règle le 15, désolé du retard.\n\nCordialement,\nMarc Vauclair',
					}),
				);
				// Dispute: the invoice number in the subject.
				await appendMessage(
					imap,
					replyMessage({
						from: book.emails.c1,
						to: MAILBOX,
						subject: `Re: Relance : facture n° ${numberOf('second-d14')}`,
						text: "Bonjour,\n\nLe montant est faux, la prestation n'a pas été livrée.\n\nCordialement",
					}),
				);
				// Payment claimed: threaded by the reminder's Message-ID.
				await appendMessage(
					imap,
					replyMessage({
						from: book.emails.c6,
						to: MAILBOX,
						subject: 'Re: Rappel amical',
						text: 'Bonjour,\n\nNous avons réglé cette facture hier par virement, référence VIR-20261205.\n\nBien à vous',
						headers: {
							'In-Reply-To': reminderMessageId(
								`stripe:${book.ids.payer}:d7`,
								'studio-lumiere.example',
							),
						},
					}),
				);
				// Out of office of a customer with three open invoices.
				await appendMessage(
					imap,
					replyMessage({
						from: book.emails.c3,
						to: MAILBOX,
						subject: 'Réponse automatique : Rappel amical',
						text: "Bonjour,\n\nJe suis absente du bureau jusqu'au 15 décembre, je traiterai votre message à mon retour.",
						headers: { 'Auto-Submitted': 'auto-replied' },
					}),
				);

				const promisedOn = nextDayOfMonth(todayIn(ZONE), 15);
				await waitFor(
					'the promise, the dispute and the pause in Stripe',
					() =>
						metadata('first-d7').dunning_promised_on === promisedOn &&
						metadata('second-d14').dunning_disputed === 'true' &&
						metadata('payer').dunning_paused === 'true',
					3 * MINUTE,
				);
				// Every reply was taken by the trigger (marked read), the out-of-office too.
				let unseen = await unseenReplies();
				for (let tries = 0; unseen.length > 0 && tries < 60; tries++) {
					await new Promise((resolve) => setTimeout(resolve, 1000));
					unseen = await unseenReplies();
				}
				expect(unseen).toEqual([]);
				const emails = await settledEmails(env.mail, seen);
				const notes = emailsTo(emails, ACCOUNT_MANAGER);
				const about = (customer: string) =>
					notes.filter((email) => email.subject.includes(book.emails[customer]));
				// No item failed (an alert's text says why).
				expect(
					notes.filter((email) => /failed/i.test(email.subject)).map((email) => email.text),
				).toEqual([]);
				expect(notes.map((email) => email.subject).sort()).toEqual(
					[
						`Reply from Marc Vauclair <${book.emails.c0}>: promise (${book.ids['first-d7']})`,
						`Reply from ${book.emails.c1}: dispute (${book.ids['second-d14']})`,
						`Reply from ${book.emails.c6}: payment_claimed (${book.ids.payer})`,
					].sort(),
				);
				expect(about('c0')[0].text).toContain('Je vous règle le 15, désolé du retard.');
				expect(about('c0')[0].text).toContain(`no reminder until the day after ${promisedOn}`);
				expect(about('c1')[0].text).toContain(
					"Evidence: Le montant est faux, la prestation n'a pas été livrée.",
				);
				expect(about('c6')[0].text).toContain('(reference VIR-20261205)');
				// Nothing else changed: the disputed invoice has no promise, the out-of-office customer's invoices
				// are as they were, and no customer was written to.
				expect(metadata('second-d14').dunning_promised_on ?? '').toBe('');
				expect(['multi-a', 'multi-b', 'multi-c'].map((key) => metadata(key))).toEqual(before.multi);
				expect(emails.filter((email) => !emailsTo([email], ACCOUNT_MANAGER).length)).toEqual([]);
			},
			6 * MINUTE,
		);

		it(
			'QuickBooks: a promise by invoice number and a dispute go into the private note, an out-of-office changes nothing',
			async () => {
				const note = (key: string) => String(qbo.invoices.get(qboBook.ids[key])?.PrivateNote ?? '');
				const multiBefore = ['multi-a', 'multi-b', 'multi-c'].map(note);
				const qbServer = { ...imap, user: QB_MAILBOX };
				await appendMessage(
					qbServer,
					replyMessage({
						from: qboBook.emails.c0,
						to: QB_MAILBOX,
						subject: `Re: Rappel amical concernant la facture n° ${qboBook.numbers['first-d7']}`,
						text: 'Bonjour,\n\nJe vous règle le 15, désolé du retard.\n\nCordialement',
					}),
				);
				await appendMessage(
					qbServer,
					replyMessage({
						from: qboBook.emails.c1,
						to: QB_MAILBOX,
						subject: `Re: Relance : facture n° ${qboBook.numbers['second-d14']}`,
						text: "Bonjour,\n\nLe montant est faux, la prestation n'a pas été livrée.",
					}),
				);
				await appendMessage(
					qbServer,
					replyMessage({
						from: qboBook.emails.c3,
						to: QB_MAILBOX,
						subject: 'Réponse automatique : Rappel amical',
						text: "Je suis absente du bureau jusqu'au 15 décembre.",
						headers: { 'Auto-Submitted': 'auto-replied' },
					}),
				);
				const promisedOn = nextDayOfMonth(todayIn(ZONE), 15);
				await waitFor(
					'the promise and the dispute in the QuickBooks notes',
					() =>
						note('first-d7').includes(`promised=${promisedOn}`) &&
						note('second-d14').includes('disputed=yes'),
					3 * MINUTE,
				);
				let unseen = await unseenIn(imap, QB_MAILBOX);
				for (let tries = 0; unseen.length > 0 && tries < 60; tries++) {
					await new Promise((resolve) => setTimeout(resolve, 1000));
					unseen = await unseenIn(imap, QB_MAILBOX);
				}
				expect(unseen).toEqual([]);
				const notes = emailsTo(await settledEmails(env.mail, seen), ACCOUNT_MANAGER);
				expect(
					notes.filter((email) => /failed/i.test(email.subject)).map((email) => email.text),
				).toEqual([]);
				expect(notes.map((email) => email.subject).sort()).toEqual(
					[
						`Reply from ${qboBook.emails.c0}: promise (${qboBook.ids['first-d7']})`,
						`Reply from ${qboBook.emails.c1}: dispute (${qboBook.ids['second-d14']})`,
					].sort(),
				);
				expect(['multi-a', 'multi-b', 'multi-c'].map(note)).toEqual(multiBefore);
			},
			6 * MINUTE,
		);
	},
);

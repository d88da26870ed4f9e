// The Stripe templates of workflows/ in a real n8n 2.41.1, each against its own Stripe simulator seeded with
// the demo book, and MailDev as the SMTP server: what arrives in the inbox is what is asserted.
// Runs with N8N_REAL=1 after npm run build (one n8n for the file; each run is one `n8n execute`).
import type { MailDevEmail } from '../../scripts/demo/maildev';
import { startStripeSimulator, type StripeSimulator } from '../simulators/stripe';
import {
	ageBook,
	ladderBook,
	payInvoice,
	seedDemoBook,
	type SeededBook,
} from '../simulators/stripe/demo-book';
import { stripeSimulatorCredential } from '../helpers/real-n8n';
import {
	countByRecipient,
	describeReal,
	emailsTo,
	expectSuccess,
	itemsOf,
	MINUTE,
	recipients,
	runInServer,
	settledEmails,
	startTemplates,
	stopEnvironment,
	type E2eEnvironment,
	approvalLink,
	openApprovalLink,
} from './harness';

const API_KEY = 'sk_test_e2eTemplatesStripeSimulator';
interface Book {
	sim: StripeSimulator;
	book: SeededBook;
}

const BOOKS = ['classic', 'formal', 'exceptions', 'report', 'ladder'] as const;
type BookName = (typeof BOOKS)[number];

const WORKFLOWS: Record<BookName, string> = {
	classic: 'stripe-classic-7-14-21.json',
	formal: 'stripe-formal-notice-approval.json',
	exceptions: 'stripe-exceptions-account-manager.json',
	report: 'stripe-weekly-report.json',
	ladder: 'stripe-full-ladder.json',
};

/** Ladder book: invoice key, customer key, the steps recorded after the run. */
const LADDER_EXPECTED: [string, string, string][] = [
	['ladder-d-3', 'c0', 'd-3'],
	['ladder-d1', 'c1', 'd-3,d1'],
	['ladder-d7', 'c2', 'd-3,d1,d7'],
	['ladder-d14', 'c3', 'd-3,d1,d7,d14'],
	['ladder-broken-promise', 'c6', 'd-3,d1,d7,d14'],
];

describeReal('Stripe templates end to end (real n8n, simulator, MailDev)', () => {
	let env: E2eEnvironment;
	let ids: Record<BookName, string>;
	const books = {} as Record<BookName, Book>;
	const seen = new Set<string>();

	const customerEmail = (name: BookName, customerKey: string) =>
		books[name].book.emails[customerKey];

	beforeAll(async () => {
		for (const name of BOOKS) {
			const sim = await startStripeSimulator({ apiKeys: [API_KEY] });
			books[name] = { sim, book: seedDemoBook(sim, name === 'ladder' ? ladderBook() : undefined) };
		}
		({ env, ids } = await startTemplates(WORKFLOWS, (name) =>
			stripeSimulatorCredential(
				{ id: `e2eStripe${name.padEnd(8, '0')}`, name: `Stripe ${name} book` },
				API_KEY,
				books[name].sim.url,
			),
		));
	}, 25 * MINUTE);

	afterAll(() => stopEnvironment(env, books), MINUTE);

	let serverStarted = false;
	/** The server runs the approvals: the link in an approval email resumes the execution that waits. */
	async function ensureServer() {
		if (serverStarted) return;
		await env.n8n.start({ port: env.port });
		await env.n8n.setupOwner();
		serverStarted = true;
	}

	/** Clicks Approve in an approval email, then waits for the customer's notice (and checks it). */
	async function approveAndAwait(
		approval: MailDevEmail,
		customer: string,
		check: (notice: MailDevEmail[]) => void,
	) {
		const link = approvalLink(approval);
		expect(link).toBeDefined();
		// A browser's User-Agent: n8n answers an empty page to bots (link previews) without resuming.
		const response = await openApprovalLink(link!);
		expect(response.status).toBeLessThan(400);
		let notice: MailDevEmail[] = [];
		const deadline = Date.now() + 2 * MINUTE;
		while (notice.length === 0 && Date.now() < deadline) {
			notice = emailsTo(await settledEmails(env.mail, seen), customer);
		}
		if (notice.length === 0) {
			process.stderr.write(`approval link ${response.status} ${response.text.slice(0, 300)}\n`);
		}
		check(notice);
		// A second click on the same link: the execution is over, nothing more goes out.
		await openApprovalLink(link!);
	}

	it(
		'classic J+7 / J+14 / J+21: the right step once per customer, grouped, accounting notified, nothing twice, a payment stops it',
		async () => {
			const { sim, book } = books.classic;
			const run = await env.n8n.executeWorkflow(ids.classic);
			const day0 = await settledEmails(env.mail, seen);

			// J+7 friendly to the first customer, J+14 to the second; one email each.
			const counts = countByRecipient(day0);
			expect(counts[customerEmail('classic', 'c0')]).toBe(1);
			expect(counts[customerEmail('classic', 'c1')]).toBe(1);
			expect(emailsTo(day0, customerEmail('classic', 'c0'))[0].subject).toMatch(/rappel amical/i);
			expect(emailsTo(day0, customerEmail('classic', 'c1'))[0].subject).toMatch(/relance/i);

			// Three overdue invoices of one customer: one email listing them all; each invoice's step recorded.
			const multi = emailsTo(day0, customerEmail('classic', 'c3'));
			expect(multi).toHaveLength(1);
			for (const key of ['multi-a', 'multi-b', 'multi-c']) {
				const invoice = sim.invoice(book.ids[key])!;
				expect(multi[0].text).toContain(String(invoice.number));
				expect((invoice.metadata as Record<string, string>).dunning_sent_steps).toBe('d7');
			}

			// Paid and disputed: nothing.
			expect(counts[customerEmail('classic', 'c4')]).toBeUndefined();
			expect(counts[customerEmail('classic', 'c5')]).toBeUndefined();

			// J+21: no customer email, the case summary to accounting.
			expect(counts[customerEmail('classic', 'c2')]).toBeUndefined();
			const accounting = emailsTo(day0, 'accounting@example.com');
			const escalated = sim.invoice(book.ids['escalate-d21'])!;
			const summary = accounting.find((entry) =>
				(entry.text ?? '').includes(String(escalated.number)),
			);
			expect(summary).toBeDefined();
			expect(summary!.text).toMatch(/2\s?875|2,875|2 875/);
			// No item failed.
			expect(accounting.filter((entry) => /failed/i.test(entry.subject))).toEqual([]);
			expect(itemsOf(run, 'Claim Step', 0).length).toBeGreaterThanOrEqual(8);

			// The same day again: nothing new.
			const rerun = await env.n8n.executeWorkflow(ids.classic);
			expect(await settledEmails(env.mail, seen)).toEqual([]);
			expect(itemsOf(rerun, 'Claim Step', 0)).toEqual([]);

			// `payer` pays; a week later `twin` (same history) gets J+14, `payer` nothing.
			payInvoice(sim, book.ids.payer);
			ageBook(sim, 7);
			await env.n8n.executeWorkflow(ids.classic);
			const day7 = countByRecipient(await settledEmails(env.mail, seen));
			expect(day7[customerEmail('classic', 'c7')]).toBe(1);
			expect(day7[customerEmail('classic', 'c6')]).toBeUndefined();
			expect(
				(sim.invoice(book.ids.twin)!.metadata as Record<string, string>).dunning_sent_steps,
			).toBe('d7,d14');
		},
		10 * MINUTE,
	);

	it(
		'exceptions: a disputed invoice is never chased, a strategic customer goes to the account manager with the history',
		async () => {
			const { sim, book } = books.exceptions;
			await ensureServer();
			expect((await runInServer(env.n8n, ids.exceptions)).status).toBe('success');
			const emails = await settledEmails(env.mail, seen);
			const counts = countByRecipient(emails);
			// vip-b: two reminders unanswered (J+7, J+14) → handed over, no third reminder to the customer.
			expect(counts[customerEmail('exceptions', 'c22')]).toBeUndefined();
			const vip = sim.invoice(book.ids['vip-b'])!;
			const handover = emailsTo(emails, 'account-manager@example.com').filter((entry) =>
				(entry.text ?? '').includes(String(vip.number)),
			);
			expect(handover).toHaveLength(1);
			expect(handover[0].text).toMatch(/d7|d14|J\+7|J\+14/);
			// vip-a: one reminder so far, so it still gets the J+14 reminder itself.
			expect(counts[customerEmail('exceptions', 'c13')]).toBe(1);
			// Disputed: nothing to the customer.
			expect(counts[customerEmail('exceptions', 'c5')]).toBeUndefined();
			// A customer without the tags: its J+21 case goes to accounting, never a strategic one's.
			const accounting = emailsTo(emails, 'accounting@example.com');
			const escalated = sim.invoice(book.ids['escalate-d21'])!;
			expect(
				accounting.some((entry) => (entry.text ?? '').includes(String(escalated.number))),
			).toBe(true);
			expect(accounting.some((entry) => (entry.text ?? '').includes(String(vip.number)))).toBe(
				false,
			);
			expect(accounting.filter((entry) => /failed/i.test(entry.subject))).toEqual([]);
			// The same day again: nothing new, only the approval requests still unanswered are asked again.
			await runInServer(env.n8n, ids.exceptions);
			const again = await settledEmails(env.mail, seen);
			expect(
				again.filter((email) => !recipients(email).includes('finance-manager@example.com')),
			).toEqual([]);
		},
		5 * MINUTE,
	);

	it(
		'weekly report: one email to the finance team with the report and its CSV',
		async () => {
			await env.n8n.executeWorkflow(ids.report);
			const emails = await settledEmails(env.mail, seen);
			expect(emails).toHaveLength(1);
			expect(recipients(emails[0])).toEqual(['finance@example.com']);
			expect(emails[0].subject).toMatch(/Unpaid invoices \(Stripe\)/);
			expect((emails[0].attachments ?? []).map((file) => file.contentType)).toContain('text/csv');
		},
		5 * MINUTE,
	);

	it(
		'J-3 notice, J+1 reminder with penalties, and a formal notice shown to a person, sent once after the approval',
		async () => {
			const { sim, book } = books.formal;
			// Run in the server, as the schedule would: the run itself ends at once (its reminders and alerts never
			// wait), and each formal notice waits for its approval in an execution of its own.
			await ensureServer();
			const run = await runInServer(env.n8n, ids.formal);
			expectSuccess(run);
			const emails = await settledEmails(env.mail, seen);
			const counts = countByRecipient(emails);
			expect(counts[customerEmail('formal', 'c8')]).toBe(1); // due in 3 days: courtesy notice
			const late = emailsTo(emails, customerEmail('formal', 'c9'));
			expect(late).toHaveLength(1); // 1 day late: reminder stating the penalties
			expect(late[0].text).toMatch(/40/);
			// The formal notice is not sent: an approval request is, showing the notice as composed.
			expect(counts[customerEmail('formal', 'c10')]).toBeUndefined();
			const formal = sim.invoice(book.ids.formal)!;
			const approval = emailsTo(emails, 'finance-manager@example.com');
			expect(approval).toHaveLength(1);
			expect(approval[0].html).toContain(String(formal.number));
			expect(approval[0].html).toMatch(/href="[^"]*approved=false[^"]*"/);
			expect((formal.metadata as Record<string, string>).dunning_sent_steps).toBe('d1');

			await approveAndAwait(approval[0], customerEmail('formal', 'c10'), (notice) => {
				expect(notice).toHaveLength(1);
				expect(notice[0].text).toContain(String(formal.number));
			});
			expect(
				(sim.invoice(book.ids.formal)!.metadata as Record<string, string>).dunning_sent_steps,
			).toBe('d1,d15');
			// Approving the same request again sends nothing more.
			expect(emailsTo(await settledEmails(env.mail, seen), customerEmail('formal', 'c10'))).toEqual(
				[],
			);
		},
		10 * MINUTE,
	);

	it(
		'full ladder: J-3, J+1, J+7, J+14 with penalties, the J+21 call script to the account manager, the J+30 formal notice approved then sent once',
		async () => {
			const { sim, book } = books.ladder;
			await ensureServer();
			const run = await runInServer(env.n8n, ids.ladder);
			expectSuccess(run);
			const emails = await settledEmails(env.mail, seen);
			const to = (key: string) => emailsTo(emails, customerEmail('ladder', key));
			const sentSteps = (key: string) =>
				(sim.invoice(book.ids[key])!.metadata as Record<string, string>).dunning_sent_steps;
			// One message per due step, each recorded on its invoice.
			for (const [key, customer, steps] of LADDER_EXPECTED) {
				expect([key, to(customer).length]).toEqual([key, 1]);
				expect([key, sentSteps(key)]).toEqual([key, steps]);
			}
			expect(to('c3')[0].text).toMatch(/pénalités/); // J+14 states the penalties
			// A broken promise: the reminder names it, and the account manager is told.
			const promised = (
				sim.invoice(book.ids['ladder-broken-promise'])!.metadata as Record<string, string>
			).dunning_promised_on;
			expect(to('c6')[0].text).toMatch(/engag|promis/i);
			const brokenAlert = emailsTo(emails, 'account-manager@example.com').filter((email) =>
				/promise broken/.test(email.subject),
			);
			expect(brokenAlert).toHaveLength(1);
			expect(brokenAlert[0].html).toContain(promised);
			// J+21: no customer email; the account manager gets the call script.
			expect(to('c4')).toEqual([]);
			const call = emailsTo(emails, 'account-manager@example.com').find((email) =>
				(email.html ?? '').includes('Suggested call script'),
			);
			if (!call) {
				process.stderr.write(
					`${emails.map((email) => `${recipients(email).join(',')} | ${email.subject} | ${(email.text ?? email.html ?? '').slice(0, 400)}`).join('\n')}\n${run.data.slice(-4000)}\n`,
				);
			}
			expect(call?.html).toContain(String(sim.invoice(book.ids['ladder-d21'])!.number));
			expect(call?.html).toMatch(/What is owed[\s\S]*What to ask/);
			expect(sentSteps('ladder-d21')).toBe('d-3,d1,d7,d14,d21');
			// J+30: an approval request, nothing to the customer yet, nothing claimed.
			expect(to('c5')).toEqual([]);
			const approval = emailsTo(emails, 'finance-manager@example.com');
			expect(approval).toHaveLength(1);
			const formal = sim.invoice(book.ids['ladder-d30'])!;
			expect(approval[0].html).toContain(String(formal.number));
			expect(sentSteps('ladder-d30')).toBe('d-3,d1,d7,d14,d21');
			// No item failed.
			expect(emailsTo(emails, 'accounting@example.com')).toEqual([]);

			await approveAndAwait(approval[0], customerEmail('ladder', 'c5'), (notice) => {
				expect(notice).toHaveLength(1);
				expect(notice[0].text).toContain(String(formal.number));
			});
			expect(sentSteps('ladder-d30')).toBe('d-3,d1,d7,d14,d21,d30');

			// The same day again: nothing new, not even an approval request (the notice is sent).
			await runInServer(env.n8n, ids.ladder);
			expect(await settledEmails(env.mail, seen)).toEqual([]);
		},
		10 * MINUTE,
	);
});

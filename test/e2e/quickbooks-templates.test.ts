// The QuickBooks templates of workflows/ in a real n8n 2.41.1, each against its own QuickBooks simulator seeded
// with the demo book, and MailDev as the SMTP server. Runs with N8N_REAL=1 after npm run build.
import type { MailDevEmail } from '../../scripts/demo/maildev';
import { quickBooksSimulatorCredential } from '../helpers/real-n8n';
import { ladderBook } from '../simulators/stripe/demo-book';
import { startQuickBooksSimulator, type QuickBooksSimulator } from '../simulators/quickbooks';
import {
	ageQuickBooksBook,
	payQuickBooksInvoice,
	seedQuickBooksDemoBook,
	type SeededQuickBooksBook,
} from '../simulators/quickbooks/demo-book';
import {
	countByRecipient,
	describeReal,
	emailsTo,
	expectSuccess,
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

const BOOKS = ['classic', 'exceptions', 'report', 'ladder'] as const;
type BookName = (typeof BOOKS)[number];

const WORKFLOWS: Record<BookName, string> = {
	classic: 'quickbooks-classic-crm-task.json',
	exceptions: 'quickbooks-exceptions-account-manager.json',
	report: 'quickbooks-weekly-report.json',
	ladder: 'quickbooks-full-ladder.json',
};

interface Book {
	sim: QuickBooksSimulator;
	book: SeededQuickBooksBook;
}

describeReal('QuickBooks templates end to end (real n8n, simulator, MailDev)', () => {
	let env: E2eEnvironment;
	let ids: Record<BookName, string>;
	const books = {} as Record<BookName, Book>;
	const seen = new Set<string>();
	const customerEmail = (name: BookName, customerKey: string) =>
		books[name].book.emails[customerKey];
	const note = (name: BookName, key: string) =>
		String(books[name].sim.invoices.get(books[name].book.ids[key])?.PrivateNote ?? '');

	beforeAll(async () => {
		for (const name of BOOKS) {
			const sim = await startQuickBooksSimulator({ fixtures: false });
			books[name] = {
				sim,
				book: seedQuickBooksDemoBook(sim, name === 'ladder' ? ladderBook() : undefined),
			};
		}
		({ env, ids } = await startTemplates(WORKFLOWS, (name) =>
			quickBooksSimulatorCredential(
				{ id: `e2eQbo${name.padEnd(10, '0')}`, name: `QuickBooks ${name} book` },
				books[name].sim,
			),
		));
		// The CRM template's Data Table nodes need n8n's modules, which only the server loads.
		await env.n8n.start({ port: env.port });
		await env.n8n.setupOwner();
	}, 25 * MINUTE);

	afterAll(() => stopEnvironment(env, books), MINUTE);

	it(
		'J+7 / J+14 / J+21 with a CRM task: the right step once, grouped, accounting and the CRM task carry the case, nothing twice, a payment stops it',
		async () => {
			const { sim, book } = books.classic;
			const run = await runInServer(env.n8n, ids.classic);
			expectSuccess(run);
			const day0 = await settledEmails(env.mail, seen);
			const counts = countByRecipient(day0);
			expect(counts[customerEmail('classic', 'c0')]).toBe(1);
			expect(counts[customerEmail('classic', 'c1')]).toBe(1);
			expect(emailsTo(day0, customerEmail('classic', 'c0'))[0].subject).toMatch(/rappel amical/i);
			expect(emailsTo(day0, customerEmail('classic', 'c1'))[0].subject).toMatch(/relance/i);
			// One email for the customer with three invoices, each invoice's step in its note.
			const multi = emailsTo(day0, customerEmail('classic', 'c3'));
			expect(multi).toHaveLength(1);
			for (const key of ['multi-a', 'multi-b', 'multi-c']) {
				expect(multi[0].text).toContain(book.numbers[key]);
				expect(note('classic', key)).toMatch(/sent=d7@\d{4}-\d{2}-\d{2}/);
			}
			expect(counts[customerEmail('classic', 'c4')]).toBeUndefined(); // paid
			expect(counts[customerEmail('classic', 'c5')]).toBeUndefined(); // disputed
			expect(counts[customerEmail('classic', 'c2')]).toBeUndefined(); // J+21: internal
			const summary = emailsTo(day0, 'accounting@example.com').filter((entry) =>
				(entry.text ?? '').includes(book.numbers['escalate-d21']),
			);
			expect(summary).toHaveLength(1);
			// The CRM task: the execution inserted a crm_tasks row titled after the invoice.
			expect(run.data).toContain(`about invoice ${book.numbers['escalate-d21']}`);

			expect((await runInServer(env.n8n, ids.classic)).status).toBe('success');
			expect(await settledEmails(env.mail, seen)).toEqual([]);

			payQuickBooksInvoice(sim, book.ids.payer);
			ageQuickBooksBook(sim, 7);
			await runInServer(env.n8n, ids.classic);
			const day7 = countByRecipient(await settledEmails(env.mail, seen));
			expect(day7[customerEmail('classic', 'c7')]).toBe(1);
			expect(day7[customerEmail('classic', 'c6')]).toBeUndefined();
			expect(note('classic', 'twin')).toMatch(/sent=d7@[\d-]+,d14@/);
		},
		10 * MINUTE,
	);

	it(
		"exceptions: disputed never chased, a vip customer handed to the account manager after two reminders, the others' J+21 to accounting",
		async () => {
			const { book } = books.exceptions;
			expect((await runInServer(env.n8n, ids.exceptions)).status).toBe('success');
			const emails = await settledEmails(env.mail, seen);
			const counts = countByRecipient(emails);
			expect(counts[customerEmail('exceptions', 'c22')]).toBeUndefined();
			const handover = emailsTo(emails, 'account-manager@example.com').filter((entry) =>
				(entry.text ?? '').includes(book.numbers['vip-b']),
			);
			expect(handover).toHaveLength(1);
			expect(counts[customerEmail('exceptions', 'c13')]).toBe(1);
			expect(counts[customerEmail('exceptions', 'c5')]).toBeUndefined();
			// A customer without the tags: its J+21 case goes to accounting, not to the account manager.
			const accounting = emailsTo(emails, 'accounting@example.com');
			expect(
				accounting.some((entry) => (entry.text ?? '').includes(book.numbers['escalate-d21'])),
			).toBe(true);
			expect(accounting.some((entry) => (entry.text ?? '').includes(book.numbers['vip-b']))).toBe(
				false,
			);
			expect(accounting.filter((entry) => /failed/i.test(entry.subject))).toEqual([]);
		},
		5 * MINUTE,
	);

	it(
		'full ladder on QuickBooks: J-3 from the due-soon listing, J+1, J+7 to the customer email when the invoice has none, J+14, the J+21 call script, the J+30 formal notice approved then sent once',
		async () => {
			const { sim, book } = books.ladder;
			// J+7: an invoice without BillEmail still reaches its customer (the looked-up address).
			delete sim.invoices.get(book.ids['ladder-d7'])!.BillEmail;
			const run = await runInServer(env.n8n, ids.ladder);
			expectSuccess(run);
			const emails = await settledEmails(env.mail, seen);
			const to = (key: string) => emailsTo(emails, customerEmail('ladder', key));
			for (const [key, customer, step] of [
				['ladder-d-3', 'c0', 'd-3'],
				['ladder-d1', 'c1', 'd1'],
				['ladder-d7', 'c2', 'd7'],
				['ladder-d14', 'c3', 'd14'],
				['ladder-broken-promise', 'c6', 'd14'],
			]) {
				expect([key, to(customer).length]).toEqual([key, 1]);
				expect(note('ladder', key)).toMatch(new RegExp(`[=,]${step}@\\d{4}-\\d{2}-\\d{2}`));
			}
			// A broken promise: the reminder names it, and the account manager is told.
			expect(to('c6')[0].text).toMatch(/engag|promis/i);
			expect(
				emailsTo(emails, 'account-manager@example.com').filter((email) =>
					/promise broken/.test(email.subject),
				),
			).toHaveLength(1);
			expect(to('c4')).toEqual([]);
			const call = emailsTo(emails, 'account-manager@example.com').find((email) =>
				(email.html ?? '').includes('Suggested call script'),
			);
			if (!call) {
				process.stderr.write(
					`${emails.map((email) => `${recipients(email).join(',')} | ${email.subject} | ${(email.text ?? email.html ?? '').slice(0, 400)}`).join('\n')}\n${run.data.slice(-4000)}\n`,
				);
			}
			expect(call?.html).toContain(book.numbers['ladder-d21']);
			expect(to('c5')).toEqual([]);
			const approval = emailsTo(emails, 'finance-manager@example.com');
			expect(approval).toHaveLength(1);
			expect(approval[0].html).toContain(book.numbers['ladder-d30']);
			expect(note('ladder', 'ladder-d30')).not.toMatch(/d30@/);
			expect(emailsTo(emails, 'accounting@example.com')).toEqual([]);

			const link = approvalLink(approval[0]);
			expect(link).toBeDefined();
			const response = await openApprovalLink(link!);
			expect(response.status).toBeLessThan(400);
			let notice: MailDevEmail[] = [];
			const deadline = Date.now() + 2 * MINUTE;
			while (notice.length === 0 && Date.now() < deadline) {
				notice = emailsTo(await settledEmails(env.mail, seen), customerEmail('ladder', 'c5'));
			}
			expect(notice).toHaveLength(1);
			expect(notice[0].text).toContain(book.numbers['ladder-d30']);
			expect(note('ladder', 'ladder-d30')).toMatch(/d30@/);

			await runInServer(env.n8n, ids.ladder);
			expect(await settledEmails(env.mail, seen)).toEqual([]);
		},
		10 * MINUTE,
	);

	it(
		'weekly report: one email to the finance team with the CSV',
		async () => {
			await env.n8n.executeWorkflow(ids.report);
			const emails = await settledEmails(env.mail, seen);
			expect(emails).toHaveLength(1);
			expect(recipients(emails[0])).toEqual(['finance@example.com']);
			expect(emails[0].subject).toMatch(/Unpaid invoices \(QuickBooks\)/);
			expect((emails[0].attachments ?? []).map((file) => file.contentType)).toContain('text/csv');
		},
		5 * MINUTE,
	);
});

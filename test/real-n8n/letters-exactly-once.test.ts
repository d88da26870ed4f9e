// Issue 20, "exactly one letter per approved notice", in a real n8n 2.41.1: the Stripe formal-notice template
// (workflows/stripe-formal-notice-approval.json, as users import it) against the Stripe simulator, the Maileva
// simulator and MailDev. Two runs of the workflow at once ask two approvals per formal notice; both approvals
// of the first notice are clicked at once (two approval branches racing), and the approval branch of the
// second notice is killed while Maileva holds the answer to its submit (the letter posted, n8n never told),
// then retried from n8n's executions list after a restart. The letters are counted in the Maileva simulator.
// Runs with N8N_REAL=1 after npm run build.
import type { MailDevEmail } from '../../scripts/demo/maildev';
import { giveStripeContacts } from '../../scripts/demo/channels';
import type { N8nInstance, WorkflowRun } from '../../scripts/n8n/instance';
import { stripeSimulatorCredential } from '../helpers/real-n8n';
import {
	approvalLink,
	bind,
	describeReal,
	emailsTo,
	expectSuccess,
	MINUTE,
	openApprovalLink,
	runInServer,
	settledEmails,
	startEnvironment,
	stopEnvironment,
	template,
	type E2eEnvironment,
} from '../e2e/harness';
import { startStripeSimulator, type StripeSimulator } from '../simulators/stripe';
import { demoBook, seedDemoBook, type SeededBook } from '../simulators/stripe/demo-book';

const API_KEY = 'sk_test_lettersExactlyOnceSimulator';
const CREDENTIAL = { id: 'lettersStripe0001', name: 'Stripe (letters exactly once)' };
const FINANCE = 'finance-manager@example.com';
/** Two customers, each with an invoice 15 days overdue whose J+1 reminder went out: a formal notice each. */
const NOTICES = ['notice-a', 'notice-b'] as const;
type Notice = (typeof NOTICES)[number];

function book() {
	const customers = demoBook().customers.slice(0, 2);
	return {
		customers,
		invoices: NOTICES.map((key, index) => ({
			key,
			customer: customers[index].key,
			currency: 'eur',
			amount: 4200 - index * 1650,
			daysOverdue: 15,
			sent: [['d1', 1]] as [string, number][],
		})),
	};
}

interface Execution {
	id: string;
	status: string;
	retryOf?: string | null;
}

describeReal('real n8n: one registered letter per approved formal notice', () => {
	let env: E2eEnvironment;
	let n8n: N8nInstance;
	let stripe: StripeSimulator;
	let seeded: SeededBook;
	let workflowId: string;
	const seen = new Set<string>();

	const invoiceOf = (notice: Notice) => stripe.invoice(seeded.ids[notice])!;
	const customerOf = (notice: Notice) => {
		const key = book().invoices.find((invoice) => invoice.key === notice)!.customer;
		return { name: String(seeded.customers.get(key)!.name), email: seeded.emails[key] };
	};
	/** Letters Maileva posted (submitted sendings' recipients) to a notice's customer. */
	const lettersTo = (notice: Notice) =>
		env.postal.postedLetters.filter(
			({ recipient }) => recipient.address_line_1 === customerOf(notice).name,
		);
	const sentSteps = (notice: Notice) =>
		(invoiceOf(notice).metadata as Record<string, string>).dunning_sent_steps;

	async function executions(): Promise<Execution[]> {
		const response = await n8n.rest('GET', '/rest/executions?limit=100');
		return ((response.body as { data?: { results?: Execution[] } })?.data?.results ?? []).map(
			({ id, status, retryOf }) => ({ id: String(id), status, retryOf }),
		);
	}

	/** Waits until no execution runs any more (the approval branches resumed by a click run on their own). */
	async function settled(): Promise<Execution[]> {
		const deadline = Date.now() + 3 * MINUTE;
		for (;;) {
			const list = await executions();
			if (!list.some((execution) => ['new', 'running'].includes(execution.status))) return list;
			if (Date.now() > deadline)
				throw new Error(`executions still running: ${JSON.stringify(list)}`);
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}

	async function start() {
		await n8n.start({ port: env.port });
		await n8n.setupOwner();
	}

	beforeAll(async () => {
		stripe = await startStripeSimulator({ apiKeys: [API_KEY] });
		seeded = seedDemoBook(stripe, book());
		giveStripeContacts(stripe, seeded); // postal addresses: the letter needs one
		const credential = stripeSimulatorCredential(CREDENTIAL, API_KEY, stripe.url);
		const workflow = bind(template('stripe-formal-notice-approval.json'), {
			stripeDunningApi: CREDENTIAL,
		});
		workflowId = String(workflow.id);
		// Progress saved after each node: what lets n8n retry an execution that crashed half-way.
		env = await startEnvironment(() => [credential], [workflow], {
			EXECUTIONS_DATA_SAVE_ON_PROGRESS: 'true',
		});
		n8n = env.n8n;
		await start();
	}, 25 * MINUTE);

	afterAll(() => stopEnvironment(env, { stripe: { sim: stripe } }), MINUTE);

	/** Per notice, the approval emails of the runs so far (the notice's invoice number in the email). */
	function approvalsByNotice(emails: MailDevEmail[]): Record<Notice, MailDevEmail[]> {
		const requests = emailsTo(emails, FINANCE);
		return Object.fromEntries(
			NOTICES.map((notice) => [
				notice,
				requests.filter((email) => (email.html ?? '').includes(String(invoiceOf(notice).number))),
			]),
		) as Record<Notice, MailDevEmail[]>;
	}

	it(
		'two runs at once, two approvals of one notice clicked at once, the other notice killed in its submit and retried: one letter each',
		async () => {
			// Two runs of the workflow at once: each asks one approval per formal notice, nothing is claimed yet.
			const runs = await Promise.all([runInServer(n8n, workflowId), runInServer(n8n, workflowId)]);
			runs.forEach(expectSuccess);
			const approvals = approvalsByNotice(await settledEmails(env.mail, seen));
			expect(approvals['notice-a']).toHaveLength(2);
			expect(approvals['notice-b']).toHaveLength(2);
			expect(sentSteps('notice-a')).toBe('d1');
			expect(env.postal.postedLetters).toEqual([]);

			// Notice A: both approvals clicked at once; two approval branches race, one claims and posts.
			const clicks = await Promise.all(
				approvals['notice-a'].map((email) => openApprovalLink(approvalLink(email)!)),
			);
			clicks.forEach((click) => expect(click.status).toBeLessThan(400));
			await settled();
			expect(lettersTo('notice-a')).toHaveLength(1);
			expect(sentSteps('notice-a')).toBe('d1,d15');

			// Notice B: Maileva takes the submit (the letter is posted) and holds its answer; n8n is killed
			// meanwhile, so the approval branch never learns that the letter went.
			const held = env.postal.holdNextAnswer(/\/submit$/);
			const [first, second] = approvals['notice-b'];
			void openApprovalLink(approvalLink(first)!).catch(() => undefined);
			await held;
			expect(lettersTo('notice-b')).toHaveLength(1);
			process.kill(-n8n.server!.pid!, 'SIGKILL');
			await n8n.stop();

			// Restarted, n8n lists that execution as crashed; retried as a user does from the executions list.
			await start();
			const crashed = (await executions()).filter((execution) => execution.status === 'crashed');
			expect(crashed).toHaveLength(1);
			const retry = await n8n.rest('POST', `/rest/executions/${crashed[0].id}/retry`, {
				loadWorkflow: false,
			});
			const retried = (retry.body as { data?: { status?: string; data?: WorkflowRun['data'] } })
				?.data;
			expect(retried?.status).toBe('success');
			const letterRuns = retried?.data?.resultData.runData['Post Registered Letter'] ?? [];
			const letter = letterRuns.at(-1)?.data?.main?.[0]?.[0]?.json.letter as
				| Record<string, unknown>
				| undefined;
			// The retried branch found the letter already posted (by its custom_id) and posted nothing.
			expect(letter).toMatchObject({ status: 'ACCEPTED', postedByThisRun: false });
			expect(lettersTo('notice-b')).toHaveLength(1);
			expect(sentSteps('notice-b')).toBe('d1,d15');

			// The other run's approval of notice B, then every approval link again: nothing more is posted.
			await openApprovalLink(approvalLink(second)!);
			await settled();
			for (const email of [...approvals['notice-a'], ...approvals['notice-b']]) {
				await openApprovalLink(approvalLink(email)!);
			}
			const final = await settled();
			expect(final.filter((execution) => execution.status === 'crashed')).toHaveLength(1);

			// One letter per approved notice, one Maileva sending each (no second one created), one email each.
			for (const notice of NOTICES) {
				expect([notice, lettersTo(notice).length]).toEqual([notice, 1]);
			}
			expect(env.postal.postedLetters).toHaveLength(2);
			expect(env.postal.sendings.map((sending) => sending.status)).toEqual([
				'ACCEPTED',
				'ACCEPTED',
			]);
			await settledEmails(env.mail, seen);
			const all = await env.mail.emails();
			for (const notice of NOTICES) {
				const notices = emailsTo(all, customerOf(notice).email);
				expect([notice, notices.length]).toEqual([notice, 1]);
			}
		},
		20 * MINUTE,
	);
});

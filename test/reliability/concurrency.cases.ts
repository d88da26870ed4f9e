// Concurrency in the harness (issue 9, part 4): the same reminder workflow executed twice at once over the same
// invoices, against one simulator whose latency makes both executions read every invoice before either writes.
// Each step must be claimed once and emailed once: expected and actual counts are compared. A payment
// recorded between the decision and the claim stops the email (the claim reads the invoice afresh).
import { startQuickBooksSimulator, type QuickBooksSimulator } from '../simulators/quickbooks';
import { startStripeSimulator, type StripeSimulator } from '../simulators/stripe';
import {
	hooks,
	invoiceIdOf,
	recorded,
	runQuickBooksReminders,
	runStripeReminders,
	STRIPE_KEY,
} from './workflows';

describe('concurrency', () => {
	const DAY = 86_400;

	/** Printed in the test output and quoted in issue 9's closing note. */
	function report(what: string, counts: Record<string, number>): void {
		process.stdout.write(`[concurrency] ${what}: ${JSON.stringify(counts)}\n`);
	}

	describe('Stripe: two executions at once over the same invoices', () => {
		let stripe: StripeSimulator;
		beforeEach(async () => {
			stripe = await startStripeSimulator({ apiKeys: [STRIPE_KEY] });
		});
		afterEach(async () => {
			await stripe.stop();
			hooks.clear();
		});

		it('20 invoices: 20 claims and 20 emails in all, each step once', async () => {
			const now = Math.floor(Date.now() / 1000);
			const seeded = stripe.seedInvoices(20, { dueDate: () => now - 10 * DAY });
			stripe.latencyMs = 25;
			const [a, b] = await Promise.all([
				runStripeReminders(stripe, { runId: 'stripe-a' }),
				runStripeReminders(stripe, { runId: 'stripe-b' }),
			]);
			expect(a.error).toBeUndefined();
			expect(b.error).toBeUndefined();
			const claims = [...recorded('stripe-a', 'sent'), ...recorded('stripe-b', 'sent')];
			const refused = [
				...recorded('stripe-a', 'notClaimed'),
				...recorded('stripe-b', 'notClaimed'),
			];
			const emails = stripe.events.filter((event) => event.type === 'invoice.sent');
			const sendRequests = stripe.requests.filter(
				(r) => r.method === 'POST' && r.path.endsWith('/send'),
			);
			const counts = {
				expected: seeded.length,
				claims: claims.length,
				notClaimed: refused.length,
				sendRequests: sendRequests.length,
				emails: emails.length,
				errors: recorded('stripe-a', 'errors').length + recorded('stripe-b', 'errors').length,
			};
			report('harness Stripe', counts);
			expect(counts).toEqual({
				expected: 20,
				claims: 20,
				notClaimed: 20,
				sendRequests: 20,
				emails: 20,
				errors: 0,
			});
			expect(new Set(claims.map(invoiceIdOf)).size).toBe(20);
			for (const item of refused) {
				expect((item.claim as { reason: string }).reason).toMatch(/claimed_elsewhere|already_sent/);
			}
			for (const entry of seeded) {
				expect(
					(stripe.invoice(entry.id as string)!.metadata as Record<string, string>)
						.dunning_sent_steps,
				).toBe('d7');
			}
		}, 120_000);

		it('a payment recorded between the decision and the claim stops the email', async () => {
			const now = Math.floor(Date.now() / 1000);
			const seeded = stripe.seedInvoices(4, { dueDate: () => now - 10 * DAY });
			const paid = seeded.slice(0, 2).map((entry) => entry.id as string);
			hooks.set('pay', () => {
				for (const id of paid) {
					const invoice = stripe.invoice(id)!;
					stripe.updateInvoice(id, {
						status: 'paid',
						amount_paid: invoice.amount_due,
						amount_remaining: 0,
					});
				}
			});
			const result = await runStripeReminders(stripe, { runId: 'stripe-paid', hook: 'pay' });
			expect(result.error).toBeUndefined();
			// The decisions were made before the payment: all four were to be sent.
			expect(result.jsonOf('Scenario', 0)).toHaveLength(4);
			const notClaimed = recorded('stripe-paid', 'notClaimed');
			expect(notClaimed.map(invoiceIdOf).sort()).toEqual([...paid].sort());
			for (const item of notClaimed)
				expect(item.claim).toMatchObject({ claimed: false, reason: 'not_open' });
			const emailed = stripe.events
				.filter((event) => event.type === 'invoice.sent')
				.map((event) => (event.data as { object: { id: string } }).object.id);
			expect(emailed.sort()).toEqual(
				seeded
					.slice(2)
					.map((entry) => entry.id)
					.sort(),
			);
		}, 60_000);
	});

	describe('QuickBooks: two executions at once over the same invoices', () => {
		let sim: QuickBooksSimulator;
		beforeEach(async () => {
			sim = await startQuickBooksSimulator({ fixtures: false });
		});
		afterEach(async () => {
			await sim.stop();
			hooks.clear();
		});

		it('15 invoices: 15 claims and 15 emails in all, each step once', async () => {
			const seeded = sim.seedInvoices(15, { dueDate: '2026-10-30' });
			// Both executions list before either claims; each claim's read waits so the two reads overlap.
			sim.injectFault({
				method: 'GET',
				path: /^\/invoice\/\d+$/,
				kind: 'delay',
				hangMs: 30,
				times: 1000,
			});
			// The invoices without BillEmail reach their customer's address (QuickBooks would refuse them otherwise).
			const options = { apiOptions: { customerLookup: 'missingEmail' } };
			const [a, b] = await Promise.all([
				runQuickBooksReminders(sim, { runId: 'qb-a', ...options }),
				runQuickBooksReminders(sim, { runId: 'qb-b', ...options }),
			]);
			expect(a.error).toBeUndefined();
			expect(b.error).toBeUndefined();
			const claims = [...recorded('qb-a', 'sent'), ...recorded('qb-b', 'sent')];
			const refused = [...recorded('qb-a', 'notClaimed'), ...recorded('qb-b', 'notClaimed')];
			const counts = {
				expected: seeded.length,
				claims: claims.length,
				notClaimed: refused.length,
				emails: sim.sentEmails.length,
				errors: recorded('qb-a', 'errors').length + recorded('qb-b', 'errors').length,
			};
			report('harness QuickBooks', counts);
			expect(counts).toEqual({ expected: 15, claims: 15, notClaimed: 15, emails: 15, errors: 0 });
			expect(new Set(sim.sentEmails.map((email) => email.invoiceId)).size).toBe(15);
			for (const item of refused) {
				expect((item.claim as { reason: string }).reason).toMatch(
					/stale_sync_token|already_claimed|changed_since_decision/,
				);
			}
		}, 120_000);

		it('a payment recorded between the decision and the claim stops the email', async () => {
			const seeded = sim.seedInvoices(4, { dueDate: '2026-10-30' });
			const paid = seeded.slice(0, 2).map((entry) => String(entry.Id));
			hooks.set('pay', () => {
				for (const id of paid) sim.editInvoice(id, { Balance: 0 });
			});
			const result = await runQuickBooksReminders(sim, {
				runId: 'qb-paid',
				hook: 'pay',
				apiOptions: { customerLookup: 'never' },
			});
			expect(result.error).toBeUndefined();
			expect(result.jsonOf('Scenario', 0)).toHaveLength(4);
			const notClaimed = recorded('qb-paid', 'notClaimed');
			expect(notClaimed.map(invoiceIdOf).sort()).toEqual([...paid].sort());
			expect(sim.sentEmails.map((email) => email.invoiceId).sort()).toEqual(
				seeded
					.slice(2)
					.map((entry) => String(entry.Id))
					.sort(),
			);
		}, 60_000);
	});
});

// Fault injection through the simulators, in workflow runs (issue 9, part 3). The reminder workflow of
// workflows.ts (List Overdue → Dunning Scenario → Claim Step → Send, every error output recorded) runs while
// the simulators answer 429 with and without Retry-After, 500/503, hold requests past the timeout, reset
// connections, cut a list page in the middle of its JSON, drop the answer of a write that was carried out,
// and expire the QuickBooks access token in the middle of the run. Every invoice ends sent once or reported
// on an error output; no invoice whose claim failed is sent.
import { startQuickBooksSimulator, type QuickBooksSimulator } from '../simulators/quickbooks';
import { startStripeSimulator, type StripeSimulator } from '../simulators/stripe';
import { leakedSecrets } from '../fuzz/secrets';
import {
	hooks,
	invoiceIdOf,
	recorded,
	runQuickBooksReminders,
	runStripeReminders,
	STRIPE_KEY,
} from './workflows';

describe('faults', () => {
	const DAY = 86_400;

	describe('Stripe reminder workflow under faults', () => {
		let stripe: StripeSimulator;
		beforeEach(async () => {
			stripe = await startStripeSimulator({ apiKeys: [STRIPE_KEY] });
		});
		afterEach(async () => {
			await stripe.stop();
		});

		const sentEvents = () => stripe.events.filter((event) => event.type === 'invoice.sent');
		const sentIds = () =>
			sentEvents().map((event) => (event.data as { object: { id: string } }).object.id);

		it('transient faults on every call are retried: each of 12 invoices is claimed and sent exactly once', async () => {
			const now = Math.floor(Date.now() / 1000);
			const seeded = stripe.seedInvoices(12, { dueDate: (i) => now - (10 + i) * DAY });
			const list = /^\/v1\/invoices$/;
			const invoice = /^\/v1\/invoices\/in_[^/]+$/;
			const send = /\/send$/;
			// List: a 429 without Retry-After, a page cut in the middle of its JSON, a 500.
			stripe.inject({ method: 'GET', path: list, fault: { kind: 'status', status: 429 } });
			stripe.inject({ method: 'GET', path: list, fault: { kind: 'malformed' } });
			stripe.inject({ method: 'GET', path: list, fault: { kind: 'status', status: 500 } });
			// Claim's fresh read: 429 with Retry-After, two connection resets.
			stripe.inject({
				method: 'GET',
				path: invoice,
				times: 2,
				fault: { kind: 'status', status: 429, headers: { 'Retry-After': '1' } },
			});
			stripe.inject({ method: 'GET', path: invoice, times: 2, fault: { kind: 'reset' } });
			// Claim's write: a 500, then a write carried out whose answer is lost (the retry is replayed).
			stripe.inject({ method: 'POST', path: invoice, fault: { kind: 'status', status: 500 } });
			stripe.inject({ method: 'POST', path: invoice, fault: { kind: 'dropResponse' } });
			// Send: held past the 1 s timeout, then a reset.
			stripe.inject({ method: 'POST', path: send, fault: { kind: 'timeout', holdMs: 3000 } });
			stripe.inject({ method: 'POST', path: send, fault: { kind: 'reset' } });

			const result = await runStripeReminders(stripe, {
				runId: 'stripe-transient',
				apiOptions: { timeoutSeconds: 1 },
			});
			expect(result.error).toBeUndefined();
			const sent = recorded('stripe-transient', 'sent').map(invoiceIdOf);
			expect(recorded('stripe-transient', 'errors')).toEqual([]);
			expect(recorded('stripe-transient', 'notClaimed')).toEqual([]);
			expect(new Set(sent).size).toBe(12);
			expect(sent.sort()).toEqual(seeded.map((entry) => entry.id).sort());
			// Stripe emailed each invoice once: the timed-out send was retried with the same idempotency key.
			expect(sentIds().sort()).toEqual(seeded.map((entry) => entry.id).sort());
			for (const entry of seeded) {
				expect(
					(stripe.invoice(entry.id as string)!.metadata as Record<string, string>)
						.dunning_sent_steps,
				).toBe('d7');
			}
			// Every injected fault was met.
			const statuses = stripe.requests.map((request) => request.status ?? 0);
			expect(statuses.filter((status) => status === 429)).toHaveLength(3);
			expect(statuses.filter((status) => status === 500)).toHaveLength(2);
			expect(leakedSecrets(result.run, [STRIPE_KEY])).toEqual([]);
		}, 120_000);

		it('claims that keep failing are reported on the error output and never sent; the others go out', async () => {
			const now = Math.floor(Date.now() / 1000);
			const seeded = stripe.seedInvoices(6, { dueDate: () => now - 10 * DAY });
			const failing = seeded.slice(0, 2).map((entry) => entry.id as string);
			for (const id of failing) {
				// More failures than the five attempts: the claim gives up.
				stripe.inject({
					method: 'POST',
					path: new RegExp(`^/v1/invoices/${id}$`),
					times: 20,
					fault: { kind: 'status', status: 503 },
				});
			}
			const result = await runStripeReminders(stripe, { runId: 'stripe-persistent' });
			expect(result.error).toBeUndefined();
			const errors = recorded('stripe-persistent', 'errors');
			expect(errors.map(invoiceIdOf).sort()).toEqual([...failing].sort());
			for (const item of errors) expect(String(item.error)).toMatch(/Stripe/);
			const sent = recorded('stripe-persistent', 'sent').map(invoiceIdOf);
			expect(sent.sort()).toEqual(
				seeded
					.slice(2)
					.map((entry) => entry.id)
					.sort(),
			);
			// Nothing was sent for a failed claim.
			expect(sentIds().filter((id) => failing.includes(id))).toEqual([]);
			expect(sent.length + errors.length).toBe(seeded.length);
			expect(leakedSecrets(result.run, [STRIPE_KEY])).toEqual([]);
		}, 120_000);

		it('a listing that keeps failing ends on the error output: nothing is evaluated or sent', async () => {
			stripe.seedInvoices(3, { dueDate: () => Math.floor(Date.now() / 1000) - 10 * DAY });
			stripe.inject({
				method: 'GET',
				path: /^\/v1\/invoices$/,
				times: 20,
				// A 500, not a 429: throttling is waited out by the pacer and never fails a request.
				fault: { kind: 'status', status: 500 },
			});
			const result = await runStripeReminders(stripe, { runId: 'stripe-list-down' });
			expect(result.error).toBeUndefined();
			expect(recorded('stripe-list-down', 'errors')).toEqual([
				expect.objectContaining({ error: expect.stringMatching(/Stripe/) }),
			]);
			expect(recorded('stripe-list-down', 'sent')).toEqual([]);
			expect(sentEvents()).toEqual([]);
		}, 120_000);
	});

	describe('QuickBooks reminder workflow under faults', () => {
		let sim: QuickBooksSimulator;
		beforeEach(async () => {
			sim = await startQuickBooksSimulator({ fixtures: false });
		});
		afterEach(async () => {
			await sim.stop();
			hooks.clear();
		});

		it('throttling, outages, resets, a timeout and an access token that expires mid-run: each invoice claimed and emailed once', async () => {
			const seeded = sim.seedInvoices(10, { dueDate: '2026-10-30' });
			sim.injectFault({ method: 'GET', path: '/query', kind: 'throttle' });
			sim.injectFault({ method: 'GET', path: '/query', kind: 'server' });
			sim.injectFault({ method: 'GET', path: /^\/invoice\/\d+$/, kind: 'reset', times: 2 });
			sim.injectFault({ method: 'GET', path: /^\/invoice\/\d+$/, kind: 'timeout', hangMs: 3000 });
			sim.injectFault({ method: 'POST', path: '/invoice', kind: 'throttle', times: 2 });
			// Sending an email is retried only when throttled (refused before anything happened).
			sim.injectFault({ method: 'POST', path: /\/send$/, kind: 'throttle' });
			// Between the decisions and the claims, the access token dies: n8n refreshes it and goes on.
			hooks.set('expire', () => sim.expireAccessTokens());
			const credential = (
				await import('../nodes/QuickBooksDunning/quickbooks-harness')
			).credentialFor(sim);
			const result = await runQuickBooksReminders(
				sim,
				{
					runId: 'qb-transient',
					hook: 'expire',
					// No customer records in this simulator (fixtures off): the invoice's own BillEmail or none.
					apiOptions: { timeoutSeconds: 1, customerLookup: 'missingEmail' },
				},
				credential,
			);
			expect(result.error).toBeUndefined();
			expect(recorded('qb-transient', 'errors')).toEqual([]);
			const sent = recorded('qb-transient', 'sent').map(invoiceIdOf);
			expect(sent.sort()).toEqual(seeded.map((entry) => String(entry.Id)).sort());
			expect(sim.sentEmails.map((email) => email.invoiceId).sort()).toEqual([...sent].sort());
			expect(
				sim.tokenRequests.filter(
					(request) => request.grantType === 'refresh_token' && request.status === 200,
				),
			).toHaveLength(1);
			for (const entry of seeded)
				expect(String(sim.invoices.get(String(entry.Id))!.PrivateNote)).toMatch(
					/\[dunning\] sent=d7@/,
				);
			const tokens = credential.oauthTokenData as Record<string, string>;
			expect(
				leakedSecrets(result.run, [
					tokens.access_token,
					tokens.refresh_token,
					String(credential.clientSecret),
				]),
			).toEqual([]);
		}, 120_000);

		it('a claim that keeps failing is reported and not emailed; a dead refresh token stops the run with a reconnect message', async () => {
			const seeded = sim.seedInvoices(4, { dueDate: '2026-10-30' });
			sim.injectFault({ method: 'POST', path: '/invoice', kind: 'server', times: 5 });
			const result = await runQuickBooksReminders(sim, {
				runId: 'qb-persistent',
				// One item at a time, so the five faults all meet the same claim's five attempts.
				apiOptions: { customerLookup: 'never', concurrency: 1 },
			});
			expect(result.error).toBeUndefined();
			const errors = recorded('qb-persistent', 'errors');
			expect(errors).toHaveLength(1);
			expect(String(errors[0].error)).toMatch(/QuickBooks error 10000 \(HTTP 503\)/);
			const failed = invoiceIdOf(errors[0]);
			expect(sim.sentEmails.map((email) => email.invoiceId)).not.toContain(failed);
			expect(recorded('qb-persistent', 'sent')).toHaveLength(seeded.length - 1);

			hooks.set('revoke', () => {
				sim.expireAccessTokens();
				sim.revokeRefreshTokens();
			});
			const before = sim.sentEmails.length;
			sim.seedInvoices(2, { dueDate: '2026-10-30' });
			const revoked = await runQuickBooksReminders(sim, {
				runId: 'qb-revoked',
				hook: 'revoke',
				apiOptions: { customerLookup: 'never' },
			});
			const revokedErrors = recorded('qb-revoked', 'errors');
			expect(revokedErrors.length).toBeGreaterThan(0);
			for (const item of revokedErrors)
				expect(String(item.error)).toMatch(/401|Reconnect|invalid_grant|refresh/i);
			expect(sim.sentEmails.length).toBe(before);
			expect(recorded('qb-revoked', 'sent')).toEqual([]);
			expect(revoked.status).toBeDefined();
		}, 120_000);
	});
});

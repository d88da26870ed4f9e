import { startStripeSimulator, type StripeSimulator } from '../../simulators/stripe';
import { runDunning } from './harness';

describe('claims', () => {
	let stripe: StripeSimulator;

	beforeEach(async () => {
		stripe = await startStripeSimulator();
	});
	afterEach(async () => {
		await stripe.stop();
	});

	const claim = (invoiceId: unknown, stepId = 'd7', settings?: Record<string, unknown>) =>
		runDunning(
			stripe,
			[{ invoice: { id: invoiceId }, decision: { stepId } }],
			{ operation: 'claimStep' },
			settings,
		);

	const claimsOf = (result: Awaited<ReturnType<typeof claim>>) =>
		[...result.jsonOf('Stripe Dunning', 0), ...result.jsonOf('Stripe Dunning', 1)].map(
			(item) => item.claim as { claimed: boolean; reason: string },
		);

	describe('Stripe Dunning: Claim Step', () => {
		it('claims a step: appends it to dunning_sent_steps, sets the date and a claim token, on the Done output', async () => {
			const [seeded] = stripe.seedInvoices(1, {
				overrides: () => ({ metadata: { dunning_sent_steps: 'd-3' } }),
			});
			const result = await claim(seeded.id);
			expect(result.error).toBeUndefined();
			const [item] = result.jsonOf('Stripe Dunning', 0);
			expect(item.claim).toMatchObject({
				claimed: true,
				reason: 'claimed',
				stepId: 'd7',
				idempotencyKey: `dunning-claim:${seeded.id}:d7`,
			});
			expect(item.invoice).toMatchObject({ dunning: { sentStepIds: ['d-3', 'd7'] } });
			const metadata = stripe.invoice(seeded.id as string)?.metadata as Record<string, string>;
			expect(metadata.dunning_sent_steps).toBe('d-3,d7');
			expect(metadata.dunning_last_sent_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
			expect(metadata.dunning_claim_d7).toMatch(/:/);
			const [write] = stripe.requests.filter((request) => request.method === 'POST');
			expect(write.headers['idempotency-key']).toBe(`dunning-claim:${seeded.id}:d7`);
		});

		it('refuses a step already sent, and a paid invoice, on the Not Claimed output', async () => {
			const [sent] = stripe.seedInvoices(1, {
				overrides: () => ({ metadata: { dunning_sent_steps: 'd7' } }),
			});
			const [paid] = stripe.seedInvoices(1, {
				overrides: () => ({ status: 'paid', amount_remaining: 0 }),
			});
			expect(claimsOf(await claim(sent.id))).toEqual([
				expect.objectContaining({ claimed: false, reason: 'already_sent' }),
			]);
			const paidResult = await claim(paid.id);
			expect(paidResult.jsonOf('Stripe Dunning', 1)[0].claim).toMatchObject({
				claimed: false,
				reason: 'not_open',
			});
			expect(stripe.requests.filter((request) => request.method === 'POST')).toHaveLength(0);
		});

		it('a claim key of a step survives a concurrent overwrite of dunning_sent_steps', async () => {
			const [seeded] = stripe.seedInvoices(1, {
				overrides: () => ({ metadata: { dunning_claim_d14: 'x:1' } }),
			});
			expect(claimsOf(await claim(seeded.id, 'd14'))[0]).toMatchObject({
				claimed: false,
				reason: 'already_sent',
			});
		});

		it.each([2, 5])(
			'of %i executions racing on one invoice and step, exactly one is told it owns it',
			async (racers) => {
				const [seeded] = stripe.seedInvoices(1);
				// Each request takes 40 ms, so the fresh reads all happen before any write lands.
				stripe.latencyMs = 40;
				const results = await Promise.all(Array.from({ length: racers }, () => claim(seeded.id)));
				const claims = results.flatMap(claimsOf);
				expect(claims.filter((entry) => entry.claimed)).toHaveLength(1);
				expect(
					claims
						.filter((entry) => !entry.claimed)
						.every((entry) => entry.reason === 'claimed_elsewhere'),
				).toBe(true);
				expect(
					(stripe.invoice(seeded.id as string)?.metadata as Record<string, string>)
						.dunning_sent_steps,
				).toBe('d7');
				// Every racer read the invoice before any write: the idempotency key decided, not the fresh read.
				const writes = stripe.requests.filter((request) => request.method === 'POST');
				expect(writes).not.toHaveLength(0);
				expect(writes.filter((request) => request.status === 200)).toHaveLength(1);
			},
			60_000,
		);

		it('a second caller replayed by Stripe (same key, same parameters) is not told it owns the step', async () => {
			const [seeded] = stripe.seedInvoices(1);
			// Another execution's claim was made with this key; its token is in the replayed body, not ours.
			const first = await claim(seeded.id);
			expect(claimsOf(first)[0].claimed).toBe(true);
			// Remove the step from the list so the fresh read lets the second caller reach the write.
			const metadata = stripe.invoice(seeded.id as string)!.metadata as Record<string, string>;
			delete metadata.dunning_claim_d7;
			metadata.dunning_sent_steps = '';
			const second = await claim(seeded.id);
			expect(claimsOf(second)[0]).toMatchObject({ claimed: false, reason: 'claimed_elsewhere' });
		});

		it('our own retry after a lost response is replayed by Stripe and still counts as our claim', async () => {
			const [seeded] = stripe.seedInvoices(1);
			stripe.inject({ fault: { kind: 'dropResponse' }, method: 'POST' });
			const result = await claim(seeded.id);
			expect(result.error).toBeUndefined();
			expect(claimsOf(result)[0]).toMatchObject({ claimed: true, reason: 'claimed' });
			const writes = stripe.requests.filter((request) => request.method === 'POST');
			expect(writes).toHaveLength(2);
			expect(writes[0].headers['idempotency-key']).toBe(writes[1].headers['idempotency-key']);
		}, 30_000);

		it('a step id that cannot be a metadata key is refused, and Continue On Fail keeps the item off Done', async () => {
			const [seeded] = stripe.seedInvoices(1);
			const result = await claim(seeded.id, 'd7[0]', { onError: 'continueRegularOutput' });
			expect(result.jsonOf('Stripe Dunning', 0)).toHaveLength(0);
			expect(result.jsonOf('Stripe Dunning', 1)[0].error).toContain('stepId');
		});
	});

	describe('Stripe Dunning: Claim Step with Allow Paid Invoices (the thank-you, issue 21)', () => {
		const claimThanks = (invoiceId: unknown, allowPaid: boolean) =>
			runDunning(stripe, [{ invoice: { id: invoiceId } }], {
				operation: 'claimStep',
				stepId: 'thanks',
				allowPaid,
			});

		it('claims step "thanks" on a paid invoice: the history reads d7, thanks with the date of the thank-you', async () => {
			const [paid] = stripe.seedInvoices(1, {
				overrides: () => ({
					status: 'paid',
					amount_paid: 12000,
					amount_remaining: 0,
					metadata: { dunning_sent_steps: 'd7', dunning_last_sent_on: '2026-11-20' },
				}),
			});
			const result = await claimThanks(paid.id, true);
			expect(result.error).toBeUndefined();
			const [item] = result.jsonOf('Stripe Dunning', 0);
			expect(item.claim).toMatchObject({ claimed: true, reason: 'claimed', stepId: 'thanks' });
			const metadata = stripe.invoice(paid.id as string)?.metadata as Record<string, string>;
			expect(metadata.dunning_sent_steps).toBe('d7,thanks');
			expect(metadata.dunning_last_sent_on).not.toBe('2026-11-20');
			expect(metadata.dunning_last_sent_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);

			const again = await claimThanks(paid.id, true);
			expect(again.jsonOf('Stripe Dunning', 1)[0].claim).toMatchObject({
				claimed: false,
				reason: 'already_sent',
			});
		});

		it('without the option a paid invoice is still refused (not_open), and a void one is refused with it', async () => {
			const [paid] = stripe.seedInvoices(1, {
				overrides: () => ({ status: 'paid', amount_remaining: 0 }),
			});
			const [voided] = stripe.seedInvoices(1, {
				overrides: () => ({ status: 'void', amount_remaining: 0 }),
			});
			expect(
				(await claimThanks(paid.id, false)).jsonOf('Stripe Dunning', 1)[0].claim,
			).toMatchObject({
				claimed: false,
				reason: 'not_open',
			});
			expect(
				(await claimThanks(voided.id, true)).jsonOf('Stripe Dunning', 1)[0].claim,
			).toMatchObject({ claimed: false, reason: 'not_open' });
			expect(stripe.requests.filter((request) => request.method === 'POST')).toHaveLength(0);
		});
	});
});

// Issue 19: Claim Step enforces the step's approval and needs an address; Release Claim undoes a claim whose
// email certainly did not leave, so the next run sends it.
import { startStripeSimulator, type StripeSimulator } from '../../simulators/stripe';
import { runDunning } from './harness';

describe('approval and release', () => {
	let stripe: StripeSimulator;
	beforeEach(async () => {
		stripe = await startStripeSimulator();
	});
	afterEach(async () => {
		await stripe.stop();
	});

	const FORMAL = {
		id: 'd30',
		audience: 'customer',
		channel: 'email',
		tone: 'formal_notice',
		requiresApproval: true,
		includePenalty: true,
	};

	type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

	const claimItem = (invoiceId: unknown, extra: Json = {}) =>
		runDunning(
			stripe,
			[{ invoice: { id: invoiceId }, decision: { stepId: 'd30' }, step: FORMAL, ...extra }],
			{ operation: 'claimStep' },
			{ onError: 'continueErrorOutput' },
		);
	const metadataOf = (id: unknown) =>
		stripe.invoice(id as string)?.metadata as Record<string, string>;
	const posts = () => stripe.requests.filter((request) => request.method === 'POST');

	describe('Stripe Dunning: Claim Step and approval (issue 19 #1)', () => {
		it('refuses a step that requires approval when the item carries none, with an error naming approval, writing nothing', async () => {
			const [seeded] = stripe.seedInvoices(1);
			const result = await claimItem(seeded.id);
			expect(result.jsonOf('Stripe Dunning', 0)).toEqual([]);
			const [failed] = result.jsonOf('Stripe Dunning', 2);
			expect(failed.error).toMatch(/approval/);
			expect(posts()).toEqual([]);
			expect(metadataOf(seeded.id).dunning_sent_steps ?? '').toBe('');
		});

		it.each([
			['a declined approval', { approval: { approved: false } }],
			['the string "true"', { approval: { approved: 'true' } }],
			['a declined Send and Wait answer', { data: { approved: false } }],
		])('refuses %s', async (_label, extra) => {
			const [seeded] = stripe.seedInvoices(1);
			const result = await claimItem(seeded.id, extra);
			expect(result.jsonOf('Stripe Dunning', 2)[0].error).toMatch(/approval/);
			expect(posts()).toEqual([]);
		});

		it.each([
			['approval.approved === true', { approval: { approved: true } }],
			["the Send and Wait output's data.approved === true", { data: { approved: true } }],
		])('claims it once the item carries %s', async (_label, extra) => {
			const [seeded] = stripe.seedInvoices(1);
			const result = await claimItem(seeded.id, extra);
			expect(result.jsonOf('Stripe Dunning', 0)[0].claim).toMatchObject({ claimed: true });
			expect(metadataOf(seeded.id).dunning_sent_steps).toBe('d30');
		});

		it('claims a step without requiresApproval as before', async () => {
			const [seeded] = stripe.seedInvoices(1);
			const result = await claimItem(seeded.id, { step: { ...FORMAL, requiresApproval: false } });
			expect(result.jsonOf('Stripe Dunning', 0)[0].claim).toMatchObject({ claimed: true });
		});
	});

	describe('Stripe Dunning: Claim Step needs an address for an email step (issue 19 #11)', () => {
		it('refuses, before writing, an email step for an invoice whose customer has no email', async () => {
			const [seeded] = stripe.seedInvoices(1, {
				overrides: () => ({ customer_email: null }),
			});
			const customer = stripe.invoice(seeded.id as string)!.customer;
			if (typeof customer === 'string') stripe.customers.get(customer)!.email = null;
			const result = await claimItem(seeded.id, { approval: { approved: true } });
			expect(result.jsonOf('Stripe Dunning', 0)).toEqual([]);
			expect(result.jsonOf('Stripe Dunning', 2)[0].error).toMatch(/no email address/);
			expect(posts()).toEqual([]);
		});
	});

	describe('Stripe Dunning: Release Claim (issue 19)', () => {
		const release = (invoiceId: unknown, item: Json, parameters: Json = {}) =>
			runDunning(
				stripe,
				[{ invoice: { id: invoiceId }, ...item }],
				{ operation: 'releaseClaim', ...parameters },
				{ onError: 'continueErrorOutput' },
			);
		const claimD7 = async (id: unknown) => {
			const result = await runDunning(stripe, [{ invoice: { id }, decision: { stepId: 'd7' } }], {
				operation: 'claimStep',
			});
			return result.jsonOf('Stripe Dunning', 0)[0] as Json;
		};

		it('after a send refused before acceptance, removes the step, its claim and date, and the next claim succeeds', async () => {
			const [seeded] = stripe.seedInvoices(1, {
				overrides: () => ({
					metadata: { dunning_sent_steps: 'd1', dunning_last_sent_on: '2026-11-03' },
				}),
			});
			const claimed = await claimD7(seeded.id);
			expect(metadataOf(seeded.id).dunning_sent_steps).toBe('d1,d7');
			const result = await release(seeded.id, {
				...claimed,
				error: 'connect ECONNREFUSED 127.0.0.1:2525',
			});
			expect(result.error).toBeUndefined();
			const [released] = result.jsonOf('Stripe Dunning', 0);
			expect(released.release).toMatchObject({
				released: true,
				stepId: 'd7',
				reason: 'not_accepted',
			});
			const metadata = metadataOf(seeded.id);
			expect(metadata.dunning_sent_steps).toBe('d1');
			expect(metadata.dunning_last_sent_on).toBe('2026-11-03');
			expect(released.invoice).toMatchObject({ dunning: { sentStepIds: ['d1'] } });

			// The next run claims the step again (a fresh idempotency key), and only one claim wins.
			const again = await claimD7(seeded.id);
			expect(again.claim).toMatchObject({ claimed: true });
			expect(metadataOf(seeded.id).dunning_sent_steps).toBe('d1,d7');
			const keys = posts().map((request) => request.headers['idempotency-key']);
			expect(new Set(keys.filter((key) => String(key).startsWith('dunning-claim:'))).size).toBe(2);
		});

		it('keeps the claim when the outcome is unknown (a timeout after the message was handed over), on Not Released', async () => {
			const [seeded] = stripe.seedInvoices(1);
			const claimed = await claimD7(seeded.id);
			const result = await release(seeded.id, { ...claimed, error: 'Timeout' });
			expect(result.jsonOf('Stripe Dunning', 0)).toEqual([]);
			expect(result.jsonOf('Stripe Dunning', 1)[0].release).toMatchObject({
				released: false,
				reason: 'outcome_unknown',
			});
			expect(metadataOf(seeded.id).dunning_sent_steps).toBe('d7');
		});

		it('does not release a claim made by another execution (its token differs)', async () => {
			const [seeded] = stripe.seedInvoices(1);
			const claimed = await claimD7(seeded.id);
			const result = await release(seeded.id, {
				...claimed,
				claim: { ...claimed.claim, token: 'someone-else:token' },
				error: 'connect ECONNREFUSED 127.0.0.1:2525',
			});
			expect(result.jsonOf('Stripe Dunning', 1)[0].release).toMatchObject({
				released: false,
				reason: 'claimed_elsewhere',
			});
			expect(metadataOf(seeded.id).dunning_sent_steps).toBe('d7');
		});

		it('with Release When "Always", releases whatever the error; a step never claimed is Not Released', async () => {
			const [seeded] = stripe.seedInvoices(1);
			const claimed = await claimD7(seeded.id);
			const result = await release(
				seeded.id,
				{ ...claimed, error: 'Timeout' },
				{ releaseWhen: 'always' },
			);
			expect(result.jsonOf('Stripe Dunning', 0)[0].release).toMatchObject({ released: true });
			const twice = await release(
				seeded.id,
				{ ...claimed, error: 'Timeout' },
				{ releaseWhen: 'always' },
			);
			expect(twice.jsonOf('Stripe Dunning', 1)[0].release).toMatchObject({
				released: false,
				reason: 'not_claimed',
			});
		});
	});
});

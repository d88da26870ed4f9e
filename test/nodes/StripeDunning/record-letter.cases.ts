// Stripe Dunning's Record Letter (issue 20), through n8n-core's engine against the Stripe simulator: the letter the
// Registered Letter node posted is written on the invoice as `dunning_letter_<step>` metadata, next to the claim.
import { startStripeSimulator, type StripeSimulator } from '../../simulators/stripe';
import {
	letterItem,
	POSTED_LETTER,
	RECORDED_LETTER,
	RECORDED_TEXT,
} from '../../helpers/posted-letter';
import { runDunning } from './harness';

describe('letters', () => {
	let stripe: StripeSimulator;

	beforeEach(async () => {
		stripe = await startStripeSimulator();
	});
	afterEach(async () => {
		await stripe.stop();
	});

	const POSTED = POSTED_LETTER;
	const RECORD = RECORDED_TEXT;

	/** An invoice whose step d30 was claimed (sent steps in its metadata), plus any other metadata. */
	const claimedInvoice = (metadata: Record<string, string> = {}) =>
		stripe.seedInvoices(1, {
			overrides: () => ({
				metadata: {
					dunning_sent_steps: 'd14,d30',
					dunning_last_sent_on: '2026-12-01',
					...metadata,
				},
			}),
		})[0].id as string;

	const record = (items: unknown[], settings?: Record<string, unknown>) =>
		runDunning(stripe, items, { operation: 'recordLetter' }, settings);
	const itemFor = (invoiceId: string, letter: Record<string, unknown> = POSTED, ref = 'a') =>
		letterItem({ id: invoiceId }, letter, ref);
	const metadataOf = (id: string) => stripe.invoice(id)?.metadata as Record<string, string>;
	const writes = () =>
		stripe.requests.filter((request) => request.method === 'POST' && request.status === 200);

	describe('Stripe Dunning: Record Letter', () => {
		it('writes the letter under dunning_letter_d30 and returns it in invoice.dunning.letters and letterRecord', async () => {
			const id = claimedInvoice();
			const result = await record([itemFor(id)]);
			expect(result.error).toBeUndefined();
			expect(metadataOf(id)).toMatchObject({
				dunning_letter_d30: RECORD,
				dunning_sent_steps: 'd14,d30',
			});
			const [item] = result.jsonOf('Stripe Dunning', 0);
			const letter = RECORDED_LETTER;
			expect(item.letterRecord).toEqual({
				change: 'recorded',
				invoiceId: id,
				stepId: 'd30',
				letter,
			});
			expect(item.invoice).toMatchObject({ dunning: { letters: [letter] } });
			// The item keeps what it carried: the letter as posted, the decision.
			expect(item.letter).toEqual(POSTED);
			expect(writes()).toHaveLength(1);
		});

		it('writes nothing when the same letter is recorded again (a retried run)', async () => {
			const id = claimedInvoice();
			await record([itemFor(id)]);
			const again = await record([
				itemFor(id, { ...POSTED, postedAt: null, postedByThisRun: false }),
			]);
			expect(again.error).toBeUndefined();
			expect(again.jsonOf('Stripe Dunning', 0)[0].letterRecord).toMatchObject({
				change: 'unchanged',
			});
			expect(metadataOf(id).dunning_letter_d30).toBe(RECORD);
			expect(writes()).toHaveLength(1);
		});

		it('adds the registered number once Get Status has it, keeping the posting time', async () => {
			const id = claimedInvoice();
			await record([itemFor(id)]);
			const later = await record([
				itemFor(id, { ...POSTED, registeredNumber: '1A00000000001', postedAt: null }),
			]);
			expect(later.jsonOf('Stripe Dunning', 0)[0].letterRecord).toMatchObject({
				change: 'updated',
				letter: { registeredNumber: '1A00000000001', postedAt: POSTED.postedAt },
			});
			expect(metadataOf(id).dunning_letter_d30).toBe(
				`d30|maileva|${POSTED.sendingId}|1A00000000001|2026-12-01T09:30:00.000Z`,
			);
		});

		it('refuses a second letter for the step with an error naming the item and letter.sendingId', async () => {
			const id = claimedInvoice({ dunning_letter_d30: RECORD });
			const result = await record([itemFor(id, { ...POSTED, sendingId: 'another-sending' })]);
			expect(result.status).toBe('error');
			expect(result.error).toMatchObject({
				name: 'NodeOperationError',
				message: expect.stringMatching(
					/^Item 0: letter\.sendingId: "another-sending" \(maileva\) would be a second letter for step d30/,
				),
				description: 'The field "letter.sendingId" of item 0 is not valid.',
			});
			expect(metadataOf(id).dunning_letter_d30).toBe(RECORD);
			expect(writes()).toHaveLength(0);
		});

		it('refuses a step that was not claimed on the invoice, before any write', async () => {
			const [unclaimed] = stripe.seedInvoices(1, {
				overrides: () => ({ metadata: { dunning_sent_steps: 'd14' } }),
			});
			const result = await record([itemFor(unclaimed.id as string)]);
			expect(result.error?.message).toBe(
				`Item 0: stepId: "d30" is not claimed on invoice ${unclaimed.id}: a letter is recorded only for a step Claim Step claimed`,
			);
			expect(metadataOf(unclaimed.id as string)).not.toHaveProperty('dunning_letter_d30');
			expect(writes()).toHaveLength(0);
		});

		it('takes a live claim token as a claim, as Claim Step left it before dunning_sent_steps was rewritten', async () => {
			const [claimed] = stripe.seedInvoices(1, {
				overrides: () => ({ metadata: { dunning_claim_d30: 'exec-1:abc|' } }),
			});
			const result = await record([itemFor(claimed.id as string)]);
			expect(result.error).toBeUndefined();
			expect(metadataOf(claimed.id as string).dunning_letter_d30).toBe(RECORD);
		});

		it("keeps within Stripe's metadata limits: a step id too long for a 40-character key, and a 51st key, are refused before any write", async () => {
			const id = claimedInvoice();
			const long = await record([
				{ ...itemFor(id), decision: { stepId: 'formal-notice-by-post-xyz1' } }, // 26: dunning_letter_ + 26 = 41
			]);
			expect(long.error?.message).toMatch(
				/^Item 0: stepId: "formal-notice-by-post-xyz1" is too long to record a letter on a Stripe invoice: its key dunning_letter_formal-notice-by-post-xyz1 would be over Stripe's 40 characters/,
			);
			expect(stripe.requests).toHaveLength(0);
			const full = Object.fromEntries(
				Array.from({ length: 48 }, (_, index) => [`key_${index}`, 'v']),
			);
			const crowded = claimedInvoice(full); // 48 + the 2 dunning keys = 50
			const refused = await record([itemFor(crowded)]);
			expect(refused.error?.message).toBe(
				`Item 0: invoice.metadata: invoice ${crowded} already has 50 metadata keys, Stripe's maximum: the letter's key dunning_letter_d30 cannot be added (remove keys no longer needed)`,
			);
			expect(writes()).toHaveLength(0);
		});

		it('with Continue On Fail (error output), a refused item goes to the error output and the others are recorded', async () => {
			const good = claimedInvoice();
			const [unclaimed] = stripe.seedInvoices(1);
			const other = claimedInvoice();
			const result = await record(
				[
					itemFor(good, POSTED, 'good'),
					itemFor(unclaimed.id as string, POSTED, 'bad'),
					itemFor(other, POSTED, 'other'),
				],
				{ onError: 'continueErrorOutput' },
			);
			expect(result.jsonOf('Stripe Dunning', 0).map((item) => item.ref)).toEqual(['good', 'other']);
			expect(result.jsonOf('Stripe Dunning', 1)).toEqual([]);
			const [failed] = result.jsonOf('Stripe Dunning', 2);
			expect(failed).toMatchObject({
				ref: 'bad',
				error: expect.stringContaining('Item 1: stepId:'),
			});
			expect(metadataOf(good).dunning_letter_d30).toBe(RECORD);
			expect(metadataOf(other).dunning_letter_d30).toBe(RECORD);
			expect(metadataOf(unclaimed.id as string)).not.toHaveProperty('dunning_letter_d30');
		});
	});
});

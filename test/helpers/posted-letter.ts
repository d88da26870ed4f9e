/**
 * A registered letter as the Registered Letter node leaves it on an item (`json.letter`), and the item Record
 * Letter takes after it: the step decided, the invoice, the letter. Shared by the Record Letter tests of Stripe
 * Dunning, QuickBooks Dunning and the Dunning Ledger, which take the same item.
 */

/** The Registered Letter node's output for a letter it just posted (La Poste's number not known yet). */
export const POSTED_LETTER = {
	provider: 'maileva',
	sendingId: '6f1c2d0e-8b7a-4c1e-9d3f-2a5b6c7d8e9f',
	customId: 'dn-0123456789abcdef0123456789abcdef012',
	status: 'ACCEPTED',
	registeredNumber: null,
	postageClass: null,
	postedAt: '2026-12-01T09:30:00.000Z',
	postedByThisRun: true,
	idempotencyKey: 'source:invoice:d30',
};

/** The record of that letter for step d30, as `letterRecord.letter` and `invoice.dunning.letters` show it. */
export const RECORDED_LETTER = {
	stepId: 'd30',
	provider: 'maileva',
	sendingId: POSTED_LETTER.sendingId,
	registeredNumber: null,
	postedAt: POSTED_LETTER.postedAt,
};

/** Its text in the stores (Stripe metadata value, QuickBooks `letters=` entry, ledger column). */
export const RECORDED_TEXT = `d30|maileva|${POSTED_LETTER.sendingId}||2026-12-01T09:30:00.000Z`;

/** The item after the Registered Letter node: step d30 decided, the invoice, the letter posted. */
export function letterItem(
	invoice: Record<string, unknown>,
	letter: Record<string, unknown> = POSTED_LETTER,
	ref = 'a',
) {
	return { ref, invoice, decision: { stepId: 'd30' }, letter };
}

// Customers answer in the demo (issue 21): three replies to the Stripe full ladder's book arrive on the first
// simulated day, pinned on the reply template's Email Trigger as a person testing it in the editor pins a
// trigger's output (the demo runs no IMAP server; the end-to-end test reads real mail from dovecot).
import type { WorkflowJson } from '../n8n/instance';
import type { StripeSimulator } from '../../test/simulators/stripe';
import type { SeededBook } from '../../test/simulators/stripe/demo-book';

export const REPLY_TRIGGER = 'Customer Replies (IMAP)';

export interface DemoReply {
	/** The invoice of the ladder book the customer writes about. */
	key: string;
	kind: 'promise' | 'dispute' | 'auto_reply';
	subject: (number: string) => string;
	text: string;
}

/** A promise "le 15", a dispute and an out-of-office, each from a customer whose next step is due soon. */
export const DEMO_REPLIES: DemoReply[] = [
	{
		key: 'd7-day2',
		kind: 'promise',
		subject: (number) => `RE: Facture n° ${number}`,
		text: 'Bonjour,\n\nJe vous règle le 15, désolé du retard.\n\nCordialement,\nM. Perrin',
	},
	{
		key: 'd14-day2',
		kind: 'dispute',
		subject: (number) => `RE: Relance concernant la facture n° ${number}`,
		text: "Bonjour,\n\nLe montant est faux : la prestation de novembre n'a jamais été livrée. Merci de nous envoyer un avoir.\n\nBien à vous",
	},
	{
		key: 'd7-day3',
		kind: 'auto_reply',
		subject: (number) => `Réponse automatique : Facture n° ${number}`,
		text: "Bonjour,\n\nJe suis absente du bureau jusqu'au 4 janvier et n'aurai pas accès à mes e-mails.\n\nCordialement",
	},
];

/** The replies whose invoice the book has: a demo of fewer days has no `…-day2`, `…-day3` invoices. */
const repliesIn = (seeded: SeededBook) => DEMO_REPLIES.filter((reply) => seeded.ids[reply.key]);

/** The reply template with the three replies pinned on its Email Trigger, dated `receivedAt`. */
export function withPinnedReplies(
	workflow: WorkflowJson,
	sim: StripeSimulator,
	seeded: SeededBook,
	receivedAt: string,
): WorkflowJson {
	const items = repliesIn(seeded).map((reply) => {
		const invoice = sim.invoice(seeded.ids[reply.key])!;
		const from = String(invoice.customer_email);
		return {
			json: {
				from,
				to: 'billing@example.com',
				subject: reply.subject(String(invoice.number)),
				text: reply.text,
				date: receivedAt,
				headers: reply.kind === 'auto_reply' ? { 'auto-submitted': 'auto-replied' } : {},
			},
		};
	});
	return { ...workflow, pinData: { ...(workflow.pinData as object), [REPLY_TRIGGER]: items } };
}

/** What the replies did to their invoices, read back from the simulator. */
export function replyOutcomes(sim: StripeSimulator, seeded: SeededBook) {
	return repliesIn(seeded).map((reply) => {
		const invoice = sim.invoice(seeded.ids[reply.key])!;
		const metadata = (invoice.metadata ?? {}) as Record<string, string>;
		return {
			...reply,
			number: String(invoice.number),
			promisedOn: metadata.dunning_promised_on ?? null,
			disputed: metadata.dunning_disputed === 'true',
			sentSteps: metadata.dunning_sent_steps ?? '',
		};
	});
}

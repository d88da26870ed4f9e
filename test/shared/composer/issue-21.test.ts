import { composeReminder, reminderThreading } from '../../../nodes/shared/composer';
import { invoicesOfReplyAddresses, parseReminderMessageIds } from '../../../nodes/shared/internal';
import { composeInput, overdueInvoice } from './fixtures';
import { decodeReferences } from '../../helpers/html';

const NNBSP = '\u202f';
const NBSP = '\u00a0';

/** The invoice of the fixtures once paid in full after two reminders. */
const paidInvoice = () =>
	overdueInvoice({
		status: 'paid',
		paidMinor: 123456,
		dueMinor: 0,
		dunning: { ...overdueInvoice().dunning, sentStepIds: ['d7', 'd14'], lastSentOn: '2026-11-29' },
	});

describe('issue 21: the thank-you once a reminded invoice is paid (tone thanks)', () => {
	const expected = {
		fr: {
			subject: 'Merci pour votre règlement de la facture n° F-2026-0142',
			sentence: `Nous avons bien reçu votre paiement de 1${NNBSP}234,56${NBSP}€ pour la facture n° F-2026-0142, qui est désormais entièrement réglée.`,
		},
		en: {
			subject: 'Thank you for your payment of invoice F-2026-0142',
			sentence:
				'We have received your payment of €1,234.56 for invoice F-2026-0142, which is now paid in full.',
		},
		de: {
			subject: 'Vielen Dank für Ihre Zahlung zur Rechnung F-2026-0142',
			sentence: `wir haben Ihre Zahlung über 1.234,56${NBSP}€ für die Rechnung F-2026-0142 erhalten;`,
		},
		es: {
			subject: 'Gracias por el pago de la factura n.º F-2026-0142',
			sentence: `Hemos recibido su pago de 1234,56${NBSP}€ correspondiente a la factura n.º F-2026-0142, que queda totalmente saldada.`,
		},
	} as const;

	for (const [language, { subject, sentence }] of Object.entries(expected)) {
		test(`${language}: thanks with the invoice number and the amount received, in text and HTML, nothing left to pay asked`, () => {
			const reminder = composeReminder(
				composeInput({ invoice: paidInvoice(), tone: 'thanks', language, stepId: undefined }),
			);
			expect(reminder.templateId).toBe(`builtin:${language}/thanks`);
			expect(reminder.subject).toBe(subject);
			expect(reminder.text).toContain(sentence);
			const html = decodeReferences(reminder.html);
			expect(html).toContain('F-2026-0142');
			expect(html).toContain(sentence);
			// A thank-you asks for nothing: no payment link, no amount due, no overdue wording.
			expect(reminder.text).not.toContain('https://');
			expect(html).not.toContain('invoice.stripe.com');
			expect(reminder.text).toMatchSnapshot('text');
		});
	}

	test('refuses an invoice that still owes money or has received nothing', () => {
		expect(() => composeReminder(composeInput({ tone: 'thanks' }))).toThrow(
			'tone: "thanks" is for a paid invoice: invoice F-2026-0142 has 0 received and 123456 still due (minor units)',
		);
		const part = overdueInvoice({ paidMinor: 100000, dueMinor: 23456 });
		expect(() => composeReminder(composeInput({ invoice: part, tone: 'thanks' }))).toThrow(
			'"thanks" is for a paid invoice',
		);
	});

	test('a broken promise does not turn a thank-you into a firm letter', () => {
		const reminder = composeReminder(
			composeInput({ invoice: paidInvoice(), tone: 'thanks', brokenPromiseOn: '2026-11-20' }),
		);
		expect(reminder.templateId).toBe('builtin:fr/thanks');
	});
});

describe('issue 21: reminderThreading, the Message-ID and Reply-To of a message', () => {
	const key = 'stripe:in_1QxA2bC3dE4fG5h:d7';

	test('Message-ID under the sender’s domain, read back to the invoice by parseReminderMessageIds', () => {
		const { messageId, replyTo } = reminderThreading(key, {
			senderEmail: 'factures@Studio-Lumiere.fr',
			replyToMailbox: null,
			customerFacing: true,
		});
		expect(messageId).toBe('<dunning.c3RyaXBlOmluXzFReEEyYkMzZEU0Zkc1aDpkNw@studio-lumiere.fr>');
		expect(replyTo).toBeNull();
		expect(parseReminderMessageIds({ 'In-Reply-To': messageId })).toEqual({
			idempotencyKeys: [key],
			invoiceIds: ['in_1QxA2bC3dE4fG5h'],
		});
	});

	test('plus-addressed Reply-To from the mailbox, matched back to the invoice', () => {
		const { replyTo } = reminderThreading(key, {
			senderEmail: 'factures@studio-lumiere.fr',
			replyToMailbox: 'billing@studio-lumiere.fr',
			customerFacing: true,
		});
		expect(replyTo).toMatch(/^billing\+dunning-i[0-9a-f]{10}@studio-lumiere\.fr$/);
		const invoice = overdueInvoice();
		expect(invoicesOfReplyAddresses(`Billing <${replyTo}>`, [invoice])).toEqual([invoice]);
	});

	test('without a Sender Email the Reply-To mailbox gives the domain; with neither, no Message-ID', () => {
		expect(
			reminderThreading(key, {
				senderEmail: null,
				replyToMailbox: 'billing@ar.example',
				customerFacing: true,
			}).messageId,
		).toMatch(/@ar\.example>$/);
		expect(
			reminderThreading(key, { senderEmail: null, replyToMailbox: null, customerFacing: true }),
		).toEqual({ messageId: null, replyTo: null });
	});

	test('an internal summary gets a Message-ID but no Reply-To', () => {
		expect(
			reminderThreading(key, {
				senderEmail: 'a@b.example',
				replyToMailbox: 'billing@b.example',
				customerFacing: false,
			}),
		).toEqual({ messageId: expect.stringMatching(/@b\.example>$/), replyTo: null });
	});

	test('a sender or mailbox that is not a bare address is an error naming the option', () => {
		const options = { senderEmail: null, replyToMailbox: null, customerFacing: true };
		expect(() =>
			reminderThreading(key, { ...options, senderEmail: 'Studio <factures@studio.fr>' }),
		).toThrow('senderEmail: "Studio <factures@studio.fr>" is not a bare email address');
		expect(() => reminderThreading(key, { ...options, replyToMailbox: 'billing' })).toThrow(
			'replyToMailbox: "billing" is not a bare email address',
		);
		expect(() => reminderThreading(key, { ...options, senderEmail: 'a@exa_mple.fr' })).toThrow(
			'senderEmail: "exa_mple.fr" is not a domain name',
		);
	});
});

import { CustomerReply } from '../../../nodes/CustomerReply/CustomerReply.node';
import { reminderMessageId, reminderReplyTo } from '../../../nodes/shared/internal';
import { stripeFixture } from '../../helpers/fixtures';
import { itemsIntoNode } from '../../helpers/items-workflow';
import { runWorkflow } from '../../helpers/run-workflow';
import { makeInvoice } from '../../shared/invoice-factory';

const TYPE = 'n8n-nodes-dunning.customerReply';
const nodeTypes = { [TYPE]: new CustomerReply() };
const NODE = 'Customer Reply';
const [PROMISE, DISPUTE, CLAIMED, PERSON, IGNORED, ERRORS] = [0, 1, 2, 3, 4, 5];

const run = (
	items: unknown[],
	parameters: Record<string, unknown> = {},
	settings: Record<string, unknown> = {},
) =>
	runWorkflow(
		itemsIntoNode(items, {
			name: NODE,
			type: TYPE,
			parameters: { operation: 'classify', timezone: 'Europe/Paris', ...parameters },
			settings,
		}),
		{ nodeTypes },
	);

const FRIDAY = '2026-11-27T10:12:00+01:00';
const invoice = makeInvoice({ id: 'inv-1', number: 'F-2026-001' });
const reply = (text: string, extra: Record<string, unknown> = {}) => ({
	from: 'Claire <compta@vauclair.example>',
	subject: 'Re: Rappel amical concernant la facture n° F-2026-001',
	text,
	date: FRIDAY,
	invoices: [invoice],
	...extra,
});
type Reply = { kind: string; promisedOn: string | null; invoiceIds: string[]; evidence: string };
const replyOf = (json: Record<string, unknown>) => json.reply as Reply & Record<string, unknown>;

describe('Customer Reply node (Classify) in the n8n engine', () => {
	it('routes each reply to Promise, Dispute, Payment Claimed, Needs a Person or Ignored, paired and with its data', async () => {
		const result = await run([
			reply('Bonjour,\nJe vous règle le 15, désolé du retard.\nCordialement'),
			reply('Le montant est faux : nous avions convenu de 950 €.'),
			reply('Le virement a été effectué hier, référence VIR-2026-4471.'),
			reply('Pourrions-nous payer en trois fois ?'),
			reply('Je suis absente du bureau jusqu’au 7 décembre.', {
				headers: { 'auto-submitted': 'auto-replied' },
			}),
			reply('Pouvez-vous me renvoyer la facture ?'),
		]);
		expect(result.error).toBeUndefined();

		const promise = result.outputOf(NODE, PROMISE);
		expect(promise.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(replyOf(promise[0].json)).toMatchObject({
			kind: 'promise',
			promisedOn: '2026-12-15',
			invoiceIds: ['inv-1'],
			matchedBy: 'number',
			language: 'fr',
			confidence: 'rule',
			evidence: 'Je vous règle le 15, désolé du retard.',
			text: 'Bonjour,\nJe vous règle le 15, désolé du retard.',
			from: 'Claire <compta@vauclair.example>',
			receivedAt: '2026-11-27T09:12:00.000Z',
		});
		expect(promise[0].json.subject).toBe('Re: Rappel amical concernant la facture n° F-2026-001');

		const dispute = result.outputOf(NODE, DISPUTE);
		expect(dispute.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
		expect(replyOf(dispute[0].json).reason).toBe(
			'Le montant est faux : nous avions convenu de 950 €.',
		);
		const claimed = result.outputOf(NODE, CLAIMED);
		expect(replyOf(claimed[0].json).paymentReference).toBe('VIR-2026-4471');
		expect(
			result.outputOf(NODE, PERSON).map((item) => [item.pairedItem, replyOf(item.json).kind]),
		).toEqual([
			[{ item: 3 }, 'payment_plan'],
			[{ item: 5 }, 'needs_person'],
		]);
		expect(result.outputOf(NODE, IGNORED).map((item) => replyOf(item.json).kind)).toEqual([
			'auto_reply',
		]);
	});

	it('reads the Email Trigger (IMAP) "Resolved" format: parsed addresses, header lines and threading fields', async () => {
		const messageId = reminderMessageId('generic:inv-2:d14', 'atelier-dunning.example');
		const resolved = {
			attributes: { uid: 7 },
			headers: {
				'in-reply-to': `In-Reply-To: ${messageId}`,
				subject: 'Subject: Re: Relance',
			},
			html: false,
			text: 'Hi, we will pay next Tuesday.\n\nOn Fri, 20 Nov 2026, Accounts wrote:\n> Please pay by Friday.',
			textAsHtml: '<p>Hi, we will pay next Tuesday.</p>',
			subject: 'Re: Relance',
			date: '2026-11-27T09:12:00.000Z',
			to: {
				value: [{ address: 'billing@atelier-dunning.example', name: '' }],
				text: 'billing@atelier-dunning.example',
			},
			from: {
				value: [{ address: 'accounts@harbourline.example', name: 'Tom Reilly' }],
				text: '"Tom Reilly" <accounts@harbourline.example>',
			},
			messageId: '<reply-1@harbourline.example>',
			inReplyTo: messageId,
			references: ['<older@harbourline.example>', messageId],
		};
		const result = await run([resolved]);
		expect(result.error).toBeUndefined();
		const [item] = result.outputOf(NODE, PROMISE);
		expect(replyOf(item.json)).toMatchObject({
			kind: 'promise',
			promisedOn: '2026-12-01',
			invoiceIds: ['inv-2'],
			matchedBy: 'thread',
			language: 'en',
			from: 'Tom Reilly <accounts@harbourline.example>',
		});
		expect(item.json.attributes).toEqual({ uid: 7 });
	});

	it('reads the "Simple" format: textPlain, headers under metadata and an RFC 2822 date', async () => {
		const simple = {
			textHtml: '<div>Wir überweisen am Freitag.</div>',
			textPlain: 'Wir überweisen am Freitag.\r\n',
			metadata: { 'message-id': '<x@mueller.example>', 'auto-submitted': 'no' },
			attributes: { uid: 9 },
			from: 'Hans Müller <buchhaltung@mueller-technik.example>',
			to: 'rechnung@atelier-dunning.example',
			subject: 'AW: Zahlungserinnerung',
			date: 'Fri, 27 Nov 2026 10:12:00 +0100',
		};
		const result = await run([simple], {
			openInvoices: JSON.stringify([
				makeInvoice({ id: 'inv-de', customer: { email: 'buchhaltung@mueller-technik.example' } }),
			]),
		});
		expect(result.error).toBeUndefined();
		expect(replyOf(result.outputOf(NODE, PROMISE)[0].json)).toMatchObject({
			kind: 'promise',
			promisedOn: '2026-12-04',
			invoiceIds: ['inv-de'],
			matchedBy: 'sender',
			language: 'de',
		});
	});

	it('matches a reply sent to the plus-addressed Reply-To, as the Resolved format lists recipients', async () => {
		const address = reminderReplyTo('billing@atelier-dunning.example', 'generic:inv-9:d7');
		const resolved = {
			from: {
				value: [{ address: 'someone@elsewhere.example', name: '' }],
				text: 'someone@elsewhere.example',
			},
			to: { value: [{ address, name: 'Billing' }], text: `Billing <${address}>` },
			subject: 'Payment',
			text: 'We will pay on Monday.',
			date: '2026-11-27T09:12:00.000Z',
			headers: {},
		};
		const result = await run([resolved], {
			openInvoices: JSON.stringify([makeInvoice({ id: 'inv-8' }), makeInvoice({ id: 'inv-9' })]),
		});
		expect(replyOf(result.outputOf(NODE, PROMISE)[0].json)).toMatchObject({
			invoiceIds: ['inv-9'],
			matchedBy: 'address',
		});
	});

	it('takes the open invoices from an expression, raw Stripe invoices and items holding an invoice alike', async () => {
		const stripe = stripeFixture<Record<string, unknown>>('invoice-open-send-invoice');
		const items = [
			{
				...reply('We will pay invoice VAUCLAIR-0006 on Monday.', {
					invoices: undefined,
					subject: 'Re: Your invoice',
				}),
				open: [stripe, { invoice: invoice }],
			},
		];
		const result = await run(items, { openInvoices: '={{ $json.open }}' });
		expect(result.error).toBeUndefined();
		expect(replyOf(result.outputOf(NODE, PROMISE)[0].json)).toMatchObject({
			invoiceIds: [stripe.id],
			matchedBy: 'number',
			promisedOn: '2026-11-30',
		});
	});

	it('resolves the promised date in the Time Zone parameter: 23:30 UTC on 30 November is already December in Paris', async () => {
		const late = reply('Paiement fin du mois.', { date: '2026-11-30T23:30:00Z' });
		const paris = await run([late], { timezone: 'Europe/Paris' });
		const utc = await run([late], { timezone: 'UTC' });
		expect(replyOf(paris.outputOf(NODE, PROMISE)[0].json).promisedOn).toBe('2026-12-31');
		expect(replyOf(utc.outputOf(NODE, PROMISE)[0].json).promisedOn).toBe('2026-11-30');
	});

	it('with "Continue (using error output)" sends an unreadable reply to the error output and classifies the others', async () => {
		const result = await run(
			[
				reply('Je vous règle vendredi.'),
				{ subject: 'no sender', text: 'Je paie demain.' },
				reply('Le montant est faux.'),
			],
			{},
			{ onError: 'continueErrorOutput' },
		);
		expect(result.error).toBeUndefined();
		expect(result.outputOf(NODE, PROMISE).map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
		expect(result.outputOf(NODE, DISPUTE).map((item) => item.pairedItem)).toEqual([{ item: 2 }]);
		const errors = result.outputOf(NODE, ERRORS);
		expect(errors).toHaveLength(1);
		expect(errors[0].json).toMatchObject({
			subject: 'no sender',
			error: expect.stringContaining('Item 1: from:'),
		});
		expect(result.outputOf(NODE, IGNORED)).toEqual([]);
	});

	it('with "Continue" keeps an unreadable reply on Needs a Person, never on Ignored', async () => {
		const result = await run(
			[{ subject: 'x', text: 'y' }],
			{},
			{ onError: 'continueRegularOutput' },
		);
		expect(result.outputOf(NODE, PERSON)[0].json).toMatchObject({
			subject: 'x',
			error: expect.stringContaining('from'),
		});
		expect(result.outputOf(NODE, IGNORED)).toEqual([]);
	});

	it('without Continue On Fail stops on the bad item, naming the item and the field', async () => {
		const result = await run([reply('ok'), reply('Je paie demain.', { date: 'not a date' })]);
		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			message: 'Item 1: date: "not a date" is not a date',
			context: { itemIndex: 1 },
		});
	});

	it('refuses the Email Trigger "Raw" format with a hint to choose Resolved or Simple', async () => {
		const result = await run([{ raw: 'Je vous règle vendredi.' }]);
		expect(result.error).toMatchObject({
			message: expect.stringContaining(
				'raw: the "Raw" format of the Email Trigger (IMAP) has no headers',
			),
		});
	});

	it('names the bad entry of the open invoices', async () => {
		const result = await run([
			reply('Je vous règle vendredi.', { invoices: [{ ...invoice, dueDate: '2026-13-01' }] }),
		]);
		expect(result.error).toMatchObject({
			message: expect.stringContaining('invoices[0].dueDate: "2026-13-01" is not a date'),
		});
	});
});

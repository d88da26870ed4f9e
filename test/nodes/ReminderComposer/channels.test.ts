// Issue 20 through the node, in a workflow (test/helpers/run-workflow.ts): the letter of a Letter step or a
// formal notice as binary data whose text (pdftotext) states the email's amounts, and the SMS of an SMS step
// with its length rules, or the email fallback and its reason.
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { ReminderComposer } from '../../../nodes/ReminderComposer/ReminderComposer.node';
import { smsLength } from '../../../nodes/shared/sms';
import { runWorkflow, type WorkflowJson } from '../../helpers/run-workflow';
import { frPenalty, letterInvoice, pdfText, renderPng } from '../../shared/letter-pdf/fixtures';
import { makeInvoice, type InvoiceOverrides } from '../../shared/invoice-factory';

const nodeTypes = { 'n8n-nodes-dunning.reminderComposer': new ReminderComposer() };

const LETTER_OPTIONS = {
	senderCompany: 'Studio Lumière SAS',
	senderStreet: '4 place Bellecour',
	senderPostalCode: '69002',
	senderCity: 'Lyon',
	senderCountry: 'FR',
	letterDate: '2026-12-04',
};

const BASE: INodeParameters = {
	senderName: 'Studio Lumière',
	senderEmail: 'factures@studio-lumiere.fr',
	letterOptions: LETTER_OPTIONS,
};

function workflow(items: unknown[], parameters: INodeParameters): WorkflowJson {
	const node = (id: string, name: string, type: string, x: number, params: INodeParameters) => ({
		id,
		name,
		type,
		typeVersion: 1,
		position: [x, 0] as [number, number],
		parameters: params,
	});
	return {
		nodes: [
			node('1', 'Start', 'n8n-nodes-base.manualTrigger', 0, {}),
			node('2', 'Invoices', 'test.items', 200, { items: JSON.stringify(items) }),
			node('3', 'Reminder Composer', 'n8n-nodes-dunning.reminderComposer', 400, {
				...BASE,
				...parameters,
			}),
		],
		connections: {
			Start: { main: [[{ node: 'Invoices', type: 'main', index: 0 }]] },
			Invoices: { main: [[{ node: 'Reminder Composer', type: 'main', index: 0 }]] },
		},
	};
}

const run = (items: unknown[], parameters: INodeParameters = {}) =>
	runWorkflow(workflow(items, parameters), { nodeTypes });

/** An item as Dunning Scenario leaves it: the invoice, the due decision and its step. */
function stepItem(
	invoice: ReturnType<typeof makeInvoice>,
	step: { id: string; tone: string; channel: string; requiresApproval?: boolean },
	extra: IDataObject = {},
) {
	return {
		invoice,
		decision: {
			action: 'send',
			reason: 'step_due',
			stepId: step.id,
			daysOverdue: 32,
			nextActionOn: null,
			idempotencyKey: `${invoice.source}:${invoice.id}:${step.id}`,
			message: 'Step due.',
		},
		step: {
			offsetDays: 30,
			dayCount: 'calendar',
			audience: 'customer',
			requiresApproval: false,
			includePenalty: true,
			...step,
		},
		...extra,
	};
}

const noticeInvoice = (overrides: InvoiceOverrides = {}) =>
	letterInvoice({ id: 'in_42', number: 'F-2026-042', source: 'stripe', ...overrides });

const noticeItem = (channel = 'letter', overrides: InvoiceOverrides = {}) => {
	const invoice = noticeInvoice(overrides);
	return stepItem(
		invoice,
		{ id: 'd30', tone: 'formal_notice', channel, requiresApproval: true },
		{ penalty: frPenalty(invoice) },
	);
};

/** Amounts as a French text writes them ("1 234,56 €"), spaces made plain (pdftotext's and Intl's differ). */
function frenchAmounts(text: string): string[] {
	const plain = text.replace(/[\u00a0\u202f]/g, ' ');
	return [...plain.matchAll(/\d{1,3}(?: \d{3})*,\d{2} €/g)].map((match) => match[0]);
}

const plainSpaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ').replace(/[ \t]+/g, ' ');

type Json = Record<string, unknown> & { reminder: IDataObject; letter?: IDataObject };

describe('Reminder Composer: the formal notice as a PDF letter (issue 20)', () => {
	it('a Letter step gets binary "letter" (application/pdf, file name) and json.letter with the email’s idempotency key', async () => {
		const result = await run([noticeItem()]);
		expect(result.error).toBeUndefined();
		const [out] = result.outputOf('Reminder Composer');
		const json = out.json as Json;
		expect(out.binary?.letter).toMatchObject({
			mimeType: 'application/pdf',
			fileName: 'mise-en-demeure-F-2026-042.pdf',
			fileExtension: 'pdf',
		});
		expect(json.letter).toMatchObject({
			fileName: 'mise-en-demeure-F-2026-042.pdf',
			binaryProperty: 'letter',
			date: '2026-12-04',
			language: 'fr',
			invoiceIds: ['in_42'],
			idempotencyKey: 'stripe:in_42:d30',
			delivery: 'registered',
		});
		expect(json.reminder.idempotencyKey).toBe('stripe:in_42:d30');
		expect(json.reminder.channel).toBe('letter');
		const pdf = Buffer.from(out.binary!.letter.data, 'base64');
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
		renderPng(pdf, 'composer-node-letter');
	});

	it('the PDF’s text (pdftotext) states exactly the amounts of the email, each as many times', async () => {
		const result = await run([noticeItem()]);
		const [out] = result.outputOf('Reminder Composer');
		const email = (out.json as Json).reminder.text as string;
		const text = pdfText(Buffer.from(out.binary!.letter.data, 'base64'));
		const amounts = frenchAmounts(email);
		// Principal, interest, compensation, total: the statutory penalty table.
		expect(amounts.length).toBeGreaterThanOrEqual(4);
		// Sorted: the amount column of the penalty table is extracted beside its labels, not in reading order.
		expect(frenchAmounts(text).sort()).toEqual(amounts.sort());
		expect(plainSpaces(text)).toContain('Lettre recommandée avec accusé de réception');
		expect(plainSpaces(text)).toContain('Lyon, le 4 décembre 2026');
		expect(plainSpaces(text)).toContain('12 rue de l’Église');
	});

	it('renders the same bytes for the same input and letter date', async () => {
		const [first, second] = await Promise.all([run([noticeItem()]), run([noticeItem()])]);
		const bytes = (result: typeof first) =>
			result.outputOf('Reminder Composer')[0].binary!.letter.data;
		expect(bytes(first)).toBe(bytes(second));
	});

	it('an email formal notice gets its letter only with "Attach Formal Notice Letter (PDF)"', async () => {
		const without = await run([noticeItem('email')]);
		expect(without.outputOf('Reminder Composer')[0].binary).toBeUndefined();
		expect((without.outputOf('Reminder Composer')[0].json as Json).letter).toBeUndefined();

		const withOption = await run([noticeItem('email')], { attachLetter: true });
		const [out] = withOption.outputOf('Reminder Composer');
		expect(out.binary?.letter.mimeType).toBe('application/pdf');
		expect((out.json as Json).reminder.channel).toBe('email');
	});

	it('a friendly email step gets no letter, even with the option', async () => {
		const invoice = noticeInvoice();
		const result = await run(
			[stepItem(invoice, { id: 'd7', tone: 'friendly', channel: 'email' })],
			{
				attachLetter: true,
			},
		);
		expect(result.outputOf('Reminder Composer')[0].binary).toBeUndefined();
	});

	it('the letter of a custom template says word for word what the email says', async () => {
		const result = await run([noticeItem()], {
			customTemplate: true,
			subjectTemplate: 'Mise en demeure : facture {{number}}',
			textTemplate:
				'{{salutation}}\n\nLa facture {{number}} de {{amountDue}} reste impayée. Réglez-la sous huit jours.\n\nLa direction',
		});
		expect(result.error).toBeUndefined();
		const [out] = result.outputOf('Reminder Composer');
		const text = plainSpaces(pdfText(Buffer.from(out.binary!.letter.data, 'base64')));
		expect(text).toContain('La facture F-2026-042 de 1 200,00 € reste impayée.');
		expect(text).toContain('Mise en demeure : facture F-2026-042');
	});

	it('keeps the item’s own binary data next to the letter, under the chosen property', async () => {
		const item = { ...noticeItem(), binary: undefined };
		const result = await run([item], {
			letterOptions: { ...LETTER_OPTIONS, binaryPropertyName: 'notice' },
		});
		const [out] = result.outputOf('Reminder Composer');
		expect(Object.keys(out.binary ?? {})).toEqual(['notice']);
		expect((out.json as Json).letter).toMatchObject({ binaryProperty: 'notice' });
	});

	it('refuses a letter without the sender city, naming the option', async () => {
		const result = await run([noticeItem()], {
			letterOptions: { ...LETTER_OPTIONS, senderCity: '' },
		});
		expect(result.error?.message).toContain('senderAddress.city');
	});

	it('sends a letter step to a customer without a postal address by email, with the reason recorded and no PDF', async () => {
		const invoice = makeInvoice({ id: 'in_9', number: 'F-9', source: 'stripe' });
		const result = await run([
			stepItem(invoice, { id: 'd30', tone: 'formal_notice', channel: 'letter' }),
		]);
		expect(result.error).toBeUndefined();
		const [out] = result.outputOf('Reminder Composer');
		expect(out.binary).toBeUndefined();
		expect((out.json as Json).letter).toBeUndefined();
		expect((out.json as Json).reminder).toMatchObject({
			channel: 'email',
			fallback: {
				from: 'letter',
				to: 'email',
				reason: 'no postal address',
				detail: 'invoice F-9: the customer has no billing address',
			},
		});
	});
});

describe('Reminder Composer: the SMS of an SMS step (issue 20)', () => {
	const smsItem = (customer: InvoiceOverrides['customer'], tone = 'friendly', id = 'in_7') =>
		stepItem(makeInvoice({ id, number: `F-${id}`, source: 'stripe', customer: { ...customer } }), {
			id: 'd7',
			tone,
			channel: 'sms',
		});

	it('writes reminder.sms with the E.164 number, its text, encoding, segments and characters', async () => {
		const result = await run([smsItem({ phone: '06 12 34 56 78', country: 'FR' })]);
		expect(result.error).toBeUndefined();
		const reminder = (result.outputOf('Reminder Composer')[0].json as Json).reminder;
		const sms = reminder.sms as { text: string } & IDataObject;
		expect(reminder.channel).toBe('sms');
		expect(reminder.fallback).toBeUndefined();
		expect(sms).toMatchObject({
			to: '+33612345678',
			encoding: 'GSM-7',
			segments: 1,
			idempotencyKey: 'stripe:in_7:d7',
		});
		expect(sms.text).toContain('F-in_7');
		expect(sms.text).toContain('1 200,00 €');
		expect(sms.text).toContain('https://pay.example/inv-1');
		expect(sms).toMatchObject({
			characters: [...sms.text].length,
			segments: smsLength(sms.text).segments,
			units: smsLength(sms.text).units,
		});
	});

	it('counts UCS-2 when the text needs it (a sender name with ê): 70 units, then parts of 67', async () => {
		const result = await run([smsItem({ phone: '+33 6 12 34 56 78' }, 'formal_notice')], {
			senderName: 'Forêt & Fenêtres',
		});
		const sms = (result.outputOf('Reminder Composer')[0].json as Json).reminder.sms as {
			text: string;
			encoding: string;
			segments: number;
			units: number;
		};
		expect(sms.encoding).toBe('UCS-2');
		expect(sms.units).toBeGreaterThan(70);
		expect(sms.segments).toBe(Math.ceil(sms.units / 67));
	});

	it('falls back to the email without a phone number, and records why', async () => {
		const result = await run([smsItem({ phone: null })]);
		const reminder = (result.outputOf('Reminder Composer')[0].json as Json).reminder;
		expect(reminder.channel).toBe('email');
		expect(reminder.sms).toBeUndefined();
		expect(reminder.fallback).toEqual({
			from: 'sms',
			to: 'email',
			reason: 'no mobile number',
			detail: 'the customer has no phone number',
		});
		expect(reminder.to).toBe('compta@vauclair.example');
	});

	it('falls back to the email for a French landline (01...), a landline cannot receive an SMS', async () => {
		const result = await run([smsItem({ phone: '01 84 60 12 34', country: 'FR' })]);
		const reminder = (result.outputOf('Reminder Composer')[0].json as Json).reminder;
		expect(reminder.fallback).toMatchObject({ reason: 'no mobile number' });
		expect((reminder.fallback as IDataObject).detail).toContain('+33184601234');
	});

	it('sends the SMS to a customer without an email address (the email is only a copy)', async () => {
		const result = await run([smsItem({ phone: '+33612345678', email: null })]);
		expect(result.error).toBeUndefined();
		const reminder = (result.outputOf('Reminder Composer')[0].json as Json).reminder;
		expect(reminder).toMatchObject({ channel: 'sms', to: null });
	});

	it('fails the item when neither a mobile number nor an email address exists', async () => {
		const result = await run([smsItem({ phone: null, email: null })]);
		expect(result.error?.message).toContain('no email address');
	});

	it('in "one message per customer" mode, an SMS stays one message per invoice', async () => {
		const customer = { id: 'cus_1', phone: '+33612345678' };
		const result = await run(
			[smsItem(customer, 'friendly', 'a'), smsItem(customer, 'friendly', 'b')],
			{
				mode: 'customer',
			},
		);
		const out = result.outputOf('Reminder Composer');
		expect(out).toHaveLength(2);
		expect(
			out.map((entry) => ((entry.json as Json).reminder.sms as IDataObject).idempotencyKey),
		).toEqual(['stripe:a:d7', 'stripe:b:d7']);
	});
});

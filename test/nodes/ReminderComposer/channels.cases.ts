// Issue 20 through the node, in a workflow (test/helpers/run-workflow.ts): the letter of a Letter step or a
// formal notice as binary data, and the SMS of an SMS step with its length rules, or the email fallback and its
// reason. What the letter's text says (pdftotext) is checked in channels-letter-text.integration.test.ts.
import type { IDataObject } from 'n8n-workflow';

import { smsLength } from '../../../nodes/shared/sms';
import { makeInvoice, type InvoiceOverrides } from '../../shared/invoice-factory';
import {
	LETTER_OPTIONS,
	noticeInvoice,
	noticeItem,
	run,
	stepItem,
	type Json,
} from './channels-fixtures';

describe('letters and SMS', () => {
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

		it('keeps the item’s own binary data next to the letter, under the chosen property', async () => {
			const item = { ...noticeItem(), binary: undefined };
			const result = await run([item], {
				letterOptions: { ...LETTER_OPTIONS, binaryPropertyName: 'notice' },
			});
			const [out] = result.outputOf('Reminder Composer');
			expect(Object.keys(out.binary ?? {})).toEqual(['notice']);
			expect((out.json as Json).letter).toMatchObject({ binaryProperty: 'notice' });
		});

		it('refuses a letter without the sender city, naming the Letter Options field the user must set', async () => {
			const result = await run([noticeItem()], {
				letterOptions: { ...LETTER_OPTIONS, senderCity: '' },
			});
			expect(result.error?.message).toContain('letterOptions.senderCity');
			expect(result.error?.message).toContain('Letter Options → Sender City');
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
			stepItem(
				makeInvoice({ id, number: `F-${id}`, source: 'stripe', customer: { ...customer } }),
				{
					id: 'd7',
					tone,
					channel: 'sms',
				},
			);

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
});

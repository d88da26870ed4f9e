import { COMPOSER_LANGUAGES } from '../../../nodes/shared/composer/language';
import { formatMoney } from '../../../nodes/shared/composer/format';
import { DunningInputError } from '../../../nodes/shared/errors';
import { composeSms, smsLength, SMS_TEMPLATES, type SmsTone } from '../../../nodes/shared/sms';
import { makeInvoice } from '../invoice-factory';

const sender = { name: 'Boulangerie Martin' };
const invoice = makeInvoice();

describe('smsLength: GSM 03.38 and UCS-2 segment rules', () => {
	it('counts 160 GSM-7 characters as one message and 161 as two parts of 153', () => {
		expect(smsLength('a'.repeat(160))).toEqual({
			encoding: 'GSM-7',
			characters: 160,
			units: 160,
			segments: 1,
		});
		expect(smsLength('a'.repeat(161)).segments).toBe(2);
		expect(smsLength('a'.repeat(306)).segments).toBe(2);
		expect(smsLength('a'.repeat(307)).segments).toBe(3);
	});

	it('counts € and the other extension characters as two septets', () => {
		expect(smsLength('€')).toMatchObject({ encoding: 'GSM-7', characters: 1, units: 2 });
		expect(smsLength('[]{}\\^~|').units).toBe(16);
		expect(smsLength('a'.repeat(158) + '€').segments).toBe(1);
		expect(smsLength('a'.repeat(159) + '€').segments).toBe(2);
	});

	it('never splits an escape and its extension character across two parts', () => {
		// 152 septets then € (2): it cannot end part 1 at septet 153, so a third part is not needed only if it moves.
		const text = 'a'.repeat(152) + '€' + 'a'.repeat(152);
		expect(smsLength(text)).toMatchObject({ encoding: 'GSM-7', units: 306, segments: 3 });
		expect(smsLength('a'.repeat(151) + '€' + 'a'.repeat(153)).segments).toBe(2);
	});

	it('keeps é, è, à, ù, ì, ò, Ç, ä, ö, ñ, ü, ß in GSM-7 and sends ê, ç, ô, â, á, í, ’ and no-break spaces as UCS-2', () => {
		expect(smsLength('éèàùìòÇäöñüßÉÄÖÑÜ¿¡§£¥').encoding).toBe('GSM-7');
		for (const character of [
			'ê',
			'ç',
			'ô',
			'â',
			'á',
			'í',
			'ó',
			'ú',
			'’',
			'°',
			'\u00a0',
			'\u202f',
		]) {
			expect(smsLength(`facture ${character}`).encoding).toBe('UCS-2');
		}
	});

	it('counts 70 UCS-2 units as one message, 71 as two parts of 67, an emoji as two units never split', () => {
		expect(smsLength('ê'.repeat(70))).toEqual({
			encoding: 'UCS-2',
			characters: 70,
			units: 70,
			segments: 1,
		});
		expect(smsLength('ê'.repeat(71)).segments).toBe(2);
		expect(smsLength('ê'.repeat(134)).segments).toBe(2);
		expect(smsLength('ê'.repeat(135)).segments).toBe(3);
		expect(smsLength('😀')).toMatchObject({ characters: 1, units: 2, segments: 1 });
		expect(smsLength('ê'.repeat(66) + '😀' + 'ê'.repeat(66)).segments).toBe(3);
	});
});

describe('composeSms: the short text of an sms step', () => {
	it('gives the invoice number, the amount as the email prints it, the due date and the payment link', () => {
		const sms = composeSms({ invoice, tone: 'friendly', language: 'fr', sender, stepId: 'j7' });
		expect(sms.text).toBe(
			'Boulangerie Martin: petit rappel, la facture F-2026-001 de 1 200,00 €, échue le 2 novembre 2026 reste à régler. Pour régler : https://pay.example/inv-1',
		);
		expect(sms.text).toContain(formatMoney(120000, 'EUR', 'fr').replace(/[\u00a0\u202f]/g, ' '));
		expect(sms).toMatchObject({
			encoding: 'GSM-7',
			segments: 1,
			idempotencyKey: 'generic:inv-1:j7',
		});
		expect(sms.characters).toBe([...sms.text].length);
	});

	it.each(COMPOSER_LANGUAGES)(
		'writes every tone in %s in GSM-7, a reminder in one message',
		(language) => {
			const tones = Object.keys(SMS_TEMPLATES[language]) as SmsTone[];
			const paid = makeInvoice({ status: 'paid', paidMinor: 120000, dueMinor: 0 });
			for (const tone of tones) {
				const sms = composeSms({
					invoice: tone === 'thanks' ? paid : invoice,
					tone,
					language,
					sender,
				});
				if (process.env.SHOW_SMS) console.log(language, tone, sms.segments, sms.units, sms.text);
				expect(sms.encoding).toBe('GSM-7');
				expect(sms.segments).toBeLessThanOrEqual(2);
				if (tone === 'friendly' || tone === 'reminder' || tone === 'notice')
					expect(sms.segments).toBe(1);
			}
		},
	);

	it('reports UCS-2 and more segments when a custom text needs a character outside GSM-7', () => {
		const sms = composeSms({
			invoice,
			tone: 'reminder',
			language: 'fr',
			sender,
			template: {
				text: 'Votre facture n° {{number}} : {{amountDue}}, à régler dès aujourd’hui. {{paymentUrl}}',
			},
		});
		expect(sms.encoding).toBe('UCS-2');
		expect(sms.segments).toBe(smsLength(sms.text).segments);
		expect(sms.text).toContain('n° F-2026-001');
	});

	it('leaves the link out when the invoice has none, and refuses the internal tone', () => {
		const sms = composeSms({
			invoice: makeInvoice({ paymentUrl: null }),
			tone: 'reminder',
			language: 'en',
			sender,
		});
		expect(sms.text).not.toContain('http');
		expect(() => composeSms({ invoice, tone: 'internal', language: 'en', sender })).toThrow(
			DunningInputError,
		);
	});
});

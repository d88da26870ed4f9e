import { spawnSync } from 'node:child_process';
import path from 'node:path';

import { composeReminder } from '../../../nodes/shared/composer';
import { BUILTIN_TEMPLATES } from '../../../nodes/shared/composer/generated/templates';
import { TONES } from '../../../nodes/shared/scenario/types';
import { composeInput, frPenalty, overdueInvoice } from './fixtures';
import { decodeReferences } from '../../helpers/html';

const NNBSP = '\u202f'; // French group separator as Intl prints it
const NBSP = '\u00a0'; // before the euro sign

describe('every built-in template renders in French and English', () => {
	for (const language of ['fr', 'en'] as const) {
		for (const tone of TONES) {
			test(`${language}/${tone}`, () => {
				const reminder = composeReminder(composeInput({ language, tone, penalty: frPenalty }));
				expect(reminder.templateId).toBe(`builtin:${language}/${tone}`);
				expect(reminder.language).toBe(language);
				expect(reminder.subject).toMatchSnapshot('subject');
				expect(reminder.text).toMatchSnapshot('text');
				// One HTML snapshot per template (French); the other languages share its layout.
				if (language === 'fr') expect(reminder.html).toMatchSnapshot('html');
				// Every message names the invoice and its exact amount, in both parts.
				const amount = language === 'fr' ? `1${NNBSP}234,56${NBSP}€` : '€1,234.56';
				for (const part of [reminder.text, decodeReferences(reminder.html)]) {
					expect(part).toContain('F-2026-0142');
					expect(part).toContain(amount);
					expect(part).toContain(language === 'fr' ? '15 novembre 2026' : '15 November 2026');
					expect(part).toContain('Studio Lumière');
				}
			});
		}
	}
});

describe('formatting', () => {
	test('French amounts use the narrow no-break spaces Intl produces, dates are written out', () => {
		const { text } = composeReminder(composeInput({ language: 'fr', tone: 'friendly' }));
		expect(text).toContain(
			'la facture n° F-2026-0142 d’un montant de 1\u202f234,56\u00a0€, arrivée à échéance le 15 novembre 2026,',
		);
		expect(text).toContain('(11 jours de retard)');
	});

	test('English amounts and dates', () => {
		const { text } = composeReminder(composeInput({ language: 'en', tone: 'friendly' }));
		expect(text).toContain('invoice F-2026-0142 for €1,234.56, which was due on 15 November 2026,');
		expect(text).toContain('(11 days overdue)');
	});

	test('the first of the month is "1er" in French', () => {
		const invoice = overdueInvoice({ dueDate: '2026-12-01' });
		const { text } = composeReminder(composeInput({ invoice, tone: 'notice', daysOverdue: -5 }));
		expect(text).toContain('a pour date d’échéance le 1er décembre 2026 (échéance dans 5 jours)');
	});

	test('JPY has no decimals, and dates do not move with the machine time zone', () => {
		const invoice = overdueInvoice({ currency: 'JPY', dueMinor: 150000, totalMinor: 150000 });
		const { text } = composeReminder(composeInput({ invoice, language: 'en', tone: 'reminder' }));
		expect(text).toContain('for ¥150,000, due on 15 November 2026');
	});
});

describe('penalty blocks', () => {
	test('the formal notice states interest, the 40 € compensation and the total from the PenaltyResult', () => {
		const { text, html } = composeReminder(
			composeInput({ tone: 'formal_notice', penalty: frPenalty }),
		);
		expect(text).toContain(
			'Pénalités de retard du 16 novembre 2026 au 26 novembre 2026 (11 jours au taux annuel de 12,4\u00a0% sur 1\u202f234,56\u00a0€) : 4,61\u00a0€',
		);
		expect(text).toContain('Indemnité forfaitaire pour frais de recouvrement : 40,00\u00a0€');
		expect(text).toContain('Total dû : 1\u202f279,17\u00a0€');
		expect(text).toContain('des pénalités de retard (article L. 441-10, II du Code de commerce)');
		expect(decodeReferences(html)).toContain('40,00\u00a0€');
		expect(decodeReferences(html)).toContain('1\u202f279,17\u00a0€');
	});

	test('without a penalty, the formal notice mentions the statutory charges without amounts', () => {
		const { text } = composeReminder(composeInput({ tone: 'formal_notice', language: 'en' }));
		expect(text).toContain('statutory interest and to fixed compensation for recovery costs');
		expect(text).not.toContain('€40.00');
	});

	test('a zero penalty shows no penalty block', () => {
		const zero = {
			...frPenalty,
			interestMinor: 0,
			compensationMinor: 0,
			totalMinor: 0,
			periods: [],
		};
		const { text } = composeReminder(composeInput({ tone: 'reminder', penalty: zero }));
		expect(text).not.toContain('Pour mémoire');
	});

	test('the firm reminder asks for payment within 5 days and mentions collection', () => {
		const reminder = composeReminder(composeInput({ tone: 'firm', stepId: 'd21' }));
		expect(reminder.subject).toBe('Facture n° F-2026-0142 impayée - Action requise');
		expect(reminder.text).toContain('sous 5 jours');
		expect(reminder.text).toContain('service de recouvrement');
	});
});

describe('HTML part', () => {
	test('a "Pay now" button when a payment link exists, none without', () => {
		const withLink = composeReminder(composeInput({ language: 'en' })).html;
		expect(withLink).toContain('Pay now');
		expect(withLink).toContain(
			'href="https://invoice.stripe.com/i/acct_1Abc/test_YWNjdF8x?s&#x3D;ap&amp;lang&#x3D;fr"',
		);
		const invoice = overdueInvoice({ paymentUrl: null });
		const without = composeReminder(composeInput({ invoice, language: 'fr' }));
		expect(without.html).not.toContain('Payer maintenant');
		expect(without.text).not.toContain('ce lien');
	});

	test('a javascript: link is never used as a payment link', () => {
		const invoice = overdueInvoice({ paymentUrl: 'javascript:alert(1)' });
		const { html, text } = composeReminder(composeInput({ invoice }));
		expect(html).not.toContain('javascript:');
		expect(text).not.toContain('javascript:');
	});

	test('no external resources in any built-in layout', () => {
		for (const [key, template] of Object.entries(BUILTIN_TEMPLATES)) {
			expect([key, /<link\b|@import|src=["']?https?:/i.test(template.html)]).toEqual([key, false]);
		}
	});
});

test('the generated templates match their sources (no input escaped the --if-stale check)', () => {
	const script = path.join(__dirname, '../../../scripts/build-templates.js');
	const result = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
	expect(result.stderr).toBe('');
	expect(result.status).toBe(0);
}, 30_000);

// Rendered HTML holds no character above U+00FF: those are written as numeric character references, so the
// email renders the same and V8 keeps each rendered email one byte per character (half the memory of what
// an n8n execution holds for thousands of reminders).
import {
	composeCustomerReminder,
	composeReminder,
	escapeHtml,
} from '../../../nodes/shared/composer';
import { BUILTIN_TEMPLATES } from '../../../nodes/shared/composer/generated/templates';
import { TONES } from '../../../nodes/shared/scenario/types';
import { decodeReferences } from '../../helpers/html';
import { composeInput, frPenalty, overdueInvoice, sender } from './fixtures';

const WIDE = /[^\u0000-\u00ff]/u;

describe('escapeHtml', () => {
	test.each([
		['12,34\u00a0€', '12,34\u00a0&#8364;'],
		['l’équipe', 'l&#8217;équipe'],
		['1\u202f234', '1&#8239;234'],
		['Zoë & <Łukasz>', 'Zoë &amp; &lt;&#321;ukasz&gt;'],
		['😀 ok', '&#128512; ok'],
		['日本', '&#26085;&#26412;'],
		['plain ascii', 'plain ascii'],
	])('%j → %j', (value, html) => {
		expect(escapeHtml(value)).toBe(html);
		expect(
			decodeReferences(escapeHtml(value)).replace(
				/&amp;|&lt;|&gt;/g,
				(e) => ({ '&amp;': '&', '&lt;': '<', '&gt;': '>' })[e] as string,
			),
		).toBe(value);
	});
});

describe('built-in HTML', () => {
	test('the stored sources have no character above U+00FF outside {{mustaches}}', () => {
		for (const [key, template] of Object.entries(BUILTIN_TEMPLATES)) {
			const outside = template.html.replace(/{{[\s\S]*?}}/g, '');
			expect([key, WIDE.test(outside)]).toEqual([key, false]);
		}
	});

	for (const language of ['fr', 'en', 'de', 'es'] as const) {
		test(`${language}: every tone renders without a character above U+00FF, and reads the same`, () => {
			for (const tone of TONES) {
				const reminder = composeReminder(composeInput({ language, tone, penalty: frPenalty }));
				expect([tone, WIDE.test(reminder.html)]).toEqual([tone, false]);
				// The text part keeps its characters: only HTML is encoded.
				expect(reminder.subject + reminder.text).not.toMatch(/&#\d+;/);
			}
			const grouped = composeCustomerReminder({
				invoices: [overdueInvoice(), overdueInvoice({ id: 'in_2', number: 'F-2026-0143' })],
				decisions: [null, null],
				tones: ['firm', 'firm'],
				language,
				sender,
				penalties: [frPenalty, null],
			});
			expect(WIDE.test(grouped.html)).toBe(false);
		});
	}

	test('a customer name in any script reaches the HTML as references and the text as it is', () => {
		const invoice = overdueInvoice();
		const reminder = composeReminder(
			composeInput({
				language: 'fr',
				// The formal notice prints the name in its recipient block.
				tone: 'formal_notice',
				invoice: { ...invoice, customer: { ...invoice.customer, name: 'Łódź 株式会社 😀' } },
			}),
		);
		expect(reminder.text).toContain('Łódź 株式会社 😀');
		expect(WIDE.test(reminder.html)).toBe(false);
		expect(decodeReferences(reminder.html)).toContain('Łódź 株式会社 😀');
	});
});

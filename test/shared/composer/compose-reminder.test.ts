import { composeReminder } from '../../../nodes/shared/composer';
import { DunningInputError } from '../../../nodes/shared/errors';
import type { Tone } from '../../../nodes/shared/scenario/types';
import { composeInput, overdueInvoice } from './fixtures';

describe('the ComposedReminder contract (DESIGN.md section 5)', () => {
	test('to, templateId, idempotencyKey and language', () => {
		const reminder = composeReminder(composeInput({ stepId: 'd14', tone: 'reminder' }));
		expect(reminder).toMatchObject({
			to: 'compta@atelier-dupont.fr',
			language: 'fr',
			templateId: 'builtin:fr/reminder',
			idempotencyKey: 'stripe:in_1QxA2bC3dE4fG5h:d14',
		});
		expect(Object.keys(reminder).sort()).toEqual(
			['html', 'idempotencyKey', 'language', 'subject', 'templateId', 'text', 'to'].sort(),
		);
	});

	test('no step id, no idempotency key', () => {
		expect(composeReminder(composeInput({ stepId: undefined })).idempotencyKey).toBeNull();
	});

	test('a missing email is not an error for the core: to is null', () => {
		const invoice = overdueInvoice({ customer: { ...overdueInvoice().customer, email: null } });
		const reminder = composeReminder(composeInput({ invoice }));
		expect(reminder.to).toBeNull();
		expect(reminder.text).toContain('Madame, Monsieur,');
	});

	test('the internal summary is never addressed to the customer', () => {
		expect(composeReminder(composeInput({ tone: 'internal' })).to).toBeNull();
	});

	test('a missing customer name and invoice number fall back gracefully', () => {
		const base = overdueInvoice();
		const invoice = overdueInvoice({ number: null, customer: { ...base.customer, name: null } });
		const reminder = composeReminder(composeInput({ invoice, language: 'en' }));
		expect(reminder.subject).toBe('Friendly reminder about invoice in_1QxA2bC3dE4fG5h');
		expect(reminder.text.startsWith('Hello,\n')).toBe(true);
	});

	test.each([
		['fr-FR', 'fr'],
		['fr_CA', 'fr'],
		['EN-gb', 'en'],
	])('language %s is composed as %s', (language, used) => {
		const reminder = composeReminder(composeInput({ language }));
		expect(reminder.language).toBe(used);
		expect(reminder.templateId).toBe(`builtin:${used}/friendly`);
	});

	test.each([
		[{ language: 'it' }, 'language: "it" is not a supported language (fr, en, de, es)'],
		[
			{ tone: 'angry' as Tone },
			'tone: "angry" is not one of notice, friendly, reminder, firm, formal_notice, internal',
		],
		[{ sender: { name: 42 as unknown as string } }, 'sender.name: 42 is not a string'],
		[{ stepId: '' }, 'stepId: "" is not a non-empty string'],
		[{ daysOverdue: 1.5 }, 'daysOverdue: 1.5 is not an integer'],
		[
			{ invoice: { ...overdueInvoice(), dueDate: '2026-13-01' } },
			'invoice.dueDate: "2026-13-01" is not a date',
		],
		[{ template: { subject: '', text: 'x' } }, 'template.subject: "" is not a template'],
	])('invalid input names the field: %j', (overrides, message) => {
		expect(() => composeReminder(composeInput(overrides))).toThrow(DunningInputError);
		expect(() => composeReminder(composeInput(overrides))).toThrow(message);
	});
});

describe('singular and plural', () => {
	test.each([
		['fr', 1, '1 jour de retard'],
		['fr', 2, '2 jours de retard'],
		['fr', -1, 'échéance dans 1 jour'],
		['fr', -3, 'échéance dans 3 jours'],
		['en', 1, '1 day overdue'],
		['en', 21, '21 days overdue'],
		['en', -1, 'due in 1 day'],
		['en', -3, 'due in 3 days'],
	] as const)('%s, %i days', (language, daysOverdue, phrase) => {
		expect(composeReminder(composeInput({ language, daysOverdue, tone: 'notice' })).text).toContain(
			`(${phrase})`,
		);
	});

	test('without daysOverdue, no lateness is mentioned', () => {
		const { text } = composeReminder(composeInput({ daysOverdue: undefined }));
		expect(text).not.toContain('retard)');
	});

	test('penalty periods: 1 jour / 1 day', () => {
		const { text } = composeReminder(
			composeInput({
				template: {
					subject: 's',
					text: '{{plural 1 one="jour" other="jours"}} {{plural 0 one="jour" other="jours"}}',
				},
			}),
		);
		expect(text).toBe('1 jour 0 jour');
	});
});

describe('hostile values', () => {
	const hostileNames = [
		'<script>alert(1)</script>',
		'{{constructor}}',
		'"><img src=x onerror=alert(1)>',
	];

	test.each(hostileNames)('customer named %s: escaped once in HTML, verbatim in text', (name) => {
		const customer = { ...overdueInvoice().customer, name };
		for (const tone of ['friendly', 'internal', 'formal_notice'] as Tone[]) {
			const reminder = composeReminder(
				composeInput({ invoice: overdueInvoice({ customer }), tone }),
			);
			expect(reminder.html).not.toContain('<script');
			expect(reminder.html).not.toContain('<img');
			expect(reminder.html).not.toContain('&amp;lt;');
			// A friendly reminder greets no one by name (issue 19); the others print the name.
			if (tone !== 'friendly') expect(reminder.text).toContain(name);
		}
		const html = composeReminder(
			composeInput({ invoice: overdueInvoice({ customer }), tone: 'formal_notice' }),
		).html;
		expect(html).toContain(
			name
				.replace(/&/g, '&amp;')
				.replace(/</g, '&lt;')
				.replace(/>/g, '&gt;')
				.replace(/"/g, '&quot;')
				.replace(/=/g, '&#x3D;'),
		);
	});

	test('a value that looks like a template is data, never evaluated', () => {
		const invoice = overdueInvoice({ number: '{{sender.email}}' });
		const { subject } = composeReminder(composeInput({ invoice }));
		expect(subject).toBe('Rappel amical concernant la facture n° {{sender.email}}');
	});

	test('a line break in a value cannot add a header to the subject', () => {
		const invoice = overdueInvoice({ number: 'F-1\r\nBcc: victim@example.com' });
		expect(composeReminder(composeInput({ invoice })).subject).toBe(
			'Rappel amical concernant la facture n° F-1 Bcc: victim@example.com',
		);
	});

	test('the sender signature keeps its lines, escaped, in HTML', () => {
		const sender = { name: 'S', signature: 'Marie <Compta>\nStudio & Co' };
		const reminder = composeReminder(composeInput({ sender }));
		expect(reminder.text).toContain('Marie <Compta>\nStudio & Co');
		expect(reminder.html).toContain('Marie &lt;Compta&gt;<br>Studio &amp; Co');
	});
});

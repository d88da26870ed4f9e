import { composeReminder } from '../../../nodes/shared/composer';
import {
	formatMoney,
	formatRelativeDays,
	pluralCategory,
} from '../../../nodes/shared/composer/format';
import { COMPOSER_LANGUAGES } from '../../../nodes/shared/composer/language';
import { composeInput, overdueInvoice, sender } from './fixtures';

// The shortcuts taken for speed (see format.ts, compile.ts, compose.ts) must give exactly what the slow
// path gives.

const INTL_LOCALES = { fr: 'fr-FR', en: 'en', de: 'de-DE', es: 'es-ES' } as const;
const CURRENCIES: [string, number][] = [
	['EUR', 2],
	['GBP', 2],
	['USD', 2],
	['CHF', 2],
	['JPY', 0],
	['KWD', 3],
	['CLF', 4],
];

function intlMoney(minor: number, currency: string, exponent: number, locale: string): string {
	const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
	const whole = digits.slice(0, digits.length - exponent);
	const decimal = exponent > 0 ? `${whole}.${digits.slice(digits.length - exponent)}` : whole;
	return new Intl.NumberFormat(locale, {
		style: 'currency',
		currency,
		minimumFractionDigits: exponent,
		maximumFractionDigits: exponent,
	}).format(`${minor < 0 ? '-' : ''}${decimal}` as unknown as number);
}

describe('amounts laid out without Intl', () => {
	// Every digit count from 1 to 16, each digit, and Spanish grouping from five digits.
	const amounts = [0, 7, 1000, 9999, 10000, 12345, 99999, 100000, -1, -123456];
	for (let digits = 1; digits <= 16; digits++) {
		amounts.push(Number('9876543210123456'.slice(0, digits)), 10 ** (digits - 1));
	}

	test.each(COMPOSER_LANGUAGES.flatMap((language) => CURRENCIES.map((c) => [language, ...c])))(
		'%s %s: the same text as Intl',
		(language, currency, exponent) => {
			for (const minor of amounts) {
				expect(formatMoney(minor, currency as string, language as 'fr')).toBe(
					intlMoney(minor, currency as string, exponent as number, INTL_LOCALES[language as 'fr']),
				);
			}
		},
	);
});

describe('cached plural categories and phrases', () => {
	test('the same as Intl.PluralRules, asked again and again', () => {
		for (const language of COMPOSER_LANGUAGES) {
			const rules = new Intl.PluralRules(INTL_LOCALES[language]);
			for (const count of [0, 1, 2, 5, 21, 999, 1000, 1_000_000, 1.5, -1]) {
				expect(pluralCategory(count, language)).toBe(rules.select(count));
				expect(pluralCategory(count, language)).toBe(rules.select(count));
			}
		}
	});

	test('relative days', () => {
		expect(formatRelativeDays(1, 'fr')).toBe('1 jour de retard');
		expect(formatRelativeDays(1, 'fr')).toBe('1 jour de retard');
		expect(formatRelativeDays(-3, 'en')).toBe('due in 3 days');
		expect(formatRelativeDays(0, 'de')).toBe('heute fällig');
		expect(formatRelativeDays(2, 'es')).toBe('2 días de retraso');
	});
});

describe('one rendering after another', () => {
	test('the subject is made one line, whether or not it needs it', () => {
		const template = (subject: string) => ({ subject, text: 'x' });
		const subjectOf = (subject: string) =>
			composeReminder(composeInput({ template: template(subject) })).subject;
		expect(subjectOf('Facture {{number}}')).toBe('Facture F-2026-0142');
		expect(subjectOf(' Facture  {{number}} ')).toBe('Facture F-2026-0142');
		expect(subjectOf('Facture\t{{number}}\n')).toBe('Facture F-2026-0142');
		expect(subjectOf('Facture\u00a0{{number}}')).toBe('Facture F-2026-0142');
	});

	test('a new sender gets its own signature, a new template its own id', () => {
		const first = composeReminder(composeInput());
		const other = composeReminder(
			composeInput({ sender: { ...sender, name: 'Autre <Studio>', email: undefined } }),
		);
		expect(other.text).toContain('Autre <Studio>\n+33 1 84 60 12 34');
		expect(other.html).toContain('Autre &lt;Studio&gt;<br>+33 1 84 60 12 34');
		expect(composeReminder(composeInput()).text).toBe(first.text);

		const a = composeReminder(composeInput({ template: { subject: 'A', text: 'a' } }));
		const b = composeReminder(composeInput({ template: { subject: 'A', text: 'b' } }));
		expect(a.templateId).not.toBe(b.templateId);
		expect(
			composeReminder(composeInput({ template: { subject: 'A', text: 'a' } })).templateId,
		).toBe(a.templateId);
	});

	test('each skips the holes of a sparse list, keeping their index', () => {
		const sentStepIds = ['d7', 'd14', 'd21'];
		delete sentStepIds[1];
		const invoice = overdueInvoice({ dunning: { ...overdueInvoice().dunning, sentStepIds } });
		const { text } = composeReminder(
			composeInput({
				invoice,
				template: {
					subject: 's',
					text: '{{#each sentStepIds}}{{@index}}={{this}}{{#if @last}}.{{/if}} {{/each}}',
				},
			}),
		);
		expect(text).toBe('0=d7 2=d21. ');
	});
});

import {
	composeCustomerReminder,
	composeReminder,
	legalReferences,
	COMPOSER_LANGUAGES,
	type ComposerLanguage,
} from '../../../nodes/shared/composer';
import { calculatePenalty } from '../../../nodes/shared/penalty';
import type { PenaltyRule } from '../../../nodes/shared/penalty/types';
import type { Invoice } from '../../../nodes/shared/invoice';
import type { Decision, Tone } from '../../../nodes/shared/scenario/types';
import { decodeReferences } from '../../helpers/html';
import { composeInput, overdueInvoice, sender } from './fixtures';

/** The statutory penalty of `rule` on the fixture invoice (1 234,56 due 15 November 2026), to 26 November. */
function penaltyOf(rule: PenaltyRule, currency = 'EUR', consumer = false) {
	return calculatePenalty({
		rule,
		currency,
		principalMinor: 123456,
		dueDate: '2026-11-15',
		asOf: '2026-11-26',
		consumer,
	});
}

/** The text and the HTML (entities decoded) of a composed message. */
const bothParts = (message: { text: string; html: string }): string[] => [
	message.text,
	decodeReferences(message.html),
];

const occurrences = (text: string, part: string): number => text.split(part).length - 1;

/** "We will apply the penalties later": what the firm reminder said before it stated them as already due. */
const APPLY_LATER: Record<ComposerLanguage, RegExp> = {
	fr: /appliquerons les pénalités/,
	en: /will apply the statutory/,
	de: /Verzugskosten geltend machen/,
	es: /aplicaremos los recargos/,
};

/** The sentence that the penalties already run, by law, since the due date. */
const ALREADY_DUE: Record<ComposerLanguage, string> = {
	fr: 'des pénalités de retard sont dues de plein droit depuis l’échéance, sans qu’un rappel soit nécessaire',
	en: 'late-payment interest has been accruing since the due date, without any reminder being required',
	de: 'seit Eintritt des Verzugs ohne weitere Mahnung Verzugszinsen anfallen',
	es: 'desde el vencimiento, se devengan automáticamente intereses de demora, sin necesidad de aviso',
};

/** The per-customer firm message's sentence on the penalties listed above (FR rule). */
const GROUPED_ALREADY_DUE: Record<ComposerLanguage, string> = {
	fr: 'Pour mémoire, les pénalités de retard détaillées ci-dessus sont dues de plein droit depuis l’échéance, sans qu’un rappel soit nécessaire (articles L. 441-10, II et D. 441-5 du Code de commerce), et continuent de courir jusqu’au complet paiement.',
	en: 'the late-payment charges set out above have accrued since the due date, without any reminder being required',
	de: 'die oben aufgeführten Verzugskosten seit Eintritt des Verzugs ohne weitere Mahnung angefallen sind',
	es: 'los recargos por demora detallados arriba se han devengado automáticamente desde el vencimiento',
};

const COLLECTIONS: Record<ComposerLanguage, string> = {
	fr: 'nous transmettrons le dossier à notre service de recouvrement',
	en: 'we will pass the file to our collections department',
	de: 'werden wir den Vorgang an unser Forderungsmanagement übergeben',
	es: 'trasladaremos el expediente a nuestro departamento de cobros',
};

describe('firm reminder: penalties are due by law since the due date, not applied later', () => {
	for (const language of COMPOSER_LANGUAGES) {
		test(`${language}: with a penalty, collections is the consequence and the penalties are already due and running`, () => {
			const reminder = composeReminder(
				composeInput({ tone: 'firm', language, penalty: penaltyOf('FR') }),
			);
			for (const part of bothParts(reminder)) {
				expect(part).not.toMatch(APPLY_LATER[language]);
				expect(part).toContain(COLLECTIONS[language]);
				expect(part).toContain(ALREADY_DUE[language]);
			}
		});

		test(`${language}: without a penalty, no amount, no citation and no threat to apply penalties`, () => {
			const reminder = composeReminder(composeInput({ tone: 'firm', language }));
			for (const part of bothParts(reminder)) {
				expect(part).not.toMatch(APPLY_LATER[language]);
				expect(part).not.toContain(ALREADY_DUE[language]);
				expect(part).not.toMatch(/441|§|2011\/7|Act 1998/);
				expect(part).toContain(COLLECTIONS[language]);
			}
		});

		test(`${language}: the per-customer firm message states the penalties as already due, never applied later`, () => {
			const invoices = [overdueInvoice(), overdueInvoice({ id: 'in_2', number: 'F-2026-0150' })];
			const reminder = composeCustomerReminder({
				invoices,
				tone: 'firm',
				language,
				sender,
				penalties: [penaltyOf('FR'), null],
			});
			for (const part of bothParts(reminder)) {
				expect(part).not.toMatch(APPLY_LATER[language]);
				expect(part).toContain(COLLECTIONS[language]);
			}
			expect(reminder.text).toContain(GROUPED_ALREADY_DUE[language]);
		});
	}
});

describe('formal notice: the interest and the compensation are cited apart, each once', () => {
	const cases: {
		rule: PenaltyRule;
		language: ComposerLanguage;
		currency: string;
		interest: string;
		compensation: string;
	}[] = [
		{
			rule: 'UK',
			language: 'en',
			currency: 'GBP',
			interest: '(Late Payment of Commercial Debts (Interest) Act 1998, ss.4 and 6)',
			compensation: '(Late Payment of Commercial Debts (Interest) Act 1998, s.5A)',
		},
		{
			rule: 'DE',
			language: 'de',
			currency: 'EUR',
			interest: '(§\u00a0288 Abs.\u00a02 BGB i.\u00a0V.\u00a0m. §\u00a0247 BGB)',
			compensation: '(§\u00a0288 Abs.\u00a05 BGB)',
		},
		{
			rule: 'EU',
			language: 'es',
			currency: 'EUR',
			interest: '(Directiva 2011/7/UE, art. 3)',
			compensation: '(Directiva 2011/7/UE, art. 6)',
		},
		{
			rule: 'EU',
			language: 'de',
			currency: 'EUR',
			interest: '(Richtlinie 2011/7/EU, Art. 3)',
			compensation: '(Richtlinie 2011/7/EU, Art. 6)',
		},
		{
			rule: 'EU',
			language: 'fr',
			currency: 'EUR',
			interest: '(directive 2011/7/UE, art. 3)',
			compensation: '(directive 2011/7/UE, art. 6)',
		},
		{
			rule: 'FR',
			language: 'fr',
			currency: 'EUR',
			interest: '(article L. 441-10, II du Code de commerce)',
			compensation: '(article D. 441-5 du Code de commerce)',
		},
	];
	for (const { rule, language, currency, interest, compensation } of cases) {
		test(`${rule} rule in ${language}: ${interest} and ${compensation} once each, in text and HTML`, () => {
			const reminder = composeReminder(
				composeInput({
					tone: 'formal_notice',
					language,
					invoice: overdueInvoice({ currency }),
					penalty: penaltyOf(rule, currency),
				}),
			);
			for (const part of bothParts(reminder)) {
				expect(occurrences(part, interest)).toBe(1);
				expect(occurrences(part, compensation)).toBe(1);
			}
		});
	}

	test('the German letter never cites §193 BGB (it only moves the deadline) nor the English rule string', () => {
		const reminder = composeReminder(
			composeInput({ tone: 'formal_notice', language: 'de', penalty: penaltyOf('DE') }),
		);
		for (const part of bothParts(reminder)) {
			expect(part).not.toMatch(/§\s?193/);
			expect(part).not.toContain('BGB §288 II, V');
		}
	});

	test('a Spanish letter under the EU rule does not print the English "Directive 2011/7/EU"', () => {
		const reminder = composeReminder(
			composeInput({ tone: 'formal_notice', language: 'es', penalty: penaltyOf('EU') }),
		);
		for (const part of bothParts(reminder)) expect(part).not.toContain('Directive');
	});

	test('the French formal notice without a penalty cites no article of a rule it does not know', () => {
		const reminder = composeReminder(composeInput({ tone: 'formal_notice', language: 'fr' }));
		for (const part of bothParts(reminder)) expect(part).not.toContain('441');
		expect(reminder.text).toContain(
			'Nous vous rappelons que tout retard de paiement rend exigibles de plein droit des pénalités de retard ainsi qu’une indemnité forfaitaire pour frais de recouvrement.',
		);
	});
});

describe('legalReferences', () => {
	const bases: Record<string, { rule: PenaltyRule; consumer?: boolean; currency?: string }> = {
		FR: { rule: 'FR' },
		EU: { rule: 'EU' },
		DE: { rule: 'DE' },
		UK: { rule: 'UK', currency: 'GBP' },
	};
	for (const [name, { rule, currency }] of Object.entries(bases)) {
		for (const language of COMPOSER_LANGUAGES) {
			test(`${name} in ${language}: the interest and the compensation citations differ`, () => {
				const references = legalReferences(penaltyOf(rule, currency).legalBasis, language);
				expect(references.compensation).not.toBeNull();
				expect(references.interest).not.toBe(references.compensation);
			});
		}
	}

	test('a German consumer debt cites §288 Abs. 1 and no flat fee (none is owed)', () => {
		const references = legalReferences(penaltyOf('DE', 'EUR', true).legalBasis, 'de');
		expect(references).toEqual({
			interest: '§\u00a0288 Abs.\u00a01 BGB i.\u00a0V.\u00a0m. §\u00a0247 BGB',
			compensation: null,
			both: '§\u00a0288 Abs.\u00a01 BGB i.\u00a0V.\u00a0m. §\u00a0247 BGB',
		});
	});

	test('the custom rule is "conditions contractuelles" in French, not the English rule string', () => {
		expect(
			legalReferences('Contractual terms (custom annual rate and fixed amount)', 'fr').both,
		).toBe('conditions contractuelles');
	});

	test('an unknown basis is printed once, as given, with no separate compensation citation', () => {
		expect(legalReferences('Loi X art. 1', 'fr')).toEqual({
			interest: 'Loi X art. 1',
			compensation: null,
			both: 'Loi X art. 1',
		});
	});
});

describe('per-customer courtesy notice: invoices not yet due are not called overdue', () => {
	function decision(stepId: string, daysOverdue: number, invoice: Invoice): Decision {
		return {
			action: 'send',
			reason: 'step_due',
			stepId,
			daysOverdue,
			nextActionOn: null,
			idempotencyKey: `${invoice.source}:${invoice.id}:${stepId}`,
			message: 'Step due.',
		};
	}
	const invoices = [
		overdueInvoice({ dueDate: '2026-11-29' }),
		overdueInvoice({ id: 'in_2', number: 'F-2026-0150', dueDate: '2026-11-30' }),
	];
	const notice = (language: ComposerLanguage, tone: Tone = 'notice') =>
		composeCustomerReminder({
			invoices,
			decisions: [decision('before3', -3, invoices[0]), decision('before3', -4, invoices[1])],
			tone,
			language,
			sender,
		});

	const wording: Record<ComposerLanguage, { line: string; total: string; never: RegExp }> = {
		fr: {
			line: ', échéance le 29 novembre 2026\n',
			total: 'Total à régler : ',
			never: /échue|Total dû/,
		},
		en: {
			line: ', due on 29 November 2026\n',
			total: 'Total payable: ',
			never: /overdue|Total due/,
		},
		de: {
			line: ', fällig am 29. November 2026\n',
			total: 'Gesamtbetrag: ',
			never: /überfällig|Fällig insgesamt/,
		},
		es: {
			line: ', vence el 29 de noviembre de 2026\n',
			total: 'Total a pagar: ',
			never: /vencida|adeudado/,
		},
	};
	for (const language of COMPOSER_LANGUAGES) {
		test(`${language}: "${wording[language].line.trim()}" and "${wording[language].total.trim()}"`, () => {
			const { text } = notice(language);
			expect(text).toContain(wording[language].line);
			expect(text).toContain(wording[language].total);
			expect(text).not.toMatch(wording[language].never);
		});
	}

	test('fr: in a firm message, an overdue invoice is "échue" and one not yet due is "échéance le"', () => {
		const mixed = [
			overdueInvoice(),
			overdueInvoice({ id: 'in_2', number: 'F-2026-0150', dueDate: '2026-11-29' }),
		];
		const { text } = composeCustomerReminder({
			invoices: mixed,
			decisions: [decision('d7', 11, mixed[0]), decision('before3', -3, mixed[1])],
			tone: 'firm',
			language: 'fr',
			sender,
		});
		expect(text).toContain('échue le 15 novembre 2026 (11 jours de retard)\n');
		expect(text).toContain('F-2026-0150 : 1\u202f234,56\u00a0€, échéance le 29 novembre 2026\n');
		expect(text).toContain('Total dû : ');
	});
});

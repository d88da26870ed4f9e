import { DunningInputError } from '../../../nodes/shared/errors';
import {
	chooseCustomerLanguage,
	composeApproval,
	composeCustomerReminder,
	composeReminder,
	groupCustomerMessages,
} from '../../../nodes/shared/composer';
import type { PenaltyResult } from '../../../nodes/shared/penalty/types';
import { composeInput, frPenalty, overdueInvoice, sender } from './fixtures';

const NNBSP = '\u202f';
const NBSP = '\u00a0';

/** A GBP invoice under the French rule as the core computes it after issue 19 (contract 3). */
const gbpInvoice = overdueInvoice({ currency: 'GBP', totalMinor: 250000, dueMinor: 250000 });
const gbpPenalty = {
	interestMinor: 934,
	compensationMinor: 0,
	totalMinor: 934,
	periods: [
		{
			from: '2026-11-16',
			to: '2026-11-26',
			days: 11,
			annualRatePercent: 12.4,
			baseMinor: 250000,
			interestMinor: 934,
			rateStatus: 'provisional',
		},
	],
	legalBasis: 'Code de commerce L441-10 II, D441-5',
	warnings: ['FR 2026-S2 rate is provisional', '40 EUR compensation not added to a GBP total'],
	fixedCompensation: { currency: 'EUR', amountMinor: 4000 },
	notices: [
		{ code: 'rate_provisional', message: 'FR 2026-S2 rate is provisional', periodIndex: 0 },
		{ code: 'compensation_other_currency', message: '40 EUR compensation not added' },
	],
} as unknown as PenaltyResult;

describe('issue 19 #4: a formal notice is its own message, groups by customer and tone', () => {
	const invoice = (id: string, dueDate: string) =>
		overdueInvoice({ id, number: `F-${id}`, dueDate });
	const decision = (stepId: string, daysOverdue: number) => ({
		action: 'send' as const,
		reason: 'step_due' as const,
		stepId,
		daysOverdue,
		nextActionOn: null,
		idempotencyKey: null,
		message: '',
	});

	test('composeCustomerReminder refuses a formal notice listed with another invoice', () => {
		const call = () =>
			composeCustomerReminder({
				invoices: [invoice('A', '2026-10-01'), invoice('B', '2026-11-15')],
				decisions: [decision('d30', 56), decision('d7', 11)],
				tones: ['formal_notice', 'friendly'],
				language: 'fr',
				sender,
			});
		expect(call).toThrow(DunningInputError);
		expect(call).toThrow(/formal notice.*own message/);
	});

	test('groupCustomerMessages: one customer with a formal notice and an invoice 11 days late gives two groups, each at its own tone', () => {
		const items = [
			{ invoice: invoice('A', '2026-10-01'), tone: 'formal_notice' as const },
			{ invoice: invoice('B', '2026-11-15'), tone: 'friendly' as const },
			{ invoice: invoice('C', '2026-11-14'), tone: 'friendly' as const },
			{ invoice: invoice('D', '2026-10-30'), tone: 'firm' as const },
			{ invoice: invoice('E', '2026-09-01'), tone: 'formal_notice' as const },
		];
		const groups = groupCustomerMessages(items);
		expect(groups.map((group) => group.map((entry) => entry.invoice.id))).toEqual([
			['A'],
			['B', 'C'],
			['D'],
			['E'],
		]);
	});

	test('groupCustomerMessages keeps customers apart and internal summaries apart', () => {
		const other = overdueInvoice({
			id: 'X',
			customer: { ...overdueInvoice().customer, id: 'cus_other' },
		});
		const groups = groupCustomerMessages([
			{ invoice: invoice('A', '2026-11-01'), tone: 'reminder' },
			{ invoice: other, tone: 'reminder' },
			{ invoice: invoice('B', '2026-11-02'), tone: 'internal' },
			{ invoice: invoice('C', '2026-11-03'), tone: 'reminder' },
		]);
		expect(groups.map((group) => group.map((entry) => entry.invoice.id))).toEqual([
			['A', 'C'],
			['X'],
			['B'],
		]);
	});
});

describe('issue 19 #5: a broken promise is written firmly and names the promise date', () => {
	const broken = { brokenPromiseOn: '2026-11-20' };
	const expected: Record<string, { says: string; never: RegExp; subject: RegExp }> = {
		fr: {
			says: 'Vous nous aviez promis le règlement de cette facture au plus tard le 20 novembre 2026 ; à ce jour, aucun paiement ne nous est parvenu.',
			never: /simple oubli/,
			subject: /impayée/,
		},
		en: {
			says: 'You promised to pay this invoice by 20 November 2026; to date, we have received no payment.',
			never: /oversight/,
			subject: /unpaid/i,
		},
		de: {
			says: 'Sie hatten uns die Zahlung dieser Rechnung bis zum 20. November 2026 zugesagt; bis heute ist keine Zahlung bei uns eingegangen.',
			never: /Versehen/,
			subject: /unbezahlt|Zahlungserinnerung|offen/i,
		},
		es: {
			says: 'Se comprometió a pagar esta factura a más tardar el 20 de noviembre de 2026; a día de hoy no hemos recibido ningún pago.',
			never: /descuido|olvido/,
			subject: /impagada|pendiente/i,
		},
	};
	for (const [language, { says, never, subject }] of Object.entries(expected)) {
		test(`${language}: a friendly step after a broken promise is written in the firm tone with the promise date`, () => {
			const composed = composeReminder(composeInput({ language, tone: 'friendly', ...broken }));
			expect(composed.templateId).toBe(`builtin:${language}/firm`);
			expect(composed.text).toContain(says);
			expect(composed.text).not.toMatch(never);
			expect(composed.subject).toMatch(subject);
			expect(composed.html).toContain(says.split(' ').slice(0, 4).join(' '));
		});
	}

	test('a formal notice after a broken promise stays a formal notice and names the promise', () => {
		const composed = composeReminder(
			composeInput({ tone: 'formal_notice', penalty: frPenalty, ...broken }),
		);
		expect(composed.templateId).toBe('builtin:fr/formal_notice');
		expect(composed.text).toContain('au plus tard le 20 novembre 2026');
	});

	test('a malformed brokenPromiseOn is a DunningInputError naming the field', () => {
		expect(() => composeReminder(composeInput({ brokenPromiseOn: '20/11/2026' }))).toThrow(
			/brokenPromiseOn/,
		);
	});
});

describe('issue 19 #9: chooseCustomerLanguage — locale, else billing country, else currency, else fallback', () => {
	const choose = (locale: string | null, country: string | null, currency: string) =>
		chooseCustomerLanguage({ locale, country, currency }, 'fr');
	test.each([
		['a supported locale wins over everything', 'de-AT', 'US', 'USD', 'de'],
		['an unsupported locale falls through to the country', 'it-IT', 'ES', 'EUR', 'es'],
		['US billing country, no locale', null, 'US', 'USD', 'en'],
		['GB billing country, EUR invoice', null, 'GB', 'EUR', 'en'],
		['Belgium', null, 'BE', 'EUR', 'fr'],
		['Austria', null, 'AT', 'EUR', 'de'],
		['Switzerland (no single language: German, the majority)', null, 'CH', 'CHF', 'de'],
		['Mexico', null, 'MX', 'MXN', 'es'],
		['lower-case country', null, 'ca', 'CAD', 'en'],
		[
			'a country without a template language falls through to the currency',
			null,
			'JP',
			'USD',
			'en',
		],
		['no country: GBP gives English', null, null, 'GBP', 'en'],
		['no country: USD gives English', null, null, 'USD', 'en'],
		['no country: EUR is ambiguous, the fallback', null, null, 'EUR', 'fr'],
		['nothing known: the fallback', null, null, 'JPY', 'fr'],
	])('%s', (_title, locale, country, currency, language) => {
		expect(choose(locale, country, currency)).toBe(language);
	});

	test('an unsupported fallback is a DunningInputError naming the field', () => {
		expect(() =>
			chooseCustomerLanguage({ locale: null, country: null, currency: 'EUR' }, 'it'),
		).toThrow(/fallbackLanguage/);
	});
});

describe('issue 19 #3/#8: the fixed compensation in another currency stands on its own line', () => {
	const input = composeInput({
		invoice: gbpInvoice,
		tone: 'formal_notice',
		stepId: 'd30',
		penalty: gbpPenalty,
		daysOverdue: 11,
	});

	test('fr formal notice: interest in GBP, 40,00 € on its own line, total in GBP without the euros', () => {
		const { text, html } = composeReminder(input);
		expect(text).toContain(`Indemnité forfaitaire pour frais de recouvrement : 40,00${NBSP}€`);
		expect(text).toContain(`2${NNBSP}509,34${NBSP}£`);
		// Never a zero compensation in pounds, never the euros added to the pounds.
		expect(text).not.toMatch(/[^\d\u202f]0,00\u00a0£/);
		expect(text).not.toMatch(/2[\s\u202f]549,34/);
		expect(html).toContain('40,00');
		expect(html).not.toMatch(/[^\d\u202f]0,00\u00a0£/);
	});

	test('en reminder: the €40.00 compensation is stated apart from the £ amounts', () => {
		const { text } = composeReminder({ ...input, tone: 'reminder', language: 'en' });
		expect(text).toContain('€40.00');
		expect(text).not.toContain('£0.00');
	});

	test('the per-customer message lists the compensation in euros, not in the GBP total', () => {
		const second = overdueInvoice({
			id: 'in_2',
			number: 'F-2',
			currency: 'GBP',
			totalMinor: 10000,
			dueMinor: 10000,
		});
		const composed = composeCustomerReminder({
			invoices: [gbpInvoice, second],
			tones: ['reminder', 'reminder'],
			penalties: [gbpPenalty, null],
			language: 'en',
			sender,
		});
		expect(composed.text).toContain('€40.00');
		expect(composed.text).not.toContain('£0.00');
		expect(composed.text).toContain('Total due: £2,600.00 (£2,609.34 with late-payment charges)');
	});
});

describe('issue 19: French letters a French accountant would send unchanged', () => {
	const notice = composeReminder(
		composeInput({ tone: 'formal_notice', stepId: 'd30', penalty: frPenalty, daysOverdue: 41 }),
	);

	test('"Madame, Monsieur," and never "Bonjour <company>," in every French tone', () => {
		for (const tone of ['notice', 'friendly', 'reminder', 'firm', 'formal_notice'] as const) {
			const { text, html } = composeReminder(composeInput({ tone }));
			expect(text).toContain('Madame, Monsieur,');
			expect(text).not.toContain('Bonjour Atelier Dupont SARL');
			expect(html).not.toContain('Bonjour Atelier');
		}
	});

	test('the formal notice cites "article L. 441-10, II du Code de commerce" and D. 441-5 for the 40 €', () => {
		expect(notice.text).toContain('article L. 441-10, II du Code de commerce');
		expect(notice.text).toContain('article D. 441-5 du Code de commerce');
		expect(notice.text).not.toContain('L441-10');
		expect(notice.html).toContain('article L. 441-10, II du Code de commerce');
	});

	test('the formal notice says the date the amounts are computed to and that interest keeps running', () => {
		expect(notice.text).toContain('Montants arrêtés au 26 novembre 2026');
		expect(notice.text).toContain('continuent de courir jusqu’au complet paiement');
		expect(notice.html).toContain('26 novembre 2026');
	});

	test('the formal notice is addressed to the company by name above the salutation', () => {
		expect(notice.text.split('\n')[0]).toBe('Atelier Dupont SARL');
	});

	test('without a sender name, a default in the letter’s language (never "Accounts" in French)', () => {
		const fr = composeReminder(composeInput({ tone: 'firm', sender: { name: '' } }));
		expect(fr.text).toContain('Service comptabilité');
		expect(fr.text).not.toMatch(/Accounts/);
		const de = composeReminder(
			composeInput({ tone: 'firm', language: 'de', sender: { name: '' } }),
		);
		expect(de.text).toContain('Buchhaltung');
	});

	test('German, English and Spanish formal notices cite the French rule in their own words', () => {
		const en = composeReminder(
			composeInput({ tone: 'formal_notice', language: 'en', penalty: frPenalty }),
		);
		expect(en.text).toContain('Article L. 441-10, II of the French Commercial Code');
		expect(en.text).toContain('Dear Sir or Madam,');
		const de = composeReminder(
			composeInput({ tone: 'formal_notice', language: 'de', penalty: frPenalty }),
		);
		expect(de.text).toContain('Sehr geehrte Damen und Herren,');
		expect(de.text).toContain('Art. L. 441-10 II des französischen Handelsgesetzbuchs');
	});
});

describe('issue 19: the approver sees the message as the customer will read it, with every warning', () => {
	const reminder = composeReminder({
		...composeInput({ tone: 'formal_notice', stepId: 'd30', penalty: gbpPenalty }),
		invoice: gbpInvoice,
	});

	test('English team, French customer: warnings in English with English numbers, then the French letter verbatim', () => {
		const approval = composeApproval({
			reminder,
			invoices: [gbpInvoice],
			penalties: [gbpPenalty],
			language: 'en',
		});
		expect(approval.language).toBe('en');
		expect(approval.subject).toBe(`Approval needed: ${reminder.subject}`);
		expect(approval.warnings).toEqual([
			'Invoice F-2026-0142: the rate of 12.4% from 16 November 2026 to 26 November 2026 is provisional (not yet officially published); the letter states it as final.',
			'Invoice F-2026-0142: the fixed recovery compensation of €40.00 is in another currency than the invoice (GBP): stated on its own line, not added to the total.',
			'Invoice F-2026-0142: interest is rounded half-up to the minor unit for each period (1 period).',
		]);
		expect(approval.text.indexOf(approval.warnings[0])).toBeLessThan(
			approval.text.indexOf(reminder.text),
		);
		expect(approval.text).toContain(reminder.text);
		// The customer's HTML body is embedded unchanged, the warnings above it.
		const body = reminder.html.slice(
			reminder.html.indexOf('>', reminder.html.indexOf('<body')) + 1,
		);
		expect(approval.html).toContain(body.slice(0, 2000));
		expect(approval.html.indexOf('provisional')).toBeLessThan(
			approval.html.indexOf('MISE EN DEMEURE'),
		);
	});

	test('French team: the same warnings in French with French numbers', () => {
		const approval = composeApproval({
			reminder,
			invoices: [gbpInvoice],
			penalties: [gbpPenalty],
			language: 'fr',
		});
		expect(approval.subject).toBe(`À valider : ${reminder.subject}`);
		expect(approval.warnings[0]).toBe(
			`Facture F-2026-0142 : le taux de 12,4${NBSP}% du 16 novembre 2026 au 26 novembre 2026 est provisoire (pas encore publié officiellement) ; le courrier l’indique comme définitif.`,
		);
		expect(approval.warnings[1]).toContain(`40,00${NBSP}€`);
	});

	test('the contractual floor and unknown notices are passed on, never dropped', () => {
		const penalty = {
			...frPenalty,
			notices: [
				{ code: 'contractual_floor_applied', message: 'contractual 5% below 3x legal rate' },
				{ code: 'something_new', message: 'A new caveat from the core' },
			],
		} as unknown as PenaltyResult;
		const approval = composeApproval({
			reminder: composeReminder(composeInput({ tone: 'formal_notice', penalty })),
			invoices: [overdueInvoice()],
			penalties: [penalty],
			language: 'en',
		});
		expect(approval.warnings.join('\n')).toContain('the statutory floor');
		expect(approval.warnings.join('\n')).toContain('A new caveat from the core');
	});

	test('without a penalty, no warning, the message still embedded', () => {
		const plain = composeReminder(composeInput({ tone: 'formal_notice' }));
		const approval = composeApproval({
			reminder: plain,
			invoices: [overdueInvoice()],
			penalties: [null],
			language: 'fr',
		});
		expect(approval.warnings).toEqual([]);
		expect(approval.text).toContain(plain.text);
	});
});

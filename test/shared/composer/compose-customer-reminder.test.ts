import {
	composeCustomerReminder,
	composeReminder,
	type ComposeCustomerInput,
} from '../../../nodes/shared/composer';
import { DunningInputError } from '../../../nodes/shared/errors';
import type { Invoice } from '../../../nodes/shared/invoice';
import type { Decision, Tone } from '../../../nodes/shared/scenario/types';
import { TONES } from '../../../nodes/shared/scenario/types';
import { frPenalty, overdueInvoice, sender } from './fixtures';
import { decodeReferences } from '../../helpers/html';

const NNBSP = '\u202f';
const NBSP = '\u00a0';

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

/** Three open invoices of Atelier Dupont: two in euros, one in US dollars. */
function threeInvoices(): Invoice[] {
	return [
		overdueInvoice(),
		overdueInvoice({
			id: 'in_2',
			number: 'F-2026-0120',
			currency: 'USD',
			totalMinor: 50000,
			dueMinor: 50000,
			dueDate: '2026-11-01',
			paymentUrl: 'https://invoice.stripe.com/i/acct_1Abc/second',
		}),
		overdueInvoice({
			id: 'in_3',
			number: 'F-2026-0098',
			totalMinor: 9900,
			dueMinor: 9900,
			issueDate: '2026-09-01',
			dueDate: '2026-10-01',
			paymentUrl: null,
		}),
	];
}

function groupInput(overrides: Partial<ComposeCustomerInput> = {}): ComposeCustomerInput {
	const invoices = overrides.invoices ?? threeInvoices();
	return {
		invoices,
		decisions: invoices.map((invoice, index) =>
			decision(['d7', 'd14', 'd30'][index] ?? 'd7', 11, invoice),
		),
		tones: ['friendly', 'reminder', 'firm'].slice(0, invoices.length) as Tone[],
		language: 'fr',
		sender,
		...overrides,
	};
}

describe('composeCustomerReminder (DESIGN.md section 5b)', () => {
	test('lists every invoice with number, amount, due date, days overdue and payment link', () => {
		const invoices = threeInvoices();
		const reminder = composeCustomerReminder(
			groupInput({
				invoices,
				decisions: [decision('d7', 11, invoices[0]), decision('d14', 25, invoices[1]), null],
			}),
		);
		expect(reminder.invoiceIds).toEqual(['in_3', 'in_2', 'in_1QxA2bC3dE4fG5h']);
		expect(reminder.to).toBe('compta@atelier-dupont.fr');
		expect(reminder.text).toContain(
			`- Facture n° F-2026-0120 : 500,00${NBSP}$US, échue le 1er novembre 2026 (25 jours de retard)\n  Règlement en ligne : https://invoice.stripe.com/i/acct_1Abc/second`,
		);
		expect(reminder.text).toContain(
			`- Facture n° F-2026-0142 : 1${NNBSP}234,56${NBSP}€, échue le 15 novembre 2026 (11 jours de retard)`,
		);
		// No decision: no lateness mentioned; no link: none invented.
		expect(reminder.text).toContain(
			`- Facture n° F-2026-0098 : 99,00${NBSP}€, échue le 1er octobre 2026\n`,
		);
		for (const part of [reminder.text, reminder.html]) {
			for (const number of ['F-2026-0142', 'F-2026-0120', 'F-2026-0098']) {
				expect(part).toContain(number);
			}
		}
		expect(reminder.html).toContain('href="https://invoice.stripe.com/i/acct_1Abc/second"');
		expect(reminder.html).toContain('25 jours de retard');
	});

	test('mixed currencies: one total per currency, never added together', () => {
		const reminder = composeCustomerReminder(groupInput({ language: 'en' }));
		expect(reminder.text).toContain('Total due in EUR: €1,333.56\n');
		expect(reminder.text).toContain('Total due in USD: $500.00\n');
		expect(reminder.html).toContain('Total in EUR');
		expect(decodeReferences(reminder.html)).toContain('€1,333.56');
		expect(reminder.html).toContain('$500.00');
	});

	test('one currency: a plain total', () => {
		const invoices = [threeInvoices()[0], threeInvoices()[2]];
		const reminder = composeCustomerReminder(groupInput({ invoices, language: 'en' }));
		expect(reminder.text).toContain('Total due: €1,333.56\n');
		expect(reminder.text).not.toContain('in EUR');
	});

	test.each([
		[['friendly', 'reminder', 'firm'], 'firm'],
		[['notice', 'friendly', 'notice'], 'friendly'],
		[['reminder', 'firm', 'notice'], 'firm'],
		[['internal', 'internal', 'internal'], 'internal'],
	] as [Tone[], Tone][])('mixed steps %j: the firmest tone wins (%s)', (tones, expected) => {
		const reminder = composeCustomerReminder(groupInput({ tones }));
		expect(reminder.tone).toBe(expected);
		expect(reminder.templateId).toBe(`builtin:fr/customer/${expected}`);
	});

	test('a formal notice is never listed with other invoices (issue 19 #4): refused, naming groupCustomerMessages', () => {
		expect(() =>
			composeCustomerReminder(
				groupInput({ tones: ['notice', 'friendly', 'formal_notice'], language: 'en' }),
			),
		).toThrow('tones: a formal notice is its own message');
	});

	test('a fixed tone applies to invoices without their own', () => {
		const reminder = composeCustomerReminder(
			groupInput({ tones: [null, null, 'friendly'], tone: 'reminder' }),
		);
		expect(reminder.tone).toBe('reminder');
	});

	test('internal and customer-facing steps cannot share a message', () => {
		expect(() =>
			composeCustomerReminder(groupInput({ tones: ['internal', 'friendly', 'firm'] })),
		).toThrow('tones: internal and customer-facing steps cannot share one message');
	});

	test('the internal summary goes to no customer', () => {
		const reminder = composeCustomerReminder(
			groupInput({ tones: ['internal', 'internal', 'internal'], language: 'en' }),
		);
		expect(reminder.to).toBeNull();
		expect(reminder.text).toContain('Customer: Atelier Dupont SARL <compta@atelier-dupont.fr>');
		expect(reminder.text).toContain('Reminders already sent: d7 (last on 22 November 2026)');
	});

	test('penalties per invoice, with the legal basis and totals', () => {
		const reminder = composeCustomerReminder(
			groupInput({
				tones: ['reminder', 'reminder', 'reminder'],
				penalties: [frPenalty, null, null],
				language: 'en',
			}),
		);
		expect(reminder.text).toContain(
			'- Invoice F-2026-0142: €1,234.56, due on 15 November 2026 (11 days overdue)\n  with late-payment interest of €4.61 and fixed recovery compensation of €40.00: €1,279.17 in total',
		);
		expect(reminder.text).toContain(
			'Total due in EUR: €1,333.56 (€1,378.17 with late-payment charges)',
		);
		expect(reminder.text).toContain(
			'(Articles L. 441-10, II and D. 441-5 of the French Commercial Code)',
		);
		expect(decodeReferences(reminder.html)).toContain('€4.61 interest');
		expect(decodeReferences(reminder.html)).toContain('€1,378.17');
	});

	test('without penalties, the formal notice (a group of one) still states the statutory rights', () => {
		const [first] = threeInvoices();
		const reminder = composeCustomerReminder(
			groupInput({ invoices: [first], tones: ['formal_notice'] }),
		);
		expect(reminder.text).toContain('indemnité forfaitaire pour frais de recouvrement');
		expect(reminder.text).not.toContain('majorée');
	});

	test('idempotencyKey: source, customer id and the sorted invoice:step pairs', () => {
		const invoices = threeInvoices();
		const reminder = composeCustomerReminder(groupInput({ invoices }));
		expect(reminder.idempotencyKey).toBe(
			'stripe:customer:cus_R2d2C3po:in_1QxA2bC3dE4fG5h:d7,in_2:d14,in_3:d30',
		);
		expect(reminder.invoiceIdempotencyKeys).toEqual([
			'stripe:in_3:d30',
			'stripe:in_2:d14',
			'stripe:in_1QxA2bC3dE4fG5h:d7',
		]);
		// The same invoices in another order give the same key.
		const reversed = composeCustomerReminder(
			groupInput({
				invoices: [...invoices].reverse(),
				decisions: [
					decision('d30', 11, invoices[2]),
					decision('d14', 11, invoices[1]),
					decision('d7', 11, invoices[0]),
				],
				tones: ['firm', 'reminder', 'friendly'],
			}),
		);
		expect(reversed.idempotencyKey).toBe(reminder.idempotencyKey);
		expect(reversed.text).toBe(reminder.text);
	});

	test('without a customer id, the email identifies the customer (case-insensitive)', () => {
		const customer = { ...overdueInvoice().customer, id: null };
		const invoices = [
			overdueInvoice({ customer }),
			overdueInvoice({ id: 'in_2', customer: { ...customer, email: 'COMPTA@atelier-dupont.fr' } }),
		];
		const reminder = composeCustomerReminder(groupInput({ invoices }));
		expect(reminder.idempotencyKey).toBe(
			'stripe:customer:compta@atelier-dupont.fr:in_1QxA2bC3dE4fG5h:d7,in_2:d14',
		);
	});

	test('invoices of different customers are refused', () => {
		const invoices = threeInvoices();
		invoices[2] = overdueInvoice({
			id: 'in_9',
			customer: { ...invoices[0].customer, id: 'cus_Other' },
		});
		expect(() => composeCustomerReminder(groupInput({ invoices }))).toThrow(DunningInputError);
		expect(() => composeCustomerReminder(groupInput({ invoices }))).toThrow(
			'invoices[2].customer: "cus_Other" is not the customer of invoices[0] ("cus_R2d2C3po")',
		);
	});

	test('a paid invoice is refused: the node drops it before grouping', () => {
		const invoices = threeInvoices();
		invoices[1] = { ...invoices[1], status: 'paid', paidMinor: 50000, dueMinor: 0 };
		expect(() => composeCustomerReminder(groupInput({ invoices }))).toThrow(
			'invoices[1]: invoice F-2026-0120 has nothing left to pay',
		);
		const paidGroupWithout = composeCustomerReminder(
			groupInput({ invoices: [invoices[0], invoices[2]] }),
		);
		expect(paidGroupWithout.invoiceIds).toEqual(['in_3', 'in_1QxA2bC3dE4fG5h']);
		expect(paidGroupWithout.text).not.toContain('F-2026-0120');
	});

	test('a decision that is not due is refused', () => {
		const invoices = threeInvoices();
		const decisions: (Decision | null)[] = invoices.map((invoice) => decision('d7', 3, invoice));
		decisions[0] = { ...(decisions[0] as Decision), action: 'wait', reason: 'too_soon' };
		expect(() => composeCustomerReminder(groupInput({ invoices, decisions }))).toThrow(
			'decisions[0].action: "wait": only due steps (send, escalate) can be composed',
		);
	});

	test.each([
		[{ invoices: [] }, 'invoices: an array is not a non-empty list'],
		[{ decisions: [] }, 'decisions: has 0 entries for 3 invoices'],
		[{ penalties: [null] }, 'penalties: has 1 entries for 3 invoices'],
		[{ tones: ['friendly', 'loud', 'firm'] }, 'tones[1]: "loud" is not one of'],
		[{ tones: undefined }, 'tones[0]: missing, and no tone is given for all invoices'],
		[{ language: 'it' }, 'language: "it" is not a supported language'],
		[{ sender: { name: 42 } }, 'sender.name'],
	] as [Partial<ComposeCustomerInput>, string][])(
		'invalid input names the field: %j',
		(overrides, message) => {
			expect(() => composeCustomerReminder(groupInput(overrides))).toThrow(message);
		},
	);

	test('the same invoice twice is refused', () => {
		const invoice = overdueInvoice();
		expect(() =>
			composeCustomerReminder(
				groupInput({
					invoices: [invoice, invoice],
					tones: undefined,
					tone: 'firm',
					decisions: undefined,
				}),
			),
		).toThrow('invoices[1].id: invoice "in_1QxA2bC3dE4fG5h" is listed twice');
	});
});

describe('a group of one reads like the single-invoice template', () => {
	test.each(['fr', 'en'] as const)('%s', (language) => {
		for (const tone of TONES) {
			const invoice = overdueInvoice();
			const group = composeCustomerReminder({
				invoices: [invoice],
				decisions: [decision('d14', 11, invoice)],
				tones: [tone],
				language,
				sender,
				penalties: [frPenalty],
			});
			const single = composeReminder({
				invoice,
				stepId: 'd14',
				tone,
				language,
				sender,
				penalty: frPenalty,
				daysOverdue: 11,
			});
			expect(group.subject).toBe(single.subject);
			expect(group.text).toBe(single.text);
			expect(group.html).toBe(single.html);
			expect(group.templateId).toBe(`builtin:${language}/${tone}`);
			expect(group.invoiceIds).toEqual([invoice.id]);
			expect(group.idempotencyKey).toBe(`stripe:customer:cus_R2d2C3po:${invoice.id}:d14`);
			expect(group.invoiceIdempotencyKeys).toEqual([`stripe:${invoice.id}:d14`]);
		}
	});
});

describe('hostile values', () => {
	const hostile = '<script>alert(1)</script>';

	test('escaped once in HTML, verbatim in text, for every tone', () => {
		const invoices = threeInvoices().map((invoice, index) => ({
			...invoice,
			number: index === 0 ? '{{constructor}}' : `"><img src=x onerror=alert(${index})>`,
			customer: { ...invoice.customer, name: hostile },
			paymentUrl: index === 1 ? 'javascript:alert(1)' : invoice.paymentUrl,
		}));
		// A formal notice is never grouped (issue 19 #4).
		for (const tone of TONES.filter((tone) => tone !== 'formal_notice')) {
			const tones = invoices.map(() => tone);
			const reminder = composeCustomerReminder(groupInput({ invoices, tones }));
			expect(reminder.html).not.toContain('<script');
			expect(reminder.html).not.toContain('<img');
			expect(reminder.html).not.toContain('javascript:');
			expect(reminder.html).not.toContain('&amp;lt;');
			// Customer-facing messages greet no one by name (issue 19); the internal summary names the customer.
			if (tone === 'internal') {
				expect(reminder.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
			}
			expect(reminder.text).not.toContain('javascript:');
			expect(reminder.text).not.toContain('&lt;');
			expect(reminder.text).toContain('{{constructor}}');
			if (tone === 'internal') expect(reminder.text).toContain(hostile);
		}
		const subject = composeCustomerReminder(
			groupInput({ invoices, tones: ['internal', 'internal', 'internal'] }),
		).subject;
		expect(subject).toBe(`Dossier impayé à suivre : ${hostile}, 3 factures`);
	});
});

describe('custom per-customer templates', () => {
	const template = {
		subject: '{{invoiceCount}} factures pour {{customerName}}',
		text: '{{#each invoices}}{{number}}={{amountDue}}{{#unless @last}}; {{/unless}}{{/each}} | {{#each totals}}{{currency}} {{amount}}{{/each}} | {{tone}}',
	};

	test('render with the per-customer variables; HTML made from the text', () => {
		const invoices = [threeInvoices()[0], threeInvoices()[2]];
		const reminder = composeCustomerReminder(groupInput({ invoices, template }));
		expect(reminder.subject).toBe('2 factures pour Atelier Dupont SARL');
		expect(reminder.text).toBe(
			`F-2026-0098=99,00${NBSP}€; F-2026-0142=1${NNBSP}234,56${NBSP}€ | EUR 1${NNBSP}333,56${NBSP}€ | reminder`,
		);
		expect(reminder.templateId).toMatch(/^custom:[0-9a-f]{16}$/);
		expect(reminder.html).toContain('<p>F-2026-0098');
	});

	test('also for a group of one', () => {
		const reminder = composeCustomerReminder(
			groupInput({ invoices: [overdueInvoice()], tones: ['friendly'], template }),
		);
		expect(reminder.subject).toBe('1 factures pour Atelier Dupont SARL');
	});

	test('a single-invoice variable at the top level is an unknown variable', () => {
		expect(() =>
			composeCustomerReminder(
				groupInput({ template: { subject: 'x', text: 'Montant : {{amountDue}}' } }),
			),
		).toThrow('template.text: line 1: unknown variable "amountDue"');
	});
});

describe('every built-in per-customer template', () => {
	for (const language of ['fr', 'en'] as const) {
		for (const tone of TONES) {
			test(`${language}/${tone}`, () => {
				// A formal notice is never grouped (issue 19 #4): its message is a group of one.
				const count = tone === 'formal_notice' ? 1 : 3;
				const invoices = threeInvoices().slice(0, count);
				const reminder = composeCustomerReminder({
					invoices,
					decisions: invoices.map((invoice, index) =>
						decision(['d7', 'd14', 'd30'][index], [11, 25, 56][index], invoice),
					),
					tones: invoices.map(() => tone),
					language,
					sender,
					penalties: [frPenalty, null, null].slice(0, count),
				});
				expect(reminder.subject).toMatchSnapshot('subject');
				expect(reminder.text).toMatchSnapshot('text');
				// One HTML snapshot per template (French); the other languages share its layout.
				if (language === 'fr') expect(reminder.html).toMatchSnapshot('html');
				expect(reminder.html).toContain(`<html lang="${language}"`);
				expect(reminder.text).toContain('Studio Lumière');
				expect(reminder.html).toContain('Studio Lumière');
			});
		}
	}
});

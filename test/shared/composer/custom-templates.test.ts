import { DunningInputError } from '../../../nodes/shared/errors';
import { composeReminder } from '../../../nodes/shared/composer';
import { cachedTemplateCount } from '../../../nodes/shared/composer/template';
import { composeInput, frPenalty, overdueInvoice } from './fixtures';

function custom(text: string, extra: { subject?: string; html?: string } = {}) {
	return composeReminder(
		composeInput({
			template: { subject: extra.subject ?? 'Facture {{number}}', text, html: extra.html },
		}),
	);
}

function errorOf(run: () => unknown): DunningInputError {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(DunningInputError);
		return error as DunningInputError;
	}
	throw new Error('expected a DunningInputError');
}

describe('the supported subset', () => {
	test('variables, paths, helpers with arguments and hash options', () => {
		const { text, subject, templateId } = custom(
			'{{customer.name}} doit {{money invoice.dueMinor}} ({{money 5000 "USD"}}) depuis le {{date invoice.dueDate}}, ' +
				'{{relativeDays daysOverdue}}, {{plural 2 one="relance" other="relances"}}, {{percent 12.15}}',
		);
		expect(subject).toBe('Facture F-2026-0142');
		expect(text).toBe(
			'Atelier Dupont SARL doit 1\u202f234,56\u00a0€ (50,00\u00a0$US) depuis le 15 novembre 2026, ' +
				'11 jours de retard, 2 relances, 12,15\u00a0%',
		);
		expect(templateId).toMatch(/^custom:[0-9a-f]{16}$/);
	});

	test('if / unless / else if / each with @index, @first, @last, ../ and @root; with; comments', () => {
		const invoice = overdueInvoice({
			dunning: { ...overdueInvoice().dunning, sentStepIds: ['d-3', 'd7', 'd14'] },
		});
		const { text } = composeReminder(
			composeInput({
				invoice,
				template: {
					subject: 's',
					text:
						'{{! a comment }}{{#each sentStepIds}}{{@index}}:{{this}}{{#if @first}}(first){{/if}}' +
						'{{#unless @last}}, {{/unless}}{{/each}} | {{#with customer}}{{name}} / {{../number}} / {{@root.tone}}{{/with}}' +
						' | {{#if penalty}}P{{else if paymentUrl}}link{{else}}none{{/if}}' +
						' | {{#each invoice.payments}}x{{else}}no payments{{/each}}' +
						' | {{#if (eq tone "friendly")}}friendly{{/if}}',
				},
			}),
		);
		expect(text).toBe(
			'0:d-3(first), 1:d7, 2:d14 | Atelier Dupont SARL / F-2026-0142 / friendly | link | no payments | friendly',
		);
	});

	test('whitespace control: ~ and standalone block lines are applied by the parser', () => {
		const { text } = custom('A\n{{#if customerName}}\n  B  {{~customerName~}}  C\n{{/if}}\nD');
		expect(text).toBe('A\n  BAtelier Dupont SARLC\nD');
	});

	test('{{{triple}}} is allowed in the text part only', () => {
		expect(custom('{{{customerName}}}').text).toBe('Atelier Dupont SARL');
		const error = errorOf(() => custom('x', { html: '<p>\n{{{customerName}}}</p>' }));
		expect(error.message).toBe(
			'template.html: line 2: unescaped output ({{{...}}} or {{&...}}) is only allowed in the text part',
		);
	});

	test('without an html template, the HTML part is the escaped text in paragraphs', () => {
		const invoice = overdueInvoice({
			customer: { ...overdueInvoice().customer, name: 'A & B <Ltd>' },
		});
		const { html, text } = composeReminder(
			composeInput({ invoice, template: { subject: 's', text: 'Hello {{customerName}}\n\nBye' } }),
		);
		expect(text).toBe('Hello A & B <Ltd>\n\nBye');
		expect(html).toContain('<p>Hello A &amp; B &lt;Ltd&gt;</p>\n<p>Bye</p>');
	});

	test('parsed templates are cached by content, and the cache is bounded', () => {
		custom('cache probe {{number}}');
		const before = cachedTemplateCount();
		custom('cache probe {{number}}');
		expect(cachedTemplateCount()).toBe(before);
		for (let i = 0; i < 300; i++) custom(`filler ${i}`);
		expect(cachedTemplateCount()).toBeLessThanOrEqual(2 * 256);
	});
});

describe('outside the subset: a clear error naming the construct and its line', () => {
	test.each([
		['partial', 'a\n{{> footer}}', 'line 2: partials ({{> name}}) are not supported'],
		[
			'partial block',
			'{{#> layout}}x{{/layout}}',
			'line 1: partials ({{> name}}) are not supported',
		],
		['decorator', 'a\n\n{{* deco}}', 'line 3: decorators ({{* name}}) are not supported'],
		[
			'raw block',
			'{{{{raw}}}} {{x}} {{{{/raw}}}}',
			'line 1: raw blocks ({{{{...}}}}) are not supported',
		],
		['unknown helper', 'a\n{{lookup invoice "id"}}', 'line 2: unknown helper "lookup"'],
		[
			'unknown block',
			'{{#invoice}}x{{/invoice}}',
			'line 1: block {{#invoice}} is not supported (blocks: if, unless, each, with, ifPenalty)',
		],
		[
			'block params',
			'{{#each sentStepIds as |id|}}{{id}}{{/each}}',
			'line 1: block parameters (as |name|) are not supported',
		],
		[
			'block helper used inline',
			'{{if customerName}}',
			'line 1: {{if}} is a block helper: write {{#if ...}}...{{/if}}',
		],
		[
			'helper arity',
			'{{money}}',
			'line 1: money takes 1 to 2 arguments: {{money amountMinor [currency]}}',
		],
		[
			'unknown hash option',
			'{{date dueDate style="short"}}',
			'line 1: date has no option "style": {{date isoDate}}',
		],
		[
			'unknown subexpression helper',
			'{{#if (gt daysOverdue 3)}}x{{/if}}',
			'line 1: unknown helper "gt"',
		],
		['syntax error', '{{#if x}}', 'not a valid template: Parse error on line 1:'],
	])('%s', (_name, text, message) => {
		expect(errorOf(() => custom(text)).message).toContain(`template.text: ${message}`);
	});
});

describe('strict variables', () => {
	test('an unknown variable names the variable and the line, even in a branch not taken', () => {
		expect(errorOf(() => custom('Bonjour\n{{custmer.name}}')).message).toBe(
			'template.text: line 2: unknown variable "custmer.name"',
		);
		expect(errorOf(() => custom('{{#if penalty}}{{montant}}{{/if}}')).message).toBe(
			'template.text: line 1: unknown variable "montant"',
		);
		expect(errorOf(() => custom('x', { subject: 'Re: {{numero}}' })).message).toBe(
			'template.subject: line 1: unknown variable "numero"',
		);
	});

	test('an unknown field of a known object is an error at render time', () => {
		expect(errorOf(() => custom('{{invoice.nmber}}')).message).toBe(
			'template.text: line 1: unknown variable "invoice.nmber"',
		);
		expect(errorOf(() => custom('{{#each sentStepIds}}{{this.foo}}{{/each}}')).field).toBe(
			'template.text',
		);
	});

	test('a path through null is an error in output, false in a condition', () => {
		expect(errorOf(() => custom('{{penalty.totalMinor}}')).message).toBe(
			'template.text: line 1: "penalty.totalMinor": penalty is null here (guard it with {{#if penalty}})',
		);
		expect(custom('{{#if penalty.totalMinor}}yes{{else}}no{{/if}}').text).toBe('no');
		const withPenalty = composeReminder(
			composeInput({
				penalty: frPenalty,
				template: { subject: 's', text: '{{money penalty.totalMinor}}' },
			}),
		);
		expect(withPenalty.text).toBe('44,61\u00a0€');
	});

	test('objects and lists cannot be printed whole', () => {
		expect(errorOf(() => custom('{{invoice}}')).message).toBe(
			'template.text: line 1: "invoice" is an object: name one of its fields or use {{#each}}',
		);
	});

	test('a helper given a wrong value says which helper and line', () => {
		expect(errorOf(() => custom('\n{{date customerName}}')).message).toBe(
			'template.text: line 2: date: "Atelier Dupont SARL" is not a date (YYYY-MM-DD)',
		);
		expect(errorOf(() => custom('{{money invoice.dueMinor "EURO"}}')).message).toContain(
			'line 1: money: currency: "EURO" is not',
		);
	});
});

describe('no access to prototypes or functions', () => {
	test.each([
		['{{customer.constructor}}', 'access to "constructor" is not allowed'],
		['{{customer.__proto__}}', 'access to "__proto__" is not allowed'],
		['{{invoice.toString}}', 'access to "toString" is not allowed'],
		['{{#with customer}}{{constructor.name}}{{/with}}', 'access to "constructor" is not allowed'],
		['{{sentStepIds.constructor.constructor}}', 'access to "constructor" is not allowed'],
		['{{customerName.length}}', 'unknown variable "customerName.length"'],
	])('%s', (text, problem) => {
		expect(errorOf(() => custom(text)).message).toContain(problem);
	});

	test('the classic Handlebars injection payload is refused, not run', () => {
		const payload =
			'{{#with "s" as |string|}}{{#with string.split as |conslist|}}{{this.pop}}{{/with}}{{/with}}';
		expect(errorOf(() => custom(payload)).message).toContain('block parameters');
		expect(errorOf(() => custom('{{#with "s"}}{{split}}{{/with}}')).message).toContain(
			'unknown variable "split"',
		);
	});

	test('array length and indexes are readable', () => {
		expect(custom('{{sentStepIds.length}} {{sentStepIds.[0]}}').text).toBe('1 d7');
	});
});

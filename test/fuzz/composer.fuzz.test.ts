// Fuzzing of the composer with hostile template values (issue 9, part 2): prototype keys, `__proto__`,
// `constructor`, HTML/JS in the invoice and the sender, and random Handlebars. Each template either renders
// (with every invoice value escaped in the HTML part, no prototype reached, no global polluted) or is refused
// with a DunningInputError naming the template field.
import * as fc from 'fast-check';

import { composeReminder, DunningInputError, type ComposeInput } from '../../nodes/shared';
import { makeInvoice } from '../shared/invoice-factory';
import { fullParams, params } from '../properties/config';

const HOSTILE = [
	'<script>alert(1)</script>',
	'"><img src=x onerror=alert(1)>',
	"'; DROP TABLE invoices; --",
	'{{constructor.constructor "return process"}}',
	'javascript:alert(1)',
	'__proto__',
	'constructor',
	'\u0000\u202e',
	'&lt;already&gt;',
];

const hostileText = fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 40 }));

const PATHS = [
	'__proto__',
	'constructor',
	'prototype',
	'invoice.__proto__',
	'invoice.constructor',
	'invoice.constructor.name',
	'invoice.constructor.constructor',
	'customer.__proto__.polluted',
	'this.constructor',
	'this.__proto__',
	'@root.constructor',
	'invoice.toString',
	'invoice.hasOwnProperty',
	'customer.valueOf',
	'sentStepIds.length',
	'sentStepIds.constructor',
	'customerName',
	'amountDue',
	'paymentUrl',
	'sender.name',
	'lookup',
	'../x',
	'noSuchVariable',
];

/** A template of fragments: variables (known and hostile), raw output, blocks, helpers, garbage. */
const templateArb = fc
	.array(
		fc.oneof(
			fc.constantFrom(...PATHS).map((path) => `{{${path}}}`),
			fc.constantFrom(...PATHS).map((path) => `{{{${path}}}}`),
			fc.constantFrom(...PATHS).map((path) => `{{#with ${path}}}{{this}}{{/with}}`),
			fc.constantFrom(...PATHS).map((path) => `{{#each ${path}}}{{@key}}={{this}};{{/each}}`),
			fc.constantFrom(...PATHS).map((path) => `{{lookup ${path} "constructor"}}`),
			fc.constantFrom(
				'{{money invoice.dueMinor}}',
				'{{date dueDate}}',
				'{{#if paymentUrl}}{{paymentUrl}}{{/if}}',
				'{{> partial}}',
				'{{#*inline "x"}}y{{/inline}}',
				'{{!-- comment --}}',
				'{{',
				'}}',
				'{{#if}}',
				'{{/each}}',
				'{{ log "x" }}',
				'{{helperMissing}}',
				'{{blockHelperMissing}}',
			),
			hostileText,
		),
		{ minLength: 1, maxLength: 6 },
	)
	.map((parts) => parts.join(' '));

const ESCAPED_ELSEWHERE = /<script>|onerror=/;

describe('composeReminder with hostile templates and values', () => {
	afterEach(() => {
		// Nothing reached a prototype.
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
	});

	it('hostile invoice and sender values are escaped in the HTML of every built-in template (1500 runs in CI)', () => {
		fc.assert(
			fc.property(
				hostileText,
				hostileText,
				hostileText,
				fc.constantFrom('notice', 'friendly', 'reminder', 'firm', 'formal_notice', 'internal'),
				fc.constantFrom('fr', 'en', 'de', 'es'),
				(name, number, senderName, tone, language) => {
					const input: ComposeInput = {
						invoice: makeInvoice({
							number,
							customer: { name, email: 'c@example.com' },
							paymentUrl: 'javascript:alert(1)',
						}),
						tone: tone as ComposeInput['tone'],
						language,
						sender: { name: senderName || 'Sender', signature: name },
						stepId: 'd7',
					};
					let composed;
					try {
						composed = composeReminder(input);
					} catch (error) {
						// A blank name or number is refused, naming the field: a clear error, not a gap.
						if (!(error instanceof DunningInputError)) throw error;
						expect(error.field).toMatch(
							/^(invoice\.(number|customer\.name)|sender\.(name|signature))$/,
						);
						return;
					}
					expect(composed.html).not.toMatch(ESCAPED_ELSEWHERE);
					// A javascript: link is not a payment link.
					expect(composed.html).not.toMatch(/(href|src)="\s*javascript:/i);
				},
			),
			params(1500),
		);
	});

	it('random templates with prototype keys: rendered safely or refused naming the template field (3000 runs)', () => {
		const outcomes = { rendered: 0, refused: 0 };
		fc.assert(
			fc.property(
				templateArb,
				templateArb,
				fc.option(templateArb, { nil: undefined }),
				hostileText,
				(subject, text, html, name) => {
					let composed;
					try {
						composed = composeReminder({
							invoice: makeInvoice({ customer: { name } }),
							tone: 'friendly',
							language: 'en',
							sender: { name: 'Sender' },
							template: { subject, text, html },
						});
					} catch (error) {
						if (!(error instanceof DunningInputError)) throw error;
						expect(error.field).toMatch(
							/^(template\.(subject|text|html)|invoice\.customer\.name)$/,
						);
						expect(error.message.length).toBeLessThan(500);
						outcomes.refused++;
						return;
					}
					outcomes.rendered++;
					for (const part of [composed.subject, composed.text, composed.html]) {
						// No function source, no prototype object printed, no process handle.
						expect(part).not.toMatch(/function |\[native code\]|\[object Object\]|process\b.*env/);
					}
					expect(composed.html).not.toMatch(ESCAPED_ELSEWHERE);
				},
			),
			fullParams(3000),
		);
		expect(outcomes.rendered).toBeGreaterThan(0);
		expect(outcomes.refused).toBeGreaterThan(0);
	});

	it('prototype paths are refused one by one, with the variable named', () => {
		for (const path of PATHS.filter((p) =>
			/__proto__|constructor|prototype|toString|hasOwnProperty|valueOf/.test(p),
		)) {
			let outcome: string;
			try {
				const composed = composeReminder({
					invoice: makeInvoice(),
					tone: 'friendly',
					language: 'en',
					sender: { name: 'S' },
					template: { subject: 's', text: `[{{${path}}}]` },
				});
				outcome = composed.text;
			} catch (error) {
				expect(error).toBeInstanceOf(DunningInputError);
				outcome = (error as Error).message;
			}
			// Either an error naming the template, or an empty value: never the prototype's content.
			expect(outcome).toMatch(/^template\.text: |^\[\]$/);
		}
	});
});

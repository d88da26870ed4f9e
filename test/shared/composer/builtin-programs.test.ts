// Built-in templates are parsed at build time (scripts/build-templates.js): at run time only custom
// templates go through Handlebars' parser, and no code is generated for either.
import { COMPOSER_LANGUAGES, type ComposerLanguage } from '../../../nodes/shared/composer/language';
import type { BuiltinName as TemplateName } from '../../../nodes/shared/composer/builtin';
import { builtinPrograms } from '../../../nodes/shared/composer/builtin';
import { BUILTIN_PROGRAM_JSON } from '../../../nodes/shared/composer/generated/programs';
import { BUILTIN_TEMPLATES } from '../../../nodes/shared/composer/generated/templates';
import { TONES } from '../../../nodes/shared/scenario/types';
import { makeInvoice } from '../invoice-factory';

const PARSER = 'handlebars/dist/cjs/handlebars/compiler/base';

test('every built-in has its three parts parsed, and only those', () => {
	expect(Object.keys(BUILTIN_PROGRAM_JSON).sort()).toEqual(Object.keys(BUILTIN_TEMPLATES).sort());
	for (const language of COMPOSER_LANGUAGES) {
		for (const name of [...TONES, 'customer']) {
			const programs = builtinPrograms(language, name as TemplateName);
			for (const part of ['subject', 'text', 'html'] as const) {
				expect([`${language}/${name}`, part, programs[part].type]).toEqual([
					`${language}/${name}`,
					part,
					'Program',
				]);
			}
		}
	}
});

test('the stored trees are what the parser makes of the sources', () => {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { parse } = require(PARSER) as { parse: (source: string) => unknown };
	const contentOf = (node: unknown): string[] => {
		if (Array.isArray(node)) return node.flatMap(contentOf);
		if (typeof node !== 'object' || node === null) return [];
		const record = node as Record<string, unknown>;
		const own = record.type === 'ContentStatement' ? [record.value as string] : [];
		return [...own, ...Object.values(record).flatMap(contentOf)];
	};
	for (const [key, template] of Object.entries(BUILTIN_TEMPLATES)) {
		for (const part of ['subject', 'text', 'html'] as const) {
			const [language, name] = key.split('/') as [ComposerLanguage, TemplateName];
			expect(contentOf(builtinPrograms(language, name)[part])).toEqual(
				contentOf(parse(template[part])),
			);
		}
	}
});

describe('at run time', () => {
	let parseCalls = 0;
	let composer: typeof import('../../../nodes/shared/composer');

	beforeAll(() => {
		jest.isolateModules(() => {
			jest.doMock(PARSER, () => {
				const actual = jest.requireActual(PARSER);
				return {
					...actual,
					parse: (source: string) => {
						parseCalls++;
						return actual.parse(source);
					},
				};
			});
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			composer = require('../../../nodes/shared/composer');
		});
	});

	afterAll(() => jest.dontMock(PARSER));

	test('built-in templates are never parsed, single or per customer', () => {
		for (const language of COMPOSER_LANGUAGES) {
			for (const tone of TONES) {
				composer.composeReminder({
					invoice: makeInvoice(),
					tone,
					language,
					sender: { name: 'S' },
				});
				// A formal notice is always its own message (a group of one).
				const second = tone === 'formal_notice' ? [] : [makeInvoice({ id: 'in_2' })];
				composer.composeCustomerReminder({
					invoices: [makeInvoice(), ...second],
					tone,
					language,
					sender: { name: 'S' },
				});
			}
		}
		expect(parseCalls).toBe(0);
	});

	test('a custom template is parsed once, then served from the cache', () => {
		const template = { subject: 'Facture {{number}} (parse-once)', text: 'Reste {{amountDue}}' };
		for (let i = 0; i < 3; i++) {
			composer.composeReminder({
				invoice: makeInvoice(),
				tone: 'friendly',
				language: 'fr',
				sender: { name: 'S' },
				template,
			});
		}
		expect(parseCalls).toBe(2);
	});
});

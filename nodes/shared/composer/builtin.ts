import { getOrCreate } from '../memo';
import type * as GeneratedPrograms from './generated/programs';
import type * as GeneratedTemplates from './generated/templates';
import type { ComposerLanguage } from './language';
import type { BuiltinPrograms, BuiltinTemplate, ComposerTone } from './types';

// The generated tables (1.9 MB of source) are loaded on first use: the 60 unit-test files that load the core
// without composing a message no longer parse them (about 0.4 s each under jest).
/* eslint-disable @typescript-eslint/no-require-imports */
let templates: typeof GeneratedTemplates.BUILTIN_TEMPLATES | undefined;
const builtinTemplates = () =>
	(templates ??= (require('./generated/templates') as typeof GeneratedTemplates).BUILTIN_TEMPLATES);
let programJson: typeof GeneratedPrograms.BUILTIN_PROGRAM_JSON | undefined;
const builtinProgramJson = () =>
	(programJson ??= (require('./generated/programs') as typeof GeneratedPrograms)
		.BUILTIN_PROGRAM_JSON);
/* eslint-enable @typescript-eslint/no-require-imports */

/** The built-in template names of a language: one per tone, and the per-customer message. */
export type BuiltinName = ComposerTone | 'customer';

/** `builtin:fr/friendly` */
export function builtinTemplateId(language: ComposerLanguage, tone: ComposerTone): string {
	return `builtin:${language}/${tone}`;
}

/** The built-in template of a language and tone (every pair exists: a test checks the table). */
export function builtinTemplate(language: ComposerLanguage, tone: BuiltinName): BuiltinTemplate {
	return builtinTemplates()[`${language}/${tone}`];
}

const programs = new Map<string, BuiltinPrograms>();
// The trees made here, so that a template set carrying a copied or altered tree is not trusted with it.
const madeHere = new WeakSet<object>();

/**
 * Its parts already parsed at build time: built-ins never go through the Handlebars parser at run time.
 * The trees are read from their JSON on first use of the template (JSON.parse, no code generation).
 */
export function builtinPrograms(language: ComposerLanguage, tone: BuiltinName): BuiltinPrograms {
	return getOrCreate(programs, `${language}/${tone}`, (key) => {
		const made = JSON.parse(builtinProgramJson()[key]) as BuiltinPrograms;
		madeHere.add(made);
		return made;
	});
}

/** True for the very trees `builtinPrograms` made (never for a copy): they need no checking. */
export function isBuiltinPrograms(value: unknown): value is BuiltinPrograms {
	return typeof value === 'object' && value !== null && madeHere.has(value);
}

export function builtinTemplateKeys(): string[] {
	return Object.keys(builtinTemplates());
}

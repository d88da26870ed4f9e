import { getOrCreate } from '../memo';
import { BUILTIN_PROGRAM_JSON } from './generated/programs';
import { BUILTIN_TEMPLATES } from './generated/templates';
import type { ComposerLanguage } from './language';
import type { BuiltinPrograms, BuiltinTemplate, ComposerTone } from './types';

/** The built-in template names of a language: one per tone, and the per-customer message. */
export type BuiltinName = ComposerTone | 'customer';

/** `builtin:fr/friendly` */
export function builtinTemplateId(language: ComposerLanguage, tone: ComposerTone): string {
	return `builtin:${language}/${tone}`;
}

/** The built-in template of a language and tone (every pair exists: a test checks the table). */
export function builtinTemplate(language: ComposerLanguage, tone: BuiltinName): BuiltinTemplate {
	return BUILTIN_TEMPLATES[`${language}/${tone}`];
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
		const made = JSON.parse(BUILTIN_PROGRAM_JSON[key]) as BuiltinPrograms;
		madeHere.add(made);
		return made;
	});
}

/** True for the very trees `builtinPrograms` made (never for a copy): they need no checking. */
export function isBuiltinPrograms(value: unknown): value is BuiltinPrograms {
	return typeof value === 'object' && value !== null && madeHere.has(value);
}

export function builtinTemplateKeys(): string[] {
	return Object.keys(BUILTIN_TEMPLATES);
}

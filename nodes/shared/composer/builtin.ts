import { BUILTIN_PROGRAMS } from './generated/programs';
import { BUILTIN_TEMPLATES } from './generated/templates';
import type { ComposerLanguage } from './language';
import type { Tone } from '../scenario/types';
import type { BuiltinPrograms, BuiltinTemplate } from './types';

/** The built-in template names of a language: one per tone, and the per-customer message. */
export type BuiltinName = Tone | 'customer';

/** `builtin:fr/friendly` */
export function builtinTemplateId(language: ComposerLanguage, tone: Tone): string {
	return `builtin:${language}/${tone}`;
}

/** The built-in template of a language and tone (every pair exists: a test checks the table). */
export function builtinTemplate(language: ComposerLanguage, tone: BuiltinName): BuiltinTemplate {
	return BUILTIN_TEMPLATES[`${language}/${tone}`];
}

/** Its parts already parsed at build time: built-ins never go through the parser at run time. */
export function builtinPrograms(language: ComposerLanguage, tone: BuiltinName): BuiltinPrograms {
	return BUILTIN_PROGRAMS[`${language}/${tone}`];
}

export function builtinTemplateKeys(): string[] {
	return Object.keys(BUILTIN_TEMPLATES);
}

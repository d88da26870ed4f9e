import { BUILTIN_TEMPLATES } from './generated/templates';
import type { ComposerLanguage } from './language';
import type { Tone } from '../scenario/types';
import type { BuiltinTemplate } from './types';

/** `builtin:fr/friendly` */
export function builtinTemplateId(language: ComposerLanguage, tone: Tone): string {
	return `builtin:${language}/${tone}`;
}

/** The built-in template of a language and tone (every pair exists: a test checks the table). */
export function builtinTemplate(language: ComposerLanguage, tone: Tone): BuiltinTemplate {
	return BUILTIN_TEMPLATES[`${language}/${tone}`];
}

export function builtinTemplateKeys(): string[] {
	return Object.keys(BUILTIN_TEMPLATES);
}

import { DunningInputError, describeValue } from '../errors';

/** Languages with a built-in template set and formatting rules (date-fns locale, plural forms). */
export const COMPOSER_LANGUAGES = ['fr', 'en', 'de', 'es'] as const;
export type ComposerLanguage = (typeof COMPOSER_LANGUAGES)[number];

/**
 * Languages every text of the package is written in, the Late Payment Penalty summary included: what
 * `resolveLanguage` accepts. The reminder templates also exist in German and Spanish
 * (`resolveComposerLanguage`).
 */
export const CORE_LANGUAGES = ['fr', 'en'] as const;
export type CoreLanguage = (typeof CORE_LANGUAGES)[number];

function resolveAmong<T extends string>(languages: readonly T[], value: unknown, field: string): T {
	if (typeof value === 'string') {
		// Most calls give the bare code itself.
		if ((languages as readonly string[]).includes(value)) return value as T;
		const primary = value.trim().toLowerCase().split(/[-_]/)[0];
		const found = languages.find((language) => language === primary);
		if (found) return found;
	}
	throw new DunningInputError(
		field,
		`${describeValue(value)} is not a supported language (${languages.join(', ')})`,
	);
}

/**
 * Reduces a language tag to a language with reminder templates: `fr-FR`, `fr_CA` and `FR` give `fr`;
 * `de-AT` gives `de`. An unsupported language is an error rather than a silent switch to English: the
 * core cannot know whether the customer reads English, so the node decides the fallback (e.g. "customer
 * locale, else fr").
 */
export function resolveComposerLanguage(value: unknown, field = 'language'): ComposerLanguage {
	return resolveAmong(COMPOSER_LANGUAGES, value, field);
}

/** The same for the languages of the whole package (`fr`, `en`): see CORE_LANGUAGES. */
export function resolveLanguage(value: unknown, field = 'language'): CoreLanguage {
	return resolveAmong(CORE_LANGUAGES, value, field);
}

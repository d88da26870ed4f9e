import { DunningInputError, describeValue } from '../errors';

/** Languages with a built-in template set and formatting rules (date-fns locale, plural forms). */
export const COMPOSER_LANGUAGES = ['fr', 'en'] as const;
export type ComposerLanguage = (typeof COMPOSER_LANGUAGES)[number];

/**
 * Reduces a language tag to a supported language: `fr-FR`, `fr_CA` and `FR` give `fr`.
 * An unsupported language is an error rather than a silent switch to English: the core cannot know
 * whether the customer reads English, so the node decides the fallback (e.g. "customer locale, else fr").
 */
export function resolveLanguage(value: unknown, field = 'language'): ComposerLanguage {
	if (typeof value === 'string') {
		const primary = value.trim().toLowerCase().split(/[-_]/)[0];
		const found = COMPOSER_LANGUAGES.find((language) => language === primary);
		if (found) return found;
	}
	throw new DunningInputError(
		field,
		`${describeValue(value)} is not a supported language (${COMPOSER_LANGUAGES.join(', ')})`,
	);
}

import { assertShape } from '../shape';
import { COMPOSER_LANGUAGES, resolveComposerLanguage, type ComposerLanguage } from './language';

/**
 * Billing countries (ISO 3166-1 alpha-2) whose business correspondence is usually in one of the template
 * languages. Multilingual countries take the language most of their businesses write in: Belgium and
 * Luxembourg French, Switzerland German (about two thirds of the population), Canada English. A country
 * not listed says nothing: the currency is asked next.
 */
const COUNTRY_LANGUAGES: Record<ComposerLanguage, readonly string[]> = {
	fr: [
		...['FR', 'BE', 'LU', 'MC'],
		// Overseas departments and collectivities, with their own ISO codes.
		...['GP', 'MQ', 'GF', 'RE', 'YT', 'PM', 'BL', 'MF', 'NC', 'PF', 'WF'],
		// French-speaking Africa and the Caribbean, where invoices are written in French.
		...['SN', 'CI', 'CM', 'ML', 'BF', 'NE', 'TG', 'BJ', 'GA', 'CG', 'CD', 'MG', 'GN', 'TD', 'CF'],
		...['DJ', 'KM', 'BI', 'HT', 'MA', 'DZ', 'TN'],
	],
	de: ['DE', 'AT', 'CH', 'LI'],
	es: [
		...['ES', 'MX', 'AR', 'CO', 'CL', 'PE', 'VE', 'EC', 'GT', 'CU', 'BO', 'DO', 'HN', 'PY', 'SV'],
		...['NI', 'CR', 'PA', 'UY', 'GQ', 'PR'],
	],
	en: [
		...['GB', 'US', 'IE', 'CA', 'AU', 'NZ', 'ZA', 'IN', 'SG', 'NG', 'KE', 'GH', 'MT', 'JM', 'TT'],
		...['BS', 'BB', 'BZ', 'GI', 'IM', 'JE', 'GG', 'UM', 'VI', 'GU', 'AS', 'MP'],
	],
};

/**
 * Currencies used by a single language area. EUR and CHF are shared by several languages (and many
 * currencies are used by none of ours): they say nothing, and the fallback decides.
 */
const CURRENCY_LANGUAGES: Record<ComposerLanguage, readonly string[]> = {
	fr: ['XOF', 'XAF', 'XPF', 'MAD', 'DZD', 'TND'],
	de: [],
	es: ['MXN', 'ARS', 'CLP', 'COP', 'PEN', 'UYU', 'PYG', 'BOB', 'VES', 'CRC', 'DOP', 'GTQ', 'HNL'],
	en: ['GBP', 'USD', 'AUD', 'NZD', 'CAD', 'SGD', 'INR', 'ZAR', 'NGN', 'KES', 'GHS', 'JMD', 'TTD'],
};

function tableOf(
	source: Record<ComposerLanguage, readonly string[]>,
): Map<string, ComposerLanguage> {
	const table = new Map<string, ComposerLanguage>();
	for (const language of COMPOSER_LANGUAGES) {
		for (const code of source[language]) table.set(code, language);
	}
	return table;
}

const BY_COUNTRY = tableOf(COUNTRY_LANGUAGES);
// `UK` is not ISO 3166 but is what people type.
BY_COUNTRY.set('UK', 'en');
const BY_CURRENCY = tableOf(CURRENCY_LANGUAGES);

export interface CustomerLanguageHints {
	/** The customer's locale in the source (`fr-FR`, `en_GB`), if any. */
	locale?: string | null;
	/** Billing country, ISO 3166-1 alpha-2 (`invoice.customer.country`). */
	country?: string | null;
	/** The invoice's currency. */
	currency?: string | null;
}

function upper(value: string | null | undefined): string | null {
	return typeof value === 'string' && value.trim() !== '' ? value.trim().toUpperCase() : null;
}

/**
 * The language a customer is written to when the caller has not fixed one: the customer's locale when it
 * has templates; else the language of the billing country; else of the currency (GBP, USD → English; EUR
 * is shared by many languages and says nothing); else `fallback` (the node's Fallback Language).
 * QuickBooks has no customer locale: the country and currency decide there.
 */
export function chooseCustomerLanguage(
	hints: CustomerLanguageHints,
	fallback: string,
): ComposerLanguage {
	const fallbackLanguage = resolveComposerLanguage(fallback, 'fallbackLanguage');
	assertShape(hints, { locale: 'string?', country: 'string?', currency: 'string?' }, 'hints');
	if (typeof hints.locale === 'string' && hints.locale.trim() !== '') {
		try {
			return resolveComposerLanguage(hints.locale);
		} catch {
			// A locale without templates (it-IT): the country may still point to one we have.
		}
	}
	const country = upper(hints.country);
	const byCountry = country === null ? undefined : BY_COUNTRY.get(country);
	if (byCountry) return byCountry;
	const currency = upper(hints.currency);
	const byCurrency = currency === null ? undefined : BY_CURRENCY.get(currency);
	return byCurrency ?? fallbackLanguage;
}

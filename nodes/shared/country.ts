import { DunningInputError, describeValue } from './errors';

/**
 * Countries as ISO 3166-1 alpha-2 codes, upper case (issue 19, contract 1). Stripe already gives alpha-2 codes;
 * QuickBooks' `BillAddr.Country` is free text ("USA", "United States", "France", "FR"), so it is read leniently:
 * an alpha-2 code, a common alpha-3 code, or a country name in English, French, German, Spanish, Italian, Dutch
 * or Portuguese. The names come from the ICU data of the JavaScript runtime (`Intl.DisplayNames`), so the
 * package ships no country list of its own; only alpha-3 codes and colloquial names ICU does not know are
 * listed below.
 */

/** Region codes ICU names that are not countries (EU, UN, "Unknown Region"...) or are reserved exceptions. */
const NOT_COUNTRIES = new Set([
	'AC',
	'CP',
	'CQ',
	'DG',
	'EA',
	'EU',
	'EZ',
	'IC',
	'QO',
	'TA',
	'UN',
	'XA',
	'XB',
	'ZZ',
]);

/** Alpha-3 codes met in accounting software (ISO 3166-1): the customers of a European or American business. */
// prettier-ignore
const ALPHA3: Record<string, string> = {
	USA: 'US', CAN: 'CA', MEX: 'MX', BRA: 'BR', ARG: 'AR', CHL: 'CL', COL: 'CO', PER: 'PE',
	GBR: 'GB', IRL: 'IE', FRA: 'FR', DEU: 'DE', ESP: 'ES', PRT: 'PT', ITA: 'IT', BEL: 'BE',
	NLD: 'NL', LUX: 'LU', CHE: 'CH', AUT: 'AT', LIE: 'LI', MCO: 'MC', AND: 'AD', DNK: 'DK',
	SWE: 'SE', NOR: 'NO', FIN: 'FI', ISL: 'IS', POL: 'PL', CZE: 'CZ', SVK: 'SK', HUN: 'HU',
	ROU: 'RO', BGR: 'BG', GRC: 'GR', CYP: 'CY', MLT: 'MT', SVN: 'SI', HRV: 'HR', EST: 'EE',
	LVA: 'LV', LTU: 'LT', TUR: 'TR', ISR: 'IL', ARE: 'AE', SAU: 'SA', MAR: 'MA', DZA: 'DZ',
	TUN: 'TN', SEN: 'SN', CIV: 'CI', ZAF: 'ZA', NGA: 'NG', EGY: 'EG', IND: 'IN', CHN: 'CN',
	HKG: 'HK', JPN: 'JP', KOR: 'KR', SGP: 'SG', AUS: 'AU', NZL: 'NZ', UKR: 'UA',
};

/** Spellings no ICU locale gives (abbreviations, constituent countries, old or informal names). */
const ALIASES: Record<string, string> = {
	us: 'US',
	usa: 'US',
	america: 'US',
	'united states of america': 'US',
	'etats unis d amerique': 'US',
	uk: 'GB',
	'great britain': 'GB',
	britain: 'GB',
	england: 'GB',
	scotland: 'GB',
	wales: 'GB',
	'northern ireland': 'GB',
	'united kingdom of great britain and northern ireland': 'GB',
	holland: 'NL',
	'the netherlands': 'NL',
	'republic of ireland': 'IE',
	eire: 'IE',
	'czech republic': 'CZ',
	'republique tcheque': 'CZ',
	'korea republic of': 'KR',
	'republic of korea': 'KR',
	'russian federation': 'RU',
	'viet nam': 'VN',
	uae: 'AE',
};

const NAME_LANGUAGES = ['en', 'fr', 'de', 'es', 'it', 'nl', 'pt'];

let codes: ReadonlySet<string> | undefined;
let byName: ReadonlyMap<string, string> | undefined;

/** "Côte d’Ivoire" and "cote d'ivoire", "U.S.A." and "usa" give one key. */
function nameKey(text: string): string {
	return text
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/&/g, ' and ')
		.replace(/\./g, '')
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

function countryCodes(): ReadonlySet<string> {
	if (!codes) {
		const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
		const found = new Set<string>();
		for (let first = 65; first <= 90; first++) {
			for (let second = 65; second <= 90; second++) {
				const code = String.fromCharCode(first, second);
				// Withdrawn codes (UK, DD, YU...) canonicalise to their successor: not codes to hand out.
				const current = Intl.getCanonicalLocales(`und-${code}`)[0] === `und-${code}`;
				if (current && !NOT_COUNTRIES.has(code) && names.of(code) !== undefined) found.add(code);
			}
		}
		codes = found;
	}
	return codes;
}

function countryNames(): ReadonlyMap<string, string> {
	if (!byName) {
		const map = new Map<string, string>();
		for (const language of NAME_LANGUAGES) {
			for (const style of ['long', 'short'] as const) {
				const names = new Intl.DisplayNames([language], {
					type: 'region',
					style,
					fallback: 'none',
				});
				for (const code of countryCodes()) {
					const name = names.of(code);
					if (name !== undefined && !map.has(nameKey(name))) map.set(nameKey(name), code);
				}
			}
		}
		for (const [alias, code] of Object.entries(ALIASES)) map.set(alias, code);
		byName = map;
	}
	return byName;
}

/** True for an assigned ISO 3166-1 alpha-2 code in upper case (`FR`, `GB`, `US`). */
export function isCountryCode(value: unknown): value is string {
	return typeof value === 'string' && countryCodes().has(value);
}

/**
 * The alpha-2 code of a country written as a source system writes it (`"USA"`, `"United States"`,
 * `"fr"`, `"Royaume-Uni"`), or null when empty or not recognised. Never throws: an address's country is
 * free text in QuickBooks, and an unknown one leaves the country unknown.
 */
export function countryFromText(value: unknown): string | null {
	if (typeof value !== 'string') return null;
	const text = value.trim();
	if (text === '') return null;
	const upper = text.toUpperCase();
	if (/^[A-Z]{2}$/.test(upper) && countryCodes().has(upper)) return upper;
	if (/^[A-Z]{3}$/.test(upper) && ALPHA3[upper] !== undefined) return ALPHA3[upper];
	const key = nameKey(text);
	return countryNames().get(key) ?? countryNames().get(key.replace(/^the /, '')) ?? null;
}

/**
 * A country given in an invoice written by hand (`normalizeInvoice`): null when absent, else a code or a
 * name `countryFromText` recognises; anything else is a `DunningInputError` naming the field.
 */
export function normalizeCountry(value: unknown, field: string): string | null {
	if (value === null || value === undefined || value === '') return null;
	const code = countryFromText(value);
	if (code === null) {
		throw new DunningInputError(
			field,
			`${describeValue(value)} is not a country (ISO 3166-1 alpha-2 code such as "FR", or its name)`,
		);
	}
	return code;
}

import { TZDate } from '@date-fns/tz';
import type { Locale } from 'date-fns';
import { format as formatDateFns } from 'date-fns/format';
import { de } from 'date-fns/locale/de';
import { enGB } from 'date-fns/locale/en-GB';
import { es } from 'date-fns/locale/es';
import { fr } from 'date-fns/locale/fr';

import type { IsoDate } from '../dates';
import { getOrCreate } from '../memo';
import { currencyExponent, minorToDecimalString } from '../money';
import { resolveComposerLanguage, type ComposerLanguage } from './language';

/**
 * Locale data per language. English dates use British day-month order ("15 November 2026"), while
 * amounts use plain `en` so that dollars print as `$1.00`, not `US$1.00`.
 */
const LOCALES: Record<ComposerLanguage, { intl: string; dateFns: Locale; datePattern: string }> = {
	fr: { intl: 'fr-FR', dateFns: fr, datePattern: 'do MMMM yyyy' },
	en: { intl: 'en', dateFns: enGB, datePattern: 'd MMMM yyyy' },
	// "1. November 2026", "1 de noviembre de 2026"
	de: { intl: 'de-DE', dateFns: de, datePattern: 'd. MMMM yyyy' },
	es: { intl: 'es-ES', dateFns: es, datePattern: "d 'de' MMMM 'de' yyyy" },
};

// One Intl formatter per language and currency: building one takes about 135 µs, more than composing a whole
// reminder (25-50 µs), and a reminder formats several amounts (bench/README.md, issue 24).
const moneyFormats = new Map<string, Intl.NumberFormat>();

function moneyFormat(currency: string, language: ComposerLanguage): Intl.NumberFormat {
	return getOrCreate(moneyFormats, `${language}/${currency}`, () => {
		const exponent = currencyExponent(currency);
		return new Intl.NumberFormat(LOCALES[language].intl, {
			style: 'currency',
			currency,
			minimumFractionDigits: exponent,
			maximumFractionDigits: exponent,
		});
	});
}

/** `123456` EUR → `1 234,56 €` (fr, with the narrow no-break spaces Intl gives) or `€1,234.56` (en). */
export function formatMoney(
	minor: number,
	currency: string,
	language: ComposerLanguage | null,
): string {
	if (language === null) return plainMoney(minor, currency);
	// The language is checked before it becomes a cache key; the currency and amount by the money helpers.
	// A decimal string keeps amounts above 2^53 / 100 exact (Intl formats strings as decimals).
	const decimal = minorToDecimalString(minor, currency);
	return moneyFormat(currency, resolveComposerLanguage(language)).format(
		decimal as unknown as number,
	);
}

/** In no language (reports, the penalty summary): `1,234.56 EUR`, digits grouped by three, the ISO code after. */
function plainMoney(minor: number, currency: string): string {
	const plain = minorToDecimalString(minor, currency);
	const negative = plain.startsWith('-');
	const [whole, fraction] = (negative ? plain.slice(1) : plain).split('.');
	const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`} ${currency}`;
}

// Formatted dates per language: a TZDate and date-fns per call cost more than the rest of a reminder. Kept with
// the date memos (issue 24: our n8n chain per 10k invoices 2,180 ms with, 3,389 ms without).
const dateCaches = new Map<ComposerLanguage, Map<string, string>>();

/**
 * `2026-11-15` → `15 novembre 2026` / `15 November 2026`. The date is built in UTC and formatted in UTC,
 * so the machine's time zone can never move it to the previous day.
 */
export function formatDate(date: IsoDate, language: ComposerLanguage): string {
	const cache = getOrCreate(dateCaches, language, () => new Map<string, string>());
	let text = cache.get(date);
	if (text === undefined) {
		const utc = new TZDate(
			Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))),
			'UTC',
		);
		const locale = LOCALES[language];
		text = formatDateFns(utc, locale.datePattern, { locale: locale.dateFns });
		if (cache.size > 10_000) cache.clear();
		cache.set(date, text);
	}
	return text;
}

const percentFormats = new Map<ComposerLanguage, Intl.NumberFormat>();

/** `12.15` (percent) → `12,15 %` / `12.15%`. */
/**
 * How a percentage is written: in a language (letters, approvals), `report` (one decimal, `12.3%`), or
 * `rate` (a legal rate as statutes and warnings quote it: two to four decimals, `12.15 %`, exact for the
 * penalty's rates, which have four decimals at most).
 */
export type PercentStyle = ComposerLanguage | 'report' | 'rate';

export function formatPercent(percent: number, style: PercentStyle): string {
	if (style === 'report') return `${Math.round(percent * 10) / 10}%`;
	if (style === 'rate') return `${percent.toFixed(4).replace(/0{1,2}$/, '')} %`;
	const formatter = getOrCreate(
		percentFormats,
		style,
		() =>
			new Intl.NumberFormat(LOCALES[style].intl, { style: 'percent', maximumFractionDigits: 4 }),
	);
	return formatter.format(percent / 100);
}

const pluralRules = new Map<ComposerLanguage, Intl.PluralRules>();

/** The CLDR plural category of a count (`one`, `many`, `other`...) in the language. */
export function pluralCategory(count: number, language: ComposerLanguage): Intl.LDMLPluralRule {
	const rules = getOrCreate(
		pluralRules,
		language,
		() => new Intl.PluralRules(LOCALES[language].intl),
	);
	return rules.select(count);
}

const RELATIVE_DAYS: Record<
	ComposerLanguage,
	{
		today: string;
		overdue: Record<'one' | 'other', string>;
		ahead: Record<'one' | 'other', string>;
	}
> = {
	fr: {
		today: "arrivée à échéance aujourd'hui",
		overdue: { one: '{n} jour de retard', other: '{n} jours de retard' },
		ahead: { one: 'échéance dans {n} jour', other: 'échéance dans {n} jours' },
	},
	en: {
		today: 'due today',
		overdue: { one: '{n} day overdue', other: '{n} days overdue' },
		ahead: { one: 'due in {n} day', other: 'due in {n} days' },
	},
	de: {
		today: 'heute fällig',
		overdue: { one: '{n} Tag überfällig', other: '{n} Tage überfällig' },
		ahead: { one: 'fällig in {n} Tag', other: 'fällig in {n} Tagen' },
	},
	es: {
		today: 'vence hoy',
		overdue: { one: '{n} día de retraso', other: '{n} días de retraso' },
		ahead: { one: 'vence en {n} día', other: 'vence en {n} días' },
	},
};

/** `7` → `7 jours de retard` / `7 days overdue`; `-3` → `échéance dans 3 jours` / `due in 3 days`. */
export function formatRelativeDays(daysOverdue: number, language: ComposerLanguage): string {
	const phrases = RELATIVE_DAYS[language];
	if (daysOverdue === 0) return phrases.today;
	const count = Math.abs(daysOverdue);
	const forms = daysOverdue > 0 ? phrases.overdue : phrases.ahead;
	const form = pluralCategory(count, language) === 'one' ? forms.one : forms.other;
	return form.replace('{n}', String(count));
}

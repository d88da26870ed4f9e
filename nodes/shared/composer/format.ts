import { TZDate } from '@date-fns/tz';
import { format as formatDateFns, type Locale } from 'date-fns';
import { de } from 'date-fns/locale/de';
import { enGB } from 'date-fns/locale/en-GB';
import { es } from 'date-fns/locale/es';
import { fr } from 'date-fns/locale/fr';

import { isIsoDate, type IsoDate } from '../dates';
import { DunningInputError, describeValue } from '../errors';
import { currencyExponent, minorToDecimalString } from '../money';
import type { ComposerLanguage } from './language';

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

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** `123456` EUR → `1 234,56 €` (fr, with the narrow no-break spaces Intl gives) or `€1,234.56` (en). */
export function formatMoney(minor: number, currency: string, language: ComposerLanguage): string {
	const key = `${language}|${currency}`;
	let formatter = moneyFormats.get(key);
	if (!formatter) {
		const digits = currencyExponent(currency);
		formatter = new Intl.NumberFormat(LOCALES[language].intl, {
			style: 'currency',
			currency,
			minimumFractionDigits: digits,
			maximumFractionDigits: digits,
		});
		moneyFormats.set(key, formatter);
	}
	// A decimal string keeps amounts above 2^53 / 100 exact (Intl formats strings as decimals).
	return formatter.format(minorToDecimalString(minor, currency) as unknown as number);
}

const dateCache = new Map<string, string>();

/**
 * `2026-11-15` → `15 novembre 2026` / `15 November 2026`. The date is built in UTC and formatted in UTC,
 * so the machine's time zone can never move it to the previous day.
 */
export function formatDate(date: IsoDate, language: ComposerLanguage): string {
	const key = `${language}|${date}`;
	let text = dateCache.get(key);
	if (text === undefined) {
		const utc = new TZDate(
			Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))),
			'UTC',
		);
		const locale = LOCALES[language];
		text = formatDateFns(utc, locale.datePattern, { locale: locale.dateFns });
		if (dateCache.size > 10_000) dateCache.clear();
		dateCache.set(key, text);
	}
	return text;
}

export function assertDate(value: unknown, field: string): IsoDate {
	if (!isIsoDate(value)) {
		throw new DunningInputError(field, `${describeValue(value)} is not a date (YYYY-MM-DD)`);
	}
	return value;
}

const percentFormats = new Map<ComposerLanguage, Intl.NumberFormat>();

/** `12.15` (percent) → `12,15 %` / `12.15%`. */
export function formatPercent(percent: number, language: ComposerLanguage): string {
	let formatter = percentFormats.get(language);
	if (!formatter) {
		formatter = new Intl.NumberFormat(LOCALES[language].intl, {
			style: 'percent',
			maximumFractionDigits: 4,
		});
		percentFormats.set(language, formatter);
	}
	return formatter.format(percent / 100);
}

const pluralRules = new Map<ComposerLanguage, Intl.PluralRules>();

/** The CLDR plural category of a count (`one`, `many`, `other`...) in the language. */
export function pluralCategory(count: number, language: ComposerLanguage): Intl.LDMLPluralRule {
	let rules = pluralRules.get(language);
	if (!rules) {
		rules = new Intl.PluralRules(LOCALES[language].intl);
		pluralRules.set(language, rules);
	}
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

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

/**
 * Intl's layout of one language and currency (`1 234,56 €`, `€1,234.56`, `1234,56 €`: Spanish groups from
 * five digits), read once from `formatToParts` so that an integer amount is laid out with string slicing
 * instead of a call into Intl per amount. Used only when it reproduces Intl on every probe amount below;
 * otherwise, and for negative amounts, Intl formats.
 */
interface MoneyLayout {
	prefix: string;
	suffix: string;
	group: string;
	decimal: string;
	/** Fewest digits of the whole part that are grouped (4, or 5 with a minimum grouping of 2). */
	groupFrom: number;
}

interface MoneyFormat {
	intl: Intl.NumberFormat;
	exponent: number;
	layout: MoneyLayout | null;
}

const PROBES = [
	0,
	1,
	9,
	10,
	99,
	100,
	999,
	1000,
	9999,
	10000,
	12345,
	99999,
	100000,
	123456,
	999999,
	1000000,
	1234567,
	12345678,
	123456789,
	1234567890,
	12345678901,
	123456789012345,
	Number.MAX_SAFE_INTEGER,
];

function intlMoney(format: MoneyFormat, minor: number, currency: string): string {
	// A decimal string keeps amounts above 2^53 / 100 exact (Intl formats strings as decimals).
	return format.intl.format(minorToDecimalString(minor, currency) as unknown as number);
}

function layOut(layout: MoneyLayout, exponent: number, minor: number): string {
	const digits = String(minor).padStart(exponent + 1, '0');
	const wholeLength = digits.length - exponent;
	let whole = digits.slice(0, wholeLength);
	if (wholeLength >= layout.groupFrom) {
		const head = wholeLength % 3 || 3;
		whole = digits.slice(0, head);
		for (let at = head; at < wholeLength; at += 3) {
			whole += layout.group + digits.slice(at, at + 3);
		}
	}
	const fraction = exponent > 0 ? layout.decimal + digits.slice(wholeLength) : '';
	return layout.prefix + whole + fraction + layout.suffix;
}

function readLayout(format: MoneyFormat, currency: string): MoneyLayout | null {
	const parts = format.intl.formatToParts(
		minorToDecimalString(123456789, currency) as unknown as number,
	);
	const first = parts.findIndex((part) => part.type === 'integer');
	let last = parts.length - 1;
	while (last >= 0 && !['integer', 'decimal', 'fraction'].includes(parts[last].type)) last--;
	const join = (from: number, to: number) =>
		parts
			.slice(from, to)
			.map((part) => part.value)
			.join('');
	const thousand = format.intl.formatToParts(
		minorToDecimalString(1000 * 10 ** format.exponent, currency) as unknown as number,
	);
	const layout: MoneyLayout = {
		prefix: join(0, first),
		suffix: join(last + 1, parts.length),
		group: parts.find((part) => part.type === 'group')?.value ?? '',
		decimal: parts.find((part) => part.type === 'decimal')?.value ?? '',
		groupFrom: thousand.some((part) => part.type === 'group') ? 4 : 5,
	};
	const reproduced = PROBES.every(
		(minor) => layOut(layout, format.exponent, minor) === intlMoney(format, minor, currency),
	);
	return first >= 0 && reproduced ? layout : null;
}

const moneyFormats = new Map<ComposerLanguage, Map<string, MoneyFormat>>();

function moneyFormat(currency: string, language: ComposerLanguage): MoneyFormat {
	const byCurrency = getOrCreate(moneyFormats, language, () => new Map<string, MoneyFormat>());
	return getOrCreate(byCurrency, currency, () => {
		const exponent = currencyExponent(currency);
		const intl = new Intl.NumberFormat(LOCALES[language].intl, {
			style: 'currency',
			currency,
			minimumFractionDigits: exponent,
			maximumFractionDigits: exponent,
		});
		const format: MoneyFormat = { intl, exponent, layout: null };
		format.layout = readLayout(format, currency);
		return format;
	});
}

/** `123456` EUR → `1 234,56 €` (fr, with the narrow no-break spaces Intl gives) or `€1,234.56` (en). */
export function formatMoney(
	minor: number,
	currency: string,
	language: ComposerLanguage | null,
): string {
	if (language === null) return plainMoney(minor, currency);
	// Checked before it becomes a cache key; the currency and amount are checked by the money helpers.
	const format = moneyFormat(currency, resolveComposerLanguage(language));
	return format.layout !== null && minor >= 0 && Number.isSafeInteger(minor)
		? layOut(format.layout, format.exponent, minor)
		: intlMoney(format, minor, currency);
}

/** In no language (reports, the penalty summary): `1,234.56 EUR`, digits grouped by three, the ISO code after. */
function plainMoney(minor: number, currency: string): string {
	const plain = minorToDecimalString(minor, currency);
	const negative = plain.startsWith('-');
	const [whole, fraction] = (negative ? plain.slice(1) : plain).split('.');
	const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`} ${currency}`;
}

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

// Per language, its rules and the categories of small counts (days, invoices): asked of Intl once each.
const SMALL_COUNTS = 1000;
const pluralRules = new Map<
	ComposerLanguage,
	{ rules: Intl.PluralRules; small: Intl.LDMLPluralRule[] }
>();

/** The CLDR plural category of a count (`one`, `many`, `other`...) in the language. */
export function pluralCategory(count: number, language: ComposerLanguage): Intl.LDMLPluralRule {
	const { rules, small } = getOrCreate(pluralRules, language, () => ({
		rules: new Intl.PluralRules(LOCALES[language].intl),
		small: [],
	}));
	if (!Number.isInteger(count) || count < 0 || count >= SMALL_COUNTS) return rules.select(count);
	return (small[count] ??= rules.select(count));
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

// Phrases already made, per language and number of days (a book has a few hundred distinct ones).
const relativeDaysCache = new Map<ComposerLanguage, Map<number, string>>();

/** `7` → `7 jours de retard` / `7 days overdue`; `-3` → `échéance dans 3 jours` / `due in 3 days`. */
export function formatRelativeDays(daysOverdue: number, language: ComposerLanguage): string {
	const cache = getOrCreate(relativeDaysCache, language, () => new Map<number, string>());
	let phrase = cache.get(daysOverdue);
	if (phrase === undefined) {
		phrase = relativeDays(daysOverdue, language);
		if (cache.size >= 10_000) cache.clear();
		cache.set(daysOverdue, phrase);
	}
	return phrase;
}

function relativeDays(daysOverdue: number, language: ComposerLanguage): string {
	const phrases = RELATIVE_DAYS[language];
	if (daysOverdue === 0) return phrases.today;
	const count = Math.abs(daysOverdue);
	const forms = daysOverdue > 0 ? phrases.overdue : phrases.ahead;
	const form = pluralCategory(count, language) === 'one' ? forms.one : forms.other;
	return form.replace('{n}', String(count));
}

import {
	assertIsoDate,
	fromDayNumber,
	isIsoDate,
	toDayNumber,
	weekdayOf,
	type IsoDate,
} from '../dates';
import { assertText } from '../shape';

/**
 * Reads the date a customer names in a sentence ("vendredi", "fin du mois", "le 15", "next Tuesday",
 * "am 15.", "el día 15", "15/12", "15 décembre", "demain", "la semaine prochaine"), resolved against `today`
 * (the day the reply arrived, in the company's time zone). Rules, so that everyone reads them the same way:
 * - a weekday ("vendredi", "next Friday", "am Freitag", "el viernes") is the next such day after today;
 * - "le 15", "the 15th", "am 15.", "el día 15" is the next 15th on or after today (a month without that day is
 *   skipped, so "le 31" in November is 31 December);
 * - a date without a year ("15/12", "15 décembre") is in the current year, or the next one when it lies more
 *   than six months back (a reply of 28 December naming "5/01" means January); a date a few days or weeks back
 *   is returned as past, and a promise for a past date is left to a person;
 * - "fin du mois" is the last day of this month, "fin du mois prochain" that of the next one;
 * - "la semaine prochaine" is the Friday of next week (weeks start on Monday), "cette semaine" this week's
 *   Friday (next week's when today is Saturday or Sunday);
 * - "demain" is today + 1, "après-demain" + 2, "dans 10 jours"/"sous 8 jours" + n, "sous huitaine" + 8;
 * - "aujourd'hui", "tout de suite", "today", "right away", "sofort", "hoy" are today.
 * Numeric dates are day first (European); in English, `12/15` whose second number cannot be a month is read
 * month first. When a sentence names several dates, the first one counts.
 */
export interface FoundDate {
	date: IsoDate;
	/** The words that named it. */
	text: string;
	/** True when the date is before today. */
	past: boolean;
}

/** Weekday names, Sunday first, in each language (with unaccented spellings customers type). */
const WEEKDAY_NAMES = [
	'dimanche lundi mardi mercredi jeudi vendredi samedi',
	'sunday monday tuesday wednesday thursday friday saturday',
	'sonntag montag dienstag mittwoch donnerstag freitag samstag',
	'domingo lunes martes miércoles jueves viernes sábado',
	'- - - miercoles - - sabado',
	'- - - - - - sonnabend',
];

/** Month names, January first; English abbreviations too. */
const MONTH_NAMES = [
	'janvier février mars avril mai juin juillet août septembre octobre novembre décembre',
	'- fevrier - - - - - aout - - - decembre',
	'january february march april may june july august september october november december',
	'jan feb mar apr - jun jul aug sep oct nov dec',
	'- - - - - - - - sept - - -',
	'januar februar märz april mai juni juli august september oktober november dezember',
	'jänner - maerz - - - - - - - - -',
	'enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre',
	'- - - - - - - - setiembre - - -',
];

function indexWords(lines: string[], first: number): Record<string, number> {
	const index: Record<string, number> = {};
	for (const line of lines) {
		line.split(' ').forEach((word, position) => {
			if (word !== '-') index[word] = position + first;
		});
	}
	return index;
}

const WEEKDAYS = indexWords(WEEKDAY_NAMES, 0);
const MONTHS = indexWords(MONTH_NAMES, 1);

const WEEKDAY = `(${Object.keys(WEEKDAYS).join('|')})`;
const MONTH = `(${Object.keys(MONTHS)
	.sort((a, b) => b.length - a.length)
	.join('|')})`;
const YEAR = '(\\d{4})';
const NOT_WORD_BEFORE = '(?<![\\p{L}\\d])';
const NOT_WORD_AFTER = '(?![\\p{L}\\d])';

interface Today {
	day: number;
	year: number;
	month: number;
	dayOfMonth: number;
}

type Resolver = (match: RegExpExecArray, today: Today) => IsoDate | null;

interface DateRule {
	pattern: RegExp;
	resolve: Resolver;
}

const rule = (source: string, resolve: Resolver): DateRule => ({
	pattern: new RegExp(`${NOT_WORD_BEFORE}${source}${NOT_WORD_AFTER}`, 'gu'),
	resolve,
});

/** Rules in order of precedence: where two overlap, the earlier one wins ("vendredi 4 décembre" is a date). */
const DATE_RULES: DateRule[] = [
	rule('(\\d{4})-(\\d{2})-(\\d{2})', (m) => dateOf(+m[1], +m[2], +m[3])),
	rule('(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4}|\\d{2})', (m) => numericDate(m[1], m[2], m[3])),
	rule(
		`(?:${WEEKDAY},? )?(?:(?:le|the|am|el|den|día|dia) )?(\\d{1,2})(?:er|st|nd|rd|th|\\.)? (?:of |de )?${MONTH}\\.?(?:,? (?:de )?${YEAR})?`,
		(m, today) => withYear(today, m[4] ? +m[4] : null, MONTHS[m[3]], +m[2]),
	),
	rule(`${MONTH}\\.? (\\d{1,2})(?:st|nd|rd|th)?(?:,? ${YEAR})?`, (m, today) =>
		withYear(today, m[3] ? +m[3] : null, MONTHS[m[1]], +m[2]),
	),
	rule('(\\d{1,2})[/.](\\d{1,2})\\.?(?![/.]?\\d)', (m, today) => {
		const [day, month] = dayMonth(+m[1], +m[2]);
		return withYear(today, null, month, day);
	}),
	rule(
		'(?:fin (?:du|de) mois prochain|end of next month|ende (?:des )?nächsten monats|(?:a )?(?:final|finales) del (?:mes que viene|próximo mes))',
		(_m, today) => lastDayOfMonth(today.year, today.month + 1),
	),
	rule(
		'(?:fin (?:du|de|de ce) mois|end of (?:the |this )?month|month[- ]end|ende (?:des|dieses) monats|monatsende|ende (?:des )?monat|(?:a )?(?:final|finales|fin) de(?:l)? mes)',
		(_m, today) => lastDayOfMonth(today.year, today.month),
	),
	rule(
		'(?:(?:la )?semaine prochaine|next week|(?:nächste|nächster|kommende|kommender) woche|(?:la )?semana que viene|(?:la )?próxima semana|(?:la )?semana próxima)',
		(_m, today) => fromDayNumber(today.day - isoWeekday(today.day) + 7 + 4),
	),
	rule(
		'(?:cette semaine|(?:en |à la )?fin de (?:la )?semaine|this week|(?:the )?end of (?:the |this )?week|diese woche|ende (?:der|dieser) woche|esta semana|(?:a )?(?:final|finales) de (?:la |esta )?semana)',
		(_m, today) => {
			const friday = today.day - isoWeekday(today.day) + 4;
			return fromDayNumber(friday >= today.day ? friday : friday + 7);
		},
	),
	rule(
		'(?:après-demain|apres-demain|(?:the )?day after tomorrow|übermorgen|pasado mañana)',
		(_m, today) => fromDayNumber(today.day + 2),
	),
	rule('(?:demain|tomorrow)', (_m, today) => fromDayNumber(today.day + 1)),
	rule('(?<!(?:guten|am|heute|jeden|diesen) )morgen(?! früh)|morgen früh', (_m, today) =>
		fromDayNumber(today.day + 1),
	),
	rule('(?<!(?:esta|la|por la|de la|cada) )mañana', (_m, today) => fromDayNumber(today.day + 1)),
	rule(
		"(?:aujourd'hui|tout de suite|immédiatement|today|right away|immediately|heute|sofort|hoy|ahora mismo|inmediatamente)(?! morgen)",
		(_m, today) => fromDayNumber(today.day),
	),
	rule('sous huitaine', (_m, today) => fromDayNumber(today.day + 8)),
	rule('sous quinzaine', (_m, today) => fromDayNumber(today.day + 15)),
	rule(
		"(?:dans|sous|d'ici|in|within|innerhalb(?: von)?|en|dentro de) (\\d{1,2}) (?:jours|days|tagen|días|dias)",
		(m, today) => fromDayNumber(today.day + Number(m[1])),
	),
	rule(
		`(?:(?:ce |this |next |diesen |nächsten |kommenden |el próximo |el |este |próximo )?)${WEEKDAY}(?: prochain| que viene| próximo)?`,
		(m, today) => {
			const target = WEEKDAYS[m[1]];
			const ahead = (target - weekdayOf(today.day) + 7) % 7 || 7;
			return fromDayNumber(today.day + ahead);
		},
	),
	rule(
		"(?:le|au|du|avant le|jusqu'au|the|on the|by the|before the|am|zum|bis zum|bis|el día|el dia|el|antes del|hasta el|para el) (\\d{1,2})(?:er|st|nd|rd|th|\\.)?(?![/.,%]?\\d|\\s?%|\\s?€|\\s?eur)",
		(m, today) => nextDayOfMonth(today, Number(m[1])),
	),
];

/** The first date named in `text` (already in match form), or null. */
export function findPromisedDate(text: string, today: IsoDate): FoundDate | null {
	assertText(text, 'text');
	const day = toDayNumber(assertIsoDate(today, 'today'));
	const context: Today = {
		day,
		year: Number(today.slice(0, 4)),
		month: Number(today.slice(5, 7)),
		dayOfMonth: Number(today.slice(8, 10)),
	};
	const taken: { start: number; end: number }[] = [];
	let first: (FoundDate & { start: number }) | null = null;
	for (const { pattern, resolve } of DATE_RULES) {
		pattern.lastIndex = 0;
		for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
			const start = match.index;
			const end = start + match[0].length;
			if (taken.some((span) => start < span.end && end > span.start)) continue;
			taken.push({ start, end });
			const date = resolve(match, context);
			if (date === null || (first && first.start <= start)) continue;
			first = { date, text: match[0].trim(), past: toDayNumber(date) < day, start };
		}
	}
	if (!first) return null;
	return { date: first.date, text: first.text, past: first.past };
}

function dateOf(year: number, month: number, day: number): IsoDate | null {
	const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
	return isIsoDate(date) ? date : null;
}

/** Day first, unless the second number cannot be a month (an American `12/15`). */
function dayMonth(first: number, second: number): [number, number] {
	return second > 12 && first <= 12 ? [second, first] : [first, second];
}

function numericDate(first: string, second: string, year: string): IsoDate | null {
	const [day, month] = dayMonth(Number(first), Number(second));
	const fullYear = year.length === 2 ? 2000 + Number(year) : Number(year);
	return dateOf(fullYear, month, day);
}

/** A day and month without a year: this year's, or next year's when this year's is over six months back. */
function withYear(today: Today, year: number | null, month: number, day: number): IsoDate | null {
	if (year !== null) return dateOf(year, month, day);
	const thisYear = dateOf(today.year, month, day);
	if (thisYear === null) return dateOf(today.year + 1, month, day);
	return toDayNumber(thisYear) < today.day - 183 ? dateOf(today.year + 1, month, day) : thisYear;
}

/** The last day of a month (`month` 13 is January of the next year). */
function lastDayOfMonth(year: number, month: number): IsoDate {
	const next = month >= 12 ? { year: year + 1, month: month - 11 } : { year, month: month + 1 };
	return fromDayNumber(toDayNumber(`${next.year}-${String(next.month).padStart(2, '0')}-01`) - 1);
}

/** The next `dayOfMonth` on or after today, skipping months that do not have it. */
function nextDayOfMonth(today: Today, dayOfMonth: number): IsoDate | null {
	if (dayOfMonth < 1 || dayOfMonth > 31) return null;
	let year = today.year;
	let month = today.month;
	for (let tries = 0; tries < 14; tries++) {
		const date = dateOf(year, month, dayOfMonth);
		if (date !== null && toDayNumber(date) >= today.day) return date;
		month += 1;
		if (month > 12) {
			month = 1;
			year += 1;
		}
	}
	return null;
}

/** 0 = Monday ... 6 = Sunday. */
function isoWeekday(day: number): number {
	return (weekdayOf(day) + 6) % 7;
}

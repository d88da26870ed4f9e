import { TZDate } from '@date-fns/tz';

import { DunningInputError, describeValue } from './errors';

/**
 * Calendar dates are `YYYY-MM-DD` strings at the edges and day numbers (days since 1970-01-01) inside,
 * so that date arithmetic on the hot path is integer arithmetic. Instants become dates only through an
 * explicit IANA time zone.
 */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// Pure memos of date conversions: a book of invoices shares few distinct dates. Bounded, then reset.
// Our n8n chain per 10k invoices, with the penalty's memos and the formatted-date cache: 2,180 ms with,
// 3,389 ms without (bench/README.md, issue 24).
const CACHE_LIMIT = 100_000;
const dayNumberCache = new Map<string, number>();
const isoDateCache = new Map<number, IsoDate>();
// Valid dates seen so far, with their day numbers: a date a book repeats is checked and converted in one look-up.
const validDates = new Map<string, number>();
const MS_PER_DAY = 86_400_000;
/** A JS Date reaches ±8.64e15 ms, about ±273,790 years: day offsets beyond that have no date. */
const MAX_DAY_SPAN = 100_000_000;
const MAX_INSTANT_MS = 8.64e15;

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil, integer only). */
function daysFromCivil(year: number, month: number, day: number): number {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yearOfEra = y - era * 400;
	const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
	const dayOfEra =
		yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
	return era * 146097 + dayOfEra - 719468;
}

function daysInMonth(year: number, month: number): number {
	if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
	return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True for a real calendar date written `YYYY-MM-DD` (so `2026-02-30` is false). */
export function isIsoDate(value: unknown): value is IsoDate {
	if (typeof value !== 'string') return false;
	// Dates repeat across a book of invoices: one already checked is known to be valid.
	if (validDates.has(value)) return true;
	const match = ISO_DATE.exec(value);
	if (!match) return false;
	const year = Number(match[1]);
	const month = Number(match[2]);
	const day = Number(match[3]);
	const valid = month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
	if (valid) {
		if (validDates.size > CACHE_LIMIT) validDates.clear();
		validDates.set(value, daysFromCivil(year, month, day));
	}
	return valid;
}

/** Validates a calendar date and returns its day number; the error names the field. */
export function assertDayNumber(value: unknown, field: string): number {
	const known = typeof value === 'string' ? validDates.get(value) : undefined;
	return known ?? toDayNumber(assertIsoDate(value, field));
}

/** Validates a calendar date and returns it; the error names the field. */
export function assertIsoDate(value: unknown, field: string): IsoDate {
	if (!isIsoDate(value)) {
		throw new DunningInputError(field, `${describeValue(value)} is not a date (YYYY-MM-DD)`);
	}
	return value;
}

/** Like `assertIsoDate`, for optional dates: `null` and `undefined` give `null`. */
export function optionalIsoDate(value: unknown, field: string): IsoDate | null {
	return value === null || value === undefined ? null : assertIsoDate(value, field);
}

/** Day number of a valid `YYYY-MM-DD` date (call `assertIsoDate` first on untrusted input). */
export function toDayNumber(date: IsoDate): number {
	let day = validDates.get(date) ?? dayNumberCache.get(date);
	if (day === undefined) {
		day = daysFromCivil(
			Number(date.slice(0, 4)),
			Number(date.slice(5, 7)),
			Number(date.slice(8, 10)),
		);
		if (dayNumberCache.size > CACHE_LIMIT) dayNumberCache.clear();
		dayNumberCache.set(date, day);
	}
	return day;
}

/** `YYYY-MM-DD` of a day number. */
export function fromDayNumber(day: number): IsoDate {
	let date = isoDateCache.get(day);
	if (date === undefined) {
		date = new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
		if (isoDateCache.size > CACHE_LIMIT) isoDateCache.clear();
		isoDateCache.set(day, date);
	}
	return date;
}

/** The date `days` calendar days after `date` (negative goes back). */
export function addCalendarDays(date: IsoDate, days: number): IsoDate {
	const day = assertDayNumber(date, 'date');
	if (typeof days !== 'number' || !Number.isSafeInteger(days) || Math.abs(days) > MAX_DAY_SPAN) {
		throw new DunningInputError('days', `${describeValue(days)} is not a whole number of days`);
	}
	return fromDayNumber(day + days);
}

/** `a − b` in calendar days. */
export function daysBetween(later: IsoDate, earlier: IsoDate): number {
	return assertDayNumber(later, 'later') - assertDayNumber(earlier, 'earlier');
}

/** Day of the week of a day number, 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
	return (((day + 4) % 7) + 7) % 7;
}

const validTimeZones = new Map<string, boolean>();

/** Validates an IANA time zone name (`Europe/Paris`, `UTC`). */
export function assertTimeZone(value: unknown, field = 'timezone'): string {
	if (typeof value === 'string' && value !== '') {
		let valid = validTimeZones.get(value);
		if (valid === undefined) {
			try {
				new Intl.DateTimeFormat('en-US', { timeZone: value });
				valid = true;
			} catch {
				valid = false;
			}
			validTimeZones.set(value, valid);
		}
		if (valid) return value;
	}
	throw new DunningInputError(field, `${describeValue(value)} is not an IANA time zone`);
}

/** Parses a clock value (`Date`, ISO 8601 string with offset, or epoch milliseconds) into epoch milliseconds. */
export function toEpochMs(value: unknown, field = 'now'): number {
	let ms: number;
	if (value instanceof Date) ms = value.getTime();
	else if (typeof value === 'number') ms = value;
	else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) {
		// Date.parse rolls impossible dates over (2026-02-30 becomes 2 March): refuse them instead.
		ms = isIsoDate(value.slice(0, 10)) ? Date.parse(value) : Number.NaN;
	} else ms = Number.NaN;
	if (!Number.isFinite(ms) || Math.abs(ms) > MAX_INSTANT_MS) {
		throw new DunningInputError(
			field,
			`${describeValue(value)} is not an instant (ISO 8601 date-time or Date)`,
		);
	}
	return ms;
}

let lastInstant = { ms: Number.NaN, timezone: '', date: '' };

/**
 * The calendar date of an instant in a time zone. Runs evaluate thousands of invoices against one clock,
 * so the last answer is kept (a pure memo, not state).
 */
export function dateInTimeZone(instantMs: number, timezone: string): IsoDate {
	if (lastInstant.ms === instantMs && lastInstant.timezone === timezone) return lastInstant.date;
	assertInstantMs(instantMs, 'instantMs');
	assertTimeZone(timezone, 'timezone');
	const zoned = new TZDate(instantMs, timezone);
	const date = [
		String(zoned.getFullYear()).padStart(4, '0'),
		String(zoned.getMonth() + 1).padStart(2, '0'),
		String(zoned.getDate()).padStart(2, '0'),
	].join('-');
	lastInstant = { ms: instantMs, timezone, date };
	return date;
}

/** The calendar date, in a time zone, of a Unix timestamp in seconds (Stripe's dates). */
export function unixSecondsToDate(seconds: number, timezone: string, field = 'seconds'): IsoDate {
	const ms = typeof seconds === 'number' ? seconds * 1000 : Number.NaN;
	if (!Number.isFinite(ms) || Math.abs(ms) > MAX_INSTANT_MS) {
		throw new DunningInputError(field, `${describeValue(seconds)} is not a Unix timestamp`);
	}
	return dateInTimeZone(ms, timezone);
}

/** An instant a Date can hold (a finite number within ±8.64e15 ms), else a `DunningInputError` on `field`. */
function assertInstantMs(ms: unknown, field: string): number {
	if (typeof ms !== 'number' || !Number.isFinite(ms) || Math.abs(ms) > MAX_INSTANT_MS) {
		throw new DunningInputError(
			field,
			`${describeValue(ms)} is not an instant (epoch milliseconds)`,
		);
	}
	return ms;
}

import type Holidays from 'date-holidays';

import { DunningInputError, describeValue } from './errors';
import { fromDayNumber, toDayNumber, weekdayOf } from './dates';
import { getOrCreate } from './memo';

let holidaysClass: typeof Holidays | undefined;

/**
 * The holiday data takes about a second to load, and n8n loads every installed node at startup (the tests
 * load the core once per file): it is read on the first use of a calendar, not on import.
 */
function newHolidays(country?: string): Holidays {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	holidaysClass ??= require('date-holidays') as typeof Holidays;
	return country === undefined ? new holidaysClass() : new holidaysClass(country);
}

/**
 * Business days: Monday to Friday, minus the public holidays of a country taken from the maintained
 * `date-holidays` data set (movable feasts such as Easter Monday or Ascension included).
 */
export interface BusinessCalendar {
	readonly country: string | null;
	isBusinessDay(day: number): boolean;
	/** The first business day on or after `day`. */
	nextBusinessDayOnOrAfter(day: number): number;
	/** `count` business days after `day` (before it when negative); 0 returns `day` itself. */
	addBusinessDays(day: number, count: number): number;
}

let countryCodes: Set<string> | undefined;

/** Country codes (ISO 3166-1 alpha-2) for which public holidays are known. */
export function supportedHolidayCountries(): string[] {
	return [...getCountryCodes()].sort();
}

function getCountryCodes(): Set<string> {
	countryCodes ??= new Set(Object.keys(newHolidays().getCountries()));
	return countryCodes;
}

/** Countries with a public-holiday calendar, with their English names, sorted by name. */
export function holidayCountries(): { code: string; name: string }[] {
	const names = newHolidays().getCountries('en');
	return Object.entries(names)
		.map(([code, name]) => ({ code, name }))
		.sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

/** Validates a holidays country code; `null` or `''` means weekends only. */
export function normalizeHolidayCountry(value: unknown, field = 'holidays'): string | null {
	if (value === null || value === undefined || value === '') return null;
	const code = typeof value === 'string' ? value.toUpperCase() : '';
	if (!getCountryCodes().has(code)) {
		throw new DunningInputError(
			field,
			`${describeValue(value)} is not a country with a known public-holiday calendar`,
		);
	}
	return code;
}

// Holidays per country and year: date-holidays works a year out from its rules, far slower than a Set look-up
// per business-day question (bench/README.md, issue 24).
const holidaysByCountryYear = new Map<string, ReadonlySet<number>>();

function publicHolidays(country: string, year: number): ReadonlySet<number> {
	return getOrCreate(
		holidaysByCountryYear,
		`${country}:${year}`,
		() =>
			new Set(
				newHolidays(country)
					.getHolidays(year)
					.filter((holiday) => holiday.type === 'public')
					.map((holiday) => toDayNumber(holiday.date.slice(0, 10))),
			),
	);
}

/** The public holidays of a country in a year, as `YYYY-MM-DD` dates. */
export function publicHolidayDates(country: string, year: number): string[] {
	const code = normalizeHolidayCountry(country, 'country');
	if (code === null) {
		throw new DunningInputError('country', `${describeValue(country)} is not a country code`);
	}
	if (typeof year !== 'number' || !Number.isSafeInteger(year) || year < 1000 || year > 9999) {
		throw new DunningInputError('year', `${describeValue(year)} is not a four-digit year`);
	}
	return [...publicHolidays(code, year)].sort((a, b) => a - b).map(fromDayNumber);
}

export function getBusinessCalendar(country: string | null): BusinessCalendar {
	return createBusinessCalendar(country === null ? null : normalizeHolidayCountry(country));
}

function yearOfDay(day: number): number {
	return Number(fromDayNumber(day).slice(0, 4));
}

function createBusinessCalendar(country: string | null): BusinessCalendar {
	const isBusinessDay = (day: number): boolean => {
		const weekday = weekdayOf(day);
		return (
			weekday !== 0 &&
			weekday !== 6 &&
			(country === null || !publicHolidays(country, yearOfDay(day)).has(day))
		);
	};
	return {
		country,
		isBusinessDay,
		nextBusinessDayOnOrAfter(day) {
			let candidate = day;
			while (!isBusinessDay(candidate)) candidate++;
			return candidate;
		},
		addBusinessDays(day, count) {
			const step = count < 0 ? -1 : 1;
			let candidate = day;
			for (let left = Math.abs(count); left > 0; ) {
				candidate += step;
				if (isBusinessDay(candidate)) left--;
			}
			return candidate;
		},
	};
}

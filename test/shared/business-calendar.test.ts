import {
	getBusinessCalendar,
	normalizeHolidayCountry,
	publicHolidayDates,
	supportedHolidayCountries,
} from '../../nodes/shared/internal';
import { fromDayNumber, toDayNumber } from '../../nodes/shared/dates';

const day = toDayNumber;

describe('business calendar', () => {
	it('takes French public holidays from the holiday library, movable feasts included', () => {
		expect(publicHolidayDates('FR', 2026)).toEqual([
			'2026-01-01',
			'2026-04-06', // Easter Monday
			'2026-05-01',
			'2026-05-08',
			'2026-05-14', // Ascension
			'2026-05-25', // Whit Monday
			'2026-07-14',
			'2026-08-15',
			'2026-11-01',
			'2026-11-11',
			'2026-12-25',
		]);
		expect(publicHolidayDates('FR', 2027)).toContain('2027-03-29'); // Easter Monday 2027
	});

	it('treats weekends and holidays as non-business days', () => {
		const fr = getBusinessCalendar('FR');
		expect(fr.isBusinessDay(day('2026-11-11'))).toBe(false); // Armistice, a Wednesday
		expect(fr.isBusinessDay(day('2026-11-14'))).toBe(false); // Saturday
		expect(fr.isBusinessDay(day('2026-11-12'))).toBe(true);
		const weekendsOnly = getBusinessCalendar(null);
		expect(weekendsOnly.isBusinessDay(day('2026-11-11'))).toBe(true);
	});

	it('moves to the next business day and counts business days both ways', () => {
		const fr = getBusinessCalendar('FR');
		expect(fromDayNumber(fr.nextBusinessDayOnOrAfter(day('2026-12-25')))).toBe('2026-12-28');
		expect(fromDayNumber(fr.nextBusinessDayOnOrAfter(day('2026-12-28')))).toBe('2026-12-28');
		// From Friday 2026-12-18: +5 business days skips the weekend and Christmas → Monday 28th.
		expect(fromDayNumber(fr.addBusinessDays(day('2026-12-18'), 5))).toBe('2026-12-28');
		expect(fromDayNumber(fr.addBusinessDays(day('2026-11-16'), -3))).toBe('2026-11-10'); // skips the 11th
		expect(fr.addBusinessDays(day('2026-11-16'), 0)).toBe(day('2026-11-16'));
	});

	it('offers the countries the library knows and refuses others', () => {
		const countries = supportedHolidayCountries();
		expect(countries).toEqual(expect.arrayContaining(['FR', 'DE', 'GB', 'US', 'BE', 'ES']));
		expect(countries.length).toBeGreaterThan(100);
		expect(normalizeHolidayCountry('fr')).toBe('FR');
		expect(normalizeHolidayCountry('')).toBeNull();
		expect(() => normalizeHolidayCountry('ZZ', 'scenario.holidays')).toThrow(
			'scenario.holidays: "ZZ" is not a country with a known public-holiday calendar',
		);
	});

	it('uses each country its own holidays', () => {
		const de = getBusinessCalendar('DE');
		expect(de.isBusinessDay(day('2026-10-03'))).toBe(false); // Saturday anyway
		expect(de.isBusinessDay(day('2027-10-04'))).toBe(true);
		expect(de.isBusinessDay(day('2026-12-26'))).toBe(false);
		expect(getBusinessCalendar('FR').isBusinessDay(day('2027-10-04'))).toBe(true);
		expect(getBusinessCalendar('GB').isBusinessDay(day('2026-12-28'))).toBe(false); // Boxing Day substitute
	});
});

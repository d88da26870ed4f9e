import {
	addCalendarDays,
	assertIsoDate,
	assertTimeZone,
	dateInTimeZone,
	daysBetween,
	isIsoDate,
	unixSecondsToDate,
} from '../../nodes/shared/internal';
import { fromDayNumber, toDayNumber, toEpochMs, weekdayOf } from '../../nodes/shared/dates';

describe('calendar dates', () => {
	it('accepts real dates only', () => {
		expect(isIsoDate('2026-11-26')).toBe(true);
		expect(isIsoDate('2028-02-29')).toBe(true);
		expect(isIsoDate('2026-02-29')).toBe(false);
		expect(isIsoDate('2100-02-29')).toBe(false);
		expect(isIsoDate('2000-02-29')).toBe(true);
		expect(isIsoDate('2026-13-01')).toBe(false);
		expect(isIsoDate('2026-11-31')).toBe(false);
		expect(isIsoDate('26-11-2026')).toBe(false);
		expect(isIsoDate(20261126)).toBe(false);
		expect(() => assertIsoDate('2026-13-01', 'invoice.dueDate')).toThrow(
			'invoice.dueDate: "2026-13-01" is not a date (YYYY-MM-DD)',
		);
	});

	it('maps dates to day numbers and back, across leap years and centuries', () => {
		expect(toDayNumber('1970-01-01')).toBe(0);
		expect(toDayNumber('2000-03-01') - toDayNumber('2000-02-28')).toBe(2);
		expect(toDayNumber('2100-03-01') - toDayNumber('2100-02-28')).toBe(1);
		for (const date of ['1969-12-31', '2024-02-29', '2026-11-26', '2400-12-31', '1900-03-01']) {
			expect(fromDayNumber(toDayNumber(date))).toBe(date);
			expect(toDayNumber(date)).toBe(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
		}
	});

	it('adds and subtracts calendar days', () => {
		expect(addCalendarDays('2026-12-25', 7)).toBe('2027-01-01');
		expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
		expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
		expect(daysBetween('2027-01-01', '2026-12-25')).toBe(7);
	});

	it('knows the day of the week', () => {
		expect(weekdayOf(toDayNumber('2026-11-26'))).toBe(4); // Thursday
		expect(weekdayOf(toDayNumber('2026-11-29'))).toBe(0); // Sunday
		expect(weekdayOf(toDayNumber('1969-12-28'))).toBe(0);
	});
});

describe('time zones', () => {
	it('reads the date of an instant in an explicit IANA zone', () => {
		const instant = Date.parse('2026-11-25T23:30:00Z');
		expect(dateInTimeZone(instant, 'UTC')).toBe('2026-11-25');
		expect(dateInTimeZone(instant, 'Europe/Paris')).toBe('2026-11-26');
		expect(dateInTimeZone(instant, 'America/Los_Angeles')).toBe('2026-11-25');
		expect(dateInTimeZone(Date.parse('2026-11-26T10:30:00Z'), 'Pacific/Kiritimati')).toBe(
			'2026-11-27',
		);
	});

	it('handles DST changes around midnight', () => {
		// Paris goes to summer time at 02:00 on 2026-03-29: 22:30Z on the 28th is 23:30 local, 23:30Z is 01:30.
		expect(dateInTimeZone(Date.parse('2026-03-28T22:30:00Z'), 'Europe/Paris')).toBe('2026-03-28');
		expect(dateInTimeZone(Date.parse('2026-03-28T23:30:00Z'), 'Europe/Paris')).toBe('2026-03-29');
		// Back to winter time on 2026-10-25: 22:30Z on the 25th is 23:30 local, still the 25th.
		expect(dateInTimeZone(Date.parse('2026-10-25T22:30:00Z'), 'Europe/Paris')).toBe('2026-10-25');
		expect(dateInTimeZone(Date.parse('2026-10-25T23:00:00Z'), 'Europe/Paris')).toBe('2026-10-26');
	});

	it('turns Stripe timestamps into creditor dates', () => {
		// 1793487599 is 2026-10-31T22:59:59Z: the last second of 31 October in Paris, still the 31st in New York.
		expect(unixSecondsToDate(1793487599, 'Europe/Paris')).toBe('2026-10-31');
		expect(unixSecondsToDate(1793487599, 'Asia/Tokyo')).toBe('2026-11-01');
	});

	it('validates zones and instants', () => {
		expect(assertTimeZone('Europe/Paris')).toBe('Europe/Paris');
		expect(() => assertTimeZone('Mars/Olympus', 'scenario.timezone')).toThrow(
			'scenario.timezone: "Mars/Olympus" is not an IANA time zone',
		);
		expect(() => assertTimeZone('')).toThrow('is not an IANA time zone');
		expect(toEpochMs('2026-11-26T09:00:00+01:00')).toBe(Date.parse('2026-11-26T08:00:00Z'));
		expect(() => toEpochMs('tomorrow')).toThrow('now: "tomorrow" is not an instant');
		expect(() => toEpochMs(new Date('nope'))).toThrow('is not an instant');
		expect(() => toEpochMs('2026-02-30T10:00:00Z')).toThrow(
			'now: "2026-02-30T10:00:00Z" is not an instant',
		);
	});
});

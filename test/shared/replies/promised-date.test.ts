import { findPromisedDate } from '../../../nodes/shared/internal';

const FRIDAY = '2026-11-27';
const dateOf = (text: string, today = FRIDAY) => findPromisedDate(text, today)?.date ?? null;

describe('findPromisedDate: the rules of docs/replies.md', () => {
	it.each([
		['vendredi', '2026-12-04'],
		['next friday', '2026-12-04'],
		['am freitag', '2026-12-04'],
		['el viernes', '2026-12-04'],
		['lundi', '2026-11-30'],
		['mardi prochain', '2026-12-01'],
	])('a weekday is the next such day after today: %s → %s (today a Friday)', (text, date) => {
		expect(dateOf(text)).toBe(date);
	});

	it.each([
		['le 15', '2026-12-15'],
		['the 15th', '2026-12-15'],
		['am 15.', '2026-12-15'],
		['el día 15', '2026-12-15'],
		['le 27', '2026-11-27'],
		['le 28', '2026-11-28'],
		['le 31', '2026-12-31'],
	])(
		'a day of the month is the next one on or after today, skipping months without it: %s → %s',
		(text, date) => {
			expect(dateOf(text)).toBe(date);
		},
	);

	it('crosses the year end: "le 15", "vendredi", "5/01" and "8 janvier" read on 29 December are in January', () => {
		expect(dateOf('le 15', '2026-12-29')).toBe('2027-01-15');
		expect(dateOf('vendredi', '2026-12-29')).toBe('2027-01-01');
		expect(dateOf('le 05/01', '2026-12-29')).toBe('2027-01-05');
		expect(dateOf('le 8 janvier', '2026-12-29')).toBe('2027-01-08');
	});

	it.each([
		['fin du mois', '2026-11-30'],
		['end of the month', '2026-11-30'],
		['ende des monats', '2026-11-30'],
		['a final de mes', '2026-11-30'],
		['fin du mois prochain', '2026-12-31'],
	])('the end of the month is its last day: %s → %s', (text, date) => {
		expect(dateOf(text)).toBe(date);
	});

	it('"la semaine prochaine" is the Friday of next week, also when said on a Sunday', () => {
		expect(dateOf('la semaine prochaine')).toBe('2026-12-04');
		expect(dateOf('next week', '2026-11-29')).toBe('2026-12-04');
		expect(dateOf('nächste woche', '2026-11-23')).toBe('2026-12-04');
	});

	it('reads explicit dates day first, and an American date whose second number is no month month first', () => {
		expect(dateOf('le 15/12')).toBe('2026-12-15');
		expect(dateOf('am 15.12.2026')).toBe('2026-12-15');
		expect(dateOf('on 2026-12-15')).toBe('2026-12-15');
		expect(dateOf('le 15 décembre')).toBe('2026-12-15');
		expect(dateOf('december 15th')).toBe('2026-12-15');
		expect(dateOf('am 15. dezember')).toBe('2026-12-15');
		expect(dateOf('el 15 de diciembre')).toBe('2026-12-15');
		expect(dateOf('on 12/18')).toBe('2026-12-18');
		expect(dateOf('on 05/12')).toBe('2026-12-05');
	});

	it('reads tomorrow in four languages, but not "Guten Morgen" nor "esta mañana"', () => {
		for (const text of ['demain', 'tomorrow', 'morgen', 'mañana'])
			expect(dateOf(text)).toBe('2026-11-28');
		expect(dateOf('guten morgen')).toBeNull();
		expect(dateOf('esta mañana')).toBeNull();
		expect(dateOf('après-demain')).toBe('2026-11-29');
		expect(dateOf('dans 10 jours')).toBe('2026-12-07');
	});

	it('tells a date already past, and finds nothing in a sentence without a date', () => {
		expect(findPromisedDate('le 20/11', FRIDAY)).toEqual({
			date: '2026-11-20',
			text: '20/11',
			past: true,
		});
		expect(findPromisedDate('nous allons payer rapidement', FRIDAY)).toBeNull();
	});

	it('does not take amounts or percentages for days', () => {
		expect(dateOf('le 15 % de remise')).toBeNull();
		expect(dateOf('un total de 1.200,00 €')).toBeNull();
	});
});

// The summary's number formatting on its own: the ISO 4217 exponent decides the decimals, and amounts are
// formatted from exact decimal strings (never minor / 100).
import { formatAnnualRate, penaltySummary } from '../../../nodes/LatePaymentPenalty/summary';
import { formatMoney } from '../../../nodes/shared/internal';

describe('penalty summary formatting', () => {
	it.each([
		[1234, 'EUR', 'en', '€12.34'],
		[1234, 'EUR', 'fr', '12,34\u00a0€'],
		[275_000, 'JPY', 'en', '¥275,000'],
		[1234, 'KWD', 'en', 'KWD\u00a01.234'],
		[1234, 'KWD', 'fr', '1,234\u00a0KWD'],
		[123_450, 'CHF', 'fr', '1\u202f234,50\u00a0CHF'],
		// 2^53 − 1 cents: exact to the last digit.
		[9_007_199_254_740_991, 'EUR', 'en', '€90,071,992,547,409.91'],
	] as const)('%d %s in %s → %s', (minor, currency, language, text) => {
		expect(formatMoney(minor, currency, language)).toBe(text);
	});

	it('prints rates with two to four decimals', () => {
		expect(formatAnnualRate(8, 'en')).toBe('8.00 %/yr');
		expect(formatAnnualRate(12.15, 'fr')).toBe('12,15\u00a0%/an');
		expect(formatAnnualRate(10.1234, 'en')).toBe('10.1234 %/yr');
	});

	it('repeats no rate: periods split by payments at one rate show it once', () => {
		const period = { from: '2026-02-01', to: '2026-02-10', days: 10, annualRatePercent: 12.15 };
		const summary = penaltySummary(
			{
				interestMinor: 600,
				compensationMinor: 4000,
				totalMinor: 4600,
				periods: [
					{ ...period, baseMinor: 100_000, interestMinor: 333 },
					{
						...period,
						from: '2026-02-11',
						to: '2026-02-18',
						days: 8,
						baseMinor: 100_000,
						interestMinor: 267,
					},
				],
				legalBasis: 'Code de commerce L441-10 II, D441-5',
				warnings: [],
			},
			'EUR',
			'FR',
			'en',
		);
		expect(summary).toBe('€6.00 interest (12.15 %/yr, 18 days) + €40.00 recovery compensation');
	});
});

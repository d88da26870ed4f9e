// Property-based tests of calculatePenalty (issue 9, part 1): never negative, the periods add up to the
// interest, monotonic in time and in amount, for every rule.
import * as fc from 'fast-check';

import { calculatePenalty, type PenaltyInput, type PenaltyResult } from '../../nodes/shared';
import { fromDayNumber, toDayNumber } from '../../nodes/shared/dates';
import { day } from './arbitraries';
import { params } from './config';

const FROM = toDayNumber('2014-08-01');
const TO = toDayNumber('2026-12-31');

/** A valid input of one rule: due dates from August 2014 (every rule applies), as-of up to two years later. */
const inputArb: fc.Arbitrary<PenaltyInput> = fc
	.record({
		rule: fc.constantFrom('FR', 'EU', 'DE', 'UK', 'custom') as fc.Arbitrary<PenaltyInput['rule']>,
		principalMinor: fc.integer({ min: 0, max: 5_000_000_000 }),
		dueDay: day(FROM, TO),
		lateDays: fc.integer({ min: -30, max: 730 }),
		consumer: fc.boolean(),
		contractual: fc.option(
			fc.integer({ min: 0, max: 2000 }).map((r) => r / 100),
			{ nil: undefined, freq: 4 },
		),
		customRate: fc.integer({ min: 0, max: 250_000 }).map((r) => r / 10_000),
		customFixed: fc.integer({ min: 0, max: 100_000 }),
		imputation: fc.constantFrom('principal' as const, 'interest-first' as const),
		payments: fc.array(
			fc.tuple(fc.integer({ min: -10, max: 800 }), fc.double({ min: 0, max: 0.5, noNaN: true })),
			{
				maxLength: 3,
			},
		),
	})
	.map((r) => {
		const currency = r.rule === 'UK' ? 'GBP' : r.rule === 'custom' ? 'USD' : 'EUR';
		const sortedPayments = [...r.payments].sort((a, b) => a[0] - b[0]);
		const input: PenaltyInput = {
			rule: r.rule,
			currency,
			principalMinor: r.principalMinor,
			dueDate: fromDayNumber(r.dueDay),
			asOf: fromDayNumber(r.dueDay + r.lateDays),
			imputation: r.imputation,
			payments: sortedPayments.map(([offset, share]) => ({
				date: fromDayNumber(r.dueDay + offset),
				// Shares of at most half each, three at most: never more than the principal in total... almost.
				amountMinor: Math.floor((r.principalMinor * share) / 2),
			})),
		};
		if (r.rule === 'custom') {
			input.customAnnualRatePercent = r.customRate;
			input.customFixedMinor = r.customFixed;
		} else if (r.contractual !== undefined) {
			input.contractualRatePercent = r.contractual;
		}
		if (r.rule === 'DE') input.consumer = r.consumer;
		return input;
	});

function expectSound(result: PenaltyResult): void {
	for (const value of [result.interestMinor, result.compensationMinor, result.totalMinor]) {
		expect(Number.isSafeInteger(value)).toBe(true);
		expect(value).toBeGreaterThanOrEqual(0);
	}
	let sum = 0;
	for (const period of result.periods) {
		expect(Number.isSafeInteger(period.interestMinor) && period.interestMinor >= 0).toBe(true);
		expect(Number.isSafeInteger(period.baseMinor) && period.baseMinor >= 0).toBe(true);
		expect(period.days).toBeGreaterThan(0);
		expect(period.days).toBe(toDayNumber(period.to) - toDayNumber(period.from) + 1);
		sum += period.interestMinor;
	}
	expect(result.interestMinor).toBe(sum);
	expect(result.totalMinor).toBe(result.interestMinor + result.compensationMinor);
	// Issue 19: every period has a rate status; a provisional one has its rate_provisional notice; the fixed
	// compensation in the invoice's own currency is the one counted in the total.
	for (const [index, period] of result.periods.entries()) {
		expect(['confirmed', 'provisional']).toContain(period.rateStatus);
		if (period.rateStatus === 'provisional') {
			expect(
				result.notices!.some(
					(notice) => notice.code === 'rate_provisional' && notice.periodIndex! <= index,
				),
			).toBe(true);
		}
	}
	const fixed = result.fixedCompensation;
	if (fixed && fixed.amountMinor > 0 && result.compensationMinor > 0) {
		expect(fixed.amountMinor).toBe(result.compensationMinor);
	}
}

describe('calculatePenalty properties', () => {
	it('is never negative, and equals the sum of its periods (plus the compensation) (1500 runs in CI)', () => {
		fc.assert(
			fc.property(inputArb, (input) => {
				expectSound(calculatePenalty(input));
			}),
			params(1500),
		);
	});

	it('is monotonic in time: a later as-of date never lowers the interest or the total (800 runs in CI)', () => {
		fc.assert(
			fc.property(inputArb, fc.integer({ min: 0, max: 400 }), (input, extra) => {
				const later = { ...input, asOf: fromDayNumber(toDayNumber(input.asOf) + extra) };
				const before = calculatePenalty(input);
				const after = calculatePenalty(later);
				expectSound(after);
				expect(after.interestMinor).toBeGreaterThanOrEqual(before.interestMinor);
				expect(after.totalMinor).toBeGreaterThanOrEqual(before.totalMinor);
			}),
			params(800),
		);
	});

	it('is monotonic in amount: a larger principal never lowers the interest or the total (800 runs in CI)', () => {
		fc.assert(
			fc.property(inputArb, fc.integer({ min: 0, max: 1_000_000_000 }), (input, more) => {
				const larger = { ...input, principalMinor: input.principalMinor + more };
				const small = calculatePenalty(input);
				const large = calculatePenalty(larger);
				expect(large.interestMinor).toBeGreaterThanOrEqual(small.interestMinor);
				expect(large.totalMinor).toBeGreaterThanOrEqual(small.totalMinor);
			}),
			params(800),
		);
	});

	it('splitting the span at any day: interest up to the split never exceeds the whole (500 runs in CI)', () => {
		fc.assert(
			fc.property(inputArb, fc.double({ min: 0, max: 1, noNaN: true }), (input, where) => {
				const due = toDayNumber(input.dueDate);
				const asOf = toDayNumber(input.asOf);
				const split = fromDayNumber(due + Math.floor((asOf - due) * where));
				const whole = calculatePenalty(input);
				const part = calculatePenalty({ ...input, asOf: split });
				expect(part.interestMinor).toBeLessThanOrEqual(whole.interestMinor);
				// The periods of the whole run, cut at the split, start with the periods of the part.
				for (const [i, period] of part.periods.entries()) {
					if (i < part.periods.length - 1) expect(whole.periods[i]).toEqual(period);
				}
			}),
			params(500),
		);
	});
});

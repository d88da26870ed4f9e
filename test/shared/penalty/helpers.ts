import { calculatePenalty } from '../../../nodes/shared/penalty';
import type { PenaltyInput, PenaltyResult } from '../../../nodes/shared/penalty';

/** A B2B FR invoice of 10,000.00 EUR; each test overrides what it is about. */
export function penalty(overrides: Partial<PenaltyInput>): PenaltyResult {
	return calculatePenalty({
		rule: 'FR',
		currency: 'EUR',
		principalMinor: 1_000_000,
		dueDate: '2026-01-31',
		asOf: '2026-03-02',
		...overrides,
	});
}

/** The invariants every result keeps, checked on top of each test's own figures. */
export function expectConsistent(result: PenaltyResult): void {
	const sum = result.periods.reduce((total, period) => total + period.interestMinor, 0);
	expect(result.interestMinor).toBe(sum);
	expect(result.totalMinor).toBe(result.interestMinor + result.compensationMinor);
}

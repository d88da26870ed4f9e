import { tooLargeToBeExact } from './decimal';
import { accrue } from './periods';
import { PENALTY_RULES } from './rules';
import type { PenaltyInput, PenaltyResult } from './types';
import { validatePenaltyInput } from './validate';

/**
 * Late-payment interest and fixed recovery compensation (DESIGN.md section 4, penalty-rules.md).
 *
 * A late day is each day d with lastDayOnTime < d <= asOf (lastDayOnTime is the due date, moved to the next
 * business day under §193 BGB for DE). Interest is simple, ACT/365, per period `base × rate × days / 365`
 * rounded half-up to the minor unit — no statute fixes the rounding; rounding each period and summing keeps
 * the periods adding up to the total. Pure and synchronous: rates come from the tables bundled with the code.
 */
export function calculatePenalty(input: PenaltyInput): PenaltyResult {
	const valid = validatePenaltyInput(input);
	const rule = PENALTY_RULES[valid.rule];
	rule.check(valid);
	const legalBasis = rule.legalBasis(valid);
	const firstLateDay = rule.lastDayOnTime(valid.dueDay) + 1;
	if (valid.asOfDay < firstLateDay) {
		// Not late yet: pre-due invoices flow through the same workflows, so this is a result, not an error.
		return {
			interestMinor: 0,
			compensationMinor: 0,
			totalMinor: 0,
			periods: [],
			legalBasis,
			warnings: [],
		};
	}
	const accrual = accrue(rule, valid, firstLateDay);
	// Once per late invoice, even when part of it was paid on time; nothing when it was all paid on time.
	const compensationMinor =
		accrual.lateDebtMinor > 0 ? rule.compensationMinor(accrual.lateDebtMinor, valid) : 0;
	const totalMinor = accrual.interestMinor + compensationMinor;
	if (!Number.isSafeInteger(totalMinor)) throw tooLargeToBeExact();
	return {
		interestMinor: accrual.interestMinor,
		compensationMinor,
		totalMinor,
		periods: accrual.periods,
		legalBasis,
		warnings: accrual.warnings,
	};
}

import { fromDayNumber } from '../dates';
import { DunningInputError } from '../errors';
import { percentToNumber } from './decimal';
import { accrue } from './periods';
import { PENALTY_RULES, quoteRate } from './rules';
import type { PenaltyInput, PenaltyPeriod, PenaltyResult } from './types';
import { validatePenaltyInput } from './validate';

function safe(value: bigint): number {
	if (value > BigInt(Number.MAX_SAFE_INTEGER)) {
		throw new DunningInputError(
			'penalty.principalMinor',
			'the interest would exceed 2^53 minor units and could not be exact',
		);
	}
	return Number(value);
}

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
	const accrual = accrue({
		firstLateDay,
		lastLateDay: valid.asOfDay,
		principalMinor: valid.principalMinor,
		payments: valid.payments,
		imputation: valid.imputation,
		splitAtHalfYears: rule.splitAtHalfYears,
		dayCountDivisor: rule.dayCountDivisor,
		rateFor: (halfYear) => quoteRate(rule, halfYear, firstLateDay, valid),
	});
	const periods: PenaltyPeriod[] = accrual.periods.map((period) => ({
		from: fromDayNumber(period.fromDay),
		to: fromDayNumber(period.toDay),
		days: period.days,
		annualRatePercent: percentToNumber(period.rateScaled),
		baseMinor: period.baseMinor,
		interestMinor: safe(period.interestMinor),
	}));
	const interest = accrual.periods.reduce((sum, period) => sum + period.interestMinor, 0n);
	// Once per late invoice, even when part of it was paid on time; nothing when it was all paid on time.
	const compensationMinor =
		accrual.lateDebtMinor > 0 ? rule.compensationMinor(accrual.lateDebtMinor, valid) : 0;
	return {
		interestMinor: safe(interest),
		compensationMinor,
		totalMinor: safe(interest + BigInt(compensationMinor)),
		periods,
		legalBasis,
		warnings: accrual.warnings,
	};
}

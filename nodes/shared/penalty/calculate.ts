import { tooLargeToBeExact } from './decimal';
import { accrue } from './periods';
import { PENALTY_RULES } from './rules';
import { minorToDecimalString } from '../money';
import type { PenaltyInput, PenaltyNotice, PenaltyResult } from './types';
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
	const fixedCurrency = rule.compensationCurrency(valid);
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
			fixedCompensation: { currency: fixedCurrency, amountMinor: 0 },
			notices: [],
		};
	}
	const accrual = accrue(rule, valid, firstLateDay);
	// Once per late invoice, even when part of it was paid on time; nothing when it was all paid on time.
	const fixedMinor =
		accrual.lateDebtMinor > 0 ? rule.compensationMinor(accrual.lateDebtMinor, valid) : 0;
	const sameCurrency = fixedCurrency === valid.currency;
	const compensationMinor = sameCurrency ? (fixedMinor ?? 0) : 0;
	const totalMinor = accrual.interestMinor + compensationMinor;
	if (!Number.isSafeInteger(totalMinor)) throw tooLargeToBeExact();
	const notices = accrual.notices;
	const warnings = accrual.warnings;
	if (!sameCurrency && fixedMinor !== 0) {
		const notice = otherCurrencyNotice(valid.rule, fixedCurrency, fixedMinor, valid.currency);
		notices.push(notice);
		warnings.push(notice.message);
	}
	return {
		interestMinor: accrual.interestMinor,
		compensationMinor,
		totalMinor,
		periods: accrual.periods,
		legalBasis,
		warnings,
		fixedCompensation:
			fixedMinor === null ? null : { currency: fixedCurrency, amountMinor: fixedMinor },
		notices,
	};
}

/**
 * The fixed compensation of a rule whose statute sets it in another currency than the invoice's: stated apart,
 * never converted nor added (issue 19, #3). UK bands depend on the debt's value in GBP, unknown here.
 */
function otherCurrencyNotice(
	rule: PenaltyInput['rule'],
	fixedCurrency: string,
	fixedMinor: number | null,
	currency: string,
): PenaltyNotice {
	if (fixedMinor === null) {
		return {
			code: 'compensation_band_unknown',
			message: `${rule}: the fixed sum is £40, £70 or £100 by the debt's value in GBP; the debt is in ${currency} and there is no exchange rate here, so it was not computed nor added to the total`,
		};
	}
	return {
		code: 'compensation_other_currency',
		message: `${rule}: the fixed recovery compensation of ${minorToDecimalString(fixedMinor, fixedCurrency)} ${fixedCurrency} is owed in ${fixedCurrency}; it is stated apart (fixedCompensation) and not added to the ${currency} total, as there is no exchange rate here`,
	};
}

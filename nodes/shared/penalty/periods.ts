import { fromDayNumber, type IsoDate } from '../dates';
import { DunningInputError } from '../errors';
import { getOrCreate } from '../memo';
import { formatPercent } from '../composer/format';
import { percentToNumber, periodInterest, tooLargeToBeExact, RATE_SCALE } from './decimal';
import { halfYearOfDay, nextHalfYear, type HalfYear } from './half-year';
import { quoteRate, type PenaltyRuleDefinition, type RateQuote } from './rules';
import type { PenaltyNotice, PenaltyPeriod } from './types';
import type { Payment, ValidatedPenaltyInput } from './validate';

export interface Accrual {
	periods: PenaltyPeriod[];
	/** The sum of the periods' interest. */
	interestMinor: number;
	/** The debt that became late: the principal less the payments made on time. */
	lateDebtMinor: number;
	warnings: string[];
	notices: PenaltyNotice[];
}

/**
 * Walks the late days `firstLateDay`..asOf once, cutting a period wherever the rate may change (1 January /
 * 1 July for half-yearly rules) and after each payment day (the base changes from the next day). Each
 * period's interest is rounded half-up on its own, so the periods always add up to the interest. Under
 * `interest-first` (Code civil 1343-1, BGB §367) a payment first settles the interest accrued up to and
 * including its day — a sum of rounded periods, which is why such a payment always closes a period — and
 * only the rest reduces the base.
 *
 * Every amount is a safe integer: interest that would pass 2^53 throws where it first does, so the sums
 * below are exact as plain numbers.
 */
export function accrue(
	rule: PenaltyRuleDefinition,
	input: ValidatedPenaltyInput,
	firstLateDay: number,
): Accrual {
	const { payments, imputation, asOfDay: lastLateDay } = input;
	const periods: PenaltyPeriod[] = [];
	const notices: PenaltyNotice[] = [];
	let base = input.principalMinor;
	let accrued = 0;
	let paidInterest = 0;
	let next = 0;

	// Payments up to the last day on time go to the principal: no interest has accrued yet.
	while (next < payments.length && payments[next].day < firstLateDay) {
		base = principalAfter(payments[next++], base, 0, imputation);
	}
	const lateDebtMinor = base;

	let halfYear = halfYearOfDay(firstLateDay);
	let quote: RateQuote | null = null;
	let quotedFor: HalfYear | null = null;
	for (let day = firstLateDay; day <= lastLateDay; ) {
		const pending = next < payments.length ? payments[next] : null;
		if (base === 0 && (!pending || pending.day > lastLateDay)) break; // nothing left to accrue on
		if (day > halfYear.endDay) {
			// After a cut at a half-year's end the next one starts; a period of a rule that does not split
			// at half-years may have crossed several.
			const following = nextHalfYear(halfYear);
			halfYear = day <= following.endDay ? following : halfYearOfDay(day);
		}
		let end = lastLateDay;
		if (rule.splitAtHalfYears) end = Math.min(end, halfYear.endDay);
		if (pending) end = Math.min(end, pending.day);
		if (base > 0) {
			const requoted = quotedFor !== halfYear || quote === null;
			if (requoted) {
				quote = quoteRate(rule, halfYear, firstLateDay, input);
				quotedFor = halfYear;
			}
			const rate = quote as RateQuote;
			const days = end - day + 1;
			const interestMinor = periodInterest(base, rate.rateScaled, days, rule.dayCountDivisor);
			const from = dateOf(day, halfYear);
			if (requoted && (rate.provisional || rate.notices.length > 0)) {
				noteRate(notices, rate, periods.length, () => rateLabel(rule, halfYear, firstLateDay));
			}
			periods.push({
				from,
				to: dateOf(end, halfYear),
				days,
				annualRatePercent: percentToNumber(rate.rateScaled),
				baseMinor: base,
				interestMinor,
				rateStatus: rate.provisional ? 'provisional' : 'confirmed',
			});
			accrued += interestMinor;
			if (!Number.isSafeInteger(accrued)) throw tooLargeToBeExact();
		}
		while (next < payments.length && payments[next].day === end) {
			const payment = payments[next++];
			const unpaidInterest = accrued - paidInterest;
			base = principalAfter(payment, base, unpaidInterest, imputation);
			if (imputation === 'interest-first')
				paidInterest += Math.min(payment.amountMinor, unpaidInterest);
		}
		day = end + 1;
	}
	const warnings: string[] = [];
	for (const notice of notices)
		if (notice.code !== 'rate_provisional') warnings.push(notice.message);
	return { periods, interestMinor: accrued, lateDebtMinor, warnings, notices };
}

/** "FR 2026-S2"; a rule fixed for the debt's life (UK) is named by the half-year that fixed it. */
function rateLabel(rule: PenaltyRuleDefinition, halfYear: HalfYear, firstLateDay: number): string {
	return `${rule.id} ${(rule.splitAtHalfYears ? halfYear : halfYearOfDay(firstLateDay)).label}`;
}

// What a rate says (its notices, and the provisional one), worked out once per shared quote: a book of
// invoices asks for the same few half-years, whose quotes are memoised and frozen (rules.ts).
const saidOfQuote = new WeakMap<RateQuote, readonly PenaltyNotice[]>();

/** A rate's own notices, then for a provisional rate one naming the half-year and the rate applied. */
function noticesOf(rate: RateQuote, label: () => string): readonly PenaltyNotice[] {
	return getOrCreate(saidOfQuote, rate, () => {
		if (!rate.provisional) return rate.notices;
		return Object.freeze([
			...rate.notices,
			{
				code: 'rate_provisional' as const,
				message: `${label()}: the rate ${formatPercent(rate.rateScaled / RATE_SCALE, 'rate')} is provisional: it rests on a reference rate that is not officially published yet, so state it as provisional until it is confirmed`,
			},
		]);
	});
}

/**
 * The notices of a rate, once each, on the first period that uses it, ending with `rate_provisional` for a
 * provisional rate (issue 19, #8), so that whoever states the rate to a customer knows it is not confirmed.
 */
function noteRate(
	notices: PenaltyNotice[],
	rate: RateQuote,
	periodIndex: number,
	label: () => string,
): void {
	for (const notice of noticesOf(rate, label)) {
		if (!notices.some((known) => known.message === notice.message)) {
			notices.push({ code: notice.code, message: notice.message, periodIndex });
		}
	}
}

/** Most periods start or end with their half-year, whose dates are at hand. */
function dateOf(day: number, halfYear: HalfYear): IsoDate {
	if (day === halfYear.startDay) return halfYear.startDate;
	if (day === halfYear.endDay) return halfYear.endDate;
	return fromDayNumber(day);
}

/**
 * The principal left after a payment: under `interest-first` the unpaid interest is settled first. A
 * payment beyond what was owed on its day is an input error.
 */
function principalAfter(
	payment: Payment,
	base: number,
	unpaidInterest: number,
	imputation: ValidatedPenaltyInput['imputation'],
): number {
	const toInterest =
		imputation === 'interest-first' ? Math.min(payment.amountMinor, unpaidInterest) : 0;
	const toPrincipal = payment.amountMinor - toInterest;
	if (toPrincipal > base) {
		const interest = imputation === 'interest-first' ? ` + ${unpaidInterest} interest` : '';
		throw new DunningInputError(
			`penalty.payments[${payment.index}].amountMinor`,
			`${payment.amountMinor} is more than was owed on ${fromDayNumber(payment.day)} (${base} principal${interest})`,
		);
	}
	return base - toPrincipal;
}

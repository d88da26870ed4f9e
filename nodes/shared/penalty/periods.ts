import { fromDayNumber } from '../dates';
import { DunningInputError } from '../errors';
import { periodInterest } from './decimal';
import { halfYearOfDay, type HalfYear } from './half-year';
import type { RateQuote } from './rules';
import type { Payment } from './validate';

export interface AccrualPlan {
	firstLateDay: number;
	lastLateDay: number;
	principalMinor: number;
	payments: readonly Payment[];
	imputation: 'principal' | 'interest-first';
	splitAtHalfYears: boolean;
	dayCountDivisor: number;
	rateFor(halfYear: HalfYear): RateQuote;
}

export interface AccruedPeriod {
	fromDay: number;
	toDay: number;
	days: number;
	rateScaled: bigint;
	baseMinor: number;
	interestMinor: bigint;
}

export interface Accrual {
	periods: AccruedPeriod[];
	/** The debt that became late: the principal less the payments made on time. */
	lateDebtMinor: number;
	warnings: string[];
}

/**
 * Walks the late days once, cutting a period wherever the rate may change (1 January / 1 July for half-yearly
 * rules) and after each payment day (the base changes from the next day). Each period's interest is rounded
 * half-up on its own, so the periods always add up to the interest. Under `interest-first` (Code civil
 * 1343-1, BGB §367) a payment first settles the interest accrued up to and including its day — a sum of
 * rounded periods, which is why such a payment always closes a period — and only the rest reduces the base.
 */
export function accrue(plan: AccrualPlan): Accrual {
	const { payments } = plan;
	const periods: AccruedPeriod[] = [];
	const warnings = new Set<string>();
	let base = plan.principalMinor;
	let accrued = 0n;
	let paidInterest = 0n;
	let next = 0;

	const apply = (payment: Payment): void => {
		let toPrincipal = BigInt(payment.amountMinor);
		const unpaidInterest = accrued - paidInterest;
		if (plan.imputation === 'interest-first') {
			const toInterest = toPrincipal < unpaidInterest ? toPrincipal : unpaidInterest;
			paidInterest += toInterest;
			toPrincipal -= toInterest;
		}
		if (toPrincipal > BigInt(base)) {
			const interest = plan.imputation === 'interest-first' ? ` + ${unpaidInterest} interest` : '';
			throw new DunningInputError(
				`penalty.payments[${payment.index}].amountMinor`,
				`${payment.amountMinor} is more than was owed on ${fromDayNumber(payment.day)} (${base} principal${interest})`,
			);
		}
		base -= Number(toPrincipal);
	};

	// Payments up to the last day on time go to the principal: no interest has accrued yet.
	while (next < payments.length && payments[next].day < plan.firstLateDay) apply(payments[next++]);
	const lateDebtMinor = base;

	const quotes = new Map<string, RateQuote>();
	for (let day = plan.firstLateDay; day <= plan.lastLateDay; ) {
		const pending = payments[next] as Payment | undefined;
		if (base === 0 && (!pending || pending.day > plan.lastLateDay)) break; // nothing left to accrue on
		const halfYear = halfYearOfDay(day);
		let end = plan.lastLateDay;
		if (plan.splitAtHalfYears) end = Math.min(end, halfYear.endDay);
		if (pending) end = Math.min(end, pending.day);
		if (base > 0) {
			let quote = quotes.get(halfYear.label);
			if (!quote) {
				quote = plan.rateFor(halfYear);
				quotes.set(halfYear.label, quote);
				quote.warnings.forEach((warning) => warnings.add(warning));
			}
			const days = end - day + 1;
			const interestMinor = periodInterest(base, quote.rateScaled, days, plan.dayCountDivisor);
			periods.push({
				fromDay: day,
				toDay: end,
				days,
				rateScaled: quote.rateScaled,
				baseMinor: base,
				interestMinor,
			});
			accrued += interestMinor;
		}
		while (next < payments.length && payments[next].day === end) apply(payments[next++]);
		day = end + 1;
	}
	return { periods, lateDebtMinor, warnings: [...warnings] };
}

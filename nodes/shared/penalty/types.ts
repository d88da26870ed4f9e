import type { IsoDate } from '../dates';

/** Late-payment penalty input (DESIGN.md section 4). Amounts in minor units, rates in percent per year. */
export interface PenaltyInput {
	rule: PenaltyRule;
	currency: string;
	/** Amount unpaid at the due date (tax included). */
	principalMinor: number;
	dueDate: IsoDate;
	/** Interest runs for each day d with dueDate < d <= asOf. */
	asOf: IsoDate;
	/** A payment on day p stops interest on that amount from day p+1. */
	payments?: { date: IsoDate; amountMinor: number }[];
	/** Annual rate agreed in the contract, replacing the statutory default. */
	contractualRatePercent?: number;
	/** DE: base + 5 instead of + 9; FR/EU/UK statutory rules cover B2B only. */
	consumer?: boolean;
	customAnnualRatePercent?: number;
	customFixedMinor?: number;
	/** How partial payments apply (default "principal"). */
	imputation?: 'principal' | 'interest-first';
}

export type PenaltyRule = 'FR' | 'EU' | 'DE' | 'UK' | 'custom';

export interface PenaltyPeriod {
	from: IsoDate;
	to: IsoDate;
	days: number;
	annualRatePercent: number;
	baseMinor: number;
	interestMinor: number;
}

export interface PenaltyResult {
	interestMinor: number;
	compensationMinor: number;
	/** interest + compensation */
	totalMinor: number;
	periods: PenaltyPeriod[];
	/**
	 * The statutory citation, e.g. "Code de commerce L441-10 II, D441-5": references only, no word of any
	 * language, because reminders print it inside French, English, German and Spanish sentences.
	 */
	legalBasis: string;
	/** e.g. a contractual rate below the legal floor, or a rate-table row not confirmed */
	warnings: string[];
}

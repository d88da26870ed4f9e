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
	/**
	 * Extension (issue 19, #8): `provisional` when the rate rests on a reference-rate row that is not officially
	 * published (status other than confirmed in the shipped tables, or a value carried forward beyond them).
	 * Always set by `calculatePenalty` (as are the two fields below); optional in the type so that results built
	 * by hand still type-check.
	 */
	rateStatus?: 'confirmed' | 'provisional';
}

/**
 * Codes of `PenaltyResult.notices` (docs/core-contracts.md): `rate_provisional` (a period's rate is
 * provisional; names the half-year and the rate), `rate_unconfirmed` and `rate_carried_forward` (the table row
 * behind it), `contractual_floor_applied`, `contractual_floor_unknown`, `contractual_rate_below_statutory`,
 * `compensation_other_currency`, `compensation_band_unknown`, and from the Late Payment Penalty node
 * `payment_undated`.
 */
export type PenaltyNoticeCode =
	| 'rate_provisional'
	| 'rate_unconfirmed'
	| 'rate_carried_forward'
	| 'contractual_floor_applied'
	| 'contractual_floor_unknown'
	| 'contractual_rate_below_statutory'
	| 'compensation_other_currency'
	| 'compensation_band_unknown'
	| 'payment_undated';

/** A warning in structured form: a machine code, the sentence of `warnings`, the period it concerns. */
export interface PenaltyNotice {
	code: PenaltyNoticeCode;
	message: string;
	/** Index in `periods` of the first period it concerns, when it concerns a rate. */
	periodIndex?: number;
}

/** The statutory fixed compensation in its own currency (EUR for FR/EU/DE, GBP for UK). */
export interface FixedCompensation {
	currency: string;
	amountMinor: number;
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
	/**
	 * Extension (issue 19, #3): the statutory fixed compensation in its own currency. For an invoice in that
	 * currency it equals `{ currency, amountMinor: compensationMinor }`; for another currency it is not added to
	 * `compensationMinor` nor `totalMinor` (no exchange rate here) and a `compensation_other_currency` notice
	 * says so. Null only when the amount cannot be told (UK bands on a debt in another currency).
	 */
	fixedCompensation?: FixedCompensation | null;
	/** Extension (issue 19, #8): the warnings in structured form, plus `rate_provisional` per provisional rate. */
	notices?: PenaltyNotice[];
}

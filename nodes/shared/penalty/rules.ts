import { getBusinessCalendar } from '../business-calendar';
import type { IsoDate } from '../dates';
import { DunningInputError } from '../errors';
import { getOrCreate } from '../memo';
import { formatPercent } from '../composer/format';
import { RATE_SCALE } from './decimal';
import { halfYearOfDay, type HalfYear } from './half-year';
import { RATE_TABLES, lookUpHalfYear, type RateTable } from './rate-tables';
import type { PenaltyNotice, PenaltyRule } from './types';

/** The validated input as the rules see it. */
export interface RuleContext {
	currency: string;
	dueDate: IsoDate;
	consumer: boolean;
	/** Contractual rate in 1/10,000 %, or null for the statutory default. */
	contractualScaled: number | null;
	customScaled: number | null;
	customFixedMinor: number;
}

export interface RateQuote {
	rateScaled: number;
	/** What a reader of the rate must know (their messages are the result's warnings). */
	notices: readonly PenaltyNotice[];
	/** The rate rests on a table value that is not officially published. */
	provisional: boolean;
}

/** One statutory regime (penalty-rules.md). Everything that differs between FR, EU, DE, UK and custom is here. */
export interface PenaltyRuleDefinition {
	id: PenaltyRule;
	/** ACT/365 everywhere today; a property of the rule so that ACT/ACT can be offered later. */
	dayCountDivisor: number;
	/** Half-yearly reference rates (FR, EU, DE) split the late span at 1 January and 1 July. */
	splitAtHalfYears: boolean;
	/** A citation only (see PenaltyResult.legalBasis): templates in every language print it. */
	legalBasis(ctx: RuleContext): string;
	/** Throws on what the rule does not cover: consumers, dates before it applied, a foreign currency. */
	check(ctx: RuleContext): void;
	/** The last day that is still on time (DE moves it under §193 BGB). */
	lastDayOnTime(dueDay: number): number;
	/** The rate for the late days in a half-year; rules fixed for the debt's life use `firstLateDay`. */
	statutoryRate(halfYear: HalfYear, firstLateDay: number, ctx: RuleContext): RateQuote;
	/** A legal minimum for a contractual rate (FR), or null when the tables do not cover the half-year. */
	contractualFloor?(halfYear: HalfYear): (RateQuote & { basis: string }) | null;
	/** Why a contractual rate below the statutory one deserves a warning, where no numeric floor applies. */
	lowContractualNote?(ctx: RuleContext): string | null;
	/** The currency the statute fixes the compensation in (the invoice's own for custom). */
	compensationCurrency(ctx: RuleContext): string;
	/**
	 * Fixed compensation in the minor units of `compensationCurrency`; `lateDebtMinor` (in the invoice's
	 * currency) is what became late. Null when the amount depends on the debt's value in another currency.
	 */
	compensationMinor(lateDebtMinor: number, ctx: RuleContext): number | null;
}

const points = (value: number): number => value * RATE_SCALE;

/**
 * The statutory rate of a half-year: a reference rate plus a margin in points. A book of invoices asks for
 * the same few half-years over and over, so each answer is kept (keyed by the half-year's number) and shared
 * between results: it is frozen. Half-years before the table throw each time and are not kept.
 */
function referencePlus(
	table: RateTable,
	margin: number,
	label: string,
): (halfYear: HalfYear) => RateQuote {
	const quotes = new Map<number, RateQuote>();
	return (halfYear) =>
		getOrCreate(quotes, halfYear.index, () => {
			const reference = lookUpHalfYear(table, halfYear.label, label, 'penalty.dueDate');
			return Object.freeze({
				rateScaled: reference.rateScaled + points(margin),
				notices: reference.notices,
				provisional: reference.provisional,
			});
		});
}

const NO_NOTICES: readonly PenaltyNotice[] = Object.freeze([]);

function businessOnly(rule: PenaltyRule, ctx: RuleContext, law: string): void {
	if (ctx.consumer) {
		throw new DunningInputError(
			'penalty.consumer',
			`true is not covered by rule ${rule}: ${law} applies between businesses only`,
		);
	}
}

/*
 * FR/EU/DE fix the compensation in EUR and UK in GBP, and the core has no exchange rate (it is pure and has no
 * clock). A foreign-currency invoice is not refused for that (issue 19, #3): its interest is computed in its own
 * currency and the fixed amount is stated apart in its own (`PenaltyResult.fixedCompensation`), never added
 * into a total of another currency.
 */
const inEuros = (): string => 'EUR';

function notBefore(ctx: RuleContext, first: IsoDate, why: string): void {
	if (ctx.dueDate < first) {
		throw new DunningInputError('penalty.dueDate', `"${ctx.dueDate}" is before ${first}: ${why}`);
	}
}

const sameDay = (day: number): number => day;

const FR: PenaltyRuleDefinition = {
	id: 'FR',
	dayCountDivisor: 365,
	splitAtHalfYears: true,
	legalBasis: () => 'Code de commerce L441-10 II, D441-5',
	check(ctx) {
		businessOnly('FR', ctx, 'Code de commerce L441-10');
		notBefore(
			ctx,
			'2013-01-01',
			'the half-yearly FR rule applies since 1 January 2013; earlier invoices are out of scope',
		);
	},
	lastDayOnTime: sameDay,
	statutoryRate: referencePlus(RATE_TABLES.fr, 10, 'FR'),
	contractualFloor(halfYear) {
		if (halfYear.label < RATE_TABLES.tauxLegal.entries[0].halfYear) return null;
		const legal = lookUpHalfYear(RATE_TABLES.tauxLegal, halfYear.label, 'FR', 'penalty.asOf');
		return {
			rateScaled: 3 * legal.rateScaled,
			notices: legal.notices,
			provisional: legal.provisional,
			basis: `3 × taux légal ${formatPercent(legal.rateScaled / RATE_SCALE, 'rate')}`,
		};
	},
	compensationCurrency: inEuros,
	compensationMinor: () => 4000,
};

const EU: PenaltyRuleDefinition = {
	id: 'EU',
	dayCountDivisor: 365,
	splitAtHalfYears: true,
	legalBasis: () => 'Directive 2011/7/EU, art. 2, 3, 6',
	check(ctx) {
		businessOnly('EU', ctx, 'Directive 2011/7/EU');
		// Member states had to apply the directive from 16 March 2013; before, Directive 2000/35/EC (ECB + 7).
		notBefore(ctx, '2013-03-16', 'Directive 2011/7/EU applies from 16 March 2013');
	},
	lastDayOnTime: sameDay,
	statutoryRate: referencePlus(RATE_TABLES.eu, 8, 'EU'),
	lowContractualNote: () =>
		'a term that is grossly unfair to the creditor is unenforceable (Directive 2011/7/EU, Article 7)',
	compensationCurrency: inEuros,
	compensationMinor: () => 4000,
};

// §288 II (+9 points) and V (40 EUR) apply to debts arising after 28 July 2014 (Art. 229 §34 EGBGB); an
// invoice due before that arose before it, so it keeps the former +8 points and no flat fee.
const isDe2014 = (ctx: RuleContext): boolean => ctx.dueDate >= '2014-07-29';
const owesPauschale = (ctx: RuleContext): boolean => !ctx.consumer && isDe2014(ctx);

const deConsumer = referencePlus(RATE_TABLES.de, 5, 'DE');
const deBusiness = referencePlus(RATE_TABLES.de, 9, 'DE');
const deBusinessBefore2014 = referencePlus(RATE_TABLES.de, 8, 'DE');

const DE: PenaltyRuleDefinition = {
	id: 'DE',
	dayCountDivisor: 365,
	splitAtHalfYears: true,
	legalBasis(ctx) {
		if (ctx.consumer) return 'BGB §288 I, §247, §193';
		if (!isDe2014(ctx)) {
			return 'BGB §288 II a.F., §247, §193';
		}
		return 'BGB §288 II, V, §247, §193';
	},
	check: () => undefined,
	// §193 BGB: a due date on a Saturday, Sunday or public holiday moves to the next business day.
	lastDayOnTime: (dueDay) => getBusinessCalendar('DE').nextBusinessDayOnOrAfter(dueDay),
	statutoryRate(halfYear, _firstLateDay, ctx) {
		const rate = ctx.consumer ? deConsumer : isDe2014(ctx) ? deBusiness : deBusinessBefore2014;
		return rate(halfYear);
	},
	lowContractualNote: (ctx) =>
		ctx.consumer
			? null
			: 'a clause limiting default interest is void when grossly unfair to the creditor (BGB §288 VI)',
	compensationCurrency: inEuros,
	compensationMinor: (_debt, ctx) => (owesPauschale(ctx) ? 4000 : 0),
};

const ukStatutory = referencePlus(RATE_TABLES.uk, 8, 'UK');

const UK: PenaltyRuleDefinition = {
	id: 'UK',
	dayCountDivisor: 365,
	// The reference rate is fixed for the whole life of the debt: no half-year split.
	splitAtHalfYears: false,
	legalBasis: () => 'Late Payment of Commercial Debts (Interest) Act 1998, s.4, s.5A, s.6',
	check(ctx) {
		businessOnly('UK', ctx, 'the Late Payment of Commercial Debts (Interest) Act 1998');
	},
	lastDayOnTime: sameDay,
	// Base rate on the reference date (31 Dec / 30 Jun) before the day interest starts to run.
	statutoryRate: (_halfYear, firstLateDay) => ukStatutory(halfYearOfDay(firstLateDay)),
	lowContractualNote: () =>
		'a contractual remedy that is not substantial is void and statutory interest applies (1998 Act, s.8-9)',
	compensationCurrency: () => 'GBP',
	// s.5A bands on the late debt in GBP: below £1,000 → £40; below £10,000 → £70; above → £100. A debt in
	// another currency has no band without an exchange rate.
	compensationMinor: (debt, ctx) =>
		ctx.currency !== 'GBP' ? null : debt < 100_000 ? 4000 : debt < 1_000_000 ? 7000 : 10_000,
};

const CUSTOM: PenaltyRuleDefinition = {
	id: 'custom',
	dayCountDivisor: 365,
	splitAtHalfYears: false,
	legalBasis: () => 'Contractual terms (custom annual rate and fixed amount)',
	check: () => undefined,
	lastDayOnTime: sameDay,
	statutoryRate: (_halfYear, _firstLateDay, ctx) => ({
		rateScaled: ctx.customScaled ?? 0,
		notices: NO_NOTICES,
		provisional: false,
	}),
	compensationCurrency: (ctx) => ctx.currency,
	compensationMinor: (_debt, ctx) => ctx.customFixedMinor,
};

export const PENALTY_RULES: Readonly<Record<PenaltyRule, PenaltyRuleDefinition>> = {
	FR,
	EU,
	DE,
	UK,
	custom: CUSTOM,
};

/**
 * The rate for the late days of a half-year: the statutory default, or the contractual rate — raised to the
 * legal floor where one exists (FR) and it binds, or applied as agreed with a warning where it is below the
 * statutory rate and the law only voids unfair terms (EU, DE, UK).
 */
export function quoteRate(
	rule: PenaltyRuleDefinition,
	halfYear: HalfYear,
	firstLateDay: number,
	ctx: RuleContext,
): RateQuote {
	const agreed = ctx.contractualScaled;
	if (agreed === null) return rule.statutoryRate(halfYear, firstLateDay, ctx);
	const label = rule.splitAtHalfYears ? `${rule.id} ${halfYear.label}` : rule.id;
	const shown = formatPercent(agreed / RATE_SCALE, 'rate');
	if (rule.contractualFloor) {
		const floor = rule.contractualFloor(halfYear);
		if (!floor) {
			return {
				rateScaled: agreed,
				notices: [
					{
						code: 'contractual_floor_unknown',
						message: `${label}: the legal floor for a contractual rate is not in the shipped tables; ${shown} was applied unchecked`,
					},
				],
				provisional: false,
			};
		}
		// The agreed rate applies as agreed: a provisional floor does not make it provisional.
		if (agreed >= floor.rateScaled) {
			return { rateScaled: agreed, notices: floor.notices, provisional: false };
		}
		return {
			rateScaled: floor.rateScaled,
			notices: [
				...floor.notices,
				{
					code: 'contractual_floor_applied',
					message: `${label}: the contractual rate ${shown} is below the legal floor ${formatPercent(floor.rateScaled / RATE_SCALE, 'rate')} (${floor.basis}); the floor was applied`,
				},
			],
			provisional: floor.provisional,
		};
	}
	const note = rule.lowContractualNote?.(ctx);
	if (!note) return { rateScaled: agreed, notices: NO_NOTICES, provisional: false };
	// Before the tables (DE before 2002, UK before 2008) this throws too: a contractual rate cannot be
	// compared with a statutory one that is not shipped, and saying so beats skipping the check.
	const statutory = rule.statutoryRate(halfYear, firstLateDay, ctx).rateScaled;
	const notices: PenaltyNotice[] =
		agreed < statutory
			? [
					{
						code: 'contractual_rate_below_statutory',
						message: `${label}: the contractual rate ${shown} is below the statutory ${formatPercent(statutory / RATE_SCALE, 'rate')}; applied as agreed, but ${note}`,
					},
				]
			: [];
	return { rateScaled: agreed, notices, provisional: false };
}

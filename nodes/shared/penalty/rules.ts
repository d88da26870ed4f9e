import { getBusinessCalendar } from '../business-calendar';
import type { IsoDate } from '../dates';
import { DunningInputError } from '../errors';
import { getOrCreate } from '../memo';
import { RATE_SCALE, formatPercent } from './decimal';
import { halfYearOfDay, type HalfYear } from './half-year';
import { RATE_TABLES, lookUpHalfYear, type RateTable } from './rate-tables';
import type { PenaltyRule } from './types';

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
	warnings: readonly string[];
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
	/** Fixed compensation, in the invoice currency's minor units; `lateDebtMinor` is what became late. */
	compensationMinor(lateDebtMinor: number, ctx: RuleContext): number;
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
				warnings: reference.warnings,
			});
		});
}

const NO_WARNINGS: readonly string[] = Object.freeze([]);

function businessOnly(rule: PenaltyRule, ctx: RuleContext, law: string): void {
	if (ctx.consumer) {
		throw new DunningInputError(
			'penalty.consumer',
			`true is not covered by rule ${rule}: ${law} applies between businesses only`,
		);
	}
}

/*
 * FR/EU/DE/UK fix the compensation in EUR or GBP and the core has no exchange rate (it is pure and has no
 * clock). Rather than return a total that silently omits or misstates it, a foreign-currency invoice is
 * refused; the message points to rule "custom" with `customFixedMinor` in the invoice currency.
 */
function compensationCurrency(
	rule: PenaltyRule,
	ctx: RuleContext,
	currency: string,
	amount: string,
): void {
	if (ctx.currency !== currency) {
		throw new DunningInputError(
			'penalty.currency',
			`"${ctx.currency}" cannot be used with rule ${rule}: its recovery compensation is fixed at ${amount} and there is no exchange rate here; invoice in ${currency}, or use rule "custom" with customFixedMinor in ${ctx.currency}`,
		);
	}
}

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
		compensationCurrency('FR', ctx, 'EUR', '40 EUR');
	},
	lastDayOnTime: sameDay,
	statutoryRate: referencePlus(RATE_TABLES.fr, 10, 'FR'),
	contractualFloor(halfYear) {
		if (halfYear.label < RATE_TABLES.tauxLegal.entries[0].halfYear) return null;
		const legal = lookUpHalfYear(RATE_TABLES.tauxLegal, halfYear.label, 'FR', 'penalty.asOf');
		return {
			rateScaled: 3 * legal.rateScaled,
			warnings: legal.warnings,
			basis: `3 × taux légal ${formatPercent(legal.rateScaled)}`,
		};
	},
	compensationMinor: () => 4000,
};

const EU: PenaltyRuleDefinition = {
	id: 'EU',
	dayCountDivisor: 365,
	splitAtHalfYears: true,
	legalBasis: () => 'Directive 2011/7/EU, art. 2, 4, 6',
	check(ctx) {
		businessOnly('EU', ctx, 'Directive 2011/7/EU');
		// Member states had to apply the directive from 16 March 2013; before, Directive 2000/35/EC (ECB + 7).
		notBefore(ctx, '2013-03-16', 'Directive 2011/7/EU applies from 16 March 2013');
		compensationCurrency('EU', ctx, 'EUR', '40 EUR');
	},
	lastDayOnTime: sameDay,
	statutoryRate: referencePlus(RATE_TABLES.eu, 8, 'EU'),
	lowContractualNote: () =>
		'a term that is grossly unfair to the creditor is unenforceable (Directive 2011/7/EU, Article 7)',
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
	check(ctx) {
		if (owesPauschale(ctx)) compensationCurrency('DE', ctx, 'EUR', '40 EUR');
	},
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
		compensationCurrency('UK', ctx, 'GBP', '£40, £70 or £100');
	},
	lastDayOnTime: sameDay,
	// Base rate on the reference date (31 Dec / 30 Jun) before the day interest starts to run.
	statutoryRate: (_halfYear, firstLateDay) => ukStatutory(halfYearOfDay(firstLateDay)),
	lowContractualNote: () =>
		'a contractual remedy that is not substantial is void and statutory interest applies (1998 Act, s.8-9)',
	// s.5A bands on the late debt in GBP: below £1,000 → £40; below £10,000 → £70; above → £100.
	compensationMinor: (debt) => (debt < 100_000 ? 4000 : debt < 1_000_000 ? 7000 : 10_000),
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
		warnings: NO_WARNINGS,
	}),
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
	const shown = formatPercent(agreed);
	if (rule.contractualFloor) {
		const floor = rule.contractualFloor(halfYear);
		if (!floor) {
			return {
				rateScaled: agreed,
				warnings: [
					`${label}: the legal floor for a contractual rate is not in the shipped tables; ${shown} was applied unchecked`,
				],
			};
		}
		if (agreed >= floor.rateScaled) return { rateScaled: agreed, warnings: floor.warnings };
		return {
			rateScaled: floor.rateScaled,
			warnings: [
				...floor.warnings,
				`${label}: the contractual rate ${shown} is below the legal floor ${formatPercent(floor.rateScaled)} (${floor.basis}); the floor was applied`,
			],
		};
	}
	const note = rule.lowContractualNote?.(ctx);
	if (!note) return { rateScaled: agreed, warnings: NO_WARNINGS };
	// Before the tables (DE before 2002, UK before 2008) this throws too: a contractual rate cannot be
	// compared with a statutory one that is not shipped, and saying so beats skipping the check.
	const statutory = rule.statutoryRate(halfYear, firstLateDay, ctx).rateScaled;
	const warnings =
		agreed < statutory
			? [
					`${label}: the contractual rate ${shown} is below the statutory ${formatPercent(statutory)}; applied as agreed, but ${note}`,
				]
			: [];
	return { rateScaled: agreed, warnings };
}

export { calculatePenalty } from './calculate';
export { PENALTY_RULES, type PenaltyRuleDefinition } from './rules';
export { RATE_TABLES, type HalfYearRateEntry, type RateTable } from './rate-tables';
export type {
	FixedCompensation,
	PenaltyInput,
	PenaltyNotice,
	PenaltyNoticeCode,
	PenaltyPeriod,
	PenaltyResult,
	PenaltyRule,
} from './types';

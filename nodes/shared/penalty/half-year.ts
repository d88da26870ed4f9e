import { fromDayNumber, toDayNumber } from '../dates';

/** A calendar half-year: S1 is January–June, S2 July–December (the periods statutory rates are set for). */
export interface HalfYear {
	/** "2026-S2" */
	label: string;
	startDay: number;
	/** Last day, inclusive. */
	endDay: number;
}

export function halfYearOfDay(day: number): HalfYear {
	const date = fromDayNumber(day);
	const year = Number(date.slice(0, 4));
	const first = Number(date.slice(5, 7)) <= 6;
	const startDay = toDayNumber(`${year}-${first ? '01' : '07'}-01`);
	const nextStart = toDayNumber(first ? `${year}-07-01` : `${year + 1}-01-01`);
	return { label: `${year}-S${first ? 1 : 2}`, startDay, endDay: nextStart - 1 };
}

// Types of clock.js.
export interface ShiftedClock {
	env: Record<string, string>;
	readonly offsetMs: number;
	now(): number;
	set(offsetMs: number): void;
	remove(): void;
}
export declare function businessDayOffsets(
	count: number,
	options?: { zone?: string; country?: string | null; nowMs?: number },
): { offsetMs: number; date: string }[];
export declare function createShiftedClock(initialOffsetMs?: number): ShiftedClock;
export declare function isBusinessDay(date: string, country: string | null): boolean;
export declare function weekdayLabel(date: string): string;
export declare function dateIn(zone: string, ms: number): string;
export declare const DAY_MS: number;
export declare const PRELOAD: string;

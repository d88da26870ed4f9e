import { DunningInputError, describeValue } from '../../shared/errors';
import { assertFiniteNumber, assertInteger } from '../../shared/shape';

/**
 * QuickBooks timestamps (`MetaData.LastUpdatedTime`, a response's `time`, CDC `changedSince`) carry a US Pacific
 * offset whatever the company's country (behaviour 9): `-08:00` in winter, `-07:00` in summer. They are read
 * with their own offset and written back with the offset the server last used.
 */
const TIMESTAMP =
	/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|([+-])(\d{2}):?(\d{2}))$/;

export interface IntuitTimestamp {
	ms: number;
	/** Minutes east of UTC (-480 for -08:00). */
	offsetMinutes: number;
}

export function parseIntuitTimestamp(value: unknown, field: string): IntuitTimestamp {
	const match = typeof value === 'string' ? TIMESTAMP.exec(value.trim()) : null;
	if (!match) {
		throw new DunningInputError(
			field,
			`${describeValue(value)} is not a date-time with an offset (2026-11-18T03:22:40-08:00)`,
		);
	}
	const [, y, mo, d, h, mi, s, fraction, zone, sign, oh, om] = match;
	const offsetMinutes = zone === 'Z' ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
	const utc = Date.UTC(
		+y,
		+mo - 1,
		+d,
		+h,
		+mi,
		+s,
		fraction ? Math.floor(Number(`0${fraction}`) * 1000) : 0,
	);
	const ms = utc - offsetMinutes * 60_000;
	if (Number.isNaN(ms))
		throw new DunningInputError(field, `${describeValue(value)} is not a date-time`);
	return { ms, offsetMinutes };
}

const two = (value: number) => String(value).padStart(2, '0');

/** `2026-11-18T03:22:40-08:00`: an instant written in a given offset, to whole seconds. */
export function formatIntuitTimestamp(ms: number, offsetMinutes: number): string {
	assertInteger(Math.floor(assertFiniteNumber(ms, 'ms')), 'ms', -8.64e15, 8.64e15);
	assertInteger(offsetMinutes, 'offsetMinutes', -1440, 1440);
	const local = new Date(Math.floor(ms / 1000) * 1000 + offsetMinutes * 60_000);
	const sign = offsetMinutes < 0 ? '-' : '+';
	const abs = Math.abs(offsetMinutes);
	return (
		`${local.getUTCFullYear()}-${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())}` +
		`T${two(local.getUTCHours())}:${two(local.getUTCMinutes())}:${two(local.getUTCSeconds())}` +
		`${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`
	);
}

/** Change data capture reaches back 30 days at most (behaviour 7). */
export const CDC_MAX_AGE_MS = 30 * 86_400_000;
/** ... and returns at most 1,000 objects per response: at the cap, some changes may be missing. */
export const CDC_MAX_OBJECTS = 1000;
/** Kept clear of the 30-day edge so a slow poll never asks for a window the server refuses. */
const CDC_SAFETY_MS = 3_600_000;

/** Whether changes since `watermark` can come from CDC, or need a full query. */
export function changeSyncMode(
	watermark: string | null | undefined,
	nowMs: number,
): 'cdc' | 'full' {
	assertFiniteNumber(nowMs, 'nowMs');
	if (!watermark) return 'full';
	let since: number;
	try {
		since = parseIntuitTimestamp(watermark, 'watermark').ms;
	} catch {
		return 'full';
	}
	return nowMs - since > CDC_MAX_AGE_MS - CDC_SAFETY_MS ? 'full' : 'cdc';
}

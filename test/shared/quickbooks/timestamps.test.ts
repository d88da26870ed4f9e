import {
	CDC_MAX_AGE_MS,
	changeSyncMode,
	formatIntuitTimestamp,
	parseIntuitTimestamp,
} from '../../../nodes/shared/internal';

describe('QuickBooks timestamps', () => {
	it('reads Pacific winter and summer offsets to the same instants as UTC', () => {
		expect(parseIntuitTimestamp('2026-11-18T03:22:40-08:00', 't')).toEqual({
			ms: Date.parse('2026-11-18T11:22:40Z'),
			offsetMinutes: -480,
		});
		expect(parseIntuitTimestamp('2026-09-30T02:14:51-07:00', 't')).toEqual({
			ms: Date.parse('2026-09-30T09:14:51Z'),
			offsetMinutes: -420,
		});
		expect(parseIntuitTimestamp('2026-11-25T23:02:17.118-08:00', 't').ms).toBe(
			Date.parse('2026-11-26T07:02:17.118Z'),
		);
		expect(parseIntuitTimestamp('2026-11-18T11:22:40.512Z', 't').offsetMinutes).toBe(0);
	});

	it('writes an instant back in a given offset, crossing the date line of the company', () => {
		// 07:30 UTC on 26 November is still the 25th in California, already the 26th in London and Paris.
		const ms = Date.parse('2026-11-26T07:30:00Z');
		expect(formatIntuitTimestamp(ms, -480)).toBe('2026-11-25T23:30:00-08:00');
		expect(formatIntuitTimestamp(ms, 60)).toBe('2026-11-26T08:30:00+01:00');
		expect(formatIntuitTimestamp(ms, 0)).toBe('2026-11-26T07:30:00+00:00');
		expect(parseIntuitTimestamp(formatIntuitTimestamp(ms, -420), 't').ms).toBe(ms);
	});

	it('refuses timestamps without an offset', () => {
		expect(() => parseIntuitTimestamp('2026-11-18T03:22:40', 'watermark')).toThrow(
			'watermark: "2026-11-18T03:22:40" is not a date-time with an offset',
		);
	});

	it('uses CDC within 30 days and a full query beyond, or without a watermark', () => {
		const now = Date.parse('2026-11-26T01:00:00Z');
		expect(changeSyncMode(null, now)).toBe('full');
		expect(changeSyncMode('garbage', now)).toBe('full');
		expect(changeSyncMode('2026-11-25T17:00:00-08:00', now)).toBe('cdc');
		expect(changeSyncMode(formatIntuitTimestamp(now - 29 * 86_400_000, -480), now)).toBe('cdc');
		expect(changeSyncMode(formatIntuitTimestamp(now - CDC_MAX_AGE_MS, -480), now)).toBe('full');
		expect(changeSyncMode(formatIntuitTimestamp(now - 31 * 86_400_000, -420), now)).toBe('full');
	});
});

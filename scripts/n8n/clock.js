// A business-day clock for the runs of the demo and the end-to-end tests (issue 18): the templates never send
// on a weekend or a public holiday, so a run started on a Sunday would show nothing. The n8n processes get
// shift-clock.js preloaded and a file holding the offset; this module picks the days and writes the file.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const DAY_MS = 86_400_000;
const PRELOAD = path.join(__dirname, 'shift-clock.js');

/** YYYY-MM-DD of an instant in a time zone. */
function dateIn(zone, ms) {
	return new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date(ms));
}

/** Whether a calendar date (YYYY-MM-DD) is a working day: not Saturday or Sunday, not a public holiday. */
function isBusinessDay(date, country) {
	const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
	if (weekday === 0 || weekday === 6) return false;
	if (!country) return true;
	// date-holidays is the data set the package itself bundles (a devDependency here).
	const Holidays = require('date-holidays');
	const holidays = new Holidays(country);
	return !holidays
		.getHolidays(Number(date.slice(0, 4)))
		.some((holiday) => holiday.type === 'public' && holiday.date.slice(0, 10) === date);
}

/**
 * The offsets (whole days, in ms) that put the clock on the next `count` business days, starting today when
 * today is one. Whole days keep the time of day, so "today" moves by exactly that many dates in every zone.
 */
function businessDayOffsets(
	count,
	{ zone = 'Europe/Paris', country = 'FR', nowMs = Date.now() } = {},
) {
	const offsets = [];
	for (let days = 0; offsets.length < count && days < 60; days++) {
		const date = dateIn(zone, nowMs + days * DAY_MS);
		if (isBusinessDay(date, country)) offsets.push({ offsetMs: days * DAY_MS, date });
	}
	return offsets;
}

/** `Mon 2026-12-07` */
function weekdayLabel(date) {
	const name = new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'UTC' }).format(
		new Date(`${date}T12:00:00Z`),
	);
	return `${name} ${date}`;
}

/**
 * A clock file and the environment that makes an n8n process read it. `set(offsetMs)` moves every process
 * started with `env` (within 200 ms); `remove()` deletes the file's folder.
 */
function createShiftedClock(initialOffsetMs = 0) {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-dunning-clock-'));
	const file = path.join(folder, 'offset');
	let offsetMs = initialOffsetMs;
	fs.writeFileSync(file, String(offsetMs));
	const existing = process.env.NODE_OPTIONS ? `${process.env.NODE_OPTIONS} ` : '';
	return {
		env: {
			N8N_DUNNING_CLOCK_FILE: file,
			NODE_OPTIONS: `${existing}--require=${PRELOAD}`,
		},
		get offsetMs() {
			return offsetMs;
		},
		/** Now, as the shifted processes see it. */
		now: () => Date.now() + offsetMs,
		set(next) {
			offsetMs = next;
			fs.writeFileSync(file, String(next));
		},
		remove() {
			fs.rmSync(folder, { recursive: true, force: true });
		},
	};
}

module.exports = {
	businessDayOffsets,
	createShiftedClock,
	isBusinessDay,
	weekdayLabel,
	dateIn,
	DAY_MS,
	PRELOAD,
};

// Preloaded into an n8n process (`NODE_OPTIONS=--require …/shift-clock.js`) by the demo and the end-to-end
// tests: moves that process's wall clock by whole days, so that the templates, run exactly as imported, see a
// business day whatever day the demo is started (issue 18: on a Sunday every step waited for Monday).
//
// The offset, in milliseconds, is read from the file named by N8N_DUNNING_CLOCK_FILE, at most every 200 ms, so
// the demo can move n8n on to the next simulated day without restarting it. Only `Date` moves: timers,
// `performance.now()` and `process.hrtime()` keep running at the real pace.
'use strict';

const fs = require('node:fs');

const file = process.env.N8N_DUNNING_CLOCK_FILE;
if (file) {
	const RealDate = Date;
	const realNow = RealDate.now.bind(RealDate);
	let offset = 0;
	let readAt = -Infinity;
	const offsetNow = () => {
		const real = realNow();
		if (real - readAt > 200) {
			readAt = real;
			try {
				offset = Number(fs.readFileSync(file, 'utf8').trim()) || 0;
			} catch {
				// file gone (the demo is stopping): keep the last offset
			}
		}
		return offset;
	};
	const now = () => realNow() + offsetNow();
	// A function rather than a subclass: `Date()` called without `new` must still work, and `instanceof Date`
	// must hold for dates made before and after the swap (same prototype).
	function ShiftedDate(...args) {
		if (!new.target) return new RealDate(now()).toString();
		return Reflect.construct(RealDate, args.length === 0 ? [now()] : args, new.target);
	}
	ShiftedDate.prototype = RealDate.prototype;
	Object.defineProperty(RealDate.prototype, 'constructor', { value: ShiftedDate, writable: true });
	ShiftedDate.now = now;
	ShiftedDate.parse = RealDate.parse;
	ShiftedDate.UTC = RealDate.UTC;
	globalThis.Date = ShiftedDate;
}

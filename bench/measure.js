'use strict';
// Timing helpers: every figure is the median of several runs, taken after a warm-up run.

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs `work` `runs` times after one warm-up and returns the median duration in milliseconds. */
function medianMs(work, runs = 5) {
	work();
	const times = [];
	for (let run = 0; run < runs; run++) {
		const start = process.hrtime.bigint();
		work();
		times.push(Number(process.hrtime.bigint() - start) / 1e6);
	}
	return median(times);
}

function formatRate(perSecond) {
	return Math.round(perSecond).toLocaleString('en-US');
}

function printTable(rows) {
	const widths = rows[0].map((_, column) =>
		Math.max(...rows.map((row) => String(row[column]).length)),
	);
	for (const row of rows) {
		console.log(row.map((cell, column) => String(cell).padEnd(widths[column])).join('  '));
	}
}

module.exports = { median, medianMs, formatRate, printTable };

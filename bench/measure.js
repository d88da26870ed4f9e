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

const v8 = require('node:v8');
const vm = require('node:vm');
const os = require('node:os');

v8.setFlagsFromString('--expose-gc');
/** A full garbage collection, so that memory figures start from what is really held. */
const collectGarbage = vm.runInNewContext('gc');

const MB = 2 ** 20;

/**
 * One pass of `work` over `size` items produced batch by batch by `batches(size)` (a generator): only the
 * time spent in `work` counts, not the generation. Memory is sampled after each batch: the peak heap above
 * the heap held before the pass shows whether anything outlives its batch. `copyEvery` > 0 also times
 * `structuredClone` of the same items on one batch in `copyEvery` (the copy floor).
 */
function scalingPass(size, batches, work, { copyEvery = 1, copy } = {}) {
	collectGarbage();
	const heapBefore = process.memoryUsage().heapUsed;
	const rssBefore = process.memoryUsage.rss();
	let workNs = 0n;
	let copyNs = 0n;
	let copied = 0;
	let peakHeap = heapBefore;
	let peakLiveHeap = heapBefore;
	let peakRss = rssBefore;
	let batchIndex = 0;
	let sink = 0;
	for (const batch of batches(size)) {
		const start = process.hrtime.bigint();
		sink += work(batch);
		workNs += process.hrtime.bigint() - start;
		if (copyEvery > 0 && batchIndex % copyEvery === 0) {
			const copyStart = process.hrtime.bigint();
			for (let i = 0; i < batch.length; i++)
				sink += copy ? copy(batch[i]) : structuredClone(batch[i]) ? 1 : 0;
			copyNs += process.hrtime.bigint() - copyStart;
			copied += batch.length;
		}
		batchIndex++;
		const { heapUsed } = process.memoryUsage();
		if (heapUsed > peakHeap) peakHeap = heapUsed;
		const rss = process.memoryUsage.rss();
		if (rss > peakRss) peakRss = rss;
		// What is really held, garbage aside: a full collection (untimed) every tenth batch.
		if (batchIndex % 10 === 0) {
			collectGarbage();
			peakLiveHeap = Math.max(peakLiveHeap, process.memoryUsage().heapUsed);
		}
	}
	collectGarbage();
	const heapAfter = process.memoryUsage().heapUsed;
	if (sink === 0.5) console.log(sink); // keeps the loops from being optimised away
	const ms = Number(workNs) / 1e6;
	return {
		ms,
		copyMsPerItem: copied ? Number(copyNs) / 1e6 / copied : Number.NaN,
		peakHeapGrowthMB: (peakHeap - heapBefore) / MB,
		peakLiveHeapGrowthMB: (peakLiveHeap - heapBefore) / MB,
		heldAfterMB: (heapAfter - heapBefore) / MB,
		peakRssGrowthMB: (peakRss - rssBefore) / MB,
	};
}

/**
 * `scalingPass` over each size, `runsFor(size)` times after one warm-up pass on the smallest size; medians.
 * Returns per size: ms, perSecond, vsCopy (time per item / time to structuredClone one item), ns per item
 * and the peak heap growth (median): with garbage (`peakHeapGrowthMB`), live after a collection every tenth
 * batch (`peakLiveHeapGrowthMB`) and held after the pass (`heldAfterMB`), so that linear time and flat memory
 * can be read off the rows.
 */
function scaling(sizes, batches, work, options = {}) {
	const runsFor = options.runsFor ?? ((size) => (size >= 1_000_000 ? 3 : 5));
	scalingPass(sizes[0], batches, work, options);
	return sizes.map((size) => {
		const passes = [];
		for (let run = 0; run < runsFor(size); run++)
			passes.push(scalingPass(size, batches, work, options));
		const ms = median(passes.map((p) => p.ms));
		const copyMsPerItem = median(passes.map((p) => p.copyMsPerItem));
		return {
			size,
			runs: passes.length,
			ms,
			perSecond: (size / ms) * 1000,
			nsPerItem: (ms * 1e6) / size,
			vsCopy: ms / size / copyMsPerItem,
			peakHeapGrowthMB: median(passes.map((p) => p.peakHeapGrowthMB)),
			peakLiveHeapGrowthMB: median(passes.map((p) => p.peakLiveHeapGrowthMB)),
			heldAfterMB: median(passes.map((p) => p.heldAfterMB)),
			peakRssGrowthMB: median(passes.map((p) => p.peakRssGrowthMB)),
		};
	});
}

function printScaling(title, rows, unit = 'items/s') {
	printTable([
		[
			title,
			'runs',
			'ms (median)',
			unit,
			'ns/item',
			'× structuredClone',
			'peak heap +MB',
			'live heap +MB',
			'held after +MB',
		],
		...rows.map((r) => [
			`${r.size.toLocaleString('en-US')}`,
			r.runs,
			r.ms.toFixed(1),
			formatRate(r.perSecond),
			r.nsPerItem.toFixed(0),
			r.vsCopy.toFixed(2),
			r.peakHeapGrowthMB.toFixed(1),
			r.peakLiveHeapGrowthMB.toFixed(1),
			r.heldAfterMB.toFixed(1),
		]),
	]);
}

/** Sizes from the command line (`node bench/x.js 10000 100000`), else the defaults. */
function sizesFromArgs(defaults) {
	const sizes = process.argv
		.slice(2)
		.map((arg) => Number(arg.replace(/_/g, '')))
		.filter((n) => Number.isInteger(n) && n > 0);
	return sizes.length ? sizes : defaults;
}

function loadNote() {
	return `load average ${os
		.loadavg()
		.map((l) => l.toFixed(2))
		.join(' ')} on ${os.cpus().length} cores`;
}

module.exports = {
	median,
	medianMs,
	formatRate,
	printTable,
	collectGarbage,
	scalingPass,
	scaling,
	printScaling,
	sizesFromArgs,
	loadNote,
};

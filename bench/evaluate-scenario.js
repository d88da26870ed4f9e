#!/usr/bin/env node
'use strict';
// Invoices per second through evaluateScenario (the built core, as n8n loads it), against the floor of
// copying the same invoices with structuredClone. Run `npm run build` first, or use `npm run bench`.
const path = require('node:path');
const { generateInvoices } = require('./generate-invoices');
const { medianMs, formatRate, printTable } = require('./measure');

const core = require(path.join(__dirname, '..', 'dist', 'nodes', 'shared', 'index.js'));

function benchEvaluateScenario(sizes = [10_000, 100_000]) {
	const scenario = core.SCENARIO_PRESETS['classic-7-14-21'];
	const now = new Date('2026-11-26T09:00:00Z');
	const results = [];
	for (const size of sizes) {
		const invoices = generateInvoices(size);
		let sink = 0;
		const evaluateMs = medianMs(() => {
			for (let i = 0; i < invoices.length; i++)
				sink += core.evaluateScenario(invoices[i], scenario, now).daysOverdue;
		});
		const copyMs = medianMs(() => {
			for (let i = 0; i < invoices.length; i++) sink += structuredClone(invoices[i]).totalMinor;
		});
		if (sink === 0.5) console.log(sink); // keeps the loops from being optimised away
		results.push({
			size,
			ms: evaluateMs,
			perSecond: (size / evaluateMs) * 1000,
			vsCopy: evaluateMs / copyMs,
		});
	}
	return results;
}

if (require.main === module) {
	const results = benchEvaluateScenario();
	printTable([
		['evaluateScenario', 'ms (median of 5)', 'invoices/s', '× structuredClone'],
		...results.map((r) => [
			`${r.size.toLocaleString('en-US')} invoices`,
			r.ms.toFixed(1),
			formatRate(r.perSecond),
			r.vsCopy.toFixed(2),
		]),
	]);
}

module.exports = { benchEvaluateScenario };

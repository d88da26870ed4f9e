#!/usr/bin/env node
'use strict';
// `npm run bench`: every benchmark in one run, printed as tables and written to bench/results.json (not in
// git) so that figures can be compared from one run to the next.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { benchEvaluateScenario } = require('./evaluate-scenario');
const { formatRate, printTable } = require('./measure');

const machine = {
	cpus: os.cpus().length,
	cpuModel: os.cpus()[0]?.model ?? 'unknown',
	memoryGB: Math.round(os.totalmem() / 2 ** 30),
	node: process.version,
	platform: `${os.platform()} ${os.release()}`,
	date: new Date().toISOString(),
};

const evaluate = benchEvaluateScenario([10_000, 100_000]);
printTable([
	['evaluateScenario', 'ms (median of 5)', 'invoices/s', '× structuredClone'],
	...evaluate.map((r) => [
		`${r.size.toLocaleString('en-US')} invoices`,
		r.ms.toFixed(1),
		formatRate(r.perSecond),
		r.vsCopy.toFixed(2),
	]),
]);

const largest = evaluate[evaluate.length - 1];
const results = {
	machine,
	core: {
		evaluateScenario: {
			perSecond: Math.round(largest.perSecond),
			vsCopy: Number(largest.vsCopy.toFixed(3)),
			runs: evaluate,
		},
	},
};
fs.writeFileSync(path.join(__dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nWritten to ${path.relative(process.cwd(), path.join(__dirname, 'results.json'))}`);

#!/usr/bin/env node
'use strict';
// Invoices per second through evaluateScenario (the built core, as n8n loads it) over 10k, 100k and 1M
// generated invoices, batch by batch (only one batch of 10k invoices is held at a time), against the floor of
// copying the same invoices with structuredClone, and against the same classic 7/14/21 decision written the
// way a Code node user writes it (date-fns per item).
// Run `npm run build` first, or use `npm run bench`. Sizes can be given: `node bench/evaluate-scenario.js 10000`.
const path = require('node:path');
const { differenceInCalendarDays, parseISO, isWeekend, addDays, format } = require('date-fns');
const { invoiceBatches } = require('./generate-invoices');
const { scaling, printScaling, sizesFromArgs, loadNote } = require('./measure');

const core = require(path.join(__dirname, '..', 'dist', 'nodes', 'shared', 'index.js'));

const NOW = new Date('2026-11-26T09:00:00Z');
const batches = (size) => invoiceBatches(size);

function evaluateBatch(invoices) {
	const scenario = core.SCENARIO_PRESETS['classic-7-14-21'];
	let sink = 0;
	for (let i = 0; i < invoices.length; i++) {
		sink += core.evaluateScenario(invoices[i], scenario, NOW).daysOverdue;
	}
	return sink;
}

/**
 * The classic 7/14/21 decision as a Code node user writes it: date-fns parsing and differences for every
 * item, the steps as literals, weekend handling by stepping days. (No holidays, no time zone: the user's
 * version is simpler and still slower.)
 */
const STEPS = [
	{ id: 'd7', offset: 7 },
	{ id: 'd14', offset: 14 },
	{ id: 'd21', offset: 21 },
];
function codeNodeDecision(invoice, now) {
	if (invoice.status !== 'open' || invoice.dueMinor <= 0) return { action: 'stop', daysOverdue: 0 };
	if (invoice.dunning.disputed || invoice.customer.tags.includes('vip')) {
		return { action: 'skip', daysOverdue: 0 };
	}
	const due = parseISO(invoice.dueDate);
	const daysOverdue = differenceInCalendarDays(now, due);
	if (
		invoice.dunning.promisedOn &&
		differenceInCalendarDays(parseISO(invoice.dunning.promisedOn), now) >= 0
	) {
		return { action: 'wait', daysOverdue };
	}
	const step = STEPS.find((s) => !invoice.dunning.sentStepIds.includes(s.id));
	if (!step) return { action: 'stop', daysOverdue };
	let stepDate = addDays(due, step.offset);
	while (isWeekend(stepDate)) stepDate = addDays(stepDate, 1);
	if (differenceInCalendarDays(stepDate, now) > 0) {
		return { action: 'wait', daysOverdue, nextActionOn: format(stepDate, 'yyyy-MM-dd') };
	}
	if (isWeekend(now)) return { action: 'wait', daysOverdue };
	return {
		action: 'send',
		stepId: step.id,
		daysOverdue,
		idempotencyKey: `${invoice.source}:${invoice.id}:${step.id}`,
		message: `Step ${step.id} is due: the invoice is ${daysOverdue} days overdue.`,
	};
}

function codeNodeBatch(invoices) {
	let sink = 0;
	for (let i = 0; i < invoices.length; i++) sink += codeNodeDecision(invoices[i], NOW).daysOverdue;
	return sink;
}

function benchEvaluateScenario(sizes = [10_000, 100_000, 1_000_000]) {
	const rows = scaling(sizes, batches, evaluateBatch);
	const baseline = scaling([sizes[Math.min(1, sizes.length - 1)]], batches, codeNodeBatch, {
		runsFor: () => 3,
	});
	return { rows, baseline: baseline[0] };
}

function printEvaluateScenario({ rows, baseline }) {
	printScaling('evaluateScenario, invoices', rows, 'invoices/s');
	const largest = rows[rows.length - 1];
	console.log(
		`Code-node baseline (date-fns per item, classic 7/14/21): ${Math.round(baseline.perSecond).toLocaleString('en-US')} invoices/s ` +
			`(${baseline.vsCopy.toFixed(2)}× structuredClone); evaluateScenario is ${(largest.perSecond / baseline.perSecond).toFixed(1)}× faster.`,
	);
}

if (require.main === module) {
	printEvaluateScenario(benchEvaluateScenario(sizesFromArgs([10_000, 100_000, 1_000_000])));
	console.log(loadNote());
}

module.exports = { benchEvaluateScenario, printEvaluateScenario };

#!/usr/bin/env node
'use strict';
// composeReminder (built-in template, parsed at build time; text + HTML) over 10k, 100k and 1M generated open
// invoices, batch by batch (one batch held at a time): reminders per second, × structuredClone of the same
// input, peak heap. bench/compose-reminder.js has the per-template table and the Handlebars baseline.
// Run `npm run build` first, or use `npm run bench`. Sizes can be given: `node bench/compose-scaling.js 10000`.
const path = require('node:path');
const { invoiceBatches } = require('./generate-invoices');
const { scaling, printScaling, sizesFromArgs, loadNote } = require('./measure');

const core = require(path.join(__dirname, '..', 'dist', 'nodes', 'shared', 'index.js'));

const SENDER = {
	name: 'Studio Lumière',
	email: 'factures@studio-lumiere.fr',
	phone: '+33 1 84 60 12 34',
};
const AS_OF = Date.UTC(2026, 10, 26);

/** Compose inputs for `size` reminders: the open invoices of the generated book, as the Composer node gets them. */
function* composeBatches(size, batchSize = 10_000) {
	let left = size;
	for (const invoices of invoiceBatches(Number.MAX_SAFE_INTEGER, batchSize)) {
		const batch = [];
		for (const invoice of invoices) {
			if (invoice.status !== 'open' || batch.length >= left) continue;
			batch.push({
				invoice,
				stepId: 'd7',
				tone: 'friendly',
				language: 'fr',
				sender: SENDER,
				daysOverdue: Math.round((AS_OF - Date.parse(`${invoice.dueDate}T00:00:00Z`)) / 86_400_000),
			});
		}
		left -= batch.length;
		if (batch.length) yield batch;
		if (left === 0) return;
	}
}

function composeBatch(inputs) {
	let sink = 0;
	for (let i = 0; i < inputs.length; i++) {
		const reminder = core.composeReminder(inputs[i]);
		sink += reminder.text.length + reminder.html.length;
	}
	return sink;
}

function benchComposeScaling(sizes = [10_000, 100_000, 1_000_000]) {
	// A million reminders take close to a minute: the largest size is run once (3 runs with BENCH_RUNS=3).
	const largestRuns = Number(process.env.BENCH_RUNS) || 1;
	return scaling(sizes, (size) => composeBatches(size), composeBatch, {
		runsFor: (size) => (size >= 1_000_000 ? largestRuns : size >= 100_000 ? 3 : 5),
	});
}

if (require.main === module) {
	printScaling(
		'composeReminder (text + HTML)',
		benchComposeScaling(sizesFromArgs([10_000, 100_000, 1_000_000])),
		'reminders/s',
	);
	console.log(loadNote());
}

module.exports = { benchComposeScaling, composeBatches };

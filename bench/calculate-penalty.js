#!/usr/bin/env node
'use strict';
// Penalties per second through calculatePenalty (the built core, as n8n loads it) over 10k, 100k and 1M
// generated debts, batch by batch (one batch held at a time), against the floor of copying the same input with
// structuredClone. The debts span several rate periods (due dates up to three years back: a new period every
// half-year for the French and EU rules) and one in three has partial payments.
// Run `npm run build` first, or use `npm run bench`. Sizes can be given: `node bench/calculate-penalty.js 10000`.
const path = require('node:path');
const { mulberry32 } = require('./generate-invoices');
const { scaling, printScaling, sizesFromArgs, loadNote } = require('./measure');

const core = require(path.join(__dirname, '..', 'dist', 'nodes', 'shared', 'index.js'));

const DAY = 86_400_000;
const AS_OF_MS = Date.UTC(2026, 10, 26);
const AS_OF = '2026-11-26';
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);
const RULES = [
	['FR', 'EUR'],
	['FR', 'EUR'],
	['EU', 'EUR'],
	['DE', 'EUR'],
	['UK', 'GBP'],
];

function* penaltyBatches(count, batchSize = 10_000, seed = 7) {
	const random = mulberry32(seed);
	for (let start = 0; start < count; start += batchSize) {
		const size = Math.min(batchSize, count - start);
		const batch = new Array(size);
		for (let i = 0; i < size; i++) {
			const [rule, currency] = RULES[Math.floor(random() * RULES.length)];
			const daysLate = 1 + Math.floor(random() * 1100);
			const dueMs = AS_OF_MS - daysLate * DAY;
			const principalMinor = 10_000 + Math.floor(random() * 5_000_000);
			const payments = [];
			if (random() < 0.33) {
				const parts = 1 + Math.floor(random() * 2);
				for (let p = 1; p <= parts; p++) {
					payments.push({
						date: iso(dueMs + Math.floor((daysLate * p) / (parts + 1)) * DAY),
						amountMinor: Math.floor(principalMinor / (parts + 2)),
					});
				}
			}
			batch[i] = {
				rule,
				currency,
				principalMinor,
				dueDate: iso(dueMs),
				asOf: AS_OF,
				payments,
				...(random() < 0.1 ? { imputation: 'interest-first' } : {}),
			};
		}
		yield batch;
	}
}

function penaltyBatch(inputs) {
	let sink = 0;
	for (let i = 0; i < inputs.length; i++) sink += core.calculatePenalty(inputs[i]).totalMinor;
	return sink;
}

function benchCalculatePenalty(sizes = [10_000, 100_000, 1_000_000]) {
	const sample = [...penaltyBatches(10_000)][0];
	let periods = 0;
	let withPayments = 0;
	for (const input of sample) {
		periods += core.calculatePenalty(input).periods.length;
		if (input.payments.length) withPayments++;
	}
	return {
		// A pass over 10k debts now lasts about 10 ms, less than a time slice on a loaded machine: more runs
		// keep its median from being one descheduled run.
		rows: scaling(sizes, (size) => penaltyBatches(size), penaltyBatch, {
			runsFor: (size) => (size >= 1_000_000 ? 3 : size >= 100_000 ? 5 : 15),
		}),
		meanPeriods: periods / sample.length,
		partialPaymentShare: withPayments / sample.length,
	};
}

function printCalculatePenalty({ rows, meanPeriods, partialPaymentShare }) {
	printScaling('calculatePenalty, debts', rows, 'penalties/s');
	console.log(
		`Mean ${meanPeriods.toFixed(1)} rate periods per debt; ${(partialPaymentShare * 100).toFixed(0)} % with partial payments; rules FR, EU, DE, UK.`,
	);
}

if (require.main === module) {
	printCalculatePenalty(benchCalculatePenalty(sizesFromArgs([10_000, 100_000, 1_000_000])));
	console.log(loadNote());
}

module.exports = { benchCalculatePenalty, printCalculatePenalty, penaltyBatches };

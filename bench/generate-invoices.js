'use strict';
// A deterministic book of normalised invoices for benchmarks: mostly open, spread over 120 days of due dates,
// some paid, disputed, promised or already reminded, as a real receivables ledger looks.

function mulberry32(seed) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const DAY = 86_400_000;
const BASE = Date.UTC(2026, 10, 26);
const iso = (ms) => new Date(ms).toISOString().slice(0, 10);

function generateInvoices(count, seed = 42) {
	return generateRange(mulberry32(seed), 0, count);
}

/**
 * The same book, generated lazily: batches of `batchSize` invoices, so that a benchmark over a million
 * invoices never holds more than one batch (the invoices of a batch are the ones `generateInvoices` gives).
 */
function* invoiceBatches(count, batchSize = 10_000, seed = 42) {
	const random = mulberry32(seed);
	for (let start = 0; start < count; start += batchSize) {
		yield generateRange(random, start, Math.min(batchSize, count - start));
	}
}

function generateRange(random, first, count) {
	const invoices = new Array(count);
	for (let offset = 0; offset < count; offset++) {
		const index = first + offset;
		const dueOffset = Math.floor(random() * 120) - 30;
		const dueMs = BASE - dueOffset * DAY;
		const totalMinor = 1000 + Math.floor(random() * 5_000_000);
		const roll = random();
		const status = roll < 0.1 ? 'paid' : roll < 0.12 ? 'void' : 'open';
		const sent = random() < 0.4 ? ['d7'] : random() < 0.2 ? ['d7', 'd14'] : [];
		invoices[offset] = {
			id: `inv_${index}`,
			source: 'generic',
			number: `F-${100000 + index}`,
			status,
			currency: random() < 0.8 ? 'EUR' : 'GBP',
			totalMinor,
			paidMinor: status === 'paid' ? totalMinor : 0,
			dueMinor: status === 'paid' ? 0 : totalMinor,
			issueDate: iso(dueMs - 30 * DAY),
			dueDate: iso(dueMs),
			customer: {
				id: `cus_${index % 5000}`,
				name: `Customer ${index % 5000}`,
				email: `ap${index % 5000}@example.com`,
				locale: 'fr',
				tags: random() < 0.05 ? ['vip'] : [],
			},
			paymentUrl: `https://pay.example/${index}`,
			pdfUrl: null,
			payments: [],
			dunning: {
				sentStepIds: sent,
				lastSentOn: sent.length ? iso(dueMs + 7 * DAY * sent.length) : null,
				promisedOn: random() < 0.03 ? iso(BASE + 3 * DAY) : null,
				disputed: random() < 0.02,
				paused: false,
			},
		};
	}
	return invoices;
}

module.exports = { generateInvoices, invoiceBatches, mulberry32 };

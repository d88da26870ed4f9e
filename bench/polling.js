#!/usr/bin/env node
'use strict';
// The polling triggers over a simulated account of 100k open overdue invoices (the Stripe and QuickBooks
// simulators of test/simulators, in this process): the trigger's own poll() run through n8n-core's engine
// (test/helpers/run-workflow.ts, bundled on the fly with esbuild), poll after poll as n8n schedules them, until
// one full pass over the account is done. Reports total time, requests made, items emitted and the peak RSS
// and heap growth above what the process held once the account was seeded (sampled every 20 ms).
// Usage: node bench/polling.js [invoices] [stripe|quickbooks]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const esbuild = require('esbuild');
const { collectGarbage, printTable, loadNote } = require('./measure');

const ROOT = path.join(__dirname, '..');
const MB = 2 ** 20;
const STRIPE_KEY = 'sk_test_51QbZ7kLm3QvR8tXwSecretKeyForTests';

/** The nodes (from source, as the build bundles them), the engine harness and the simulators, in one file. */
function loadHarness() {
	// Inside the repository, so that the external packages (n8n-core...) resolve from its node_modules.
	const outfile = path.join(
		ROOT,
		'node_modules',
		'.cache',
		'n8n-dunning-bench',
		`polling-${process.pid}.js`,
	);
	esbuild.buildSync({
		stdin: {
			contents: `
export { runWorkflow } from './test/helpers/run-workflow';
export { StripeInvoiceTrigger } from './nodes/StripeInvoiceTrigger/StripeInvoiceTrigger.node';
export { StripeDunningApi } from './credentials/StripeDunningApi.credentials';
export { startStripeSimulator } from './test/simulators/stripe';
export { startQuickBooksSimulator } from './test/simulators/quickbooks';
export { credentialFor, run as runQuickBooks, triggerWorkflow as quickBooksTrigger } from './test/nodes/QuickBooksDunning/quickbooks-harness';
`,
			resolveDir: ROOT,
			loader: 'ts',
		},
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		packages: 'external',
		outfile,
		logLevel: 'error',
	});
	try {
		return require(outfile);
	} finally {
		fs.rmSync(outfile, { force: true });
	}
}

/** Peak RSS and heap while `work` runs, sampled every 20 ms and after each step. */
async function withMemory(work) {
	collectGarbage();
	const before = process.memoryUsage();
	let peakRss = before.rss;
	let peakHeap = before.heapUsed;
	const sample = () => {
		const now = process.memoryUsage();
		peakRss = Math.max(peakRss, now.rss);
		peakHeap = Math.max(peakHeap, now.heapUsed);
	};
	const timer = setInterval(sample, 20);
	const start = process.hrtime.bigint();
	try {
		const result = await work(sample);
		const ms = Number(process.hrtime.bigint() - start) / 1e6;
		sample();
		collectGarbage();
		const after = process.memoryUsage();
		return {
			...result,
			ms,
			rssGrowthMB: (peakRss - before.rss) / MB,
			heapGrowthMB: (peakHeap - before.heapUsed) / MB,
			retainedHeapMB: (after.heapUsed - before.heapUsed) / MB,
		};
	} finally {
		clearInterval(timer);
	}
}

const DAY = 86_400;

/**
 * Times the simulator's synchronous request handling (it runs in this process): the Stripe simulator sorts the
 * whole account for every page, which is not ours to count. The "ours" time is the total minus this.
 */
function timeSimulator(simulator, method) {
	const original = simulator[method];
	const clock = { ms: 0 };
	simulator[method] = function timed(...args) {
		const start = process.hrtime.bigint();
		try {
			return original.apply(this, args);
		} finally {
			clock.ms += Number(process.hrtime.bigint() - start) / 1e6;
		}
	};
	return clock;
}

async function benchStripePolling(harness, invoices) {
	const stripe = await harness.startStripeSimulator();
	try {
		const now = stripe.now();
		// Due 1 to 120 days ago: every one is overdue for a trigger with minDaysOverdue 1.
		stripe.seedInvoices(invoices, { dueDate: (index) => now - (1 + (index % 120)) * DAY - 3600 });
		const workflow = {
			nodes: [
				{
					id: '1',
					name: 'Trigger',
					type: 'n8n-nodes-dunning.stripeInvoiceTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: { mode: 'polling', minDaysOverdue: 1 },
					credentials: { stripeDunningApi: { id: '1', name: 'Stripe' } },
				},
			],
			connections: {},
			settings: { timezone: 'Europe/Paris' },
		};
		stripe.requests.length = 0; // the simulator's own log is not ours to measure
		const simulatorClock = timeSimulator(stripe, 'route');
		const measured = await withMemory(async (sample) => {
			let staticData = {};
			let polls = 0;
			let emitted = 0;
			let requests = 0;
			do {
				const result = await harness.runWorkflow(workflow, {
					nodeTypes: {
						'n8n-nodes-dunning.stripeInvoiceTrigger': new harness.StripeInvoiceTrigger(),
					},
					credentialTypes: [new harness.StripeDunningApi()],
					credentials: { stripeDunningApi: { apiKey: STRIPE_KEY, baseUrl: stripe.url } },
					staticData,
				});
				if (result.error) throw result.error;
				staticData = result.staticData;
				emitted += result.runData.Trigger?.[0]?.data?.main?.[0]?.length ?? 0;
				polls++;
				requests += stripe.requests.length;
				stripe.requests.length = 0;
				sample();
			} while (
				staticData.node?.Trigger?.cursor !== undefined ||
				firstCursor(staticData) !== undefined
			);
			return {
				polls,
				emitted,
				requests,
				simulatorMs: simulatorClock.ms,
				fingerprints: Object.keys(fingerprintsOf(staticData)).length,
			};
		});
		return { source: 'Stripe', invoices, ...measured };
	} finally {
		await stripe.stop();
	}
}

/** The trigger's static data, wherever the harness keeps the node's part. */
function nodeStaticData(staticData) {
	for (const value of Object.values(staticData ?? {})) {
		if (value && typeof value === 'object') {
			if ('fingerprints' in value || 'tracked' in value) return value;
			const nested = nodeStaticData(value);
			if (nested) return nested;
		}
	}
	return undefined;
}
const firstCursor = (staticData) => nodeStaticData(staticData)?.cursor;
const fingerprintsOf = (staticData) => nodeStaticData(staticData)?.fingerprints ?? {};

async function benchQuickBooksPolling(harness, invoices) {
	const sim = await harness.startQuickBooksSimulator();
	try {
		const today = Date.UTC(2026, 10, 26);
		sim.seedInvoices(invoices, {
			dueDateOf: (index) =>
				new Date(today - (1 + (index % 120)) * DAY * 1000).toISOString().slice(0, 10),
		});
		let credential = harness.credentialFor(sim);
		sim.requests.length = 0;
		const simulatorClock = timeSimulator(sim, 'query');
		const measured = await withMemory(async (sample) => {
			const result = await harness.runQuickBooks(
				harness.quickBooksTrigger({ graceDays: 0, options: { timezone: 'Europe/London' } }),
				credential,
				{ staticData: {} },
			);
			if (result.error) throw result.error;
			credential = result.credentials.quickBooksDunningOAuth2Api;
			sample();
			const emitted = result.runData.Trigger?.[0]?.data?.main?.[0]?.length ?? 0;
			const tracked = Object.keys(nodeStaticData(result.staticData)?.tracked ?? {}).length;
			return {
				polls: 1,
				emitted,
				requests: sim.requests.length,
				simulatorMs: simulatorClock.ms,
				fingerprints: tracked,
			};
		});
		return { source: 'QuickBooks', invoices, ...measured };
	} finally {
		await sim.stop();
	}
}

async function benchPolling(invoices = 100_000, sources = ['stripe', 'quickbooks']) {
	const harness = loadHarness();
	const rows = [];
	for (const source of sources) {
		rows.push(
			source === 'stripe'
				? await benchStripePolling(harness, invoices)
				: await benchQuickBooksPolling(harness, invoices),
		);
	}
	return rows;
}

function printPolling(rows) {
	printTable([
		[
			'polling, one full pass',
			'invoices',
			'polls',
			'requests',
			'emitted',
			'ms total',
			'ms in simulator',
			'peak RSS +MB',
			'peak heap +MB',
			'held after +MB',
		],
		...rows.map((r) => [
			r.source,
			r.invoices.toLocaleString('en-US'),
			r.polls,
			r.requests,
			r.emitted.toLocaleString('en-US'),
			r.ms.toFixed(0),
			r.simulatorMs.toFixed(0),
			r.rssGrowthMB.toFixed(0),
			r.heapGrowthMB.toFixed(0),
			r.retainedHeapMB.toFixed(1),
		]),
	]);
}

if (require.main === module) {
	const invoices = Number(process.argv[2]) || 100_000;
	const sources = process.argv[3] ? [process.argv[3]] : undefined;
	benchPolling(invoices, sources)
		.then((rows) => {
			printPolling(rows);
			console.log(loadNote());
		})
		.catch((error) => {
			console.error(error);
			process.exitCode = 1;
		});
}

module.exports = { benchPolling, printPolling };

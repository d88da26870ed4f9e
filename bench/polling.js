#!/usr/bin/env node
'use strict';
// The polling triggers over a simulated account of 100k open overdue invoices (the Stripe and QuickBooks
// simulators of test/simulators): the trigger's own poll() run through n8n-core's engine
// (test/helpers/run-workflow.ts, bundled on the fly with esbuild), poll after poll as n8n schedules them, until
// one full pass over the account is done. Reports total time, requests made, items emitted and the peak RSS
// and heap growth of the polling process above what it held before the first poll.
//
// The polls run in a child process of their own, the simulator in this one: the simulator's account and the
// garbage of its answers are not the poll's memory. The child's peak RSS is the kernel's high-water mark
// (VmHWM, reset with /proc/self/clear_refs once the engine is loaded), so no short peak between two samples
// is missed; where that file cannot be written, RSS is sampled every 20 ms and after each poll instead.
// Only the static data passes from one poll to the next, as in n8n. The pass runs twice: back to back (the
// time and request figures, and "peak RSS"), then with a full garbage collection between polls ("polls
// apart"): n8n polls minutes apart, and V8's memory reducer collects garbage while the process is idle,
// whereas back to back the garbage of one poll is often still there when the next one allocates.
// Usage: node bench/polling.js [invoices] [stripe|quickbooks]   (BENCH_QUICK=1: 20k invoices by default)
const childProcess = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');
const { collectGarbage, printTable, loadNote } = require('./measure');

const ROOT = path.join(__dirname, '..');
const MB = 2 ** 20;
const STRIPE_KEY = 'sk_test_51QbZ7kLm3QvR8tXwSecretKeyForTests';
/** A full pass that needs more polls than this is reported as a failure rather than run forever. */
const MAX_POLLS = 10_000;

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

// ---- the polling process -------------------------------------------------------------------------------

/** The kernel's peak RSS of this process (bytes), or undefined where /proc is not there. */
function kernelPeakRss() {
	try {
		const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
		return match ? Number(match[1]) * 1024 : undefined;
	} catch {
		return undefined;
	}
}

/** Resets the kernel's peak RSS to the current RSS (Linux: `5` into clear_refs); false if it cannot. */
function resetKernelPeakRss() {
	try {
		fs.writeFileSync('/proc/self/clear_refs', '5');
		return kernelPeakRss() !== undefined;
	} catch {
		return false;
	}
}

/** Peak RSS and heap while `work` runs, above what the process held before it. */
async function withMemory(work) {
	collectGarbage();
	const before = process.memoryUsage();
	const kernel = resetKernelPeakRss();
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
		if (kernel) peakRss = Math.max(peakRss, kernelPeakRss() ?? 0);
		collectGarbage();
		const after = process.memoryUsage();
		return {
			...result,
			ms,
			rssMeasure: kernel ? 'VmHWM' : 'sampled',
			rssGrowthMB: (peakRss - before.rss) / MB,
			heapGrowthMB: (peakHeap - before.heapUsed) / MB,
			retainedHeapMB: (after.heapUsed - before.heapUsed) / MB,
		};
	} finally {
		clearInterval(timer);
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

/**
 * Polls until the pass is over (`over(nodeStaticData)`), measuring memory throughout. Only the static data
 * and the credential pass from one poll to the next (as in n8n, where an execution's data is saved and let
 * go): `runPoll` returns the engine's result, which is read here and dropped before the next poll.
 */
async function pollPass({ runPoll, over, credential: initial, gcBetweenPolls }) {
	return await withMemory(async (sample) => {
		let staticData = {};
		let credential = initial;
		let polls = 0;
		let emitted = 0;
		do {
			if (polls >= MAX_POLLS) throw new Error(`no end of the pass after ${polls} polls`);
			const next = await pollOnce(() => runPoll(staticData, credential));
			({ staticData, credential } = next);
			emitted += next.emitted;
			polls++;
			sample();
			if (gcBetweenPolls) collectGarbage();
		} while (!over(nodeStaticData(staticData) ?? {}));
		const fingerprints = nodeStaticData(staticData) ?? {};
		return {
			polls,
			emitted,
			fingerprints: Object.keys(fingerprints.fingerprints ?? fingerprints.tracked ?? {}).length,
		};
	});
}

async function pollOnce(run) {
	const result = await run();
	if (result.error) throw result.error;
	return {
		staticData: result.staticData,
		credential: result.credentials?.quickBooksDunningOAuth2Api,
		emitted: result.runData.Trigger?.[0]?.data?.main?.[0]?.length ?? 0,
	};
}

/** Stripe: polls until the pass is over (no cursor left in static data). */
async function pollStripe(harness, { url, gcBetweenPolls }) {
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
	const nodeTypes = {
		'n8n-nodes-dunning.stripeInvoiceTrigger': new harness.StripeInvoiceTrigger(),
	};
	const credentialTypes = [new harness.StripeDunningApi()];
	return await pollPass({
		runPoll: (staticData) =>
			harness.runWorkflow(workflow, {
				nodeTypes,
				credentialTypes,
				credentials: { stripeDunningApi: { apiKey: STRIPE_KEY, baseUrl: url } },
				staticData,
			}),
		over: (state) => state.cursor === undefined,
		gcBetweenPolls,
	});
}

/** QuickBooks: polls until the full read is over (no scan cursor left in static data). */
async function pollQuickBooks(harness, { credential, gcBetweenPolls }) {
	return await pollPass({
		runPoll: (staticData, current) =>
			harness.runQuickBooks(
				harness.quickBooksTrigger({ graceDays: 0, options: { timezone: 'Europe/London' } }),
				current,
				{ staticData },
			),
		over: (state) => state.scan === undefined,
		credential,
		gcBetweenPolls,
	});
}

/** The child's side: one message with the source and how to reach its simulator, one answer. */
function pollingChild() {
	process.once('message', (task) => {
		const harness = loadHarness();
		const work = task.source === 'stripe' ? pollStripe : pollQuickBooks;
		work(harness, task)
			.then((measured) => process.send({ measured }))
			.catch((error) => process.send({ error: String(error?.stack ?? error) }))
			.finally(() => process.disconnect());
	});
}

/** Runs the polls in a child process while this one serves the simulator. */
function pollInChild(task) {
	return new Promise((resolve, reject) => {
		const child = childProcess.fork(__filename, ['--polling-child'], {
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		let answer;
		child.on('message', (message) => (answer = message));
		child.on('error', reject);
		child.on('exit', (code) => {
			if (answer?.measured) resolve(answer.measured);
			else reject(new Error(answer?.error ?? `the polling process ended with code ${code}`));
		});
		child.send(task);
	});
}

// ---- the simulators ------------------------------------------------------------------------------------

const DAY = 86_400;

/**
 * Times the simulator's synchronous request handling (it runs in this process while the polls run in the
 * child): the simulators filter and sort the whole account for every page, which is not ours to count.
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
		stripe.requests.length = 0;
		const simulatorClock = timeSimulator(stripe, 'route');
		const measured = await pollInChild({ source: 'stripe', url: stripe.url });
		const requests = stripe.requests.length;
		const simulatorMs = simulatorClock.ms;
		const spaced = await pollInChild({ source: 'stripe', url: stripe.url, gcBetweenPolls: true });
		return {
			source: 'Stripe',
			invoices,
			...measured,
			requests,
			simulatorMs,
			rssGrowthSpacedMB: spaced.rssGrowthMB,
		};
	} finally {
		await stripe.stop();
	}
}

async function benchQuickBooksPolling(harness, invoices) {
	const sim = await harness.startQuickBooksSimulator();
	try {
		const today = Math.floor(Date.now() / (DAY * 1000)) * DAY * 1000;
		// Due 1 to 120 days ago: every one is overdue for a trigger with 0 grace days.
		sim.seedInvoices(invoices, {
			dueDateOf: (index) =>
				new Date(today - (1 + (index % 120)) * DAY * 1000).toISOString().slice(0, 10),
		});
		sim.requests.length = 0;
		const simulatorClock = timeSimulator(sim, 'query');
		const measured = await pollInChild({
			source: 'quickbooks',
			credential: harness.credentialFor(sim),
		});
		const requests = sim.requests.length;
		const simulatorMs = simulatorClock.ms;
		const spaced = await pollInChild({
			source: 'quickbooks',
			credential: harness.credentialFor(sim),
			gcBetweenPolls: true,
		});
		return {
			source: 'QuickBooks',
			invoices,
			...measured,
			requests,
			simulatorMs,
			rssGrowthSpacedMB: spaced.rssGrowthMB,
		};
	} finally {
		await sim.stop();
	}
}

async function benchPolling(invoices = defaultInvoices(), sources = ['stripe', 'quickbooks']) {
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

function defaultInvoices() {
	return process.env.BENCH_QUICK === '1' ? 20_000 : 100_000;
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
			'peak RSS +MB, polls apart',
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
			r.rssGrowthSpacedMB.toFixed(0),
			r.heapGrowthMB.toFixed(0),
			r.retainedHeapMB.toFixed(1),
		]),
	]);
}

if (require.main === module && process.argv[2] === '--polling-child') {
	pollingChild();
} else if (require.main === module) {
	const invoices = Number(process.argv[2]) || defaultInvoices();
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

#!/usr/bin/env node
'use strict';
// The daily run as users feel it: the API part of the reminder template (List Overdue Invoices → Read Invoice
// Again → Claim Step) over N due invoices, through the real node classes run by n8n-core's engine
// (test/helpers/run-workflow.ts, bundled on the fly with esbuild as bench/polling.js does), against the
// simulators of test/simulators with a per-call latency (250 ms, a call from Europe) and the providers'
// documented limits enforced (docs/limits.md): QuickBooks 500 a minute, 10 a second, 10 at once per realm;
// Stripe's sandbox 25 a second (and 20 at once, an assumption: Stripe publishes no figure).
//
// Reports the wall time, the floor the limits allow (the larger of calls ÷ allowed rate and calls × latency ÷
// allowed concurrency, "calls" being the requests the simulator served), the ratio, the 429s the simulator
// sent, the items that ended failed (json.error on any output) and duplicate claims (an invoice claimed twice).
//
// The workflow runs in a child process, the simulator in this one (its work is not the run's). A run that
// has not finished after --max-seconds is stopped and reported as such, with what it had done by then and
// the time it would take at the rate it had reached.
//
// Usage: node bench/daily-run.js [invoices...] [--source stripe|quickbooks|both] [--max-seconds 300]
//        [--latency 250] [--json file]         (default: 1000 invoices, both sources, no time cap)
const childProcess = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');
const { printTable, loadNote } = require('./measure');

const ROOT = path.join(__dirname, '..');
const STRIPE_KEY = 'sk_test_51QbZ7kLm3QvR8tXwSecretKeyForTests';
const STEP = 'd7';
const DAY = 86_400;

/** The nodes (from source, as the build bundles them), the engine harness and the simulators, in one file. */
function loadHarness() {
	const outfile = path.join(
		ROOT,
		'node_modules',
		'.cache',
		'n8n-dunning-bench',
		`daily-run-${process.pid}.js`,
	);
	esbuild.buildSync({
		stdin: {
			contents: `
export { runWorkflow } from './test/helpers/run-workflow';
export { StripeDunning } from './nodes/StripeDunning/StripeDunning.node';
export { StripeDunningApi } from './credentials/StripeDunningApi.credentials';
export { QuickBooksDunning } from './nodes/QuickBooksDunning/QuickBooksDunning.node';
export { QuickBooksDunningOAuth2Api } from './credentials/QuickBooksDunningOAuth2Api.credentials';
export { startStripeSimulator, STRIPE_SANDBOX_DOCUMENTED_LIMITS } from './test/simulators/stripe';
export { startQuickBooksSimulator, connectedCredentialData, QUICKBOOKS_DOCUMENTED_LIMITS } from './test/simulators/quickbooks';
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

// ---- the workflow (child process) -------------------------------------------------------------------------

/** Manual Trigger → List Overdue Invoices → Read Invoice Again → Claim Step, Continue On Fail on each. */
function templateWorkflow(type, credentials, listParameters) {
	const node = (id, name, parameters) => ({
		id,
		name,
		type,
		typeVersion: 1,
		position: [Number(id) * 200, 0],
		parameters: { resource: 'invoice', ...parameters, options: { timezone: 'Europe/Paris' } },
		credentials,
		onError: 'continueRegularOutput',
	});
	const to = (name) => ({ main: [[{ node: name, type: 'main', index: 0 }]] });
	return {
		nodes: [
			{
				id: '1',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			node('2', 'List Overdue Invoices', { operation: 'listOverdue', ...listParameters }),
			node('3', 'Read Invoice Again', { operation: 'get' }),
			node('4', 'Claim Step', { operation: 'claimStep', stepId: STEP }),
		],
		connections: {
			Start: to('List Overdue Invoices'),
			'List Overdue Invoices': to('Read Invoice Again'),
			'Read Invoice Again': to('Claim Step'),
		},
		settings: { timezone: 'Europe/Paris' },
	};
}

/** Items per node and output, failed items (json.error), claims and duplicate claims, from a run. */
function summarise(result, idOf) {
	const nodes = {};
	let failed = 0;
	for (const name of ['List Overdue Invoices', 'Read Invoice Again', 'Claim Step']) {
		const outputs = result.runData[name]?.[0]?.data?.main ?? [];
		nodes[name] = outputs.map((items) => items?.length ?? 0);
		for (const items of outputs) failed += (items ?? []).filter((item) => item.json.error).length;
	}
	const claimed = result
		.jsonOf('Claim Step', 0)
		.filter((json) => json.claim?.claimed === true)
		.map(idOf);
	return {
		nodes,
		failed,
		claimed: claimed.length,
		duplicateClaims: claimed.length - new Set(claimed).size,
		error: result.error ? String(result.error.message ?? result.error) : undefined,
	};
}

async function runStripe(harness, task) {
	const workflow = templateWorkflow(
		'n8n-nodes-dunning.stripeDunning',
		{ stripeDunningApi: { id: '1', name: 'Stripe' } },
		{ minDaysOverdue: 1 },
	);
	const result = await harness.runWorkflow(workflow, {
		nodeTypes: { 'n8n-nodes-dunning.stripeDunning': new harness.StripeDunning() },
		credentialTypes: [new harness.StripeDunningApi()],
		credentials: { stripeDunningApi: { apiKey: STRIPE_KEY, baseUrl: task.url, webhookSecret: '' } },
	});
	return summarise(result, (json) => json.invoice?.id);
}

async function runQuickBooks(harness, task) {
	const workflow = templateWorkflow(
		'n8n-nodes-dunning.quickBooksDunning',
		{ quickBooksDunningOAuth2Api: { id: '1', name: 'QuickBooks' } },
		{ returnAll: true },
	);
	const result = await harness.runWorkflow(workflow, {
		nodeTypes: { 'n8n-nodes-dunning.quickBooksDunning': new harness.QuickBooksDunning() },
		credentialTypes: [new harness.QuickBooksDunningOAuth2Api()],
		credentials: { quickBooksDunningOAuth2Api: task.credential },
	});
	return summarise(result, (json) => json.invoice?.id ?? json.claim?.invoiceId);
}

function workflowChild() {
	process.once('message', (task) => {
		const harness = loadHarness();
		const work = task.source === 'stripe' ? runStripe : runQuickBooks;
		process.send({ started: true });
		const start = process.hrtime.bigint();
		work(harness, task)
			.then((summary) =>
				process.send({
					summary: { ...summary, ms: Number(process.hrtime.bigint() - start) / 1e6 },
				}),
			)
			.catch((error) => process.send({ error: String(error?.stack ?? error) }))
			.finally(() => process.disconnect());
	});
}

// ---- the simulators and the measure (this process) --------------------------------------------------------

/** Runs the workflow in a child; stops it after `maxSeconds` (then `summary` is undefined). */
function runInChild(task, maxSeconds) {
	return new Promise((resolve, reject) => {
		const child = childProcess.fork(__filename, ['--daily-run-child'], {
			stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		});
		let startedAt;
		let answer;
		let timer;
		child.on('message', (message) => {
			if (message.started) {
				startedAt = performance.now();
				if (maxSeconds) timer = setTimeout(() => child.kill('SIGKILL'), maxSeconds * 1000);
			} else answer = message;
		});
		child.on('error', reject);
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			const elapsedMs = startedAt === undefined ? 0 : performance.now() - startedAt;
			if (answer?.summary) resolve({ summary: answer.summary, elapsedMs, finished: true });
			else if (signal === 'SIGKILL') resolve({ elapsedMs, finished: false });
			else reject(new Error(answer?.error ?? `the workflow process ended with code ${code}`));
		});
		child.send(task);
	});
}

/** The least time the limits allow for `calls` requests (ms), and which limit binds. */
function floorMs(calls, limits, latencyMs) {
	const rates = [];
	if (limits.perSecond) rates.push(limits.perSecond);
	if (limits.perMinute) rates.push(limits.perMinute / 60);
	const rate = Math.min(...rates); // requests per second
	const byRate = (calls / rate) * 1000;
	const byConcurrency = limits.concurrency ? (calls * latencyMs) / limits.concurrency : 0;
	return {
		floorMs: Math.max(byRate, byConcurrency),
		byRateMs: byRate,
		byConcurrencyMs: byConcurrency,
	};
}

async function benchSource(harness, source, invoices, { latencyMs, maxSeconds }) {
	const stripe = source === 'stripe';
	const limits = stripe
		? harness.STRIPE_SANDBOX_DOCUMENTED_LIMITS
		: harness.QUICKBOOKS_DOCUMENTED_LIMITS;
	const sim = stripe
		? await harness.startStripeSimulator({ latencyMs, limits, deliverWebhooks: false })
		: await harness.startQuickBooksSimulator({ latencyMs, limits, fixtures: false });
	try {
		let task;
		if (stripe) {
			const now = sim.now();
			// Due 1 to 60 days ago: every one is overdue for minDaysOverdue 1.
			sim.seedInvoices(invoices, { dueDate: (index) => now - (1 + (index % 60)) * DAY - 3600 });
			task = { source, url: sim.url };
		} else {
			const today = Math.floor(Date.now() / (DAY * 1000)) * DAY * 1000;
			sim.seedInvoices(invoices, {
				dueDateOf: (index) =>
					new Date(today - (1 + (index % 60)) * DAY * 1000).toISOString().slice(0, 10),
			});
			task = { source, credential: harness.connectedCredentialData(sim) };
		}
		const outcome = await runInChild(task, maxSeconds);
		const counters = { ...sim.counters };
		const byRoute = {};
		for (const request of sim.requests) {
			const route = `${request.method} ${request.path.replace(/\/(in_\w+|\d+)(?=\/|$)/g, '/:id')}`;
			byRoute[route] = (byRoute[route] ?? 0) + 1;
		}
		const calls = counters.served;
		const floor = floorMs(calls, limits, latencyMs);
		return {
			source: stripe ? 'Stripe' : 'QuickBooks',
			invoices,
			finished: outcome.finished,
			wallMs: outcome.summary?.ms ?? outcome.elapsedMs,
			calls,
			throttled: counters.throttled,
			maxInFlight: counters.maxInFlight,
			byRoute,
			...floor,
			ratio: (outcome.summary?.ms ?? outcome.elapsedMs) / floor.floorMs,
			failed: outcome.summary?.failed,
			claimed: outcome.summary?.claimed,
			duplicateClaims: outcome.summary?.duplicateClaims,
			nodes: outcome.summary?.nodes,
			limits,
			latencyMs,
		};
	} finally {
		await sim.stop();
	}
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function printDailyRun(rows) {
	console.log(
		`Daily run (list, fresh read, claim) against the simulators: ${rows[0]?.latencyMs} ms a call, documented limits enforced`,
	);
	printTable([
		[
			'source',
			'invoices',
			'wall',
			'floor (rate / concurrency)',
			'ratio',
			'calls',
			'429s',
			'max in flight',
			'failed',
			'claimed',
			'dup. claims',
		],
		...rows.map((r) => [
			r.source,
			r.invoices.toLocaleString('en-US'),
			r.finished ? seconds(r.wallMs) : `> ${seconds(r.wallMs)} (stopped)`,
			`${seconds(r.floorMs)} (${seconds(r.byRateMs)} / ${seconds(r.byConcurrencyMs)})`,
			r.finished ? `${r.ratio.toFixed(2)}×` : `> ${r.ratio.toFixed(2)}×`,
			r.calls.toLocaleString('en-US'),
			r.throttled.toLocaleString('en-US'),
			r.maxInFlight,
			r.finished ? r.failed : '?',
			r.finished ? r.claimed : '?',
			r.finished ? r.duplicateClaims : '?',
		]),
	]);
	for (const r of rows) {
		if (!r.finished) {
			// A full run makes about 3 calls per invoice (the fresh read, the claim's read and its write) after
			// the list pages: what the stopped run would have taken at the rate it had reached.
			const listCalls = Object.entries(r.byRoute)
				.filter(([route]) => /^GET \/(v1\/invoices|query)$/.test(route))
				.reduce((sum, [, count]) => sum + count, 0);
			const expected = listCalls + 3 * r.invoices;
			const projectedMs = (r.wallMs * expected) / Math.max(1, r.calls);
			const fullFloor = floorMs(expected, r.limits, r.latencyMs).floorMs;
			console.log(
				`${r.source} ${r.invoices}: stopped after ${seconds(r.wallMs)} with ${r.calls} calls served ` +
					`(${(r.calls / (r.wallMs / 1000)).toFixed(1)} a second); the floor above is over those calls only. ` +
					`At that rate the ~${expected} calls of the full run take ~${seconds(projectedMs)}, ` +
					`${(projectedMs / fullFloor).toFixed(1)}× their floor of ${seconds(fullFloor)}.`,
			);
		}
		console.log(
			`${r.source} ${r.invoices} requests: ${Object.entries(r.byRoute)
				.map(([route, count]) => `${route} ${count}`)
				.join(', ')}`,
		);
	}
}

/** `benchDailyRun({ sizes, sources, latencyMs, maxSeconds })` for bench/run.js; rows as printed. */
async function benchDailyRun({
	sizes = [1000],
	sources = ['stripe', 'quickbooks'],
	latencyMs = 250,
	maxSeconds,
} = {}) {
	const harness = loadHarness();
	const rows = [];
	for (const source of sources) {
		for (const invoices of sizes) {
			rows.push(await benchSource(harness, source, invoices, { latencyMs, maxSeconds }));
		}
	}
	return rows;
}

function parseArgs(argv) {
	const options = { sizes: [], sources: ['stripe', 'quickbooks'], latencyMs: 250 };
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index];
		const value = () => argv[++index];
		if (arg === '--source') {
			const source = value();
			options.sources = source === 'both' ? ['stripe', 'quickbooks'] : [source];
		} else if (arg === '--max-seconds') options.maxSeconds = Number(value());
		else if (arg === '--latency') options.latencyMs = Number(value());
		else if (arg === '--json') options.json = value();
		else if (/^\d[\d_]*$/.test(arg)) options.sizes.push(Number(arg.replace(/_/g, '')));
		else throw new Error(`unknown argument ${arg}`);
	}
	if (options.sizes.length === 0) options.sizes = [1000];
	return options;
}

if (require.main === module) {
	if (process.argv.includes('--daily-run-child')) {
		workflowChild();
	} else {
		const options = parseArgs(process.argv.slice(2));
		benchDailyRun(options)
			.then((rows) => {
				printDailyRun(rows);
				console.log(loadNote());
				if (options.json) fs.writeFileSync(options.json, `${JSON.stringify(rows, null, 2)}\n`);
			})
			.catch((error) => {
				console.error(error);
				process.exitCode = 1;
			});
	}
}

module.exports = { benchDailyRun, printDailyRun };

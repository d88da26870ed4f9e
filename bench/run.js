#!/usr/bin/env node
'use strict';
// `npm run bench`: every benchmark in one run, printed as tables and written to bench/results.json (not in
// git) so that figures can be compared from one run to the next. Each figure is a median of several runs.
//   BENCH_QUICK=1   core sizes 10k and 100k only, polling over 20k invoices, n8n over 2k items
//   BENCH_SKIP=n8n,polling   leave out parts (core, core-n8n-node, n8n, polling, daily)
//   BENCH_DAILY_SIZES=1000,10000   daily-run sizes (default 1000); BENCH_DAILY_MAX_SECONDS=300 caps each run
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { ensureN8n } = require('../scripts/n8n/install');
const { benchEvaluateScenario, printEvaluateScenario } = require('./evaluate-scenario');
const { benchCalculatePenalty, printCalculatePenalty } = require('./calculate-penalty');
const { benchComposeScaling } = require('./compose-scaling');
const { benchComposeReminder, printComposeReminder } = require('./compose-reminder');
const { benchN8nChain, printN8nChain } = require('./n8n-chain');
const { benchPolling, printPolling } = require('./polling');
const { benchDailyRun, printDailyRun } = require('./daily-run');
const { printScaling, loadNote } = require('./measure');

const quick = process.env.BENCH_QUICK === '1';
const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const sizes = quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];

const round = (value, digits = 3) => Number(value.toFixed(digits));
const largest = (rows) => rows[rows.length - 1];
const scalingFigures = (rows) => ({
	perSecond: Math.round(largest(rows).perSecond),
	vsCopy: round(largest(rows).vsCopy),
	sizes: rows.map((r) => ({
		size: r.size,
		runs: r.runs,
		ms: round(r.ms, 1),
		perSecond: Math.round(r.perSecond),
		nsPerItem: Math.round(r.nsPerItem),
		vsCopy: round(r.vsCopy),
		peakHeapGrowthMB: round(r.peakHeapGrowthMB, 1),
		peakLiveHeapGrowthMB: round(r.peakLiveHeapGrowthMB, 1),
		heldAfterMB: round(r.heldAfterMB, 1),
		peakRssGrowthMB: round(r.peakRssGrowthMB, 1),
	})),
});

/** The three core functions over generated invoices, printed and returned as `results.core`. */
function benchCore() {
	const core = {};
	const evaluate = benchEvaluateScenario(sizes);
	printEvaluateScenario(evaluate);
	core.evaluateScenario = {
		...scalingFigures(evaluate.rows),
		codeNodeBaseline: {
			perSecond: Math.round(evaluate.baseline.perSecond),
			vsCopy: round(evaluate.baseline.vsCopy),
		},
	};
	console.log();
	const penalty = benchCalculatePenalty(sizes);
	printCalculatePenalty(penalty);
	core.calculatePenalty = {
		...scalingFigures(penalty.rows),
		meanPeriods: round(penalty.meanPeriods, 2),
		partialPaymentShare: round(penalty.partialPaymentShare, 2),
	};
	console.log();
	const compose = benchComposeScaling(sizes);
	printScaling('composeReminder (text + HTML)', compose, 'reminders/s');
	const templates = benchComposeReminder();
	printComposeReminder(templates);
	core.composeReminder = {
		...scalingFigures(compose),
		templates: templates.rows.map((r) => ({
			label: r.label,
			perSecond: Math.round(r.perSecond),
			vsCopy: round(r.vsCopy),
		})),
		speedupVsCompilePerItem: round(templates.speedupBuiltin, 1),
	};
	console.log();
	return core;
}

/** Runs `benchCore` again in a child on n8n's Node (installed once by scripts/n8n/install.js). */
async function benchCoreOnN8nNode() {
	const { nodeBin } = await ensureN8n();
	const version = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' }).stdout.trim();
	console.log(`Core functions again on n8n's runtime, Node ${version}:`);
	const file = path.join(os.tmpdir(), `dunning-bench-core-${process.pid}.json`);
	const child = spawnSync(nodeBin, [__filename], {
		stdio: 'inherit',
		env: { ...process.env, BENCH_CORE_ONLY_JSON: file },
	});
	if (child.status !== 0) throw new Error(`core bench on Node ${version} failed (${child.status})`);
	const core = JSON.parse(fs.readFileSync(file, 'utf8'));
	fs.rmSync(file, { force: true });
	return { node: version, ...core };
}

async function main() {
	if (process.env.BENCH_CORE_ONLY_JSON) {
		fs.writeFileSync(process.env.BENCH_CORE_ONLY_JSON, JSON.stringify(benchCore()));
		return;
	}
	const machine = {
		cpus: os.cpus().length,
		cpuModel: os.cpus()[0]?.model ?? 'unknown',
		memoryGB: Math.round(os.totalmem() / 2 ** 30),
		node: process.version,
		platform: `${os.platform()} ${os.release()}`,
		date: new Date().toISOString(),
		loadAverageAtStart: os.loadavg().map((l) => round(l, 2)),
	};
	const results = { machine, core: {}, n8n: null, polling: null, daily: null };

	if (!skip.has('core')) {
		results.core = benchCore();
		// n8n runs our nodes on its own Node (24 for n8n 2.41), not on the Node that runs the bench: the same
		// figures on that runtime are what users get.
		if (!skip.has('core-n8n-node')) {
			results.coreOnN8nNode = await benchCoreOnN8nNode();
			console.log();
		}
	}

	if (!skip.has('polling')) {
		const polling = await benchPolling(quick ? 20_000 : 100_000);
		printPolling(polling);
		const worst = polling.reduce((a, b) => (b.rssGrowthMB > a.rssGrowthMB ? b : a));
		results.polling = {
			invoices: worst.invoices,
			ms: Math.round(worst.ms),
			rssGrowthMB: round(worst.rssGrowthMB, 1),
			// As n8n runs polls, minutes apart (a collection between): the figure the 200 MB target is about.
			rssGrowthPollsApartMB: round(Math.max(...polling.map((r) => r.rssGrowthSpacedMB)), 1),
			sources: polling.map((r) => ({
				source: r.source,
				invoices: r.invoices,
				polls: r.polls,
				requests: r.requests,
				emitted: r.emitted,
				ms: Math.round(r.ms),
				simulatorMs: Math.round(r.simulatorMs),
				rssGrowthMB: round(r.rssGrowthMB, 1),
				rssGrowthPollsApartMB: round(r.rssGrowthSpacedMB, 1),
				heapGrowthMB: round(r.heapGrowthMB, 1),
				retainedHeapMB: round(r.retainedHeapMB, 1),
			})),
		};
		console.log();
	}

	if (!skip.has('n8n')) {
		const n8n = await benchN8nChain({ items: quick ? 2_000 : 10_000, runs: 3 });
		printN8nChain(n8n);
		const { samples, counts, ...figures } = n8n;
		results.n8n = {
			...Object.fromEntries(Object.entries(figures).map(([key, value]) => [key, round(value, 2)])),
			counts,
		};
	}

	if (!skip.has('daily')) {
		const rows = await benchDailyRun({
			sizes: (process.env.BENCH_DAILY_SIZES ?? '1000').split(',').map(Number),
			maxSeconds: Number(process.env.BENCH_DAILY_MAX_SECONDS) || undefined,
		});
		printDailyRun(rows);
		results.daily = rows.map(({ byRoute, nodes, limits, ...row }) => ({
			...row,
			wallMs: Math.round(row.wallMs),
			floorMs: Math.round(row.floorMs),
			byRateMs: Math.round(row.byRateMs),
			byConcurrencyMs: Math.round(row.byConcurrencyMs),
			ratio: round(row.ratio, 2),
		}));
		console.log();
	}

	machine.loadAverageAtEnd = os.loadavg().map((l) => round(l, 2));
	console.log(`\n${loadNote()}`);
	const file = path.join(__dirname, 'results.json');
	fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
	console.log(`Written to ${path.relative(process.cwd(), file)}`);
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});

#!/usr/bin/env node
'use strict';
// In a real n8n 2.41.1 (scripts/n8n): one workflow, one run, N generated invoices (default 10,000) fed by a
// Code node to three branches that n8n runs one after the other:
//   ours:  Dunning Scenario → (Send) Late Payment Penalty → Reminder Composer
//   core:  Date & Time (days between) → IF (open, 7+ days late, not disputed, not VIP) → Set (decision) →
//          Code (penalty and reminder text + HTML, as a user writes it)
//   noop:  three No-Op nodes (n8n's own floor for a chain of the same length as ours)
// The feed runs once and its output goes to all three branches, so its cost is in none of them. A branch's
// time is the wall span from the start of its first node to the end of its last node run, as n8n records it
// in the run data (node execution times plus n8n's own work between the nodes). Median of several runs.
// Usage: node bench/n8n-chain.js [items] [runs]   (needs `npm run build`; installs n8n once if missing)
//   BENCH_N8N_CORE=0 leaves out the core-node branch (30 s a run, and independent of our code): for comparing
//   two builds of ours (BENCH_PACKAGE_DIR) by the ours and No-Op figures only.
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { createInstance } = require('../scripts/n8n/instance');
const { mulberry32 } = require('./generate-invoices');
const { median, printTable, loadNote } = require('./measure');

const NOW = '2026-11-26T09:00:00Z';
const AS_OF = '2026-11-26';

/** The feed: the bench's invoice generator, inlined in a Code node (all in EUR, for the French rule). */
function feedCode(count) {
	const source = require('node:fs').readFileSync(
		path.join(__dirname, 'generate-invoices.js'),
		'utf8',
	);
	const body = source
		.slice(source.indexOf('function mulberry32'), source.indexOf('module.exports'))
		.replace(/\bfunction\* invoiceBatches[\s\S]*?\n}\n/, '');
	return `${body}\nreturn generateInvoices(${count}).map((json) => ({ json: { ...json, currency: 'EUR' } }));`;
}

let nextId = 1;
const node = (name, type, typeVersion, parameters, x, y) => ({
	id: `b0000000-0000-4000-8000-${String(nextId++).padStart(12, '0')}`,
	name,
	type,
	typeVersion,
	position: [x, y],
	parameters,
});

const OURS = ['Dunning Scenario', 'Late Payment Penalty', 'Reminder Composer'];
const CORE = ['Days Overdue', 'Open and Late', 'Decision', 'Penalty and Reminder'];
const NOOP = ['No-Op 1', 'No-Op 2', 'No-Op 3'];

/** What a user writes in the Code node: the penalty (French rule, one rate) and the text and HTML. */
const USER_COMPOSE = `
const RATE = 10.15; // ECB rate + 10 points, looked up by hand
const money = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
return $input.all().map((item) => {
  const inv = item.json;
  const days = inv.timeDifference.days;
  const interest = Math.round((inv.dueMinor * RATE * days) / 36500);
  const penalty = { interestMinor: interest, compensationMinor: 4000, totalMinor: interest + 4000 };
  const amount = money.format(inv.dueMinor / 100);
  const subject = 'Rappel : facture ' + inv.number + ' en attente';
  const text = 'Bonjour ' + inv.customer.name + ',\\n\\nLa facture ' + inv.number + ' de ' + amount +
    ' échue le ' + inv.dueDate + ' reste due (' + days + ' jours de retard).\\n' +
    'Pénalités : ' + money.format(penalty.totalMinor / 100) + '.\\nPayer en ligne : ' + inv.paymentUrl + '\\n\\nStudio Lumière';
  const html = '<p>Bonjour ' + inv.customer.name + ',</p><p>La facture <b>' + inv.number + '</b> de ' + amount +
    ' reste due (' + days + ' jours de retard).</p><p>Pénalités : ' + money.format(penalty.totalMinor / 100) +
    '</p><p><a href="' + inv.paymentUrl + '">Payer</a></p>';
  return { json: { ...inv, penalty, reminder: { to: inv.customer.email, subject, text, html } } };
});`;

function benchWorkflow(count, { withCore = true } = {}) {
	nextId = 1;
	const condition = (leftValue, operator, rightValue) => ({
		id: `c${nextId++}`,
		leftValue,
		rightValue,
		operator,
	});
	const nodes = [
		node('Manual Trigger', 'n8n-nodes-base.manualTrigger', 1, {}, 0, 200),
		node('Invoices', 'n8n-nodes-base.code', 2, { jsCode: feedCode(count) }, 200, 200),
		// Ours.
		node(
			OURS[0],
			'n8n-nodes-dunning.dunningScenario',
			1,
			{ scenario: 'classic-7-14-21', options: { now: NOW } },
			400,
			0,
		),
		node(OURS[1], 'n8n-nodes-dunning.latePaymentPenalty', 1, { rule: 'FR', asOf: AS_OF }, 600, 0),
		node(
			OURS[2],
			'n8n-nodes-dunning.reminderComposer',
			1,
			{ senderName: 'Studio Lumière', senderEmail: 'factures@studio-lumiere.fr' },
			800,
			0,
		),
		// n8n core nodes.
		node(
			CORE[0],
			'n8n-nodes-base.dateTime',
			2,
			{
				operation: 'getTimeBetweenDates',
				startDate: '={{ $json.dueDate }}',
				endDate: NOW,
				units: ['day'],
				outputFieldName: 'timeDifference',
				options: { includeInputFields: true },
			},
			400,
			200,
		),
		node(
			CORE[1],
			'n8n-nodes-base.if',
			2.2,
			{
				conditions: {
					options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
					conditions: [
						condition('={{ $json.status }}', { type: 'string', operation: 'equals' }, 'open'),
						condition('={{ $json.timeDifference.days }}', { type: 'number', operation: 'gte' }, 7),
						condition(
							'={{ !$json.dunning.disputed && !$json.customer.tags.includes("vip") }}',
							{ type: 'boolean', operation: 'true', singleValue: true },
							'',
						),
					],
					combinator: 'and',
				},
				options: {},
			},
			600,
			200,
		),
		node(
			CORE[2],
			'n8n-nodes-base.set',
			3.4,
			{
				mode: 'manual',
				includeOtherFields: true,
				assignments: {
					assignments: [
						{
							id: 'a1',
							name: 'decision.stepId',
							type: 'string',
							value:
								'={{ $json.timeDifference.days >= 21 && !$json.dunning.sentStepIds.includes("d21") ? "d21" : $json.timeDifference.days >= 14 && !$json.dunning.sentStepIds.includes("d14") ? "d14" : !$json.dunning.sentStepIds.includes("d7") ? "d7" : "" }}',
						},
						{ id: 'a2', name: 'decision.action', type: 'string', value: 'send' },
						{
							id: 'a3',
							name: 'decision.idempotencyKey',
							type: 'string',
							value:
								'={{ $json.source }}:{{ $json.id }}:{{ $json.timeDifference.days >= 21 ? "d21" : $json.timeDifference.days >= 14 ? "d14" : "d7" }}',
						},
					],
				},
				options: {},
			},
			800,
			200,
		),
		node(CORE[3], 'n8n-nodes-base.code', 2, { jsCode: USER_COMPOSE }, 1000, 200),
		// n8n's floor.
		...NOOP.map((name, index) => node(name, 'n8n-nodes-base.noOp', 1, {}, 400 + 200 * index, 400)),
	];
	const to = (target) => [{ node: target, type: 'main', index: 0 }];
	return {
		name: `Bench: ${count} invoices, ours vs core nodes vs No-Op`,
		active: false,
		settings: { executionOrder: 'v1', timezone: 'UTC' },
		nodes: withCore ? nodes : nodes.filter((n) => !CORE.includes(n.name)),
		connections: {
			'Manual Trigger': { main: [to('Invoices')] },
			Invoices: {
				main: [[...to(OURS[0]), ...(withCore ? to(CORE[0]) : []), ...to(NOOP[0])]],
			},
			[OURS[0]]: { main: [to(OURS[1]), [], []] },
			[OURS[1]]: { main: [to(OURS[2])] },
			...(withCore && {
				[CORE[0]]: { main: [to(CORE[1])] },
				[CORE[1]]: { main: [to(CORE[2]), []] },
				[CORE[2]]: { main: [to(CORE[3])] },
			}),
			[NOOP[0]]: { main: [to(NOOP[1])] },
			[NOOP[1]]: { main: [to(NOOP[2])] },
		},
	};
}

/** Wall span of a branch in one run: first node start → last node end; and the sum of node times. */
function branchTiming(runData, names) {
	let start = Infinity;
	let end = -Infinity;
	let nodeMs = 0;
	for (const name of names) {
		for (const run of runData[name] ?? []) {
			start = Math.min(start, run.startTime);
			end = Math.max(end, run.startTime + run.executionTime);
			nodeMs += run.executionTime;
		}
	}
	return { wallMs: end - start, nodeMs };
}

const itemsOut = (runData, name, output = 0) => runData[name]?.[0]?.outputs?.[output] ?? 0;

/**
 * The run is read from n8n's own database, not from `execute --rawOutput`: with 10k reminders the printed run
 * is ~100 MB and n8n exits before its stdout is flushed (the JSON arrives truncated). Run with n8n's Node 24 and
 * its sqlite3 and flatted; prints only the timings and item counts of each node run of the last execution.
 */
const READ_LAST_EXECUTION = `
const sqlite3 = require('sqlite3');
const { parse } = require('flatted');
const db = new sqlite3.Database(process.argv[1], sqlite3.OPEN_READONLY);
db.get('SELECT e.status, d.data FROM execution_entity e JOIN execution_data d ON d.executionId = e.id ORDER BY e.id DESC LIMIT 1', (error, row) => {
	if (error) throw error;
	const run = parse(row.data);
	const runData = {};
	for (const [name, runs] of Object.entries(run.resultData.runData)) {
		runData[name] = runs.map((r) => ({
			startTime: r.startTime,
			executionTime: r.executionTime,
			outputs: (r.data?.main ?? []).map((items) => (items ?? []).length),
			error: r.error?.message,
		}));
	}
	process.stdout.write(JSON.stringify({ status: row.status, error: run.resultData.error?.message, runData }));
	db.close();
});`;

async function runOnce(n8n, id) {
	const execute = await n8n.cli(['execute', `--id=${id}`], { timeoutMs: 15 * 60_000 });
	if (execute.code !== 0) {
		throw new Error(`n8n execute failed (${execute.code}): ${execute.stderr.slice(-2000)}`);
	}
	const { nodeBin, root } = n8n.install;
	const read = spawnSync(
		nodeBin,
		['-e', READ_LAST_EXECUTION, path.join(n8n.folder, '.n8n', 'database.sqlite')],
		{ cwd: path.join(root, 'n8n'), encoding: 'utf8', maxBuffer: 64 * 2 ** 20 },
	);
	if (read.status !== 0) throw new Error(`reading the execution failed: ${read.stderr}`);
	const run = JSON.parse(read.stdout);
	const failed = Object.entries(run.runData).find(([, runs]) => runs.some((r) => r.error));
	if (run.status !== 'success' || failed) {
		throw new Error(`bench workflow failed: ${failed?.[0]} ${failed?.[1][0].error ?? run.error}`);
	}
	return run.runData;
}

async function benchN8nChain({ items = 10_000, runs = 3 } = {}) {
	// BENCH_PACKAGE_DIR: another build of the package (a folder with package.json and dist/), to compare builds.
	const withCore = process.env.BENCH_N8N_CORE !== '0';
	const n8n = await createInstance({
		withPackage: true,
		...(process.env.BENCH_PACKAGE_DIR ? { packageDir: process.env.BENCH_PACKAGE_DIR } : {}),
	});
	try {
		const id = await n8n.importWorkflow(benchWorkflow(items, { withCore }));
		const samples = [];
		for (let run = 0; run < runs; run++) {
			const started = Date.now();
			const runData = await runOnce(n8n, id);
			samples.push({
				cliMs: Date.now() - started,
				feedMs: runData.Invoices[0].executionTime,
				ours: branchTiming(runData, OURS),
				core: withCore ? branchTiming(runData, CORE) : { wallMs: NaN, nodeMs: NaN },
				noop: branchTiming(runData, NOOP),
				counts: {
					fed: itemsOut(runData, 'Invoices'),
					scenarioSend: itemsOut(runData, OURS[0], 0),
					reminders: itemsOut(runData, OURS[2]),
					coreReminders: itemsOut(runData, CORE[3]),
					noop: itemsOut(runData, NOOP[2]),
				},
			});
			process.stderr.write(
				`  run ${run + 1}/${runs}: ours ${samples[run].ours.wallMs} ms, core ${samples[run].core.wallMs} ms, No-Op ${samples[run].noop.wallMs} ms\n`,
			);
		}
		const med = (pick) => median(samples.map(pick));
		const chainMs = med((s) => s.ours.wallMs);
		const noopMs = med((s) => s.noop.wallMs);
		const coreNodesMs = med((s) => s.core.wallMs);
		const per10k = 10_000 / items;
		return {
			itemsPerRun: items,
			runs,
			chainMs: chainMs * per10k,
			noopMs: noopMs * per10k,
			coreNodesMs: coreNodesMs * per10k,
			chainVsNoop: chainMs / noopMs,
			coreNodesVsChain: coreNodesMs / chainMs,
			chainNodeMs: med((s) => s.ours.nodeMs) * per10k,
			noopNodeMs: med((s) => s.noop.nodeMs) * per10k,
			coreNodeMs: med((s) => s.core.nodeMs) * per10k,
			feedMs: med((s) => s.feedMs),
			cliMs: med((s) => s.cliMs),
			counts: samples[0].counts,
			samples,
		};
	} finally {
		await n8n.dispose();
	}
}

function printN8nChain(r) {
	printTable([
		[
			`n8n 2.41.1, ${r.itemsPerRun.toLocaleString('en-US')} invoices, median of ${r.runs}`,
			'ms per 10k (wall)',
			'ms per 10k (node time)',
			'ratio',
		],
		[
			'ours: Scenario → Penalty → Composer',
			r.chainMs.toFixed(0),
			r.chainNodeMs.toFixed(0),
			`${r.chainVsNoop.toFixed(2)}× No-Op`,
		],
		[
			'n8n core nodes: Date & Time → IF → Set → Code',
			r.coreNodesMs.toFixed(0),
			r.coreNodeMs.toFixed(0),
			`${r.coreNodesVsChain.toFixed(2)}× ours`,
		],
		['3 No-Op nodes', r.noopMs.toFixed(0), r.noopNodeMs.toFixed(0), '1'],
	]);
	console.log(
		`Items: fed ${r.counts.fed}, Scenario Send ${r.counts.scenarioSend}, reminders ${r.counts.reminders} (core nodes: ${r.counts.coreReminders}), No-Op ${r.counts.noop}. ` +
			`Feed (Code node, not counted) ${r.feedMs} ms; whole CLI call ${(r.cliMs / 1000).toFixed(1)} s.`,
	);
}

if (require.main === module) {
	const [items, runs] = process.argv.slice(2).map(Number);
	benchN8nChain({ items: items || 10_000, runs: runs || 3 })
		.then((result) => {
			printN8nChain(result);
			console.log(loadNote());
		})
		.catch((error) => {
			console.error(error);
			process.exitCode = 1;
		});
}

module.exports = { benchN8nChain, printN8nChain, benchWorkflow, runOnce };

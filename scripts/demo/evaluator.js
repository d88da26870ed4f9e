#!/usr/bin/env node
// `npm run demo:evaluator` (or `npm run demo -- --evaluator`): builds the package, then runs the Dunning Scenario evaluator of the built core over a small
// book of sample invoices and prints what would happen today for each of them.
// Options: --scenario=<preset id> (default classic-7-14-21), --now=<YYYY-MM-DD or ISO instant>.
'use strict';
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..', '..');
const argument = (name, fallback) => {
	const found = process.argv.find((arg) => arg.startsWith(`--${name}=`));
	return found ? found.slice(name.length + 3) : fallback;
};

const build = spawnSync(
	process.execPath,
	[path.join(root, 'node_modules', 'gulp', 'bin', 'gulp.js'), 'build', '--silent'],
	{
		cwd: root,
		stdio: 'inherit',
	},
);
if (build.status !== 0) process.exit(build.status ?? 1);

const core = require(path.join(root, 'dist', 'nodes', 'shared', 'index.js'));
const invoices = require('./sample-invoices.json');
const scenarioId = argument('scenario', 'classic-7-14-21');
const scenario = core.SCENARIO_PRESETS[scenarioId];
if (!scenario) {
	console.error(
		`Unknown scenario "${scenarioId}". Presets: ${Object.keys(core.SCENARIO_PRESETS).join(', ')}`,
	);
	process.exit(1);
}
const now = argument('now', '2026-11-26T09:00:00+01:00');
const money = (minor, currency) =>
	new Intl.NumberFormat('fr-FR', { style: 'currency', currency }).format(minor / 100);

const rows = invoices.map((raw) => {
	const invoice = core.normalizeInvoice(raw);
	const decision = core.evaluateScenario(invoice, scenario, now);
	return [
		invoice.number,
		invoice.customer.name,
		money(invoice.dueMinor, invoice.currency),
		invoice.dueDate,
		String(decision.daysOverdue),
		decision.action,
		decision.stepId ?? decision.reason,
		decision.nextActionOn ?? '',
	];
});
const header = [
	'Invoice',
	'Customer',
	'Due',
	'Due date',
	'Days',
	'Action',
	'Step / reason',
	'Next change',
];
const table = [header, ...rows];
const widths = header.map((_, column) => Math.max(...table.map((row) => row[column].length)));
console.log(
	`\nScenario ${scenario.name} (${scenarioId}), today = ${now} in ${scenario.timezone}\n`,
);
for (const [index, row] of table.entries()) {
	console.log(row.map((cell, column) => cell.padEnd(widths[column])).join('  '));
	if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('  '));
}
const counts = rows.reduce((all, row) => ({ ...all, [row[5]]: (all[row[5]] ?? 0) + 1 }), {});
console.log(
	`\n${Object.entries(counts)
		.map(([action, count]) => `${count} ${action}`)
		.join(', ')}\n`,
);

#!/usr/bin/env node
// `npm run rates:check`: the newest entry of each shipped rate table, and a warning when the current
// half-year (from this machine's clock, UTC) is missing or not confirmed, so maintainers know when to add the
// next row. Update path: add the row to the CSV with its source, `node scripts/rates-build.js`, commit the JSON.
//
//   node scripts/rates-check.js [--today YYYY-MM-DD] [--strict]   (--strict: exit 1 on any warning)
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const ratesDir = path.join(__dirname, '..', 'nodes', 'shared', 'rates');
const args = process.argv.slice(2);
const todayArg = args.includes('--today') ? args[args.indexOf('--today') + 1] : undefined;
const today = todayArg ?? new Date().toISOString().slice(0, 10);
if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) {
	console.error(`rates:check: --today ${JSON.stringify(todayArg)} is not a date (YYYY-MM-DD)`);
	process.exit(2);
}
const currentHalfYear = `${today.slice(0, 4)}-S${Number(today.slice(5, 7)) <= 6 ? 1 : 2}`;

const short = (text) => (text.length > 140 ? `${text.slice(0, 139)}…` : text);
const warnings = [];
const files = fs
	.readdirSync(ratesDir)
	.filter((name) => name.endsWith('.json'))
	.sort();
console.log(`Rate tables in nodes/shared/rates (today ${today}, half-year ${currentHalfYear}):`);
for (const file of files) {
	const table = JSON.parse(fs.readFileSync(path.join(ratesDir, file), 'utf8'));
	const newest = table.entries[table.entries.length - 1];
	const when = newest.halfYear ? `${newest.halfYear} (from ${newest.from})` : `from ${newest.from}`;
	const flag = newest.confirmed
		? 'confirmed'
		: `NOT CONFIRMED: ${short(newest.gap ?? newest.status)}`;
	const value = newest.ratePercent === null ? 'no value' : `${newest.ratePercent} %`;
	console.log(`  ${table.table}: newest ${when}, ${value}, ${flag}`);
	if (table.kind === 'half-year') {
		const current = table.entries.find((entry) => entry.halfYear === currentHalfYear);
		if (!current) {
			warnings.push(`${table.table}: no entry for the current half-year ${currentHalfYear}`);
		} else if (current.ratePercent === null || !current.confirmed) {
			warnings.push(
				`${table.table}: ${currentHalfYear} is not confirmed (${short(current.gap ?? current.status)})`,
			);
		}
	} else if (!newest.confirmed) {
		warnings.push(`${table.table}: the newest entry (${newest.from}) is not confirmed`);
	}
}
for (const warning of warnings) console.warn(`WARNING ${warning}`);
if (warnings.length > 0) {
	console.warn(
		'Update: add the confirmed rows to ../shared/rates/*.csv, run `node scripts/rates-build.js`, commit the JSON.',
	);
}
process.exit(warnings.length > 0 && args.includes('--strict') ? 1 : 0);

#!/usr/bin/env node
// `npm run replies:accuracy`: runs the reply classifier (nodes/shared/replies) on the corpus of
// test/replies/corpus and prints, per kind and language, how many replies it decides as a person would,
// how many it leaves to a person, and how many it gets wrong (should be 0).
//
//   node scripts/replies-accuracy.js [--failures]   (--failures: also list the cases that differ from expected)
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const esbuild = require('esbuild');

// The corpus runner is TypeScript shared with the Jest test: bundle it once into a temporary file.
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'replies-accuracy-'));
const outfile = path.join(outDir, 'corpus.js');
esbuild.buildSync({
	entryPoints: [path.join(__dirname, '..', 'test', 'replies', 'corpus.ts')],
	bundle: true,
	platform: 'node',
	format: 'cjs',
	outfile,
	logLevel: 'error',
	define: { __dirname: JSON.stringify(path.join(__dirname, '..', 'test', 'replies')) },
});
const { runCorpus, accuracy } = require(outfile);
fs.rmSync(outDir, { recursive: true, force: true });

const results = runCorpus();
const rows = accuracy(results);
const percent = (part, whole) => (whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}%`);
const pad = (text, width) => String(text).padEnd(width);

console.log(`Reply classifier on ${results.length} replies (test/replies/corpus)\n`);
console.log(
	`${pad('kind', 16)}${pad('lang', 6)}${pad('cases', 7)}${pad('right', 7)}${pad('person', 8)}${pad('wrong', 7)}accuracy`,
);
const total = { cases: 0, right: 0, leftToPerson: 0, wrong: 0 };
const byLanguage = {};
const byKind = {};
for (const row of rows) {
	console.log(
		`${pad(row.kind, 16)}${pad(row.language, 6)}${pad(row.cases, 7)}${pad(row.right, 7)}${pad(row.leftToPerson, 8)}${pad(row.wrong, 7)}${percent(row.right, row.cases)}`,
	);
	for (const [key, table] of [
		[row.language, byLanguage],
		[row.kind, byKind],
		['all', { all: total }],
	]) {
		table[key] ??= { cases: 0, right: 0, leftToPerson: 0, wrong: 0 };
		for (const field of ['cases', 'right', 'leftToPerson', 'wrong'])
			table[key][field] += row[field];
	}
}
const summary = (label, entry) =>
	console.log(
		`${pad(label, 22)}${pad(entry.cases, 7)}${pad(entry.right, 7)}${pad(entry.leftToPerson, 8)}${pad(entry.wrong, 7)}${percent(entry.right, entry.cases)}`,
	);
console.log('\nper language');
for (const [language, entry] of Object.entries(byLanguage)) summary(language, entry);
console.log('\nper kind');
for (const [kind, entry] of Object.entries(byKind)) summary(kind, entry);
console.log('');
summary('all', total);

const failing = results.filter((result) => result.failures.length > 0);
console.log(
	`\n${results.length - failing.length}/${results.length} cases as expected in the corpus`,
);
if (process.argv.includes('--failures')) {
	for (const { case: item, actual, failures } of failing) {
		console.log(`\n${item.id}: ${failures.join('; ')}\n  evidence: ${actual.evidence}`);
	}
}
process.exitCode = failing.length > 0 ? 1 : 0;

#!/usr/bin/env node
// `npm run demo`: the templates in a real n8n against the simulators and MailDev (scripts/demo/run.ts).
//   npm run demo                 # runs a few simulated days, prints the summary and the URLs; Ctrl-C stops all
//   npm run demo -- --once       # the same headless, then stops everything it started
//   npm run demo -- --days=5     # more simulated days
//   npm run demo -- --evaluator  # the quick table of the evaluator's decisions (npm run demo:evaluator)
// TypeScript (the demo and the simulators it shares with the tests) is compiled on require with esbuild, file
// by file, so that each module keeps its own __dirname (the simulators read their fixtures relative to it).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

if (process.argv.includes('--evaluator')) {
	require('./demo/evaluator.js');
} else {
	const esbuild = require('esbuild');
	require.extensions['.ts'] = (module, filename) => {
		const { code } = esbuild.transformSync(fs.readFileSync(filename, 'utf8'), {
			loader: 'ts',
			format: 'cjs',
			target: 'node20',
			sourcefile: filename,
			sourcemap: 'inline',
		});
		module._compile(code, filename);
	};
	require('./demo/run.ts');
}

'use strict';
// What the scripts that render HTML to PNG share: Debian's Chromium (installed with apt-get when missing; test
// tools cannot download their own browser here), the flags it needs on these machines, and a throw-away
// CommonJS bundle of a TypeScript entry point, built the way the package ships it.
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const esbuild = require('esbuild');

/**
 * Chromium on this closed network: without the background-networking flags it floods it with refused
 * connections. Shared with the editor test, which launches through playwright (that adds --headless itself).
 */
const QUIET_FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
const CHROMIUM_FLAGS = ['--headless', ...QUIET_FLAGS, '--hide-scrollbars'];

function findChromium() {
	for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
		const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
		if (found.status === 0) return found.stdout.trim();
	}
	console.log('Chromium is missing: installing Debian’s chromium package.');
	const install = spawnSync('sh', ['-c', 'apt-get update && apt-get install -y chromium'], {
		stdio: 'inherit',
	});
	if (install.status !== 0) throw new Error('could not install chromium with apt-get');
	return '/usr/bin/chromium';
}

/** Bundles a TypeScript entry point (relative to the repository) into `outFile` and loads it. */
function loadBundled(entry, outFile) {
	esbuild.buildSync({
		entryPoints: [path.join(__dirname, '..', entry)],
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		outfile: outFile,
		logLevel: 'error',
	});
	return require(outFile);
}

module.exports = { CHROMIUM_FLAGS, QUIET_FLAGS, findChromium, loadBundled };

// The environment for an npm/npx child started by one of the project's scripts, when that child installs or
// runs a tool that is NOT this project (n8n and its Node in the cache, node-gyp).
//
// `npm run x` exports every setting of the project's `.npmrc` to the script as `npm_config_<name>` variables,
// and a child npm reads them as its own configuration. Our `.npmrc` says `ignore-scripts=true` (a safety for
// our own dependency tree): inherited, it silently skipped the `node` package's preinstall, which fetches the
// Node binary, so a fresh machine got an empty Node install (issue 18). The user's own npm settings (registry,
// proxy, cache, in ~/.npmrc or in their shell) must still reach the child, so only the project's settings and
// npm's per-script bookkeeping are removed; what a child needs is then passed as explicit flags.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const PROJECT_NPMRC = path.join(__dirname, '..', '.npmrc');

/** The setting names of an .npmrc file (`key=value` lines; comments and blank lines skipped). */
function npmrcKeys(file = PROJECT_NPMRC) {
	let text;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch {
		return [];
	}
	return text
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter((line) => line && !line.startsWith('#') && !line.startsWith(';') && line.includes('='))
		.map((line) => line.slice(0, line.indexOf('=')).trim());
}

/** `ignore-scripts` → `npm_config_ignore_scripts` (npm accepts either dash or underscore, any case). */
const variableOf = (key) => `npm_config_${key.replace(/-/g, '_')}`.toLowerCase();

/**
 * A copy of `env` without the project's own npm settings and without npm's per-script variables
 * (`npm_lifecycle_*`, `npm_package_*`, `npm_command`, `INIT_CWD`…), which describe our package, not the
 * tool being installed.
 */
function toolNpmEnv(env = process.env, npmrc = PROJECT_NPMRC) {
	const projectSettings = new Set(npmrcKeys(npmrc).map(variableOf));
	const clean = {};
	for (const [name, value] of Object.entries(env)) {
		const lower = name.toLowerCase();
		if (projectSettings.has(lower)) continue;
		if (/^npm_(lifecycle|package)_/.test(lower)) continue;
		if (['npm_command', 'npm_lifecycle_event', 'npm_lifecycle_script', 'init_cwd'].includes(lower))
			continue;
		clean[name] = value;
	}
	return clean;
}

module.exports = { toolNpmEnv, npmrcKeys, PROJECT_NPMRC };

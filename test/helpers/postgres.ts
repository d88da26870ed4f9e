/**
 * A throwaway PostgreSQL cluster for tests: initdb into a temporary folder, a free loopback port, the unix
 * socket in that folder, trust authentication, no fsync; `stop()` shuts it down and removes the folder.
 * Binaries come from /usr/lib/postgresql/<version>/bin (Debian's layout; scripts/ci/services.sh installs
 * them). PostgreSQL refuses to run as root, so under root the cluster belongs to the `postgres` system user.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestPostgres {
	/** `postgresql://postgres@127.0.0.1:<port>/postgres` */
	connectionString: string;
	host: string;
	port: number;
	/** The folder holding the unix socket (`.s.PGSQL.<port>`), for `host=<socketDir>` connections. */
	socketDir: string;
	/** Stops the server (fast shutdown) and removes its folder; safe to call twice. */
	stop(): Promise<void>;
}

/** The newest installed PostgreSQL's bin folder, or null when none is installed. */
export function findPostgresBin(): string | null {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return null;
	const versions = readdirSync(root)
		.filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length > 0 ? join(root, versions[0], 'bin') : null;
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/** Under root, the uid/gid of the `postgres` system user the server must run as. */
function runAs(): { uid: number; gid: number } | null {
	if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
	const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
	const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
	return { uid, gid };
}

function waitForReady(child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			cleanup();
			reject(new Error(`PostgreSQL did not start within ${timeoutMs} ms:\n${log()}`));
		}, timeoutMs);
		const onData = () => {
			if (/database system is ready to accept connections/.test(log())) {
				cleanup();
				resolve();
			}
		};
		const onExit = (code: number | null) => {
			cleanup();
			reject(new Error(`PostgreSQL exited with code ${code}:\n${log()}`));
		};
		function cleanup() {
			clearTimeout(timer);
			child.stderr?.off('data', onData);
			child.off('exit', onExit);
		}
		child.stderr?.on('data', onData);
		child.once('exit', onExit);
	});
}

export async function startPostgres(options: { timeoutMs?: number } = {}): Promise<TestPostgres> {
	const bin = findPostgresBin();
	if (bin === null) {
		throw new Error(
			'PostgreSQL is not installed (/usr/lib/postgresql/*/bin): run scripts/ci/services.sh',
		);
	}
	const owner = runAs();
	const root = mkdtempSync(join(tmpdir(), 'dunning-pg-'));
	const dataDir = join(root, 'data');
	if (owner) {
		chownSync(root, owner.uid, owner.gid);
		chmodSync(root, 0o700);
	}
	const asOwner = owner ? { uid: owner.uid, gid: owner.gid } : {};
	execFileSync(
		join(bin, 'initdb'),
		[
			'-D',
			dataDir,
			'-A',
			'trust',
			'-U',
			'postgres',
			'-E',
			'UTF8',
			'--no-sync',
			'--no-instructions',
		],
		{ stdio: 'pipe', ...asOwner },
	);

	let lastError: unknown;
	// The free port is found by binding and releasing it: another process may take it meanwhile, so retry.
	for (let attempt = 0; attempt < 3; attempt++) {
		const port = await freePort();
		let output = '';
		const child = spawn(
			join(bin, 'postgres'),
			[
				'-D',
				dataDir,
				'-p',
				String(port),
				'-k',
				root,
				'-c',
				'listen_addresses=127.0.0.1',
				'-c',
				'fsync=off',
				'-c',
				'synchronous_commit=off',
				'-c',
				'full_page_writes=off',
				'-c',
				'max_connections=60',
				'-c',
				'shared_buffers=16MB',
			],
			{ stdio: ['ignore', 'pipe', 'pipe'], ...asOwner },
		);
		child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		try {
			await waitForReady(child, () => output, options.timeoutMs ?? 30_000);
		} catch (error) {
			lastError = error;
			child.kill('SIGKILL');
			continue;
		}
		let stopped = false;
		return {
			connectionString: `postgresql://postgres@127.0.0.1:${port}/postgres`,
			host: '127.0.0.1',
			port,
			socketDir: root,
			async stop() {
				if (stopped) return;
				stopped = true;
				if (child.exitCode === null && child.signalCode === null) {
					const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
					child.kill('SIGINT'); // fast shutdown: disconnect clients, no waiting for them
					const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
					await exited;
					clearTimeout(timer);
				}
				rmSync(root, { recursive: true, force: true });
			},
		};
	}
	rmSync(root, { recursive: true, force: true });
	throw lastError;
}

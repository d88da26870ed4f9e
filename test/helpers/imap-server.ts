// A real IMAP server for the reply tests (issue 21): Debian's dovecot (dovecot-imapd, installed by
// scripts/ci/services.sh), started as a child process in the foreground with its own configuration, on a free
// loopback port, with a temporary mail folder and a static passdb (any user name, one password; plain
// authentication, no TLS). Nothing of the system's dovecot is used or started. `stop()` ends the process
// and removes the folder. A reply is delivered as a mail client's "Sent" copy would be: an IMAP APPEND,
// through the minimal client in imap-client.ts.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
	chmodSync,
	chownSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';

export const DOVECOT = '/usr/sbin/dovecot';

/** Whether dovecot is installed (the tests skip without it locally, and fail under CI=true). */
export function hasDovecot(): boolean {
	return spawnSync(DOVECOT, ['--version']).status === 0;
}

export interface ImapServer {
	host: string;
	port: number;
	user: string;
	password: string;
	/** The server's log so far (for a failing test's message). */
	log(): string;
	stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address !== null ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/** Reads the server greeting: the port is open and dovecot's login process answers. */
async function greets(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect({ host: '127.0.0.1', port });
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(2000, () => done(false));
		socket.once('error', () => done(false));
		socket.once('data', (chunk) => done(chunk.toString().startsWith('* OK')));
	});
}

/**
 * Who owns the mail: as root, dovecot refuses root's own uid for mail, so the mailbox belongs to `nobody`;
 * otherwise everything runs as the current user (dovecot then cannot switch users, and needs not).
 */
function accounts(): { uid: number; gid: number; loginUser: string; internalUser: string } {
	if (process.getuid?.() === 0) {
		const nobody = spawnSync('id', ['-u', 'nobody']).stdout.toString().trim();
		const group = spawnSync('id', ['-g', 'nobody']).stdout.toString().trim();
		return {
			uid: Number(nobody),
			gid: Number(group),
			loginUser: 'dovenull',
			internalUser: 'dovecot',
		};
	}
	const me = userInfo();
	return { uid: me.uid, gid: me.gid, loginUser: me.username, internalUser: me.username };
}

export async function startImapServer(
	options: { user?: string; password?: string } = {},
): Promise<ImapServer> {
	const user = options.user ?? 'billing@studio-lumiere.example';
	const password = options.password ?? 'imap-test-password';
	const root = mkdtempSync(path.join(tmpdir(), 'dunning-imap-'));
	const port = await freePort();
	const { uid, gid, loginUser, internalUser } = accounts();
	const mail = path.join(root, 'mail');
	mkdirSync(mail);
	mkdirSync(path.join(root, 'run'));
	if (process.getuid?.() === 0) {
		// The mail user (nobody) must get through the temporary folder (mkdtemp makes it 0700) to its mail.
		chmodSync(root, 0o711);
		chownSync(mail, uid, gid);
	}
	const logFile = path.join(root, 'dovecot.log');
	const config = path.join(root, 'dovecot.conf');
	writeFileSync(
		config,
		[
			`base_dir = ${root}/run`,
			`state_dir = ${root}/run`,
			`log_path = ${logFile}`,
			'protocols = imap',
			`listen = 127.0.0.1`,
			'ssl = no',
			'disable_plaintext_auth = no',
			'auth_mechanisms = plain login',
			`default_login_user = ${loginUser}`,
			`default_internal_user = ${internalUser}`,
			'first_valid_uid = 1',
			// IDLE clients (n8n's Email Trigger) hear of a new message within a second.
			'mailbox_idle_check_interval = 1 secs',
			// billing+dunning-i…@ is delivered to billing@ (the plus-addressed Reply-To of issue 21).
			'recipient_delimiter = +',
			`mail_location = maildir:${mail}/%n`,
			'passdb {',
			'  driver = static',
			`  args = password=${password}`,
			'}',
			'userdb {',
			'  driver = static',
			`  args = uid=${uid} gid=${gid} home=${mail}/%n`,
			'}',
			'service imap-login {',
			'  inet_listener imap {',
			'    address = 127.0.0.1',
			`    port = ${port}`,
			'  }',
			'  inet_listener imaps {',
			'    port = 0',
			'  }',
			'}',
			'service stats {',
			'  unix_listener stats-reader {',
			'    mode = 0666',
			'  }',
			'  unix_listener stats-writer {',
			'    mode = 0666',
			'  }',
			'}',
			'',
		].join('\n'),
	);
	const child: ChildProcess = spawn(DOVECOT, ['-F', '-c', config], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	// A missing binary (ENOENT) fails the start below with its message, instead of an unhandled event.
	let failed: Error | null = null;
	child.once('error', (error) => (failed = error));
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const log = () => {
		let file = '';
		try {
			file = readFileSync(logFile, 'utf8');
		} catch {
			// not written yet
		}
		return `${output}${file}`;
	};
	const stop = async () => {
		if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
			const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
			await exited;
			clearTimeout(timer);
		}
		rmSync(root, { recursive: true, force: true });
	};

	const deadline = Date.now() + 20_000;
	while (!(await greets(port))) {
		if (failed !== null || child.exitCode !== null || Date.now() > deadline) {
			const message = `${failed === null ? '' : `${String(failed)}\n`}${log()}`;
			await stop();
			throw new Error(`dovecot did not start on port ${port}:\n${message}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return { host: '127.0.0.1', port, user, password, log, stop };
}

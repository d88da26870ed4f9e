// MailDev (a devDependency) as a child process on 127.0.0.1 and free ports, for the demo and the e2e tests.
// MailDev 3 is ESM-only, so it is driven through its CLI and REST API (`GET /api/email`) rather than imported.
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { getFreePort } = require('../n8n/instance');

const BIN = path.join(
	__dirname,
	'..',
	'..',
	'node_modules',
	'maildev',
	'dist',
	'bin',
	'maildev.js',
);

function request(method, url) {
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (chunk) => (text += chunk));
			res.on('end', () => resolve({ status: res.statusCode, text }));
		});
		req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
		req.on('error', reject);
		req.end();
	});
}

/** Starts MailDev; resolves to { smtpPort, webUrl, emails(), clear(), stop() } once its API answers. */
async function startMailDev() {
	const smtpPort = await getFreePort();
	const webPort = await getFreePort();
	// Our own mail folder, removed when MailDev stops (its default one in the temp folder kept every .eml).
	const mailDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-dunning-maildev-'));
	const removeMail = () => fs.rmSync(mailDirectory, { recursive: true, force: true });
	const child = spawn(
		process.execPath,
		[
			BIN,
			'--smtp',
			String(smtpPort),
			'--web',
			String(webPort),
			'--ip',
			'127.0.0.1',
			'--web-ip',
			'127.0.0.1',
			'--mail-directory',
			mailDirectory,
			'--silent',
		],
		{ stdio: ['ignore', 'ignore', 'pipe'] },
	);
	let stderr = '';
	child.stderr.on('data', (chunk) => (stderr += chunk));
	const stopChild = () => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
		removeMail();
	};
	child.once('exit', removeMail);
	process.once('exit', stopChild);
	const webUrl = `http://127.0.0.1:${webPort}`;
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`MailDev exited: ${stderr.slice(-500)}`);
		try {
			const res = await request('GET', `${webUrl}/api/email`);
			if (res.status === 200) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			stopChild();
			throw new Error(`MailDev did not answer on ${webUrl}: ${stderr.slice(-500)}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	return {
		smtpPort,
		webUrl,
		pid: child.pid,
		mailDirectory,
		/** Every email received so far: { id, subject, to: [{ address }], text, html, date, ... }. */
		async emails() {
			const res = await request('GET', `${webUrl}/api/email`);
			return JSON.parse(res.text);
		},
		stop() {
			process.removeListener('exit', stopChild);
			return new Promise((resolve) => {
				if (child.exitCode !== null || child.signalCode !== null) return resolve();
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
				setTimeout(() => child.kill('SIGKILL'), 3000).unref();
			});
		},
	};
}

module.exports = { startMailDev };

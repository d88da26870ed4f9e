// A local HTTPS-intercepting proxy for the n8n process of the demo and the end-to-end tests: nodes whose base URL
// is fixed (n8n's Twilio node always calls https://api.twilio.com) reach a local simulator instead, unchanged.
//
// n8n 2.41.1 sends every node request (requestWithAuthentication, httpRequest) through the agents of
// @n8n/backend-network, which route by HTTPS_PROXY / HTTP_PROXY / ALL_PROXY and NO_PROXY (proxy-from-env); so
// the n8n process gets `env` below: HTTPS_PROXY pointing here, NO_PROXY for the local simulators, and
// NODE_EXTRA_CA_CERTS trusting a throwaway CA made at start. A CONNECT to an intercepted host is answered with a
// TLS server holding a leaf certificate for that host signed by that CA, and its requests are forwarded to the
// simulator; a CONNECT to any other host is tunnelled untouched. Certificates come from the system's openssl.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Duplex } from 'node:stream';

export interface InterceptingProxy {
	/** `http://127.0.0.1:<port>`: the value of HTTPS_PROXY. */
	url: string;
	/** The throwaway CA's certificate (PEM) and its file, for NODE_EXTRA_CA_CERTS. */
	ca: string;
	caFile: string;
	/** What the process that must go through the proxy needs in its environment. */
	env: Record<string, string>;
	/** Requests forwarded to a simulator, in order: `host` is the intercepted host. */
	forwarded: { host: string; method: string; path: string }[];
	stop(): Promise<void>;
}

/** Hosts that never go through the proxy: the simulators, MailDev, PostgreSQL and n8n itself. */
const LOCAL_HOSTS = '127.0.0.1,localhost,::1';

function openssl(args: string[], cwd: string): void {
	const run = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
	if (run.error || run.status !== 0) {
		throw new Error(
			`openssl ${args[0]} failed (the intercepting proxy needs the system's openssl): ${run.error?.message ?? run.stderr}`,
		);
	}
}

/** A CA valid for a few days and one leaf certificate for `hosts`, in a fresh temporary folder. */
function makeCertificates(hosts: string[]): { dir: string; ca: string; key: string; cert: string } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-dunning-proxy-'));
	const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
	openssl(
		[
			'req',
			'-x509',
			...ec,
			'-keyout',
			'ca.key',
			'-out',
			'ca.pem',
			'-days',
			'30',
			'-subj',
			'/CN=n8n-nodes-dunning throwaway test CA',
			'-addext',
			'basicConstraints=critical,CA:TRUE',
			'-addext',
			'keyUsage=critical,keyCertSign,cRLSign',
		],
		dir,
	);
	openssl(
		['req', '-new', ...ec, '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', `/CN=${hosts[0]}`],
		dir,
	);
	fs.writeFileSync(
		path.join(dir, 'leaf.ext'),
		[
			'basicConstraints=critical,CA:FALSE',
			'keyUsage=critical,digitalSignature',
			'extendedKeyUsage=serverAuth',
			`subjectAltName=${hosts.map((host) => `DNS:${host}`).join(',')}`,
			'subjectKeyIdentifier=hash',
			'authorityKeyIdentifier=keyid,issuer',
		].join('\n'),
	);
	openssl(
		[
			'x509',
			'-req',
			'-in',
			'leaf.csr',
			'-CA',
			'ca.pem',
			'-CAkey',
			'ca.key',
			'-set_serial',
			`0x${randomBytes(8).toString('hex')}`,
			'-days',
			'30',
			'-extfile',
			'leaf.ext',
			'-out',
			'leaf.pem',
		],
		dir,
	);
	const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
	return { dir, ca: read('ca.pem'), key: read('leaf.key'), cert: read('leaf.pem') };
}

/**
 * Starts the proxy. `routes` maps an intercepted host (e.g. `api.twilio.com`) to the local HTTP origin that
 * answers for it (e.g. the Twilio simulator's `http://127.0.0.1:<port>`).
 */
export async function startInterceptingProxy(
	routes: Record<string, string>,
): Promise<InterceptingProxy> {
	const hosts = Object.keys(routes);
	const certificates = makeCertificates(hosts);
	const forwarded: InterceptingProxy['forwarded'] = [];
	const sockets = new Set<Duplex>();
	const track = (socket: Duplex) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	};

	// The TLS side of an intercepted CONNECT, one server per host: each request is replayed, as is, to the
	// host's simulator.
	const tlsServers = new Map<string, https.Server>();
	for (const [host, origin] of Object.entries(routes)) {
		const server = https.createServer(
			{ key: certificates.key, cert: certificates.cert },
			(request, response) => {
				forwarded.push({ host, method: request.method ?? 'GET', path: request.url ?? '/' });
				const upstream = http.request(
					new URL(request.url ?? '/', origin),
					{ method: request.method, headers: { ...request.headers, host: new URL(origin).host } },
					(answer) => {
						response.writeHead(answer.statusCode ?? 502, answer.headers);
						answer.pipe(response);
					},
				);
				upstream.on('error', (error) => {
					response.writeHead(502, { 'Content-Type': 'text/plain' });
					response.end(`intercepting proxy: ${origin} unreachable (${error.message})`);
				});
				request.pipe(upstream);
			},
		);
		tlsServers.set(host, server);
	}

	const proxy = http.createServer((_request, response) => {
		// Only HTTPS_PROXY points here: a plain HTTP request through the proxy is a set-up mistake.
		response.writeHead(501, { 'Content-Type': 'text/plain' });
		response.end('intercepting proxy: CONNECT only');
	});
	proxy.on('connect', (request: http.IncomingMessage, client: Duplex, head: Buffer) => {
		track(client);
		client.on('error', () => client.destroy());
		const [host, port] = splitAuthority(request.url ?? '');
		const intercepted = port === 443 ? tlsServers.get(host) : undefined;
		if (intercepted) {
			client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			if (head.length) client.unshift(head);
			intercepted.emit('connection', client);
			return;
		}
		// Any other host: a plain tunnel, bytes untouched.
		const upstream = net.connect(port, host, () => {
			client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			if (head.length) upstream.write(head);
			upstream.pipe(client);
			client.pipe(upstream);
		});
		track(upstream);
		upstream.on('error', () => {
			if (client.writable) client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
			client.destroy();
		});
	});
	await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
	const caFile = path.join(certificates.dir, 'ca.pem');
	return {
		url,
		ca: certificates.ca,
		caFile,
		forwarded,
		env: {
			HTTPS_PROXY: url,
			https_proxy: url,
			NO_PROXY: LOCAL_HOSTS,
			no_proxy: LOCAL_HOSTS,
			// proxy-from-env reads npm's settings first: one inherited from `npm run` must not take over.
			npm_config_https_proxy: '',
			npm_config_proxy: '',
			npm_config_no_proxy: '',
			NODE_EXTRA_CA_CERTS: caFile,
		},
		async stop() {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => proxy.close(() => resolve()));
			for (const server of tlsServers.values()) server.close();
			fs.rmSync(certificates.dir, { recursive: true, force: true });
		},
	};
}

/** `host:port` of a CONNECT request line (`[::1]:443` too). */
function splitAuthority(authority: string): [string, number] {
	const match = /^\[?([^\]]*?)\]?:(\d+)$/.exec(authority);
	return match ? [match[1].toLowerCase(), Number(match[2])] : [authority.toLowerCase(), 443];
}

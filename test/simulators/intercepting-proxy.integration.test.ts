import { X509Certificate } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import * as tls from 'node:tls';

import { startInterceptingProxy, type InterceptingProxy } from './intercepting-proxy';
import { startTwilioSimulator, type TwilioSimulator } from './twilio';

let twilio: TwilioSimulator;
let proxy: InterceptingProxy;
beforeAll(async () => {
	twilio = await startTwilioSimulator();
	proxy = await startInterceptingProxy({ 'api.twilio.com': twilio.url });
});
afterAll(async () => {
	await proxy.stop();
	await twilio.stop();
});

/** A CONNECT tunnel through the proxy, as an HTTPS_PROXY client opens one. */
function tunnel(host: string, port: number): Promise<{ status: number; socket: Socket }> {
	return new Promise((resolve, reject) => {
		const request = http.request(proxy.url, { method: 'CONNECT', path: `${host}:${port}` });
		request.on('connect', (response, socket) =>
			resolve({ status: response.statusCode ?? 0, socket }),
		);
		request.on('error', reject);
		request.end();
	});
}

/** An HTTPS request to api.twilio.com through a tunnel, trusting `ca` only. */
async function twilioRequest(
	ca: string,
	form: Record<string, string>,
): Promise<{ status: number; json: Record<string, unknown> }> {
	const { socket } = await tunnel('api.twilio.com', 443);
	const body = new URLSearchParams(form).toString();
	return new Promise((resolve, reject) => {
		const request = https.request(
			{
				host: 'api.twilio.com',
				method: 'POST',
				path: `/2010-04-01/Accounts/${twilio.accountSid}/Messages.json`,
				auth: `${twilio.accountSid}:${twilio.authToken}`,
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				createConnection: () => tls.connect({ socket, servername: 'api.twilio.com', ca }),
			},
			(response) => {
				let text = '';
				response.on('data', (chunk) => (text += chunk));
				response.on('end', () =>
					resolve({ status: response.statusCode ?? 0, json: JSON.parse(text) }),
				);
			},
		);
		request.on('error', reject);
		request.end(body);
	});
}

describe('intercepting proxy (how n8n reaches the Twilio simulator)', () => {
	it('answers a CONNECT to api.twilio.com with a certificate of its own CA and forwards the request to the simulator', async () => {
		const before = twilio.messages.length;
		const { status, json } = await twilioRequest(proxy.ca, {
			To: '+33612345678',
			From: '+33757000000',
			Body: 'Facture F-1 : 120,00 €',
		});
		expect(status).toBe(201);
		expect(json).toMatchObject({ to: '+33612345678', status: 'queued' });
		expect(twilio.messages).toHaveLength(before + 1);
		expect(proxy.forwarded.at(-1)).toEqual({
			host: 'api.twilio.com',
			method: 'POST',
			path: `/2010-04-01/Accounts/${twilio.accountSid}/Messages.json`,
		});
	});

	it('is refused by a client that does not trust its throwaway CA', async () => {
		await expect(
			twilioRequest(tls.rootCertificates.join('\n'), { To: '+33612345678' }),
		).rejects.toThrow(/certificate/i);
	});

	it('tunnels a CONNECT to any other host untouched, without forwarding it to the simulator', async () => {
		const other = http.createServer((_request, response) => response.end('the other host'));
		await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
		const port = (other.address() as AddressInfo).port;
		try {
			const forwarded = proxy.forwarded.length;
			const { status, socket } = await tunnel('127.0.0.1', port);
			expect(status).toBe(200);
			const text = await new Promise<string>((resolve) => {
				let answer = '';
				socket.on('data', (chunk) => (answer += chunk));
				socket.on('end', () => resolve(answer));
				socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n');
			});
			expect(text).toMatch(/^HTTP\/1\.1 200[\s\S]*the other host$/);
			expect(proxy.forwarded).toHaveLength(forwarded);
		} finally {
			await new Promise((resolve) => other.close(resolve));
		}
	});

	it('gives the environment n8n needs: HTTPS_PROXY to it, local hosts direct, its CA file trusted', () => {
		expect(proxy.env).toMatchObject({
			HTTPS_PROXY: proxy.url,
			https_proxy: proxy.url,
			NO_PROXY: '127.0.0.1,localhost,::1',
			NODE_EXTRA_CA_CERTS: proxy.caFile,
		});
		expect(proxy.env.HTTP_PROXY).toBeUndefined();
		expect(fs.readFileSync(proxy.caFile, 'utf8')).toBe(proxy.ca);
		expect(new X509Certificate(proxy.ca).ca).toBe(true);
	});
});

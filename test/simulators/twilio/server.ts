// A local Twilio for tests and the demo: the Messages resource of the 2010-04-01 REST API (create with a
// form-encoded body and HTTP basic auth, fetch, list), with Twilio's documented error body
// ({ code, message, more_info, status }) for the codes a dunning tool meets. See SOURCES.md.
import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { smsLength } from '../../../nodes/shared/sms';

type Json = Record<string, unknown>;

export interface TwilioMessage extends Json {
	sid: string;
	account_sid: string;
	to: string;
	from: string | null;
	messaging_service_sid: string | null;
	body: string;
	status: 'queued' | 'accepted';
	num_segments: string;
	num_media: string;
	direction: 'outbound-api';
	api_version: '2010-04-01';
	date_created: string;
	date_updated: string;
	date_sent: null;
	price: null;
	price_unit: string;
	error_code: null;
	error_message: null;
	uri: string;
	subresource_uris: { media: string };
}

export interface TwilioSimulatorOptions {
	accountSid?: string;
	authToken?: string;
	/** Numbers that replied STOP (error 21610). */
	unsubscribed?: string[];
	/** Country calling codes the account may not send to (error 21408), e.g. ['+7']. */
	blockedPrefixes?: string[];
	/** Clock of the simulated Twilio (date_created). */
	now?: () => Date;
}

/** Twilio's error body; `more_info` points at the error's page. */
function twilioError(
	status: number,
	code: number,
	message: string,
): { status: number; body: Json } {
	return {
		status,
		body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
	};
}

const E164 = /^\+[1-9]\d{6,14}$/;

export class TwilioSimulator {
	readonly messages: TwilioMessage[] = [];
	readonly accountSid: string;
	readonly authToken: string;
	url = '';
	private server: http.Server | null = null;
	/** Answers 429 / 20429 to the next `count` create requests. */
	private throttled = 0;

	constructor(private readonly options: TwilioSimulatorOptions = {}) {
		this.accountSid = options.accountSid ?? `AC${'0'.repeat(31)}1`;
		this.authToken = options.authToken ?? 'twilio-simulator-token';
	}

	throttleNext(count = 1): void {
		this.throttled += count;
	}

	async start(): Promise<this> {
		this.server = http.createServer((request, response) => {
			const chunks: Buffer[] = [];
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', () => {
				const { status, body } = this.handle(request, Buffer.concat(chunks).toString('utf8'));
				response.writeHead(status, { 'Content-Type': 'application/json' });
				response.end(JSON.stringify(body));
			});
		});
		await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
		return this;
	}

	async stop(): Promise<void> {
		await new Promise<void>((resolve) =>
			this.server ? this.server.close(() => resolve()) : resolve(),
		);
	}

	private authenticated(request: http.IncomingMessage, accountSid: string): boolean {
		const header = request.headers.authorization ?? '';
		if (!header.startsWith('Basic ')) return false;
		const [user, password] = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':');
		return (
			user === this.accountSid && password === this.authToken && accountSid === this.accountSid
		);
	}

	handle(request: http.IncomingMessage, raw: string): { status: number; body: Json } {
		const path = (request.url ?? '').split('?')[0];
		const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages(?:\/([^/]+))?\.json$/.exec(path);
		if (!match) return twilioError(404, 20404, `The requested resource ${path} was not found`);
		if (!this.authenticated(request, match[1])) return twilioError(401, 20003, 'Authenticate');
		if (request.method === 'GET' && match[2]) {
			const message = this.messages.find((item) => item.sid === match[2]);
			return message
				? { status: 200, body: message }
				: twilioError(404, 20404, `The requested resource ${path} was not found`);
		}
		if (request.method === 'GET') {
			return {
				status: 200,
				body: { messages: [...this.messages].reverse(), page: 0, page_size: 50 },
			};
		}
		if (request.method !== 'POST' || match[2]) return twilioError(405, 20004, 'Method not allowed');
		if (this.throttled > 0) {
			this.throttled--;
			return twilioError(429, 20429, 'Too Many Requests');
		}
		return this.create(new URLSearchParams(raw));
	}

	private create(form: URLSearchParams): { status: number; body: Json } {
		const to = form.get('To');
		const from = form.get('From');
		const service = form.get('MessagingServiceSid');
		const body = form.get('Body') ?? '';
		if (!to) return twilioError(400, 21604, "A 'To' phone number is required.");
		if (!E164.test(to)) return twilioError(400, 21211, `Invalid 'To' Phone Number: ${to}`);
		if (!from && !service) return twilioError(400, 21603, "A 'From' phone number is required.");
		if (body.trim() === '' && !form.get('MediaUrl')) {
			return twilioError(400, 21602, 'Message body is required.');
		}
		if ([...body].length > 1600) {
			return twilioError(
				400,
				21617,
				'The concatenated message body exceeds the 1600 character limit.',
			);
		}
		if ((this.options.blockedPrefixes ?? []).some((prefix) => to.startsWith(prefix))) {
			return twilioError(
				400,
				21408,
				`Permission to send an SMS has not been enabled for the region indicated by the 'To' number: ${to}.`,
			);
		}
		if ((this.options.unsubscribed ?? []).includes(to)) {
			return twilioError(400, 21610, 'Attempt to send to unsubscribed recipient');
		}
		const now = (this.options.now ?? (() => new Date()))().toUTCString().replace('GMT', '+0000');
		const sid = `SM${randomBytes(16).toString('hex')}`;
		const uri = `/2010-04-01/Accounts/${this.accountSid}/Messages/${sid}.json`;
		const message: TwilioMessage = {
			sid,
			account_sid: this.accountSid,
			to,
			from: from ?? null,
			messaging_service_sid: service ?? null,
			body,
			// A Messaging Service queues as "accepted" and picks the sender later (num_segments 0 until then).
			status: service ? 'accepted' : 'queued',
			num_segments: service ? '0' : String(smsLength(body).segments),
			num_media: '0',
			direction: 'outbound-api',
			api_version: '2010-04-01',
			date_created: now,
			date_updated: now,
			date_sent: null,
			price: null,
			price_unit: 'USD',
			error_code: null,
			error_message: null,
			uri,
			subresource_uris: { media: uri.replace('.json', '/Media.json') },
		};
		this.messages.push(message);
		return { status: 201, body: message };
	}
}

export async function startTwilioSimulator(
	options: TwilioSimulatorOptions = {},
): Promise<TwilioSimulator> {
	return new TwilioSimulator(options).start();
}

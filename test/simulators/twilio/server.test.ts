import { startTwilioSimulator, type TwilioSimulator } from './index';

let twilio: TwilioSimulator;
beforeEach(async () => {
	twilio = await startTwilioSimulator({ unsubscribed: ['+33612345678'], blockedPrefixes: ['+7'] });
});
afterEach(async () => {
	await twilio.stop();
});

const basic = (user: string, password: string) =>
	`Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

async function send(
	form: Record<string, string>,
	authorization = basic(twilio.accountSid, twilio.authToken),
) {
	const response = await fetch(
		`${twilio.url}/2010-04-01/Accounts/${twilio.accountSid}/Messages.json`,
		{
			method: 'POST',
			headers: {
				Authorization: authorization,
				'Content-Type': 'application/x-www-form-urlencoded',
			},
			body: new URLSearchParams(form).toString(),
		},
	);
	return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

const sms = { To: '+33698765432', From: '+33757000000', Body: 'Facture F-2026-001 : 1 200,00 €' };

describe('Twilio simulator: POST /2010-04-01/Accounts/{AccountSid}/Messages.json', () => {
	it('creates a queued message from a form-encoded body and records it, with its GSM-7 segment count', async () => {
		const { status, json } = await send(sms);
		expect(status).toBe(201);
		expect(json).toMatchObject({
			account_sid: twilio.accountSid,
			to: '+33698765432',
			from: '+33757000000',
			body: sms.Body,
			status: 'queued',
			num_segments: '1',
			direction: 'outbound-api',
			api_version: '2010-04-01',
			error_code: null,
		});
		expect(json.sid).toMatch(/^SM[0-9a-f]{32}$/);
		expect(twilio.messages).toHaveLength(1);
		const fetched = await fetch(`${twilio.url}${json.uri as string}`, {
			headers: { Authorization: basic(twilio.accountSid, twilio.authToken) },
		});
		expect(((await fetched.json()) as { sid: string }).sid).toBe(json.sid);
	});

	it('counts the segments of a UCS-2 body as Twilio bills them', async () => {
		const { json } = await send({ ...sms, Body: 'ê'.repeat(71) });
		expect(json.num_segments).toBe('2');
	});

	it('accepts a Messaging Service instead of From, as "accepted" with 0 segments until a sender is picked', async () => {
		const { status, json } = await send({
			To: sms.To,
			Body: sms.Body,
			MessagingServiceSid: `MG${'1'.repeat(32)}`,
		});
		expect(status).toBe(201);
		expect(json).toMatchObject({ status: 'accepted', num_segments: '0', from: null });
	});

	it('answers 401 / 20003 to a wrong auth token and to a request without basic auth, recording nothing', async () => {
		for (const authorization of [basic(twilio.accountSid, 'wrong'), 'Bearer x']) {
			const { status, json } = await send(sms, authorization);
			expect(status).toBe(401);
			expect(json).toEqual({
				code: 20003,
				message: 'Authenticate',
				more_info: 'https://www.twilio.com/docs/errors/20003',
				status: 401,
			});
		}
		expect(twilio.messages).toHaveLength(0);
	});

	it.each([
		['an invalid To number', { ...sms, To: '0698765432' }, 400, 21211],
		['a recipient who replied STOP', { ...sms, To: '+33612345678' }, 400, 21610],
		['a region without SMS permission', { ...sms, To: '+79001234567' }, 400, 21408],
		['a missing To', { From: sms.From, Body: sms.Body }, 400, 21604],
		['a missing From and Messaging Service', { To: sms.To, Body: sms.Body }, 400, 21603],
		['an empty body', { ...sms, Body: ' ' }, 400, 21602],
		['a body over 1600 characters', { ...sms, Body: 'a'.repeat(1601) }, 400, 21617],
	])('refuses %s with Twilio’s code and records nothing', async (_case, form, status, code) => {
		const response = await send(form);
		expect(response.status).toBe(status);
		expect(response.json).toMatchObject({
			code,
			status,
			more_info: `https://www.twilio.com/docs/errors/${code}`,
		});
		expect(twilio.messages).toHaveLength(0);
	});

	it('answers 429 / 20429 while throttled, then sends', async () => {
		twilio.throttleNext(1);
		const first = await send(sms);
		expect(first.status).toBe(429);
		expect(first.json).toMatchObject({ code: 20429, message: 'Too Many Requests' });
		expect((await send(sms)).status).toBe(201);
		expect(twilio.messages).toHaveLength(1);
	});

	it('sends a second message for a repeated request: Twilio has no idempotency key for Messages', async () => {
		await send(sms);
		await send(sms);
		expect(twilio.messages).toHaveLength(2);
	});
});

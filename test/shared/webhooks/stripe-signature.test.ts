import { createHmac } from 'node:crypto';

import { signStripePayload, verifyStripeSignature } from '../../../nodes/shared/internal';
import { stripeFixture } from '../../helpers/fixtures';

interface SignedCase {
	name: string;
	secret: string;
	rawBody: string;
	header: string;
	timestamp: number;
	verifyAt: number;
	toleranceSeconds: number;
	expected: boolean;
	staleSecretForFirstSignature?: string;
}

const cases = stripeFixture<SignedCase[]>('signed-webhooks');
const valid = cases.find((entry) => entry.name === 'valid') as SignedCase;

const hmac = (secret: string, t: number, body: string) =>
	createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');

describe('verifyStripeSignature: the recorded cases (checked against stripe-node 23.1.0)', () => {
	it.each(cases.map((entry) => [entry.name, entry] as const))('%s', (_name, entry) => {
		expect(
			verifyStripeSignature(
				entry.rawBody,
				entry.header,
				entry.secret,
				entry.verifyAt,
				entry.toleranceSeconds,
			),
		).toBe(entry.expected);
	});

	it('accepts a Buffer body with the same bytes', () => {
		expect(
			verifyStripeSignature(
				Buffer.from(valid.rawBody, 'utf8'),
				valid.header,
				valid.secret,
				valid.verifyAt,
			),
		).toBe(true);
	});

	it('uses 300 s as the default tolerance', () => {
		const { rawBody, header, secret, timestamp } = valid;
		expect(verifyStripeSignature(rawBody, header, secret, timestamp + 300)).toBe(true);
		expect(verifyStripeSignature(rawBody, header, secret, timestamp + 301)).toBe(false);
	});

	it('signStripePayload reproduces the recorded header byte for byte', () => {
		expect(signStripePayload(valid.rawBody, valid.secret, valid.timestamp)).toBe(valid.header);
	});
});

describe('verifyStripeSignature: hostile input', () => {
	const { rawBody, header, secret, timestamp, verifyAt } = valid;

	it('refuses the wrong secret', () => {
		expect(verifyStripeSignature(rawBody, header, 'whsec_wrong', verifyAt)).toBe(false);
	});

	it('refuses a body changed by one byte, or re-serialised with whitespace', () => {
		expect(verifyStripeSignature(`${rawBody} `, header, secret, verifyAt)).toBe(false);
		const pretty = JSON.stringify(JSON.parse(rawBody), null, 2);
		expect(verifyStripeSignature(pretty, header, secret, verifyAt)).toBe(false);
	});

	it('refuses a timestamp that was changed after signing (the HMAC covers it)', () => {
		const moved = header.replace(`t=${timestamp}`, `t=${verifyAt}`);
		expect(verifyStripeSignature(rawBody, moved, secret, verifyAt)).toBe(false);
	});

	it('refuses a signature from the future beyond the tolerance', () => {
		const future = verifyAt + 1000;
		const signed = `t=${future},v1=${hmac(secret, future, rawBody)}`;
		expect(verifyStripeSignature(rawBody, signed, secret, verifyAt)).toBe(false);
	});

	it('accepts any matching v1 among several, in any order, and ignores v0', () => {
		const good = hmac(secret, timestamp, rawBody);
		const other = hmac('whsec_other', timestamp, rawBody);
		expect(
			verifyStripeSignature(rawBody, `t=${timestamp},v1=${other},v1=${good}`, secret, verifyAt),
		).toBe(true);
		expect(
			verifyStripeSignature(rawBody, `t=${timestamp},v1=${good},v1=${other}`, secret, verifyAt),
		).toBe(true);
		expect(verifyStripeSignature(rawBody, `t=${timestamp},v0=${good}`, secret, verifyAt)).toBe(
			false,
		);
		expect(
			verifyStripeSignature(rawBody, `t=${timestamp},v1=${other},v0=${good}`, secret, verifyAt),
		).toBe(false);
	});

	it('accepts upper-case hex and spaces around entries', () => {
		const good = hmac(secret, timestamp, rawBody).toUpperCase();
		expect(verifyStripeSignature(rawBody, ` t=${timestamp} , v1=${good} `, secret, verifyAt)).toBe(
			true,
		);
	});

	it.each([
		['missing', undefined],
		['empty', ''],
		['no timestamp', `v1=${hmac(secret, timestamp, rawBody)}`],
		['no signature', `t=${timestamp}`],
		['garbage', 'garbage'],
		['only commas', ',,,,'],
		['negative timestamp', `t=-${timestamp},v1=${hmac(secret, timestamp, rawBody)}`],
		['non-numeric timestamp', `t=abc,v1=${hmac(secret, timestamp, rawBody)}`],
		['two different timestamps', `t=1,t=${timestamp},v1=${hmac(secret, timestamp, rawBody)}`],
		['truncated signature', `t=${timestamp},v1=${hmac(secret, timestamp, rawBody).slice(0, 63)}`],
		['non-hex signature', `t=${timestamp},v1=${'z'.repeat(64)}`],
		[
			'huge header',
			`t=${timestamp},` +
				`v1=${'0'.repeat(64)},`.repeat(10_000) +
				`v1=${hmac(secret, timestamp, rawBody)}`,
		],
		['unicode noise', `t=${timestamp},v1=\u0000\uffff${'é'.repeat(100)}`],
	])('returns false, without throwing, for a %s header', (_name, value) => {
		expect(() => verifyStripeSignature(rawBody, value, secret, verifyAt)).not.toThrow();
		expect(verifyStripeSignature(rawBody, value, secret, verifyAt)).toBe(false);
	});

	it('returns false for a non-string header, body or secret, and bad clocks or tolerances', () => {
		const hostile = verifyStripeSignature as unknown as (...args: unknown[]) => boolean;
		expect(hostile(rawBody, 42, secret, verifyAt)).toBe(false);
		expect(hostile(rawBody, ['t=1'], secret, verifyAt)).toBe(false);
		expect(hostile({ rawBody }, header, secret, verifyAt)).toBe(false);
		expect(hostile(rawBody, header, '', verifyAt)).toBe(false);
		expect(hostile(rawBody, header, undefined, verifyAt)).toBe(false);
		expect(hostile(rawBody, header, secret, Number.NaN)).toBe(false);
		expect(hostile(rawBody, header, secret, verifyAt, -1)).toBe(false);
		expect(hostile(rawBody, header, secret, verifyAt, Number.POSITIVE_INFINITY)).toBe(false);
	});

	it('a tolerance of 0 turns the timestamp check off, as in stripe-node 23', () => {
		expect(verifyStripeSignature(rawBody, header, secret, verifyAt + 86_400, 0)).toBe(true);
	});
});

import { createHmac, timingSafeEqual } from 'crypto';
import { assertBody, assertInteger, assertText } from '../../shared/shape';

/**
 * Stripe's webhook signature scheme (docs.stripe.com/webhooks/signature; stripe-node `src/Webhooks.ts`):
 * `Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>...][,v0=<hex>]`, where each `v1` is the hex
 * HMAC-SHA256 of `<t>.<raw body>` keyed with the endpoint secret (`whsec_...`). While a secret is being rolled
 * Stripe sends one `v1` per active secret, so one match is enough; `v0` (test-mode legacy) is ignored.
 *
 * The function never throws: whatever an attacker sends (no header, a huge header, garbage, a non-string) is
 * simply "not verified".
 */

/** Longer headers are refused before any parsing (Stripe's carry a few signatures of 64 hex digits). */
const MAX_HEADER_LENGTH = 4096;
/** At most this many v1 entries are compared (Stripe sends one per active secret, normally one or two). */
const MAX_SIGNATURES = 8;
const HEX_SHA256 = /^[0-9a-f]{64}$/;
const UNIX_SECONDS = /^\d{1,12}$/;

interface ParsedHeader {
	timestamp: number;
	signatures: string[];
}

function parseHeader(header: string): ParsedHeader | null {
	let timestamp: number | null = null;
	const signatures: string[] = [];
	for (const part of header.split(',')) {
		const equals = part.indexOf('=');
		if (equals <= 0) continue;
		const key = part.slice(0, equals).trim();
		const value = part.slice(equals + 1).trim();
		if (key === 't') {
			// Two different timestamps in one header is not something Stripe sends.
			if (!UNIX_SECONDS.test(value)) return null;
			const parsed = Number(value);
			if (timestamp !== null && timestamp !== parsed) return null;
			timestamp = parsed;
		} else if (key === 'v1' && HEX_SHA256.test(value.toLowerCase())) {
			if (signatures.length < MAX_SIGNATURES) signatures.push(value.toLowerCase());
		}
	}
	if (timestamp === null || signatures.length === 0) return null;
	return { timestamp, signatures };
}

/**
 * True when `header` carries a `v1` signature of `rawBody` made with `secret`, timestamped within
 * `toleranceSeconds` of `nowSeconds` (either side, so a forged future timestamp cannot extend a replay
 * window). A tolerance of 0 turns the timestamp check off, as in stripe-node 23; a negative or non-finite
 * tolerance verifies nothing. Verify the exact bytes received: a re-serialised JSON body will not match.
 */
export function verifyStripeSignature(
	rawBody: string | Buffer,
	header: string | undefined,
	secret: string,
	nowSeconds: number,
	toleranceSeconds = 300,
): boolean {
	try {
		if (typeof header !== 'string' || header.length === 0 || header.length > MAX_HEADER_LENGTH) {
			return false;
		}
		if (typeof secret !== 'string' || secret === '') return false;
		if (typeof rawBody !== 'string' && !Buffer.isBuffer(rawBody)) return false;
		if (!Number.isFinite(nowSeconds)) return false;
		if (!Number.isFinite(toleranceSeconds) || toleranceSeconds < 0) return false;
		const parsed = parseHeader(header);
		if (!parsed) return false;
		if (toleranceSeconds > 0 && Math.abs(nowSeconds - parsed.timestamp) > toleranceSeconds) {
			return false;
		}
		const expected = createHmac('sha256', secret)
			.update(`${parsed.timestamp}.`, 'utf8')
			.update(rawBody)
			.digest();
		let matched = false;
		// Compare every candidate (no early exit) so the time taken does not tell which one matched.
		for (const signature of parsed.signatures) {
			const candidate = Buffer.from(signature, 'hex');
			if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) {
				matched = true;
			}
		}
		return matched;
	} catch {
		return false;
	}
}

/** The header Stripe would send for `rawBody` (tests, the simulator, and secret-rotation checks). */
export function signStripePayload(
	rawBody: string | Buffer,
	secrets: string | string[],
	timestampSeconds: number,
): string {
	assertBody(rawBody, 'rawBody');
	const list = Array.isArray(secrets) ? secrets : [secrets];
	list.forEach((secret, index) =>
		assertText(secret, Array.isArray(secrets) ? `secrets[${index}]` : 'secrets'),
	);
	assertInteger(timestampSeconds, 'timestampSeconds', 0);
	const signatures = list.map(
		(secret) =>
			`v1=${createHmac('sha256', secret).update(`${timestampSeconds}.`, 'utf8').update(rawBody).digest('hex')}`,
	);
	return [`t=${timestampSeconds}`, ...signatures].join(',');
}

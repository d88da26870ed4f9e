import { createHmac, timingSafeEqual } from 'crypto';
import { assertBody, assertText } from '../../shared/shape';

/** base64 of a 32-byte HMAC-SHA256: 43 significant characters and one `=` of padding. */
const BASE64_SHA256 = /^[A-Za-z0-9+/]{43}=$/;

/**
 * Intuit's webhook signature (fixtures SOURCES.md, behaviour 3): the `intuit-signature` header is
 * base64(HMAC-SHA256(raw body bytes, verifier token)). The raw bytes are what was signed: a body that was
 * parsed and serialised again no longer verifies. Compares in constant time; every hostile header (missing,
 * empty, not base64, truncated, hex, a list) is simply `false`, never an exception.
 */
export function verifyIntuitSignature(
	rawBody: string | Buffer,
	header: string | undefined,
	verifierToken: string,
): boolean {
	try {
		if (typeof header !== 'string' || typeof verifierToken !== 'string' || verifierToken === '') {
			return false;
		}
		const signature = header.trim();
		if (!BASE64_SHA256.test(signature)) return false;
		const body =
			typeof rawBody === 'string'
				? Buffer.from(rawBody, 'utf8')
				: Buffer.isBuffer(rawBody)
					? rawBody
					: null;
		if (body === null) return false;
		const expected = createHmac('sha256', verifierToken).update(body).digest();
		const given = Buffer.from(signature, 'base64');
		return given.length === expected.length && timingSafeEqual(given, expected);
	} catch {
		return false;
	}
}

/** The header value Intuit would send for a body (used by the simulator and the tests). */
export function signIntuitPayload(rawBody: string | Buffer, verifierToken: string): string {
	assertBody(rawBody, 'rawBody');
	assertText(verifierToken, 'verifierToken');
	return createHmac('sha256', verifierToken).update(rawBody).digest('base64');
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { signIntuitPayload, verifyIntuitSignature } from '../../../nodes/shared/internal';

interface SignatureCase {
	name: string;
	verifierToken: string;
	rawBody: string;
	signature: string | null;
	valid: boolean;
}

const cases = JSON.parse(
	readFileSync(join(__dirname, '../../fixtures/quickbooks/signed-webhooks.json'), 'utf8'),
) as SignatureCase[];

describe('verifyIntuitSignature', () => {
	it.each(cases.map((entry) => [entry.name, entry] as const))(
		'%s',
		(_, { rawBody, signature, verifierToken, valid }) => {
			expect(verifyIntuitSignature(rawBody, signature ?? undefined, verifierToken)).toBe(valid);
			expect(
				verifyIntuitSignature(Buffer.from(rawBody, 'utf8'), signature ?? undefined, verifierToken),
			).toBe(valid);
		},
	);

	it("verifies Intuit's own SDK vector", () => {
		const vector = cases.find((entry) => entry.name === 'intuit-sdk-vector')!;
		expect(signIntuitPayload(vector.rawBody, vector.verifierToken)).toBe(vector.signature);
	});

	it('refuses an empty verifier token, surrounding junk and non-string headers without throwing', () => {
		const valid = cases.find((entry) => entry.name === 'cloudevents-valid')!;
		expect(verifyIntuitSignature(valid.rawBody, valid.signature!, '')).toBe(false);
		expect(verifyIntuitSignature(valid.rawBody, `${valid.signature!}x`, valid.verifierToken)).toBe(
			false,
		);
		expect(
			verifyIntuitSignature(valid.rawBody, `  ${valid.signature!} `, valid.verifierToken),
		).toBe(true);
		for (const hostile of [[valid.signature], 42, {}, null, 'a'.repeat(100_000)]) {
			expect(
				verifyIntuitSignature(valid.rawBody, hostile as unknown as string, valid.verifierToken),
			).toBe(false);
		}
		expect(
			verifyIntuitSignature(null as unknown as string, valid.signature!, valid.verifierToken),
		).toBe(false);
	});

	it('a one-byte change of the body fails', () => {
		const valid = cases.find((entry) => entry.name === 'legacy-valid')!;
		const body = Buffer.from(valid.rawBody, 'utf8');
		body[10] ^= 1;
		expect(verifyIntuitSignature(body, valid.signature!, valid.verifierToken)).toBe(false);
	});
});

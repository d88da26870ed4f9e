import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', 'fixtures');

/** A recorded Stripe response body (test/fixtures/stripe/<name>.json). */
export function stripeFixture<T = Record<string, unknown>>(name: string): T {
	return JSON.parse(readFileSync(join(root, 'stripe', `${name}.json`), 'utf8')) as T;
}

/** A recorded QuickBooks exchange (test/fixtures/quickbooks/<name>.json): `{ request, response }`. */
export function quickBooksExchange<T = Record<string, unknown>>(
	name: string,
): {
	request: Record<string, unknown>;
	response: { status: number; headers: Record<string, string>; body: T };
} {
	return JSON.parse(readFileSync(join(root, 'quickbooks', `${name}.json`), 'utf8'));
}

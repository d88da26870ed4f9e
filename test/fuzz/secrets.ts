// Secret search for the fuzz, fault and concurrency tests: every output and every error is serialised and
// searched for the secret strings the test configured (API key, webhook secret, verifier token, OAuth tokens).

/** JSON of anything, cycles and errors included (message, description, stack and own properties). */
export function serialise(value: unknown): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(value, (_key, entry: unknown) => {
		if (typeof entry === 'bigint') return entry.toString();
		// Megabyte strings are the fuzz's own huge payloads echoed back (they hold no secret): their head is kept.
		if (typeof entry === 'string' && entry.length > 65_536) return `${entry.slice(0, 65_536)}[...]`;
		if (Buffer.isBuffer(entry)) return entry.subarray(0, 65_536).toString('utf8');
		if (entry && typeof entry === 'object') {
			if (seen.has(entry)) return '[cycle]';
			seen.add(entry);
			if (entry instanceof Error) {
				const error = entry as Error & Record<string, unknown>;
				return { ...error, name: error.name, message: error.message, stack: error.stack };
			}
		}
		return entry;
	});
}

/** The secrets found in `value` (none is the only good answer). */
export function leakedSecrets(value: unknown, secrets: readonly string[]): string[] {
	const text = serialise(value) ?? '';
	return secrets.filter((secret) => secret !== '' && text.includes(secret));
}

/** A promise's outcome as a value: its result, or the error it failed with. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Awaits a call and returns its outcome instead of throwing, so a caller that expects some failures (a
 * "not found" that means "already done") decides on them in plain code and passes the others on unchanged:
 * they are already the transport's NodeApiError, with the service's status and code.
 */
export async function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
	return await promise.then(
		(value): Settled<T> => ({ ok: true, value }),
		(error: unknown): Settled<T> => ({ ok: false, error }),
	);
}

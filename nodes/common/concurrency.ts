/**
 * Runs `task` on every value with at most `limit` running at once, for a node that is not a per-item loop (a
 * trigger's reads); results come back in the values' order. After a failure no new task starts; the ones in
 * flight finish, then the first failure is thrown. The execution's pacer still paces the requests themselves.
 */
export async function mapConcurrently<T, R>(
	values: readonly T[],
	limit: number,
	task: (value: T, index: number) => Promise<R>,
): Promise<R[]> {
	const results: R[] = new Array(values.length);
	let next = 0;
	let failure: { error: unknown } | undefined;
	const worker = async (): Promise<void> => {
		while (failure === undefined && next < values.length) {
			const index = next++;
			try {
				results[index] = await task(values[index], index);
			} catch (error) {
				failure ??= { error };
			}
		}
	};
	const workers = Math.max(1, Math.min(Math.floor(limit) || 1, values.length));
	await Promise.all(Array.from({ length: workers }, worker));
	if (failure) throw failure.error;
	return results;
}

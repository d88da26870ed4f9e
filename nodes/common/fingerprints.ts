/**
 * The invoices a polling trigger has emitted (or found overdue at its start), each with the fingerprint it had
 * then, kept in the workflow's static data by the QuickBooks and Pennylane triggers. `tracked` is oldest first;
 * `unconfirmed` holds, during a full read, the fingerprints tracked before it that it has not seen again.
 * Saved as `[id, fingerprint]` pairs: ids are digits, and an object keyed by them would list them in numeric
 * order, not in the order they were seen.
 */
export interface FingerprintLog {
	tracked: Map<string, string>;
	unconfirmed: Map<string, string>;
}

/** How many fingerprints a trigger keeps: 20,000 pairs are about 0.5 MB of static data. */
export const MAX_TRACKED = 20_000;

/** Pairs as saved; an object (as saved before pairs, its order lost) is still read. */
export function readFingerprints(value: unknown): Map<string, string> {
	const entries = Array.isArray(value)
		? value
		: typeof value === 'object' && value !== null
			? Object.entries(value)
			: [];
	const map = new Map<string, string>();
	for (const entry of entries) {
		if (Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'string') {
			map.set(entry[0], entry[1]);
		}
	}
	return map;
}

/** The fingerprint an invoice was last tracked with, if it is. */
export function knownFingerprint(log: FingerprintLog, id: string): string | undefined {
	return log.tracked.get(id) ?? log.unconfirmed.get(id);
}

/** Records a fingerprint as the newest entry. */
export function track(log: FingerprintLog, id: string, fingerprint: string): void {
	log.unconfirmed.delete(id);
	log.tracked.delete(id);
	log.tracked.set(id, fingerprint);
}

/** Stops tracking an invoice; true when it was tracked. */
export function forget(log: FingerprintLog, id: string): boolean {
	const tracked = log.tracked.delete(id);
	const unconfirmed = log.unconfirmed.delete(id);
	return tracked || unconfirmed;
}

/**
 * The pairs to save, within `max`: the oldest go first, those a full read has not seen again before any other
 * (an evicted invoice is emitted again if it changes or is seen again).
 */
export function boundedFingerprints(
	log: FingerprintLog,
	max = MAX_TRACKED,
): { tracked: Array<[string, string]>; unconfirmed: Array<[string, string]> } {
	const unconfirmed = [...log.unconfirmed];
	const tracked = [...log.tracked];
	const excess = Math.max(0, unconfirmed.length + tracked.length - max);
	return {
		tracked: tracked.slice(Math.max(0, excess - unconfirmed.length)),
		unconfirmed: unconfirmed.slice(Math.min(excess, unconfirmed.length)),
	};
}

import type { IDataObject } from 'n8n-workflow';

/**
 * What the trigger keeps between polls in the workflow's static data (never in process memory: n8n may run
 * in queue mode): the CDC watermark as QuickBooks wrote it (Pacific offset), the overdue cut-off day of the
 * last poll, and a fingerprint per invoice emitted as overdue, oldest first, bounded.
 */
export interface PollState {
	watermark: string | null;
	cutoff: string | null;
	tracked: Record<string, string>;
}

export const MAX_TRACKED = 20_000;

export function loadState(data: IDataObject): PollState {
	return {
		watermark: typeof data.watermark === 'string' ? data.watermark : null,
		cutoff: typeof data.cutoff === 'string' ? data.cutoff : null,
		tracked:
			typeof data.tracked === 'object' && data.tracked !== null && !Array.isArray(data.tracked)
				? { ...(data.tracked as Record<string, string>) }
				: {},
	};
}

export function saveState(data: IDataObject, state: PollState): void {
	data.watermark = state.watermark;
	data.cutoff = state.cutoff;
	const ids = Object.keys(state.tracked);
	// The oldest fingerprints go first; an evicted invoice is emitted again if it changes or is seen again.
	const kept = ids.slice(Math.max(0, ids.length - MAX_TRACKED));
	data.tracked = Object.fromEntries(kept.map((id) => [id, state.tracked[id]]));
}

/** Records a fingerprint as the newest entry (JavaScript objects keep insertion order for string keys). */
export function track(state: PollState, id: string, fingerprint: string): void {
	delete state.tracked[id];
	state.tracked[id] = fingerprint;
}

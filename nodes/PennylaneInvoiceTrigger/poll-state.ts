import type { IDataObject } from 'n8n-workflow';

import { boundedFingerprints, readFingerprints, type FingerprintLog } from '../common/fingerprints';

export { forget, knownFingerprint, track } from '../common/fingerprints';

/**
 * What the trigger keeps between polls in the workflow's static data (never in process memory: n8n may run in
 * queue mode), each part bounded:
 * - `since`: the changelog watermark (RFC 3339), and `sinceIds`, the changes at exactly that instant already
 *   handled (the changelog answers from `start_date` inclusive);
 * - `tracked`: a fingerprint per invoice known to be overdue (emitted, or found overdue at the start), oldest
 *   first, saved as `[id, fingerprint]` pairs (an object keyed by digits would lose that order);
 * - `watched`: the open invoices not overdue yet, by due date (`{ "2026-12-05": ["5014"] }`): a changelog only
 *   shows changes, and an invoice that simply passes its due date changes nothing in Pennylane, so these are
 *   read again once their date has crossed the line;
 * - while a full read (the first poll, or after a gap longer than the changelog keeps) spans several polls:
 *   `read`, where it goes on, and `unconfirmed`, the fingerprints tracked before it that it has not seen again.
 */
export interface FullRead {
	/** The last invoice id read: the read goes on above it. */
	afterId: string | null;
	/** Whether the invoices it finds overdue are emitted (else only tracked: the trigger's starting point). */
	emit: boolean;
}

export interface PollState extends FingerprintLog {
	since: string | null;
	sinceIds: string[];
	/** Invoice id → due date. */
	watched: Map<string, string>;
	read: FullRead | null;
}

export const MAX_WATCHED = 20_000;
const MAX_SINCE_IDS = 1_000;

function byDueDate(value: unknown): Map<string, string> {
	const map = new Map<string, string>();
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return map;
	for (const [dueDate, ids] of Object.entries(value)) {
		if (!Array.isArray(ids)) continue;
		for (const id of ids) if (typeof id === 'string') map.set(id, dueDate);
	}
	return map;
}

function fullRead(value: unknown): FullRead | null {
	if (typeof value !== 'object' || value === null) return null;
	const read = value as IDataObject;
	return {
		afterId: typeof read.afterId === 'string' ? read.afterId : null,
		emit: read.emit === true,
	};
}

export function loadState(data: IDataObject): PollState {
	return {
		since: typeof data.since === 'string' ? data.since : null,
		sinceIds: Array.isArray(data.sinceIds)
			? data.sinceIds.filter((id): id is string => typeof id === 'string')
			: [],
		tracked: readFingerprints(data.tracked),
		unconfirmed: readFingerprints(data.unconfirmed),
		watched: byDueDate(data.watched),
		read: fullRead(data.read),
	};
}

/**
 * Writes the state back. Beyond the bounds, the oldest fingerprints go first (those a full read has not seen
 * again before any other: an evicted invoice is emitted again if it changes), and the invoices due last leave
 * the watch (they are found again if they change).
 */
export function saveState(data: IDataObject, state: PollState): void {
	data.since = state.since;
	data.sinceIds = state.sinceIds.slice(-MAX_SINCE_IDS);
	const kept = boundedFingerprints(state);
	data.tracked = kept.tracked;
	const watched: Record<string, string[]> = {};
	const soonestFirst = [...state.watched].sort((a, b) => a[1].localeCompare(b[1]));
	for (const [id, dueDate] of soonestFirst.slice(0, MAX_WATCHED)) {
		(watched[dueDate] ??= []).push(id);
	}
	data.watched = watched;
	if (state.read) {
		data.read = { ...state.read };
		data.unconfirmed = kept.unconfirmed;
	} else {
		delete data.read;
		delete data.unconfirmed;
	}
}

/**
 * Starts a full read of the finalised invoices: every fingerprint tracked so far waits to be seen again (those
 * it does not see were deleted and are dropped at its end), and the watch is rebuilt from what it reads.
 */
export function startFullRead(state: PollState, emit: boolean): void {
	state.unconfirmed = new Map([...state.unconfirmed, ...state.tracked]);
	state.tracked = new Map();
	state.watched = new Map();
	state.read = { afterId: null, emit };
}

/** Ends a full read: the tracked invoices it did not see are gone from Pennylane. */
export function endFullRead(state: PollState): void {
	state.unconfirmed = new Map();
	state.read = null;
}

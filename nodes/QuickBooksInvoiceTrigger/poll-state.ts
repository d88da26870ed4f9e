import type { IDataObject } from 'n8n-workflow';

import { boundedFingerprints, readFingerprints, type FingerprintLog } from '../common/fingerprints';

export { forget, knownFingerprint, track } from '../common/fingerprints';

/**
 * Where a read of overdue invoices that did not fit in one poll continues: the rows of `select ... where
 * DueDate >= '<dueOnOrAfter>' ... orderby DueDate` from the 1-based `position`. Keyed on the due date rather
 * than on a bare start position, so that invoices paid meanwhile among those already read do not shift the
 * rest past the cursor. `lastId` is the last invoice read: when it is not where it was expected, the date is
 * read again from its start (the re-read invoices are known by their fingerprints and not emitted again).
 * `full`: a full read, which ends by re-reading the tracked invoices it did not see (`unconfirmed`, then
 * `confirming`); otherwise only the invoices whose due date crossed the line since the previous poll.
 */
export interface ScanCursor {
	dueOnOrAfter: string | null;
	position: number;
	lastId: string | null;
	full: boolean;
	/** A full read whose query is done: the unconfirmed invoices are being read by id. */
	confirming: boolean;
	/**
	 * Whether the overdue invoices it reads are emitted; false only for the first poll's read with *Emit
	 * Existing Overdue Invoices* off, which records them as the starting point (a cursor saved before the
	 * option existed emits, as it did).
	 */
	emit: boolean;
}

/**
 * What the trigger keeps between polls in the workflow's static data (never in process memory: n8n may run
 * in queue mode): the CDC watermark as QuickBooks wrote it (Pacific offset), the overdue cut-off day of the
 * last poll, a fingerprint per invoice emitted as overdue (oldest first, bounded), and while a read spans
 * several polls, its cursor and the fingerprints tracked before a full read that it has not seen again.
 *
 * Fingerprints are saved as `[id, fingerprint]` pairs, oldest first: QuickBooks ids are digits, and an object
 * keyed by them would list them in numeric order, not in the order they were seen.
 */
export interface PollState extends FingerprintLog {
	watermark: string | null;
	cutoff: string | null;
	scan: ScanCursor | null;
}

function scanCursor(value: unknown): ScanCursor | null {
	if (typeof value !== 'object' || value === null) return null;
	const scan = value as IDataObject;
	const position = Number(scan.position);
	return {
		dueOnOrAfter: typeof scan.dueOnOrAfter === 'string' ? scan.dueOnOrAfter : null,
		position: Number.isSafeInteger(position) && position >= 1 ? position : 1,
		lastId: typeof scan.lastId === 'string' ? scan.lastId : null,
		full: scan.full !== false,
		confirming: scan.confirming === true,
		emit: scan.emit !== false,
	};
}

export function loadState(data: IDataObject): PollState {
	return {
		watermark: typeof data.watermark === 'string' ? data.watermark : null,
		cutoff: typeof data.cutoff === 'string' ? data.cutoff : null,
		tracked: readFingerprints(data.tracked),
		unconfirmed: readFingerprints(data.unconfirmed),
		scan: scanCursor(data.scan),
	};
}

export function saveState(data: IDataObject, state: PollState): void {
	data.watermark = state.watermark;
	data.cutoff = state.cutoff;
	const kept = boundedFingerprints(state);
	data.tracked = kept.tracked;
	if (state.scan) {
		data.scan = { ...state.scan };
		data.unconfirmed = kept.unconfirmed;
	} else {
		delete data.scan;
		delete data.unconfirmed;
	}
}

/**
 * Starts a full read: every fingerprint tracked so far waits to be seen again by it; those it does not see
 * are read by id at its end (paid, voided, deleted or no longer due meanwhile). `emit` false: the overdue
 * invoices it reads are only tracked, not emitted.
 */
export function startFullScan(state: PollState, emit = true): void {
	state.unconfirmed = new Map([...state.unconfirmed, ...state.tracked]);
	state.tracked = new Map();
	state.scan = {
		dueOnOrAfter: null,
		position: 1,
		lastId: null,
		full: true,
		confirming: false,
		emit,
	};
}

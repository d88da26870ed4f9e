import type { IDataObject } from 'n8n-workflow';

import { classifyInvoice, type InvoiceWindow, type OverdueFilter } from '../common/overdue-window';
import { overdueWindowFingerprint, type EmitOn } from '../services/stripe/fingerprint';
import { normalizeStripeInvoice, type Invoice } from '../shared/internal';

/**
 * The polling state kept in the node's static data (n8n may run in queue mode: nothing in memory).
 * `fingerprints[id]` is `<pass>|<fingerprint>`: the pass in which the invoice was last listed and its
 * dunning-relevant state. At the end of a full pass, invoices not seen in it (paid, voided, out of the
 * window) are dropped, so the state holds at most the invoices currently listed.
 */
export interface PollState {
	pass: number;
	cursor?: string;
	fingerprints: Record<string, string>;
}

/** A hard cap, should a single pass list more invoices than this. */
export const MAX_FINGERPRINTS = 100_000;

export function pollState(staticData: IDataObject): PollState {
	if (typeof staticData.pass !== 'number') staticData.pass = 0;
	if (typeof staticData.fingerprints !== 'object' || staticData.fingerprints === null) {
		staticData.fingerprints = {};
	}
	return staticData as unknown as PollState;
}

export interface PollSettings {
	filter: OverdueFilter;
	emitOn: EmitOn;
	bucketDays: number;
	timezone: string;
	today: string;
}

export interface PolledInvoice {
	invoice: Invoice;
	raw: IDataObject;
	window: InvoiceWindow;
	daysOverdue: number;
	change: 'new' | 'changed';
}

/** Opens a pass, or continues the one a previous poll left unfinished; returns the cursor to start from. */
export function beginPass(state: PollState): string | undefined {
	if (state.cursor === undefined) state.pass += 1;
	return state.cursor;
}

/** Judges one listed invoice: emitted when it is in the window and its fingerprint changed. */
export function judge(
	state: PollState,
	raw: IDataObject,
	settings: PollSettings,
): PolledInvoice | null {
	const invoice = normalizeStripeInvoice(raw, { timezone: settings.timezone });
	const match = classifyInvoice(invoice, settings.today, settings.filter);
	if (!match) return null;
	const fingerprint = overdueWindowFingerprint(
		invoice,
		match.daysOverdue,
		settings.today,
		settings.emitOn,
		settings.bucketDays,
	);
	const previous = state.fingerprints[invoice.id];
	// Re-inserted so that, under the cap, the least recently listed invoices go first.
	delete state.fingerprints[invoice.id];
	state.fingerprints[invoice.id] = `${state.pass}|${fingerprint}`;
	const before = previous === undefined ? undefined : previous.slice(previous.indexOf('|') + 1);
	if (before === fingerprint) return null;
	return { invoice, raw, ...match, change: before === undefined ? 'new' : 'changed' };
}

/** Ends a poll: keeps the cursor of an unfinished pass, or prunes what the finished pass did not see. */
export function endPoll(state: PollState, nextCursor: string | undefined): void {
	if (nextCursor !== undefined) {
		state.cursor = nextCursor;
	} else {
		delete state.cursor;
		const current = `${state.pass}|`;
		for (const [id, entry] of Object.entries(state.fingerprints)) {
			if (!entry.startsWith(current)) delete state.fingerprints[id];
		}
	}
	const ids = Object.keys(state.fingerprints);
	for (let index = 0; index < ids.length - MAX_FINGERPRINTS; index++) {
		delete state.fingerprints[ids[index]];
	}
}

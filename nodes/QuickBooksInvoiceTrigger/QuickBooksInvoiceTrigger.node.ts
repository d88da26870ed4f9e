import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	CDC_MAX_OBJECTS,
	assertTimeZone,
	changeSyncMode,
	dunningFingerprint,
	formatIntuitTimestamp,
	overdueInvoicesQuery,
	parseIntuitTimestamp,
} from '../shared';
import {
	customerLookup,
	fetchChanges,
	fetchInvoicesById,
	invoiceIdsOfPayment,
	queryAll,
	type RawObject,
} from '../QuickBooksDunning/api';
import { invoiceEvent, invoiceJson, normalize, overdueCutoff } from '../QuickBooksDunning/overdue';
import {
	QUICKBOOKS_CREDENTIAL,
	quickBooksConnection,
	type QuickBooksConnection,
} from '../QuickBooksDunning/transport';
import { quickBooksInvoiceTriggerProperties } from './description';
import { loadState, saveState, track, type PollState } from './poll-state';

/** The next CDC window starts this long before the server's clock at the last answer: overlaps are deduplicated. */
const WATERMARK_OVERLAP_MS = 5 * 60_000;

interface Options {
	customerLookup?: 'missingEmail' | 'always' | 'never';
	emitSettled?: boolean;
	timeoutMs?: number;
	timezone?: string;
}

/** The server's clock (its `time` field, Pacific offset) minus the overlap, written with the same offset. */
function nextWatermark(serverTime: string | null, nowMs: number): string {
	let ms = nowMs;
	let offset = 0;
	if (serverTime) {
		try {
			({ ms, offsetMinutes: offset } = parseIntuitTimestamp(serverTime, 'time'));
		} catch {
			// a missing or odd server clock: our own clock in UTC
		}
	}
	return formatIntuitTimestamp(ms - WATERMARK_OVERLAP_MS, offset);
}

/** Invoices that changed, by id; deleted ones apart. */
interface Candidates {
	invoices: Map<string, RawObject>;
	deleted: Set<string>;
	serverTime: string | null;
	full: boolean;
}

async function changesSince(
	context: IPollFunctions,
	connection: QuickBooksConnection,
	state: PollState,
	cutoff: string,
): Promise<Candidates> {
	const changes = await fetchChanges(context, connection, state.watermark!);
	const candidates: Candidates = {
		invoices: new Map(),
		deleted: new Set(),
		serverTime: changes.time,
		// At the cap, CDC may have left changes out (behaviour 7): fall back to a full query.
		full: changes.invoices.length + changes.payments.length >= CDC_MAX_OBJECTS,
	};
	for (const raw of changes.invoices) {
		const id = String(raw.Id);
		if (raw.status === 'Deleted') candidates.deleted.add(id);
		else candidates.invoices.set(id, raw);
	}
	const paid = changes.payments
		.flatMap((payment) => invoiceIdsOfPayment(payment))
		.filter((id) => !candidates.invoices.has(id));
	for (const raw of paid.length ? await fetchInvoicesById(context, connection, paid) : []) {
		candidates.invoices.set(String(raw.Id), raw);
	}
	// Time alone makes invoices overdue, with no change in QuickBooks: those whose due date crossed the line
	// since the previous poll's cut-off are read by due date.
	if (state.cutoff && state.cutoff < cutoff && !candidates.full) {
		const crossed = await queryAll(context, connection, (start) =>
			overdueInvoicesQuery({ dueBefore: cutoff, dueOnOrAfter: state.cutoff }, start),
		);
		for (const raw of crossed.rows) candidates.invoices.set(String(raw.Id), raw);
	}
	return candidates;
}

/** Every overdue invoice, plus a fresh read of the tracked ones that left the overdue set (paid, voided...). */
async function fullScan(
	context: IPollFunctions,
	connection: QuickBooksConnection,
	state: PollState,
	cutoff: string,
	candidates: Candidates,
): Promise<void> {
	const overdue = await queryAll(context, connection, (start) =>
		overdueInvoicesQuery({ dueBefore: cutoff }, start),
	);
	candidates.serverTime ??= overdue.time;
	for (const raw of overdue.rows) candidates.invoices.set(String(raw.Id), raw);
	const missing = Object.keys(state.tracked).filter(
		(id) => !candidates.invoices.has(id) && !candidates.deleted.has(id),
	);
	if (missing.length === 0) return;
	const found = await fetchInvoicesById(context, connection, missing);
	for (const raw of found) candidates.invoices.set(String(raw.Id), raw);
	const foundIds = new Set(found.map((raw) => String(raw.Id)));
	for (const id of missing) if (!foundIds.has(id)) candidates.deleted.add(id);
}

export class QuickBooksInvoiceTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'QuickBooks Invoice Trigger',
		name: 'quickBooksInvoiceTrigger',
		icon: {
			light: 'file:quickBooksInvoiceTrigger.svg',
			dark: 'file:quickBooksInvoiceTrigger.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "overdue invoices, " + $parameter["graceDays"] + " grace days" }}',
		description:
			'Starts the workflow when a QuickBooks Online invoice becomes overdue, or is paid or voided after that',
		defaults: { name: 'QuickBooks Invoice Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: QUICKBOOKS_CREDENTIAL, required: true }],
		properties: quickBooksInvoiceTriggerProperties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const options = this.getNodeParameter('options', {}) as Options;
		const graceDays = this.getNodeParameter('graceDays', 0) as number;
		const timezone = assertTimeZone(
			(options.timezone ?? '').trim() || this.getTimezone(),
			'options.timezone',
		);
		const emitSettled = options.emitSettled ?? true;
		const connection = await quickBooksConnection(this, { timeoutMs: options.timeoutMs });
		const staticData = this.getWorkflowStaticData('node');
		const state = loadState(staticData);
		const now = Date.now();
		const cutoff = overdueCutoff(now, timezone, graceDays);

		let candidates: Candidates = {
			invoices: new Map(),
			deleted: new Set(),
			serverTime: null,
			full: true,
		};
		if (changeSyncMode(state.watermark, now) === 'cdc') {
			candidates = await changesSince(this, connection, state, cutoff);
		}
		if (candidates.full) await fullScan(this, connection, state, cutoff, candidates);

		const lookup = options.customerLookup === 'never' ? null : customerLookup(this, connection);
		const emitted: INodeExecutionData[] = [];
		for (const raw of candidates.invoices.values()) {
			const id = String(raw.Id);
			const invoice = normalize(raw, timezone);
			const event = invoiceEvent(invoice, cutoff);
			if (event === 'overdue') {
				const fingerprint = dunningFingerprint(invoice);
				const seen = state.tracked[id] === fingerprint;
				track(state, id, fingerprint);
				if (seen) continue;
			} else {
				const wasTracked = id in state.tracked;
				delete state.tracked[id];
				if (!event || !wasTracked || !emitSettled) continue;
			}
			const customer = await customerOf(lookup, options, raw);
			const expanded = customer ? normalize(raw, timezone, customer) : invoice;
			emitted.push({ json: invoiceJson(expanded, raw, { event, customer }) as IDataObject });
		}
		for (const id of candidates.deleted) delete state.tracked[id];

		state.watermark = nextWatermark(candidates.serverTime, now);
		state.cutoff = cutoff;
		saveState(staticData, state);
		if (emitted.length) return [emitted];
		// On a schedule, null means "no execution"; run by hand ("Execute step"), the step shows it ran empty.
		return this.getMode() === 'manual' ? [[]] : null;
	}
}

async function customerOf(
	lookup: ReturnType<typeof customerLookup> | null,
	options: Options,
	raw: RawObject,
): Promise<RawObject | undefined> {
	if (!lookup) return undefined;
	if (options.customerLookup === 'always') {
		return await lookup({ CustomerRef: raw.CustomerRef });
	}
	return await lookup(raw);
}

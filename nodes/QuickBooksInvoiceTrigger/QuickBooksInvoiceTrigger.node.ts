import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { readPollSettings, requestTimeoutMs } from '../common/source-properties';
import {
	customerLookup,
	fetchChanges,
	invoiceIdsOfPayment,
	invoicesById,
	runQuery,
	type CustomerLookupMode,
	type RawObject,
} from '../services/quickbooks/invoices';
import {
	invoiceEvent,
	invoiceJson,
	normalize,
	overdueCutoff,
} from '../services/quickbooks/overdue';
import {
	QUICKBOOKS_CREDENTIAL,
	quickBooksConnection,
	type QuickBooksConnection,
} from '../services/quickbooks/transport';
import {
	amountOwedFingerprint,
	CDC_MAX_OBJECTS,
	changeSyncMode,
	formatIntuitTimestamp,
	overdueInvoicesQuery,
	parseIntuitTimestamp,
	QUERY_PAGE_SIZE,
} from '../shared/internal';
import { DEFAULT_MAX_PAGES, quickBooksInvoiceTriggerProperties } from './description';
import {
	forget,
	knownFingerprint,
	loadState,
	saveState,
	startFullScan,
	track,
	type PollState,
	type ScanCursor,
} from './poll-state';

/** The next CDC window starts this long before the server's clock at the last answer: overlaps are deduplicated. */
const WATERMARK_OVERLAP_MS = 5 * 60_000;

/**
 * A read continued at the next poll starts this many rows before where it stopped, on the same due date, and
 * checks that the last invoice it read is among them: invoices of that date paid meanwhile would otherwise
 * shift unread ones before the cursor.
 */
const SCAN_OVERLAP_ROWS = 100;

interface Options extends IDataObject {
	customerLookup?: CustomerLookupMode;
	emitSettled?: boolean;
	emitExisting?: boolean;
	maxPages?: number;
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

/**
 * One poll's judge: turns each invoice read into an item when it is news (new or changed overdue invoice, or
 * a tracked one paid or voided), updating the fingerprints. Invoices are handed over as they are read, so a
 * poll holds only the items it emits, never the pages it read.
 */
class PollRun {
	readonly emitted: INodeExecutionData[] = [];
	private readonly customerOf: ReturnType<typeof customerLookup>;

	constructor(
		context: IPollFunctions,
		connection: QuickBooksConnection,
		private readonly state: PollState,
		private readonly options: Options,
		private readonly timezone: string,
		private readonly cutoff: string,
	) {
		this.customerOf = customerLookup(context, connection, options.customerLookup);
	}

	async consider(raw: RawObject): Promise<void> {
		const id = String(raw.Id);
		const invoice = normalize(raw, this.timezone);
		const event = invoiceEvent(invoice, this.cutoff);
		if (event === 'overdue') {
			const fingerprint = amountOwedFingerprint(invoice);
			const seen = knownFingerprint(this.state, id) === fingerprint;
			track(this.state, id, fingerprint);
			// A first read that only records its starting point (Emit Existing Overdue Invoices off).
			if (seen || this.state.scan?.emit === false) return;
		} else {
			const wasTracked = forget(this.state, id);
			if (!event || !wasTracked || !(this.options.emitSettled ?? true)) return;
		}
		const customer = await this.customerOf(raw);
		const expanded = customer ? normalize(raw, this.timezone, customer) : invoice;
		this.emitted.push({ json: invoiceJson(expanded, raw, { event, customer }) as IDataObject });
	}
}

/**
 * Changes since the watermark through CDC (behaviour 7): changed invoices, the invoices of changed payments,
 * deletions. At CDC's cap some changes may be missing: a full read starts. Otherwise, when the cut-off moved,
 * a read of the invoices whose due date crossed the line starts (time alone makes invoices overdue, with no
 * change in QuickBooks). Returns the server's clock.
 */
async function changesSince(
	context: IPollFunctions,
	connection: QuickBooksConnection,
	run: PollRun,
	state: PollState,
	cutoff: string,
): Promise<string | null> {
	const changes = await fetchChanges(context, connection, state.watermark!);
	if (changes.invoices.length + changes.payments.length >= CDC_MAX_OBJECTS) startFullScan(state);
	const changed = new Set<string>();
	const deleted: string[] = [];
	for (const raw of changes.invoices) {
		const id = String(raw.Id);
		if (raw.status === 'Deleted') {
			deleted.push(id);
		} else if (!changed.has(id)) {
			changed.add(id);
			await run.consider(raw);
		}
	}
	const paid = changes.payments
		.flatMap((payment) => invoiceIdsOfPayment(payment))
		.filter((id) => !changed.has(id));
	for await (const page of invoicesById(context, connection, paid)) {
		for (const raw of page) await run.consider(raw);
	}
	for (const id of deleted) forget(state, id);
	if (!state.scan && state.cutoff && state.cutoff < cutoff) {
		state.scan = {
			dueOnOrAfter: state.cutoff,
			position: 1,
			lastId: null,
			full: false,
			confirming: false,
			emit: true,
		};
	}
	return changes.time;
}

/**
 * Reads on where the cursor stands, at most `maxPages` query pages: the overdue invoices by due date, then for
 * a full read the tracked invoices it did not see, by id. Leaves the cursor for the next poll, or none when the
 * read is over. Returns the server's clock at the first answer.
 */
async function continueScan(
	context: IPollFunctions,
	connection: QuickBooksConnection,
	run: PollRun,
	state: PollState,
	cutoff: string,
	maxPages: number,
): Promise<string | null> {
	const scan = state.scan!;
	let time: string | null = null;
	let pages = 0;
	if (!scan.confirming) {
		const progress = await readOverdue(context, connection, run, scan, cutoff, maxPages);
		pages = progress.pages;
		time = progress.time;
		if (!progress.done) return time;
		if (!scan.full) {
			state.scan = null;
			return time;
		}
		scan.confirming = true;
	}
	// The tracked invoices the full read did not see left the overdue set (paid, voided, deleted...): read by
	// id, within what is left of this poll's pages (`consider` and `forget` take each out of `unconfirmed`).
	const budget = (maxPages - pages) * QUERY_PAGE_SIZE;
	const ids = [...state.unconfirmed.keys()].slice(0, budget);
	const found = new Set<string>();
	for await (const page of invoicesById(context, connection, ids)) {
		for (const raw of page) {
			found.add(String(raw.Id));
			await run.consider(raw);
		}
	}
	for (const id of ids) if (!found.has(id)) forget(state, id);
	if (state.unconfirmed.size === 0) state.scan = null;
	return time;
}

/** The query part of a read: pages of overdue invoices from the cursor; moves the cursor on. */
async function readOverdue(
	context: IPollFunctions,
	connection: QuickBooksConnection,
	run: PollRun,
	scan: ScanCursor,
	cutoff: string,
	maxPages: number,
): Promise<{ pages: number; time: string | null; done: boolean }> {
	let time: string | null = null;
	let pages = 0;
	// The due date of the last invoice read, and how many of that date the query from the cursor has given.
	let lastDue: string | null = null;
	let lastId: string | null = null;
	let sameDue = 0;
	let checkLastId = scan.lastId !== null && scan.position > 1;
	while (pages < maxPages) {
		const statement = overdueInvoicesQuery(
			{ dueBefore: cutoff, dueOnOrAfter: scan.dueOnOrAfter },
			scan.position,
		);
		const page = await runQuery(context, connection, statement);
		pages++;
		time ??= page.time;
		if (checkLastId) {
			checkLastId = false;
			if (!page.rows.some((raw) => String(raw.Id) === scan.lastId)) {
				// Shifted (or the last invoice read left the set): this date again from its start.
				scan.position = 1;
				scan.lastId = null;
				continue;
			}
		}
		for (let index = 0; index < page.rows.length; index++) {
			const raw = page.rows[index];
			const due = typeof raw.DueDate === 'string' ? raw.DueDate : null;
			if (due !== null && due === scan.dueOnOrAfter) {
				// The invoices of the cursor's own date come first: this one is the n-th of its date.
				sameDue = scan.position + index;
			} else {
				sameDue = due === lastDue ? sameDue + 1 : 1;
			}
			lastDue = due;
			lastId = String(raw.Id);
			await run.consider(raw);
		}
		if (page.rows.length < QUERY_PAGE_SIZE) return { pages, time, done: true };
		scan.position += page.rows.length;
	}
	// Out of pages for this poll: the next one continues on the last date read, a little before where this
	// one stopped.
	if (lastDue !== null) {
		scan.dueOnOrAfter = lastDue;
		scan.position = Math.max(1, sameDue + 1 - SCAN_OVERLAP_ROWS);
		scan.lastId = scan.position > 1 ? lastId : null;
	}
	return { pages, time, done: false };
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
		subtitle: '={{ "invoices overdue by " + $parameter["minDaysOverdue"] + "+ days" }}',
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
		const { options, minDaysOverdue, timezone, maxPages } = readPollSettings<Options>(
			this,
			DEFAULT_MAX_PAGES,
		);
		const connection = await quickBooksConnection(this, { timeoutMs: requestTimeoutMs(options) });
		const staticData = this.getWorkflowStaticData('node');
		const state = loadState(staticData);
		const now = Date.now();
		const cutoff = overdueCutoff(now, timezone, minDaysOverdue);
		const run = new PollRun(this, connection, state, options, timezone, cutoff);

		// A read that a previous poll left unfinished goes on first; the watermark stays where it was when that
		// read started, so that CDC afterwards covers what changed meanwhile.
		const continuing = state.scan !== null;
		let serverTime: string | null = null;
		if (!continuing) {
			if (changeSyncMode(state.watermark, now) === 'cdc') {
				serverTime = await changesSince(this, connection, run, state, cutoff);
			} else {
				// The first poll emits the invoices already overdue unless told not to; a manual run (whose static
				// data n8n does not keep) always shows them, and so does a full read after a long gap.
				const first = state.watermark === null;
				const manual = this.getMode() === 'manual';
				startFullScan(state, !first || options.emitExisting !== false || manual);
			}
		}
		if (state.scan) {
			const scanTime = await continueScan(this, connection, run, state, cutoff, maxPages);
			serverTime ??= scanTime;
		}

		if (!continuing) state.watermark = nextWatermark(serverTime, now);
		state.cutoff = cutoff;
		saveState(staticData, state);
		if (run.emitted.length) return [run.emitted];
		// On a schedule, null means "no execution"; run by hand ("Execute step"), the step shows it ran empty.
		return this.getMode() === 'manual' ? [[]] : null;
	}
}

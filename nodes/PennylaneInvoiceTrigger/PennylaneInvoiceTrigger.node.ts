import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { readPollSettings, requestTimeoutMs } from '../common/source-properties';
import { changelogCovers, changelogPages } from '../services/pennylane/changes';
import {
	CustomerCache,
	finalisedInvoicePages,
	INVOICE_PAGE_SIZE,
	invoicesByIds,
} from '../services/pennylane/invoices';
import { PENNYLANE_REQUESTS_AT_ONCE } from '../services/pennylane/limits';
import { pennylaneCredentials } from '../services/pennylane/options';
import type { PennylaneContext } from '../services/pennylane/transport';
import { dateInTimeZone } from '../shared/internal';
import { DEFAULT_MAX_PAGES, pennylaneInvoiceTriggerProperties } from './description';
import { PollRun } from './poll-run';
import {
	endFullRead,
	forget,
	loadState,
	saveState,
	startFullRead,
	type PollState,
} from './poll-state';

/**
 * How far behind our clock Pennylane may still record a change (its clock, its processing): a new watermark
 * starts this long before our clock, and a change is taken as settled once it is this old.
 */
const SETTLE_MS = 5 * 60_000;
/**
 * With nothing new, the watermark still moves up to a day behind our clock, so that a quiet month does not
 * leave it older than the four weeks the changelog keeps; a day leaves room for any clock difference.
 */
const QUIET_LAG_MS = 24 * 3600_000;

interface Options extends IDataObject {
	emitExisting?: boolean;
	emitSettled?: boolean;
	maxPages?: number;
	concurrency?: number;
	timezone?: string;
}

/** What one poll may do: pages of 100 invoices to read, requests at once, the request timeout. */
interface Budget {
	pages: number;
	concurrency: number;
	timeoutMs: number;
}

/** Reads invoices afresh by id and judges them; an id Pennylane no longer returns is forgotten. */
async function reread(
	context: PennylaneContext,
	run: PollRun,
	state: PollState,
	ids: string[],
	budget: Budget,
): Promise<void> {
	const found = new Set<string>();
	for (const raw of await invoicesByIds(context, ids, budget)) {
		found.add(String(raw.id));
		run.consider(raw);
	}
	for (const id of ids) {
		if (found.has(id)) continue;
		forget(state, id);
		state.watched.delete(id);
	}
}

/**
 * The changes since the watermark (SOURCES.md §11), at most `budget.pages` pages of them and as many distinct
 * invoices as the budget reads; each changed invoice is read once, however often it changed. The watermark
 * moves to the last change taken. Pennylane answers from `start_date` inclusive: the changes at that very
 * instant are skipped once settled (`sinceIds`), and read again until then, since another change of the same
 * invoice could still be recorded at the same instant. Returns how many invoice pages that used.
 */
async function readChanges(
	context: PennylaneContext,
	run: PollRun,
	state: PollState,
	budget: Budget,
	nowMs: number,
): Promise<number> {
	const since = state.since!;
	const sinceMs = Date.parse(since);
	const handled = new Set(state.sinceIds);
	const maxInvoices = budget.pages * INVOICE_PAGE_SIZE;
	const changed = new Map<string, boolean>(); // id → deleted
	// The last instant taken and the ids changed at it (typed wide: TypeScript loses the loop's assignments).
	let last = null as { at: string; ms: number; ids: Set<string> } | null;
	let complete = true;
	let pages = 0;
	read: for await (const page of changelogPages(context, since, budget.timeoutMs)) {
		pages++;
		for (const change of page) {
			if (change.processedMs !== null) {
				if (change.processedMs < sinceMs) continue;
				if (change.processedMs === sinceMs && handled.has(change.id)) continue;
			}
			if (!changed.has(change.id) && changed.size >= maxInvoices) {
				complete = false;
				break read;
			}
			changed.set(change.id, change.operation === 'delete');
			if (change.processedMs !== null) {
				if (last?.ms !== change.processedMs) {
					last = { at: change.processedAt!, ms: change.processedMs, ids: new Set() };
				}
				last.ids.add(change.id);
			}
		}
		if (pages >= budget.pages) {
			complete = false;
			break;
		}
	}
	if (last) {
		// Cut short by the budget in the middle of an instant, the ids taken are skipped next time whatever
		// their age: the rest of that instant must be reached.
		const skip = !complete || last.ms <= nowMs - SETTLE_MS;
		const before = last.ms === sinceMs ? state.sinceIds : [];
		state.since = last.at;
		state.sinceIds = skip ? [...new Set([...before, ...last.ids])] : [];
	}
	if (complete && Date.parse(state.since!) < nowMs - QUIET_LAG_MS) {
		state.since = new Date(nowMs - QUIET_LAG_MS).toISOString();
		state.sinceIds = [];
	}
	const live = [...changed].filter(([, deleted]) => !deleted).map(([id]) => id);
	for (const [id, deleted] of changed) {
		if (deleted) {
			forget(state, id);
			state.watched.delete(id);
		}
	}
	await reread(context, run, state, live, budget);
	return Math.ceil(live.length / INVOICE_PAGE_SIZE);
}

/**
 * Continues the full read where it stands, at most `pages` pages of 100 invoices by id; ends it when the
 * last page is read.
 */
async function continueFullRead(
	context: PennylaneContext,
	run: PollRun,
	state: PollState,
	pages: number,
	timeoutMs: number,
): Promise<void> {
	const read = state.read!;
	let count = 0;
	for await (const page of finalisedInvoicePages(context, read.afterId, timeoutMs)) {
		count++;
		for (const raw of page) {
			run.consider(raw, read.emit);
			read.afterId = String(raw.id);
		}
		// A full last page may have more behind it: the next poll asks, from the last id read.
		if (count >= pages && page.length === INVOICE_PAGE_SIZE) return;
	}
	endFullRead(state);
}

export class PennylaneInvoiceTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Pennylane Invoice Trigger',
		name: 'pennylaneInvoiceTrigger',
		icon: {
			light: 'file:pennylaneInvoiceTrigger.svg',
			dark: 'file:pennylaneInvoiceTrigger.dark.svg',
		},
		group: ['trigger'],
		version: 1,
		subtitle: '={{ "invoices overdue by " + $parameter["minDaysOverdue"] + "+ days" }}',
		description:
			'Starts the workflow when a Pennylane customer invoice becomes overdue, or is paid or voided after that',
		defaults: { name: 'Pennylane Invoice Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: pennylaneCredentials,
		properties: pennylaneInvoiceTriggerProperties,
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const { options, minDaysOverdue, timezone, maxPages } = readPollSettings<Options>(
			this,
			DEFAULT_MAX_PAGES,
		);
		const concurrency = Math.floor(Number(options.concurrency ?? PENNYLANE_REQUESTS_AT_ONCE));
		const budget: Budget = {
			pages: maxPages,
			concurrency: Math.min(10, Math.max(1, concurrency || PENNYLANE_REQUESTS_AT_ONCE)),
			timeoutMs: requestTimeoutMs(options),
		};
		const manual = this.getMode() === 'manual';
		const nowMs = Date.now();
		const staticData = this.getWorkflowStaticData('node');
		const state = loadState(staticData);
		const run = new PollRun(state, {
			today: dateInTimeZone(nowMs, timezone),
			minDaysOverdue,
			timezone,
			emitSettled: options.emitSettled ?? true,
		});

		// A full read that a previous poll left unfinished goes on first; the changelog waits for its end and
		// then covers, from the watermark set when it started, what changed meanwhile.
		let pagesLeft = budget.pages;
		if (state.read === null) {
			if (state.since === null || !changelogCovers(state.since, nowMs)) {
				// The first poll, or a gap longer than the changelog keeps: every finalised invoice is read. A
				// manual run (whose static data n8n does not keep) shows the overdue ones.
				const first = state.since === null;
				startFullRead(state, !first || options.emitExisting === true || manual);
				state.since = new Date(nowMs - SETTLE_MS).toISOString();
				state.sinceIds = [];
			} else {
				pagesLeft -= await readChanges(this, run, state, budget, nowMs);
				// A changelog shows changes only: an invoice that simply passes its due date is read again.
				const crossed = run.crossed(Math.max(0, pagesLeft) * INVOICE_PAGE_SIZE);
				for (const id of crossed) state.watched.delete(id);
				await reread(this, run, state, crossed, budget);
			}
		}
		if (state.read !== null) {
			await continueFullRead(this, run, state, Math.max(1, pagesLeft), budget.timeoutMs);
		}

		const items = await run.items(new CustomerCache(this, budget.timeoutMs), budget.concurrency);
		// Written last: a poll that fails leaves the static data as the previous poll saved it.
		saveState(staticData, state);
		if (items.length) return [items];
		// On a schedule, null means "no execution"; run by hand ("Execute step"), the step shows it ran empty.
		return manual ? [[]] : null;
	}
}

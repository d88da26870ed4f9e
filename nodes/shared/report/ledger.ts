/**
 * The Dunning Ledger as the report's history (issue 22): the rows the ledger keeps about a book of invoices,
 * folded into the same dunning fields the report reads from Stripe metadata or a QuickBooks note, so that a
 * Pennylane or spreadsheet report counts reminders exactly as a Stripe one does, plus the proof of each one.
 * Pure: the SQL read is `readLedgerHistoryRows` (nodes/services/ledger/history-read.ts).
 */
import { assertTimeZone, dateInTimeZone, isIsoDate, type IsoDate } from '../dates';
import { DunningInputError, describeValue } from '../errors';
import { assertList, assertObject, assertShape, type Shape } from '../shape';
import type {
	InvoiceLedger,
	InvoiceProofs,
	ReminderProof,
	ReportInvoice,
	SentStep,
	UnsentClaim,
} from './types';

/** A row of `<prefix>_steps`: a claimed step, sent once `sentAt` is set. Instants as ISO 8601 text. */
export interface LedgerStepRow {
	source: string;
	invoiceId: string;
	stepId: string;
	claimedAt: string;
	claimedBy: string;
	sentAt: string | null;
	sentBy: string | null;
	channel: string | null;
	address: string | null;
	messageSha256: string | null;
	/** Whether the row keeps the message itself (its `message` column is not null). */
	messageKept?: boolean;
}

/** A row of `<prefix>_state`: what a person or a reply recorded for an invoice. */
export interface LedgerStateRow {
	source: string;
	invoiceId: string;
	promisedOn: IsoDate | null;
	disputed: boolean;
	paused: boolean;
}

/** An event of `<prefix>_events`; the fold reads `released` (claims given up) and `state` (promises). */
export interface LedgerEventRow {
	id: number;
	source: string;
	invoiceId: string;
	stepId: string | null;
	kind: string;
	at: string;
	executionId: string | null;
	detail: Record<string, unknown> | null;
}

/** The ledger's rows for the invoices of a report, in any order and from any number of queries. */
export interface LedgerHistoryRows {
	steps: LedgerStepRow[];
	states: LedgerStateRow[];
	events: LedgerEventRow[];
}

const KEY: Record<string, Shape> = { source: 'string', invoiceId: 'string' };

const STEP_ROW: Shape = {
	...KEY,
	stepId: 'string',
	claimedAt: 'string',
	claimedBy: 'string',
	sentAt: 'string?',
	sentBy: 'string?',
	channel: 'string?',
	address: 'string?',
	messageSha256: 'string?',
	messageKept: { optional: 'boolean' },
};

const STATE_ROW: Shape = { ...KEY, promisedOn: 'date?', disputed: 'boolean', paused: 'boolean' };

const EVENT_ROW: Shape = {
	...KEY,
	id: 'integer',
	stepId: 'string?',
	kind: 'string',
	at: 'string',
	executionId: 'string?',
	detail: 'any',
};

const PROOF: Shape = {
	stepId: 'string',
	claimedAt: 'string',
	claimedBy: 'string',
	sentAt: 'string',
	sentOn: 'date',
	sentBy: 'string',
	channel: 'string',
	address: 'string?',
	messageSha256: 'string',
	messageKept: 'boolean',
};

/** What the report checks of an invoice's `dunning.ledger` (set by the fold, possibly after a trip through JSON). */
export const INVOICE_LEDGER_SHAPE = {
	proofs: { list: PROOF },
	unsentClaims: { list: { stepId: 'string', claimedAt: 'string', claimedBy: 'string' } },
	releasedClaims: 'integer',
} satisfies Record<string, Shape>;

/** An instant of the ledger (`2026-11-09T10:00:00.123456+01:00`) as ISO 8601 UTC, or the field named. */
function instant(value: unknown, field: string): string {
	const ms = typeof value === 'string' ? Date.parse(value) : NaN;
	if (!Number.isFinite(ms)) {
		throw new DunningInputError(field, `${describeValue(value)} is not an instant (ISO 8601)`);
	}
	return new Date(ms).toISOString();
}

const INVOICE_KEY: Shape = { id: 'string', source: 'string', dunning: {} };

const keyOf = (row: { source: string; invoiceId: string }) => `${row.source}\u0000${row.invoiceId}`;

function groupBy<T extends { source: string; invoiceId: string }>(rows: T[]): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const row of rows) {
		const key = keyOf(row);
		const group = groups.get(key);
		if (group) group.push(row);
		else groups.set(key, [row]);
	}
	return groups;
}

function checkedRows<T>(rows: unknown, shape: Shape, field: string): T[] {
	return assertList(rows, field).map((row, index) => {
		assertShape(row, shape, `${field}[${index}]`);
		return row as T;
	});
}

/** A steps row read as what it proves: a reminder sent, or a claim not (yet) sent. */
type StepFact = { source: string; invoiceId: string } & (
	| { proof: ReminderProof; claim?: undefined }
	| { proof?: undefined; claim: UnsentClaim }
);

/** The ledger's CHECK makes sender, channel and digest present once `sentAt` is: a row without them is refused. */
function stepFact(row: LedgerStepRow, field: string, timezone: string): StepFact {
	const key = { source: row.source, invoiceId: row.invoiceId };
	const claimedAt = instant(row.claimedAt, `${field}.claimedAt`);
	if (row.sentAt === null || row.sentAt === undefined) {
		return { ...key, claim: { stepId: row.stepId, claimedAt, claimedBy: row.claimedBy } };
	}
	const sentAt = instant(row.sentAt, `${field}.sentAt`);
	for (const name of ['sentBy', 'channel', 'messageSha256'] as const) {
		if (typeof row[name] !== 'string' || row[name] === '') {
			throw new DunningInputError(`${field}.${name}`, 'is missing on a sent step');
		}
	}
	if (!/^[0-9a-f]{64}$/.test(row.messageSha256 as string)) {
		throw new DunningInputError(
			`${field}.messageSha256`,
			`${describeValue(row.messageSha256)} is not a SHA-256 in lower-case hex`,
		);
	}
	return {
		...key,
		proof: {
			stepId: row.stepId,
			claimedAt,
			claimedBy: row.claimedBy,
			sentAt,
			sentOn: dateInTimeZone(Date.parse(sentAt), timezone),
			sentBy: row.sentBy as string,
			channel: row.channel as string,
			address: row.address ?? null,
			messageSha256: row.messageSha256 as string,
			messageKept: row.messageKept === true,
		},
	};
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every distinct "pay by" day the `state` events recorded, in the order they were recorded. */
function promisesOfEvents(events: LedgerEventRow[]): IsoDate[] {
	const days: IsoDate[] = [];
	for (const event of [...events].sort((a, b) => a.id - b.id)) {
		const day = event.kind === 'state' ? event.detail?.promisedOn : undefined;
		if (isIsoDate(day) && !days.includes(day)) days.push(day);
	}
	return days;
}

/**
 * The promise, dispute and pause of an invoice: the ledger's when it has a state row for it (with every promise
 * its `state` events recorded), else the invoice's own (a Stripe invoice whose disputes live in Stripe).
 */
function stateFields(
	dunning: ReportInvoice['dunning'],
	state: LedgerStateRow | undefined,
	events: LedgerEventRow[],
): ReportInvoice['dunning'] {
	if (state === undefined) return dunning;
	const recorded = promisesOfEvents(events);
	const own = { ...dunning };
	delete own.promises; // the ledger's promises replace the invoice's, even when it recorded none
	return {
		...own,
		promisedOn: state.promisedOn,
		disputed: state.disputed,
		paused: state.paused,
		...(recorded.length ? { promises: recorded } : {}),
	};
}

/**
 * The invoices with their history read from the Dunning Ledger instead of their own dunning state:
 * - `sentStepIds`, `history` (each step on the day of its `sentAt` in `timezone`) and `lastSentOn` from the steps
 *   marked sent, oldest first. A claim not marked sent is no reminder (it is listed in `ledger.unsentClaims`), nor
 *   is a released claim (counted in `ledger.releasedClaims`). An invoice without ledger rows has no reminders.
 * - `promisedOn`, `disputed`, `paused` from the ledger's state when it has a state row for the invoice, with
 *   every promise its `state` events recorded as `promises`; else the invoice's own are kept.
 * - `ledger`: the proof of each reminder sent (`ReminderProof`), for `DunningReport.proofs`.
 * Rows are matched to invoices by (source, invoice id); rows of other invoices are ignored.
 */
export function foldLedgerHistory(
	invoices: readonly ReportInvoice[],
	rows: LedgerHistoryRows,
	timezone: string,
): ReportInvoice[] {
	assertList(invoices, 'invoices');
	assertTimeZone(timezone, 'timezone');
	assertObject(rows, 'rows');
	const steps = groupBy(
		checkedRows<LedgerStepRow>(rows.steps, STEP_ROW, 'rows.steps').map((row, index) =>
			stepFact(row, `rows.steps[${index}]`, timezone),
		),
	);
	const states = groupBy(checkedRows<LedgerStateRow>(rows.states, STATE_ROW, 'rows.states'));
	const events = groupBy(checkedRows<LedgerEventRow>(rows.events, EVENT_ROW, 'rows.events'));

	return invoices.map((invoice, index) => {
		assertShape(invoice, INVOICE_KEY, `invoices[${index}]`);
		const key = keyOf({ source: invoice.source, invoiceId: invoice.id });
		const facts = steps.get(key) ?? [];
		const proofs = facts
			.flatMap((fact) => (fact.proof ? [fact.proof] : []))
			.sort((a, b) => byText(a.sentAt, b.sentAt) || byText(a.stepId, b.stepId));
		const unsentClaims = facts
			.flatMap((fact) => (fact.claim ? [fact.claim] : []))
			.sort((a, b) => byText(a.claimedAt, b.claimedAt) || byText(a.stepId, b.stepId));
		const ownEvents = events.get(key) ?? [];
		const ledger: InvoiceLedger = {
			proofs,
			unsentClaims,
			releasedClaims: ownEvents.filter((event) => event.kind === 'released').length,
		};
		const history: SentStep[] = proofs.map(({ stepId, sentOn }) => ({ stepId, sentOn }));
		return {
			...invoice,
			dunning: {
				...stateFields(invoice.dunning, states.get(key)?.[0], ownEvents),
				sentStepIds: history.map((entry) => entry.stepId),
				lastSentOn: history.length ? history[history.length - 1].sentOn : null,
				history,
				ledger,
			},
		};
	});
}

/** `DunningReport.proofs`: the invoices with anything in the ledger, in the order read; undefined without a ledger. */
export function proofsOfBook(book: readonly ReportInvoice[]): InvoiceProofs[] | undefined {
	if (!book.some((invoice) => invoice.dunning.ledger !== undefined)) return undefined;
	return book.flatMap((invoice) => {
		const ledger = invoice.dunning.ledger;
		if (
			!ledger ||
			(!ledger.proofs.length && !ledger.unsentClaims.length && ledger.releasedClaims === 0)
		) {
			return [];
		}
		return [
			{
				invoiceId: invoice.id,
				source: invoice.source,
				number: invoice.number,
				customerName: invoice.customer.name,
				proofs: ledger.proofs.map((proof) => ({ ...proof })),
				unsentClaims: ledger.unsentClaims.map((claim) => ({ ...claim })),
				releasedClaims: ledger.releasedClaims,
			},
		];
	});
}

/**
 * The dunning ledger: exactly-once claims of reminder steps, proof of what was sent, and the dunning state
 * of invoices whose source has no safe place for it (Pennylane, a spreadsheet, any HTTP source). Written
 * against a one-function query interface so the n8n node can pass pg's client or pool; no n8n import.
 * Schema and semantics: docs/ledger.md.
 */
import { createHash } from 'node:crypto';

import {
	DunningInputError,
	dateInTimeZone,
	assertTimeZone,
	emptyDunningState,
	formatLetterRecord,
	isIsoDate,
	parseLetterRecord,
	recordLetter,
	validateLetterRecord,
	withLetters,
	type DunningState,
	type IsoDate,
	type LetterChange,
	type LedgerStepRow,
	type LetterRecord,
} from '../../shared/internal';
import { ensureLedgerSchema, ledgerTables, type LedgerQuery, type LedgerTables } from './schema';

export interface StepKey {
	/** `stripe`, `quickbooks`, `pennylane`, `generic`, or any name of the user's own source. */
	source: string;
	invoiceId: string;
	stepId: string;
}

/** A steps row as the ledger reads it back: the report's row (the core's), with the message itself. */
export interface StepRecord extends Omit<LedgerStepRow, 'messageKept'> {
	message: string | null;
	/** The registered letter posted for the step (Record Letter), null when none was recorded. */
	letter: LetterRecord | null;
}

/** What Record Letter did to a step's row. */
export interface LetterOutcome {
	record: StepRecord;
	/** The step's letter as the ledger now holds it. */
	letter: LetterRecord;
	change: LetterChange;
}

export type ClaimResult =
	| { claimed: true; record: StepRecord }
	/** Someone else holds the step: `record` says who and whether it was sent (null if it vanished meanwhile). */
	| { claimed: false; record: StepRecord | null };

export interface SentProof {
	executionId: string;
	channel: string;
	/** The recipient: an email address, a phone number, a postal address on one line. */
	address?: string | null;
	/** The exact content sent (e.g. subject, blank line, text); only its SHA-256 is kept unless `keepMessage`. */
	message: string;
	keepMessage?: boolean;
	/** When it was sent; the database clock when omitted. */
	sentAt?: Date;
}

export interface StateChange {
	promisedOn?: IsoDate | null;
	disputed?: boolean;
	paused?: boolean;
}

export type LedgerEventKind = 'claimed' | 'sent' | 'released' | 'state' | 'letter';

export interface LedgerEvent {
	id: number;
	source: string;
	invoiceId: string;
	stepId: string | null;
	kind: LedgerEventKind;
	/** ISO 8601 instant, UTC. */
	at: string;
	executionId: string | null;
	channel: string | null;
	address: string | null;
	messageSha256: string | null;
	detail: Record<string, unknown> | null;
}

export interface HistoryQuery {
	source?: string;
	invoiceIds?: string[];
	/** Only events after this event id (to page or to follow the timeline). */
	afterId?: number;
	limit?: number;
}

const MAX_KEY_LENGTH = 200;

function key(value: unknown, field: string): string {
	if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_KEY_LENGTH) {
		throw new DunningInputError(
			field,
			`${value === undefined ? 'missing' : JSON.stringify(value)} is not a non-empty string of at most ${MAX_KEY_LENGTH} characters`,
		);
	}
	return value;
}

function stepKey(step: StepKey): [string, string, string] {
	return [
		key(step?.source, 'source'),
		key(step?.invoiceId, 'invoiceId'),
		key(step?.stepId, 'stepId'),
	];
}

/** SHA-256 of the UTF-8 bytes, lower-case hex: what the ledger keeps as proof of a message's content. */
export function messageDigest(message: string): string {
	return createHash('sha256').update(message, 'utf8').digest('hex');
}

/** Instants are read through JSON (`to_json`), whose ISO 8601 text does not depend on the session's DateStyle. */
function instant(value: unknown): string {
	return new Date(String(value)).toISOString();
}

function optionalInstant(value: unknown): string | null {
	return value === null || value === undefined ? null : instant(value);
}

function textOrNull(value: unknown): string | null {
	return value === null || value === undefined ? null : String(value);
}

const STEP_COLUMNS = `source, invoice_id, step_id, to_json(claimed_at) #>> '{}' AS claimed_at, claimed_by,
	to_json(sent_at) #>> '{}' AS sent_at, sent_by, channel, address, message_sha256, message, letter`;

/** The columns a step row and an event row share: whose invoice, and where its message went. */
function invoiceOf(row: Record<string, unknown>) {
	return { source: String(row.source), invoiceId: String(row.invoice_id) };
}

function deliveryOf(row: Record<string, unknown>) {
	return {
		channel: textOrNull(row.channel),
		address: textOrNull(row.address),
		messageSha256: textOrNull(row.message_sha256),
	};
}

function stepRecord(row: Record<string, unknown>): StepRecord {
	return {
		...invoiceOf(row),
		stepId: String(row.step_id),
		claimedAt: instant(row.claimed_at),
		claimedBy: String(row.claimed_by),
		sentAt: optionalInstant(row.sent_at),
		sentBy: textOrNull(row.sent_by),
		...deliveryOf(row),
		message: textOrNull(row.message),
		letter: row.letter === null || row.letter === undefined ? null : parseLetterRecord(row.letter),
	};
}

function ledgerEvent(row: Record<string, unknown>): LedgerEvent {
	return {
		id: Number(row.id),
		...invoiceOf(row),
		stepId: textOrNull(row.step_id),
		kind: String(row.kind) as LedgerEventKind,
		at: instant(row.at),
		executionId: textOrNull(row.execution_id),
		...deliveryOf(row),
		detail: (row.detail as Record<string, unknown> | null) ?? null,
	};
}

export interface LedgerOptions {
	/** Table names are `<prefix>_steps`, `_state`, `_events` (default `dunning_ledger`). */
	tablePrefix?: string;
}

/** The ledger on one database. The schema is created by the first call (once per ledger object). */
export class DunningLedger {
	private readonly tables: LedgerTables;
	private ready: Promise<void> | null = null;

	constructor(
		private readonly query: LedgerQuery,
		private readonly options: LedgerOptions = {},
	) {
		this.tables = ledgerTables(options.tablePrefix);
	}

	/** Creates the tables if missing. Called by every operation; a failure is retried by the next call. */
	ensureSchema(): Promise<void> {
		if (this.ready === null) {
			this.ready = ensureLedgerSchema(this.query, this.options.tablePrefix).catch(
				(error: unknown) => {
					this.ready = null;
					throw error;
				},
			);
		}
		return this.ready;
	}

	private async run(sql: string, params: unknown[]): Promise<Array<Record<string, unknown>>> {
		await this.ensureSchema();
		return await this.query(sql, params);
	}

	/**
	 * Claims a step for an execution: exactly one of any number of concurrent claims of the same
	 * (source, invoice, step) wins, across executions, workers and n8n instances, because the row is inserted
	 * under the table's primary key (`ON CONFLICT DO NOTHING`). Claim before sending; mark sent after.
	 */
	async claimStep(step: StepKey, executionId: string): Promise<ClaimResult> {
		const [source, invoiceId, stepId] = stepKey(step);
		const execution = key(executionId, 'executionId');
		const { steps, events } = this.tables;
		const rows = await this.run(
			`WITH claimed AS (
				INSERT INTO ${steps} (source, invoice_id, step_id, claimed_by) VALUES ($1, $2, $3, $4)
				ON CONFLICT (source, invoice_id, step_id) DO NOTHING
				RETURNING *
			), logged AS (
				INSERT INTO ${events} (source, invoice_id, step_id, kind, at, execution_id)
				SELECT source, invoice_id, step_id, 'claimed', claimed_at, claimed_by FROM claimed
			)
			SELECT ${STEP_COLUMNS} FROM claimed`,
			[source, invoiceId, stepId, execution],
		);
		if (rows.length === 1) return { claimed: true, record: stepRecord(rows[0]) };
		return { claimed: false, record: await this.readStep(step) };
	}

	/** The step's row, or null when it was never claimed (or its claim was released). */
	async readStep(step: StepKey): Promise<StepRecord | null> {
		const row = await this.stepRow(step);
		return row === null ? null : stepRecord(row);
	}

	private async stepRow(step: StepKey): Promise<Record<string, unknown> | null> {
		const [source, invoiceId, stepId] = stepKey(step);
		const rows = await this.run(
			`SELECT ${STEP_COLUMNS} FROM ${this.tables.steps}
			WHERE source = $1 AND invoice_id = $2 AND step_id = $3`,
			[source, invoiceId, stepId],
		);
		return rows.length === 1 ? rows[0] : null;
	}

	/**
	 * Records the registered letter posted for a claimed step in the row's `letter` column, with a `letter`
	 * event: the core's rule (recordLetter) decides, a compare-and-set on the column's text writes. The same
	 * letter again writes nothing, or adds its registered number; another letter for the step, or a step
	 * never claimed, is a DunningInputError. A concurrent change of the letter makes the write miss: it is
	 * read and decided again, three attempts in all.
	 */
	async recordLetter(
		step: StepKey,
		letter: LetterRecord,
		executionId?: string,
	): Promise<LetterOutcome> {
		const [source, invoiceId, stepId] = stepKey(step);
		const incoming = validateLetterRecord(letter);
		if (incoming.stepId !== stepId) {
			throw new DunningInputError(
				'letter.stepId',
				`${JSON.stringify(incoming.stepId)} is not the step it is recorded on (${JSON.stringify(stepId)})`,
			);
		}
		const author = executionId === undefined ? null : key(executionId, 'executionId');
		const { steps, events } = this.tables;
		for (let attempt = 1; attempt <= 3; attempt++) {
			const row = await this.stepRow(step);
			const current = row === null ? null : stepRecord(row);
			const outcome = recordLetter(current?.letter ? [current.letter] : [], incoming, {
				invoiceId,
				claimed: current !== null,
			});
			if (current !== null && outcome.change === 'unchanged') {
				return { record: current, letter: outcome.letter, change: outcome.change };
			}
			const rows = await this.run(
				`WITH recorded AS (
					UPDATE ${steps} SET letter = $4
					WHERE source = $1 AND invoice_id = $2 AND step_id = $3 AND letter IS NOT DISTINCT FROM $5::text
					RETURNING *
				), logged AS (
					INSERT INTO ${events} (source, invoice_id, step_id, kind, execution_id, channel, detail)
					SELECT source, invoice_id, step_id, 'letter', $6, 'letter', $7::jsonb FROM recorded
				)
				SELECT ${STEP_COLUMNS} FROM recorded`,
				[
					source,
					invoiceId,
					stepId,
					formatLetterRecord(outcome.letter),
					textOrNull(row?.letter),
					author,
					JSON.stringify({ ...outcome.letter, change: outcome.change }),
				],
			);
			if (rows.length === 1) {
				return { record: stepRecord(rows[0]), letter: outcome.letter, change: outcome.change };
			}
		}
		throw new Error(
			`the letter of step ${stepId} of invoice ${invoiceId} kept changing during three attempts to record it: run again`,
		);
	}

	/**
	 * Records that the claimed step was sent: when, by which execution, through which channel, to whom, and
	 * the SHA-256 of the message (the message itself with `keepMessage`). Only the execution holding the claim
	 * can mark it, and only once: anything else is an error, never a silent overwrite of a proof.
	 */
	async markSent(step: StepKey, proof: SentProof): Promise<StepRecord> {
		const [source, invoiceId, stepId] = stepKey(step);
		const execution = key(proof?.executionId, 'executionId');
		const channel = key(proof?.channel, 'channel');
		if (typeof proof.message !== 'string') {
			throw new DunningInputError('message', 'is not a string');
		}
		if (
			proof.sentAt !== undefined &&
			!(proof.sentAt instanceof Date && Number.isFinite(proof.sentAt.getTime()))
		) {
			throw new DunningInputError('sentAt', 'is not a valid Date');
		}
		const address =
			proof.address === undefined || proof.address === null ? null : String(proof.address);
		const { steps, events } = this.tables;
		const rows = await this.run(
			`WITH sent AS (
				UPDATE ${steps} SET sent_at = COALESCE($5::timestamptz, now()), sent_by = $4, channel = $6,
					address = $7, message_sha256 = $8, message = $9
				WHERE source = $1 AND invoice_id = $2 AND step_id = $3 AND claimed_by = $4 AND sent_at IS NULL
				RETURNING *
			), logged AS (
				INSERT INTO ${events} (source, invoice_id, step_id, kind, at, execution_id, channel, address,
					message_sha256)
				SELECT source, invoice_id, step_id, 'sent', sent_at, sent_by, channel, address, message_sha256
				FROM sent
			)
			SELECT ${STEP_COLUMNS} FROM sent`,
			[
				source,
				invoiceId,
				stepId,
				execution,
				proof.sentAt?.toISOString() ?? null,
				channel,
				address,
				messageDigest(proof.message),
				proof.keepMessage === true ? proof.message : null,
			],
		);
		if (rows.length === 1) return stepRecord(rows[0]);
		const current = await this.readStep(step);
		const why =
			current === null
				? 'was never claimed (or its claim was released)'
				: current.sentAt !== null
					? `was already marked sent at ${current.sentAt} by execution ${current.sentBy}`
					: `is claimed by execution ${current.claimedBy}, not ${execution}`;
		throw new DunningInputError(
			'stepId',
			`${JSON.stringify(stepId)} of invoice ${invoiceId} ${why}`,
		);
	}

	/**
	 * Gives up an unsent claim (the send failed, or a person frees a claim left by a crashed execution), so that
	 * the step can be claimed again. A sent step is never released. With `executionId`, only that execution's
	 * claim is released. Returns whether a claim was released.
	 */
	async releaseClaim(
		step: StepKey,
		options: { executionId?: string; reason?: string } = {},
	): Promise<boolean> {
		const [source, invoiceId, stepId] = stepKey(step);
		const execution =
			options.executionId === undefined ? null : key(options.executionId, 'executionId');
		const { steps, events } = this.tables;
		const rows = await this.run(
			`WITH released AS (
				DELETE FROM ${steps}
				WHERE source = $1 AND invoice_id = $2 AND step_id = $3 AND sent_at IS NULL
					AND ($4::text IS NULL OR claimed_by = $4)
				RETURNING *
			), logged AS (
				INSERT INTO ${events} (source, invoice_id, step_id, kind, execution_id, detail)
				SELECT source, invoice_id, step_id, 'released', $4,
					jsonb_build_object('claimedBy', claimed_by, 'reason', $5::text)
				FROM released
			)
			SELECT count(*)::int AS released FROM released`,
			[source, invoiceId, stepId, execution, options.reason ?? null],
		);
		return Number(rows[0]?.released ?? 0) > 0;
	}

	/**
	 * The dunning state of many invoices of one source at once (one query): sent steps oldest first, the
	 * day of the last send in `timezone`, and the promise, dispute and pause recorded with `setState`.
	 * Claimed but unsent steps are not "sent"; their claim still blocks a second send.
	 */
	async readStates(
		source: string,
		invoiceIds: readonly string[],
		timezone: string,
	): Promise<Map<string, DunningState>> {
		key(source, 'source');
		assertTimeZone(timezone, 'timezone');
		if (!Array.isArray(invoiceIds)) throw new DunningInputError('invoiceIds', 'is not a list');
		invoiceIds.forEach((id, index) => key(id, `invoiceIds[${index}]`));
		const states = new Map<string, DunningState>(invoiceIds.map((id) => [id, emptyDunningState()]));
		if (invoiceIds.length === 0) return states;
		const { steps, state } = this.tables;
		const rows = await this.run(
			`SELECT ids.invoice_id,
				(SELECT coalesce(json_agg(s.step_id ORDER BY s.sent_at, s.step_id), '[]'::json)
					FROM ${steps} s
					WHERE s.source = $1 AND s.invoice_id = ids.invoice_id AND s.sent_at IS NOT NULL) AS sent_step_ids,
				(SELECT to_json(max(s.sent_at)) #>> '{}'
					FROM ${steps} s
					WHERE s.source = $1 AND s.invoice_id = ids.invoice_id) AS last_sent_at,
				to_char(st.promised_on, 'YYYY-MM-DD') AS promised_on,
				coalesce(st.disputed, false) AS disputed,
				coalesce(st.paused, false) AS paused,
				(SELECT coalesce(json_agg(s.letter ORDER BY s.sent_at NULLS LAST, s.claimed_at, s.step_id), '[]'::json)
					FROM ${steps} s
					WHERE s.source = $1 AND s.invoice_id = ids.invoice_id AND s.letter IS NOT NULL) AS letters
			FROM unnest($2::text[]) AS ids(invoice_id)
			LEFT JOIN ${state} st ON st.source = $1 AND st.invoice_id = ids.invoice_id`,
			[source, [...new Set(invoiceIds)]],
		);
		for (const row of rows) {
			const lastSentAt = optionalInstant(row.last_sent_at);
			const letters = ((row.letters as string[] | null) ?? []).map((text) =>
				parseLetterRecord(text),
			);
			const state: DunningState = {
				sentStepIds: (row.sent_step_ids as string[]) ?? [],
				lastSentOn: lastSentAt === null ? null : dateInTimeZone(Date.parse(lastSentAt), timezone),
				promisedOn: textOrNull(row.promised_on),
				disputed: row.disputed === true,
				paused: row.paused === true,
			};
			states.set(String(row.invoice_id), withLetters(state, letters));
		}
		return states;
	}

	async readState(source: string, invoiceId: string, timezone: string): Promise<DunningState> {
		const id = key(invoiceId, 'invoiceId');
		const states = await this.readStates(source, [id], timezone);
		return states.get(id) ?? emptyDunningState();
	}

	/**
	 * Records a promise to pay (or clears it with null), a dispute, a pause. Only the fields given change;
	 * every change is an event of the timeline with its author.
	 */
	async setState(
		source: string,
		invoiceId: string,
		change: StateChange,
		executionId?: string,
	): Promise<void> {
		key(source, 'source');
		key(invoiceId, 'invoiceId');
		const has = (name: keyof StateChange) =>
			Object.prototype.hasOwnProperty.call(change ?? {}, name);
		if (!has('promisedOn') && !has('disputed') && !has('paused')) {
			throw new DunningInputError('change', 'names none of promisedOn, disputed, paused');
		}
		const promisedOn = has('promisedOn') ? (change.promisedOn ?? null) : null;
		if (promisedOn !== null && !isIsoDate(promisedOn)) {
			throw new DunningInputError(
				'change.promisedOn',
				`${JSON.stringify(promisedOn)} is not a date (YYYY-MM-DD)`,
			);
		}
		for (const flag of ['disputed', 'paused'] as const) {
			if (has(flag) && typeof change[flag] !== 'boolean') {
				throw new DunningInputError(
					`change.${flag}`,
					`${JSON.stringify(change[flag])} is not true or false`,
				);
			}
		}
		const author = executionId === undefined ? null : key(executionId, 'executionId');
		const detail: Record<string, unknown> = {};
		if (has('promisedOn')) detail.promisedOn = promisedOn;
		if (has('disputed')) detail.disputed = change.disputed;
		if (has('paused')) detail.paused = change.paused;
		const { state, events } = this.tables;
		await this.run(
			`WITH changed AS (
				INSERT INTO ${state} AS st (source, invoice_id, promised_on, disputed, paused, updated_by)
				VALUES ($1, $2, $4::date, coalesce($6, false), coalesce($8, false), $9)
				ON CONFLICT (source, invoice_id) DO UPDATE SET
					promised_on = CASE WHEN $3 THEN EXCLUDED.promised_on ELSE st.promised_on END,
					disputed = CASE WHEN $5 THEN EXCLUDED.disputed ELSE st.disputed END,
					paused = CASE WHEN $7 THEN EXCLUDED.paused ELSE st.paused END,
					updated_at = now(), updated_by = $9
				RETURNING source, invoice_id, updated_at
			)
			INSERT INTO ${events} (source, invoice_id, kind, at, execution_id, detail)
			SELECT source, invoice_id, 'state', updated_at, $9, $10::jsonb FROM changed`,
			[
				source,
				invoiceId,
				has('promisedOn'),
				promisedOn,
				has('disputed'),
				has('disputed') ? change.disputed : null,
				has('paused'),
				has('paused') ? change.paused : null,
				author,
				JSON.stringify(detail),
			],
		);
	}

	/** The timeline, oldest first (by event id, the order in which the events were written). */
	async history(filter: HistoryQuery = {}): Promise<LedgerEvent[]> {
		const source = filter.source === undefined ? null : key(filter.source, 'source');
		const ids =
			filter.invoiceIds === undefined
				? null
				: filter.invoiceIds.map((id, index) => key(id, `invoiceIds[${index}]`));
		const limit = filter.limit ?? 1000;
		if (!Number.isSafeInteger(limit) || limit < 1 || limit > 100_000) {
			throw new DunningInputError('limit', `${limit} is not an integer from 1 to 100000`);
		}
		const afterId = filter.afterId ?? 0;
		if (!Number.isSafeInteger(afterId) || afterId < 0) {
			throw new DunningInputError('afterId', `${afterId} is not a non-negative integer`);
		}
		const rows = await this.run(
			`SELECT id, source, invoice_id, step_id, kind, to_json(at) #>> '{}' AS at, execution_id, channel,
				address, message_sha256, detail
			FROM ${this.tables.events}
			WHERE ($1::text IS NULL OR source = $1) AND ($2::text[] IS NULL OR invoice_id = ANY($2))
				AND id > $3
			ORDER BY id
			LIMIT $4`,
			[source, ids, afterId, limit],
		);
		return rows.map(ledgerEvent);
	}
}

/**
 * The dunning ledger's PostgreSQL schema (docs/ledger.md), created by the first use. Three tables, named
 * `<prefix>_steps`, `<prefix>_state` and `<prefix>_events` (prefix `dunning_ledger` unless configured):
 * - steps: one row per (source, invoice, step) claimed; its primary key is what makes a claim exactly-once;
 * - state: per invoice, what a person or a reply recorded (promise to pay, dispute, pause);
 * - events: the append-only timeline (claimed, sent, released, state changes, letters) the report and proofs
 *   read.
 */
import { DunningInputError } from '../../shared/internal';

/** What the ledger needs from a database client: run one statement, get its rows (pg: `(await c.query()).rows`). */
export type LedgerQuery = (
	sql: string,
	params?: unknown[],
) => Promise<Array<Record<string, unknown>>>;

export const DEFAULT_TABLE_PREFIX = 'dunning_ledger';

export interface LedgerTables {
	steps: string;
	state: string;
	events: string;
}

/**
 * The prefix is written into SQL (identifiers cannot be parameters), so only plain lower-case identifiers are
 * accepted, optionally schema-qualified (`billing.dunning_ledger`).
 */
export function ledgerTables(prefix: string = DEFAULT_TABLE_PREFIX): LedgerTables {
	if (
		typeof prefix !== 'string' ||
		!/^(?:[a-z_][a-z0-9_]{0,30}\.)?[a-z_][a-z0-9_]{0,40}$/.test(prefix)
	) {
		throw new DunningInputError(
			'tablePrefix',
			`${JSON.stringify(prefix)} is not a plain lower-case SQL name (letters, digits, _; optionally schema.name)`,
		);
	}
	return { steps: `${prefix}_steps`, state: `${prefix}_state`, events: `${prefix}_events` };
}

/** A table's name without its schema: what PostgreSQL names its constraints and indexes after. */
function bareName(table: string): string {
	return table.replace(/^.*\./, '');
}

/** A stable 64-bit advisory-lock key for a prefix, so that different ledgers in one database do not wait on each other. */
function lockKey(prefix: string): string {
	let hash = 0n;
	for (const char of `n8n-nodes-dunning:${prefix}`) {
		hash = (hash * 131n + BigInt(char.codePointAt(0) ?? 0)) % 9223372036854775783n;
	}
	return hash.toString();
}

/** The kinds of the timeline's events; `letter` came with issue 20's Record Letter. */
const EVENT_KINDS = ['claimed', 'sent', 'released', 'state', 'letter']
	.map((kind) => `'${kind}'`)
	.join(', ');

/**
 * One statement (a DO block runs in one transaction) so that it works through a pool, where consecutive
 * queries may use different connections. The transaction-level advisory lock serialises concurrent first uses:
 * `CREATE TABLE IF NOT EXISTS` alone is not safe under concurrency in PostgreSQL (two sessions can both see the
 * table missing and one then fails on the catalog's unique index).
 */
export function schemaStatement(prefix: string = DEFAULT_TABLE_PREFIX): string {
	const t = ledgerTables(prefix);
	return `DO $ledger$
BEGIN
	PERFORM pg_advisory_xact_lock(${lockKey(prefix)});
	CREATE TABLE IF NOT EXISTS ${t.steps} (
		source text NOT NULL CHECK (source <> ''),
		invoice_id text NOT NULL CHECK (invoice_id <> ''),
		step_id text NOT NULL CHECK (step_id <> ''),
		claimed_at timestamptz NOT NULL DEFAULT now(),
		claimed_by text NOT NULL,
		sent_at timestamptz,
		sent_by text,
		channel text,
		address text,
		message_sha256 text CHECK (message_sha256 ~ '^[0-9a-f]{64}$'),
		message text,
		letter text,
		CONSTRAINT ${bareName(t.steps)}_pkey PRIMARY KEY (source, invoice_id, step_id),
		CONSTRAINT ${bareName(t.steps)}_sent_complete CHECK (
			sent_at IS NULL OR (sent_by IS NOT NULL AND channel IS NOT NULL AND message_sha256 IS NOT NULL))
	);
	CREATE TABLE IF NOT EXISTS ${t.state} (
		source text NOT NULL,
		invoice_id text NOT NULL,
		promised_on date,
		disputed boolean NOT NULL DEFAULT false,
		paused boolean NOT NULL DEFAULT false,
		updated_at timestamptz NOT NULL DEFAULT now(),
		updated_by text,
		CONSTRAINT ${bareName(t.state)}_pkey PRIMARY KEY (source, invoice_id)
	);
	CREATE TABLE IF NOT EXISTS ${t.events} (
		id bigserial PRIMARY KEY,
		source text NOT NULL,
		invoice_id text NOT NULL,
		step_id text,
		kind text NOT NULL CONSTRAINT ${bareName(t.events)}_kind_check CHECK (kind IN (${EVENT_KINDS})),
		at timestamptz NOT NULL DEFAULT now(),
		execution_id text,
		channel text,
		address text,
		message_sha256 text,
		detail jsonb
	);
	CREATE INDEX IF NOT EXISTS ${bareName(t.events)}_invoice ON ${t.events} (source, invoice_id, id);
${upgrades(t)}
END
$ledger$;`;
}

/**
 * What a ledger created by an earlier version lacks, added on its first use by this one (inside the same DO
 * block and advisory lock). Each change is guarded by a catalog read: ALTER TABLE takes an ACCESS EXCLUSIVE
 * lock even when IF NOT EXISTS makes it a no-op, and every execution opens its ledger afresh, so an unguarded
 * ALTER would queue each run's claims behind whatever reads the table (a report) and block those after it.
 * - issue 20: the steps' `letter` column (nullable: existing rows have no letter), and the `letter` event kind
 *   (the CHECK is replaced NOT VALID: the rows already there hold the older kinds, all still allowed).
 */
function upgrades(t: LedgerTables): string {
	const kindCheck = `${bareName(t.events)}_kind_check`;
	return `	IF NOT EXISTS (SELECT 1 FROM pg_attribute
		WHERE attrelid = '${t.steps}'::regclass AND attname = 'letter' AND NOT attisdropped) THEN
		ALTER TABLE ${t.steps} ADD COLUMN IF NOT EXISTS letter text;
	END IF;
	IF NOT EXISTS (SELECT 1 FROM pg_constraint
		WHERE conrelid = '${t.events}'::regclass AND contype = 'c'
			AND pg_get_constraintdef(oid) LIKE '%''letter''%') THEN
		ALTER TABLE ${t.events} DROP CONSTRAINT IF EXISTS ${kindCheck};
		ALTER TABLE ${t.events} ADD CONSTRAINT ${kindCheck} CHECK (kind IN (${EVENT_KINDS})) NOT VALID;
	END IF;`;
}

/** Creates the tables when missing; safe to run from many executions and workers at once. */
export async function ensureLedgerSchema(query: LedgerQuery, prefix?: string): Promise<void> {
	await query(schemaStatement(prefix));
}

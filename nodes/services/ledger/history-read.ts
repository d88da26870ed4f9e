/**
 * What the Dunning Report reads of the ledger (issue 22): for a book of invoices, their steps (claims and sends
 * with their proof), their state rows and their `released` and `state` events, in one query per batch of
 * invoices, never one per invoice. Read only: the columns named below, so columns added later are ignored.
 * The rows are folded into the report's history by the core's `foldLedgerHistory`.
 */
import {
	DunningInputError,
	type LedgerEventRow,
	type LedgerHistoryRows,
	type LedgerStateRow,
	type LedgerStepRow,
} from '../../shared/internal';
import { ledgerTables, type LedgerQuery } from './schema';

export interface LedgerInvoiceKey {
	source: string;
	invoiceId: string;
}

export interface ReadLedgerHistoryOptions {
	/** Table names are `<prefix>_steps`, `_state`, `_events` (default `dunning_ledger`). */
	tablePrefix?: string;
	/** Invoices per query (default 500): a report of 10,000 invoices makes 20 queries. */
	batchSize?: number;
}

export const HISTORY_BATCH_SIZE = 500;

/** PostgreSQL's undefined_table: the prefix names no ledger (or no Dunning Ledger node has run yet). */
const UNDEFINED_TABLE = '42P01';

function historyStatement(prefix: string | undefined): string {
	const t = ledgerTables(prefix);
	// json_agg keeps one row per batch whatever the number of invoices; to_json of a timestamptz is ISO 8601.
	return `WITH keys AS (
		SELECT DISTINCT source, invoice_id FROM unnest($1::text[], $2::text[]) AS k(source, invoice_id)
	)
	SELECT
		(SELECT coalesce(json_agg(json_build_object(
				'source', s.source, 'invoiceId', s.invoice_id, 'stepId', s.step_id,
				'claimedAt', s.claimed_at, 'claimedBy', s.claimed_by, 'sentAt', s.sent_at, 'sentBy', s.sent_by,
				'channel', s.channel, 'address', s.address, 'messageSha256', s.message_sha256,
				'messageKept', s.message IS NOT NULL)
				ORDER BY s.source, s.invoice_id, s.claimed_at, s.step_id), '[]'::json)
			FROM ${t.steps} s JOIN keys k ON s.source = k.source AND s.invoice_id = k.invoice_id) AS steps,
		(SELECT coalesce(json_agg(json_build_object(
				'source', st.source, 'invoiceId', st.invoice_id,
				'promisedOn', to_char(st.promised_on, 'YYYY-MM-DD'), 'disputed', st.disputed, 'paused', st.paused)
				ORDER BY st.source, st.invoice_id), '[]'::json)
			FROM ${t.state} st JOIN keys k ON st.source = k.source AND st.invoice_id = k.invoice_id) AS states,
		(SELECT coalesce(json_agg(json_build_object(
				'id', e.id, 'source', e.source, 'invoiceId', e.invoice_id, 'stepId', e.step_id, 'kind', e.kind,
				'at', e.at, 'executionId', e.execution_id, 'detail', e.detail)
				ORDER BY e.id), '[]'::json)
			FROM ${t.events} e JOIN keys k ON e.source = k.source AND e.invoice_id = k.invoice_id
			WHERE e.kind IN ('released', 'state')) AS events`;
}

function checkedKeys(keys: readonly LedgerInvoiceKey[]): LedgerInvoiceKey[] {
	if (!Array.isArray(keys)) throw new DunningInputError('invoices', 'is not a list');
	const seen = new Map<string, LedgerInvoiceKey>();
	keys.forEach((key, index) => {
		for (const field of ['source', 'invoiceId'] as const) {
			if (typeof key?.[field] !== 'string' || key[field].trim() === '') {
				throw new DunningInputError(`invoices[${index}].${field}`, 'is not a non-empty string');
			}
		}
		seen.set(`${key.source}\u0000${key.invoiceId}`, key);
	});
	return [...seen.values()];
}

/** A missing table says which tables and what to check; any other failure is the database's own. */
function readFailure(error: unknown, prefix: string | undefined): unknown {
	if ((error as { code?: unknown } | null)?.code !== UNDEFINED_TABLE) return error;
	const t = ledgerTables(prefix);
	return new DunningInputError(
		'tablePrefix',
		`this database has no ledger tables ${t.steps}, ${t.state}, ${t.events}: check the credential's Table Prefix (the Dunning Ledger node creates them on its first run)`,
	);
}

/**
 * The ledger's rows for these invoices: one query per `batchSize` distinct invoices (none for an empty list).
 * Tables that do not exist are a `DunningInputError` on `tablePrefix` (a wrong prefix would otherwise look like
 * a ledger without any reminder).
 */
export async function readLedgerHistoryRows(
	query: LedgerQuery,
	invoices: readonly LedgerInvoiceKey[],
	options: ReadLedgerHistoryOptions = {},
): Promise<LedgerHistoryRows> {
	const keys = checkedKeys(invoices);
	const batchSize = options.batchSize ?? HISTORY_BATCH_SIZE;
	if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
		throw new DunningInputError('batchSize', `${batchSize} is not a positive integer`);
	}
	const sql = historyStatement(options.tablePrefix);
	let rows: LedgerHistoryRows = { steps: [], states: [], events: [] };
	for (let start = 0; start < keys.length; start += batchSize) {
		const batch = keys.slice(start, start + batchSize);
		let result: Array<Record<string, unknown>> = [];
		let failure: unknown = null;
		try {
			result = await query(sql, [
				batch.map((key) => key.source),
				batch.map((key) => key.invoiceId),
			]);
		} catch (error) {
			failure = error;
		}
		if (failure !== null) throw readFailure(failure, options.tablePrefix);
		const [row] = result;
		rows = {
			steps: rows.steps.concat((row?.steps as LedgerStepRow[] | undefined) ?? []),
			states: rows.states.concat((row?.states as LedgerStateRow[] | undefined) ?? []),
			events: rows.events.concat((row?.events as LedgerEventRow[] | undefined) ?? []),
		};
	}
	return rows;
}

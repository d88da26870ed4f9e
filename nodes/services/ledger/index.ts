/** The dunning ledger (docs/ledger.md): PostgreSQL tables any source can keep its dunning state and proofs in. */
export {
	DunningLedger,
	messageDigest,
	type ClaimResult,
	type HistoryQuery,
	type LedgerEvent,
	type LedgerEventKind,
	type LedgerOptions,
	type LetterOutcome,
	type SentProof,
	type StateChange,
	type StepKey,
	type StepRecord,
} from './ledger';
export {
	DEFAULT_TABLE_PREFIX,
	ensureLedgerSchema,
	ledgerTables,
	schemaStatement,
	type LedgerQuery,
	type LedgerTables,
} from './schema';
export {
	HISTORY_BATCH_SIZE,
	readLedgerHistoryRows,
	type LedgerInvoiceKey,
	type ReadLedgerHistoryOptions,
} from './history-read';

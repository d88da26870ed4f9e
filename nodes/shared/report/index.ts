export {
	buildDunningReport,
	checkReportInvoice,
	DEFAULT_DSO_DAYS,
	DEFAULT_RECOVERY_WINDOW_DAYS,
} from './build';
export { agingBucket, historyOf, settledOn, type HistoryEntry } from './history';
export {
	foldLedgerHistory,
	type LedgerEventRow,
	type LedgerHistoryRows,
	type LedgerStateRow,
	type LedgerStepRow,
} from './ledger';
export { DEFAULT_VIP_TAGS, PRIORITY_WEIGHTS } from './priority';
export {
	simulatePolicy,
	previewRun,
	runDate,
	MAX_SIMULATION_DAYS,
	DEFAULT_MAX_CONTACTS_PER_WEEK,
} from './simulate';
export {
	renderReportHtml,
	renderSimulationHtml,
	renderPreviewHtml,
	type HtmlOptions,
} from './html';
export { reportToCsv, simulationToCsv, dsoToCsv, proofsToCsv } from './csv';
export { DSO_DEFINITION, DSO_UNAVAILABLE } from './kpis';
export * from './types';

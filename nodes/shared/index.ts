/**
 * The public entry of the domain core for self-hosters (DESIGN.md section 1, docs/core-api.md): pure,
 * synchronous functions with no n8n import, built to `dist/nodes/shared/index.js` (CommonJS, the package's
 * `main`). Everything exported here is a promise kept across minor versions, so the list is deliberate
 * (test/shared/public-api.test.ts pins it). The nodes use `./internal`, whose names may change.
 */

// DESIGN.md section 1.
export { DunningInputError } from './internal';
export { normalizeStripeInvoice } from './internal';
export { normalizeQuickBooksInvoice } from './internal';
export { normalizePennylaneInvoice } from './internal';
export { normalizeInvoice } from './internal';
export { evaluateScenario, SCENARIO_PRESETS } from './internal';
export { calculatePenalty } from './internal';
export { composeReminder, composeCustomerReminder } from './internal';
export { verifyStripeSignature } from './internal';
export { verifyIntuitSignature } from './internal';
export { buildDunningReport } from './internal';

// What docs/core-api.md, docs/composer.md and docs/replies.md document beyond it.
export { validateScenario } from './internal';
export { RATE_TABLES } from './internal';
export { composeApproval, reminderThreading } from './internal';
export { parseIntuitNotifications } from './internal';
export {
	simulatePolicy,
	previewRun,
	renderReportHtml,
	renderSimulationHtml,
	renderPreviewHtml,
	reportToCsv,
	simulationToCsv,
	dsoToCsv,
} from './internal';
export { classifyReply } from './internal';
export { decimalToMinor, minorToDecimalString, currencyExponent } from './internal';
export { dateInTimeZone } from './internal';
export { getBusinessCalendar } from './internal';
export {
	readStripeDunningMetadata,
	writeStripeDunningMetadata,
	parseDunningNote,
	formatDunningNote,
} from './internal';

// The types of their arguments and results.
export type { Invoice, InvoiceCustomer, InvoicePayment, DunningState } from './internal';
export type { Scenario, Step, Decision, DecisionAction, Tone } from './internal';
export type { PenaltyInput, PenaltyResult } from './internal';
export type {
	ComposeInput,
	ComposedReminder,
	ComposeCustomerInput,
	ComposedCustomerReminder,
	ApprovalPreview,
} from './internal';
export type { DunningReport } from './internal';
export type {
	ClassifyReplyInput,
	ClassifyReplyOptions,
	ReplyClassification,
	InboundEmail,
} from './internal';
export type { IsoDate } from './internal';
export type { BusinessCalendar } from './internal';

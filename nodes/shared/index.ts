/**
 * The public entry of the domain core for self-hosters (DESIGN.md section 1, docs/core-api.md): pure,
 * synchronous functions with no n8n import, built to `dist/nodes/shared/index.js` (CommonJS, the package's
 * `main`). Everything exported here is a promise kept across minor versions, so the list is deliberate
 * (test/shared/public-api.test.ts pins it). The nodes use `./internal`, whose names may change.
 */

// DESIGN.md section 1.
export { DunningInputError } from './errors';
export { normalizeStripeInvoice } from './stripe-invoice';
export { normalizeQuickBooksInvoice } from './quickbooks-invoice';
export { normalizeInvoice } from './invoice';
export { evaluateScenario, SCENARIO_PRESETS } from './scenario';
export { calculatePenalty } from './penalty';
export { composeReminder, composeCustomerReminder } from './composer';
export { verifyStripeSignature } from './webhooks/stripe-signature';
export { verifyIntuitSignature } from './webhooks/intuit-signature';
export { buildDunningReport } from './report';

// What docs/core-api.md, docs/composer.md and docs/replies.md document beyond it.
export { validateScenario } from './scenario';
export { RATE_TABLES } from './penalty';
export { composeApproval, reminderThreading } from './composer';
export { parseIntuitNotifications } from './webhooks/intuit-notifications';
export {
	simulatePolicy,
	previewRun,
	renderReportHtml,
	renderSimulationHtml,
	renderPreviewHtml,
	reportToCsv,
	simulationToCsv,
	dsoToCsv,
} from './report';
export { classifyReply } from './replies';
export { decimalToMinor, minorToDecimalString, currencyExponent } from './money';
export { dateInTimeZone } from './dates';
export { getBusinessCalendar } from './business-calendar';
export {
	readStripeDunningMetadata,
	writeStripeDunningMetadata,
	parseDunningNote,
	formatDunningNote,
} from './dunning-metadata';

// The types of their arguments and results.
export type { Invoice, InvoiceCustomer, InvoicePayment, DunningState } from './invoice';
export type { Scenario, Step, Decision, DecisionAction, Tone } from './scenario';
export type { PenaltyInput, PenaltyResult } from './penalty';
export type {
	ComposeInput,
	ComposedReminder,
	ComposeCustomerInput,
	ComposedCustomerReminder,
	ApprovalPreview,
} from './composer';
export type { DunningReport } from './report';
export type {
	ClassifyReplyInput,
	ClassifyReplyOptions,
	ReplyClassification,
	InboundEmail,
} from './replies';
export type { IsoDate } from './dates';
export type { BusinessCalendar } from './business-calendar';

/**
 * The core as the nodes see it: everything the adapters under nodes/ use, bundled once into
 * `dist/nodes/shared/internal.js` and shared by every node bundle. Not a public API (names may change between
 * minor versions); self-hosters use `nodes/shared/index.ts`.
 */
export { DunningInputError } from './errors';
export { readPostalAddress } from './invoice';
export { getOrCreate } from './memo';
export {
	normalizeCurrency,
	currencyExponent,
	decimalToMinor,
	minorToDecimalString,
	assertMinorAmount,
} from './money';
export {
	isIsoDate,
	assertIsoDate,
	addCalendarDays,
	daysBetween,
	dateInTimeZone,
	unixSecondsToDate,
	assertTimeZone,
	type IsoDate,
} from './dates';
export {
	getBusinessCalendar,
	supportedHolidayCountries,
	publicHolidayDates,
	normalizeHolidayCountry,
	holidayCountries,
	type BusinessCalendar,
} from './business-calendar';
export {
	normalizeInvoice,
	emptyDunningState,
	isClaimable,
	type Invoice,
	type InvoiceSource,
	type InvoiceStatus,
	type InvoiceCustomer,
	type InvoicePayment,
	type DunningState,
	type PostalAddress,
} from './invoice';
export { countryFromText, normalizeCountry, isCountryCode } from './country';
export {
	STRIPE_METADATA_KEYS,
	STRIPE_LETTER_METADATA_PREFIX,
	THANKS_STEP_ID,
	DUNNING_NOTE_PREFIX,
	readStripeDunningMetadata,
	writeStripeDunningMetadata,
	parseDunningNote,
	formatDunningNote,
} from './dunning-metadata';
export { normalizeStripeInvoice } from '../services/stripe/normalize';
export { normalizeQuickBooksInvoice } from '../services/quickbooks/normalize';
export { normalizePennylaneInvoice } from '../services/pennylane/normalize';
export * from './scenario';
export {
	calculatePenalty,
	RATE_TABLES,
	type PenaltyInput,
	type PenaltyResult,
	type PenaltyPeriod,
	type PenaltyRule,
	type PenaltyNotice,
	type PenaltyNoticeCode,
	type FixedCompensation,
} from './penalty';
export {
	composeReminder,
	renderTemplateSet,
	resolveTemplateSet,
	COMPOSER_LANGUAGES,
	resolveLanguage,
	builtinTemplateKeys,
	formatMoney,
	type ComposeInput,
	type ComposedReminder,
	type ComposeSender,
	type ComposeTemplate,
	type TemplateData,
} from './composer';
export { verifyStripeSignature, signStripePayload } from '../services/stripe/signature';
export { verifyIntuitSignature, signIntuitPayload } from '../services/quickbooks/signature';
export { parseIntuitNotifications, type IntuitChange } from '../services/quickbooks/webhook';
export {
	QUERY_PAGE_SIZE,
	quoteQueryLiteral,
	overdueInvoicesQuery,
	overdueInvoicesCountQuery,
	invoicesByIdQuery,
	assertQuickBooksId,
	type OverdueQuery,
} from '../services/quickbooks/query';
export {
	parseIntuitTimestamp,
	formatIntuitTimestamp,
	changeSyncMode,
	CDC_MAX_AGE_MS,
	CDC_MAX_OBJECTS,
	type IntuitTimestamp,
} from '../services/quickbooks/timestamps';
export {
	applyDunningNoteChange,
	PRIVATE_NOTE_MAX_LENGTH,
	type DunningNoteChange,
	type DunningNoteChangeResult,
} from '../services/quickbooks/state';
export { amountOwedFingerprint } from '../services/quickbooks/fingerprint';
export * from './report';
export {
	composeCustomerReminder,
	firmestTone,
	TONE_FIRMNESS,
	CUSTOMER_ROOT_VARIABLES,
	ROOT_VARIABLES,
	INLINE_HELPERS,
	BLOCK_HELPERS,
	type ComposeCustomerInput,
	type ComposedCustomerReminder,
	type CustomerTemplateData,
	type CustomerInvoiceLine,
	type CustomerTotal,
} from './composer';
export {
	CORE_LANGUAGES,
	resolveComposerLanguage,
	type ComposerLanguage,
	type CoreLanguage,
} from './composer';
// Issue 19 (composer): language per customer, grouping by customer and tone, the approver's preview.
export {
	chooseCustomerLanguage,
	groupCustomerMessages,
	composeApproval,
	toneAfterBrokenPromise,
	type ApprovalPreview,
	type CustomerLanguageHints,
} from './composer';
// Issue 21 (composer): Message-ID and plus-addressed Reply-To of each message; the thank-you tone.
export {
	reminderThreading,
	COMPOSER_TONES,
	type ReminderThreading,
	type ComposerTone,
} from './composer';
// Issue 21: reading customers' replies, and threading them back to their reminders.
export {
	classifyReply,
	reminderMessageId,
	parseReminderMessageIds,
	reminderReplyTo,
	invoicesOfReplyAddresses,
	invoiceIdsOfIdempotencyKey,
	findPromisedDate,
	replyBody,
	customerText,
	matchReplyInvoices,
	type ThreadedReminders,
	type FoundDate,
} from './replies';
export * from './replies/types';
// Issue 20: the letter PDF (its own bundle, loaded on first use) and the SMS of a step.
export { loadLetterPdf } from './letter-loader';
export type { LetterInput, LetterMessage, LetterPdf, LetterSenderAddress } from './letter-pdf';
export { composeSms, smsRecipient, type ComposedSms, type SmsRecipient } from './sms';
// Issue 20: the registered letter recorded on the invoice with the step's claim (Record Letter).
export {
	validateLetterRecord,
	formatLetterRecord,
	parseLetterRecord,
	recordLetter,
	type LetterRecord,
	type LetterChange,
	type RecordedLetter,
} from './letter-record';
export { withLetters } from './invoice';
// What the letter bundle takes from the core (nodes/shared/letter-pdf/core.ts points here once bundled).
export { describeValue } from './errors';
export { formatDate } from './composer/format';
export { recipientLines, salutationFor } from './composer/letter';
export { validateSender } from './composer/context';

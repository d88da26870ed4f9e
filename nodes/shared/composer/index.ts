/** The Reminder Composer core (DESIGN.md section 5): no n8n import, no code generation. */
export {
	composeReminder,
	renderTemplateSet,
	resolveTemplateSet,
	textToHtml,
	COMPOSER_TONES,
} from './compose';
export { buildTemplateData, ROOT_VARIABLES, type TemplateData } from './context';
export {
	COMPOSER_LANGUAGES,
	CORE_LANGUAGES,
	resolveComposerLanguage,
	resolveLanguage,
	type ComposerLanguage,
	type CoreLanguage,
} from './language';
export { INLINE_HELPERS, BLOCK_HELPERS, escapeHtml } from './helpers';
export { builtinTemplateKeys } from './builtin';
export { formatMoney } from './format';
export type {
	ComposeInput,
	ComposedReminder,
	ComposeSender,
	ComposeTemplate,
	ComposerTone,
} from './types';
export {
	composeCustomerReminder,
	firmestTone,
	TONE_FIRMNESS,
	CUSTOMER_ROOT_VARIABLES,
	type ComposeCustomerInput,
	type ComposedCustomerReminder,
	type CustomerTemplateData,
	type CustomerInvoiceLine,
	type CustomerTotal,
} from './customer';
export { chooseCustomerLanguage, type CustomerLanguageHints } from './customer-language';
export { groupCustomerMessages, type GroupableReminder } from './grouping';
export {
	composeApproval,
	penaltyWarnings,
	type ApprovalInput,
	type ApprovalPreview,
} from './approval';
export {
	toneAfterBrokenPromise,
	salutationFor,
	legalReferences,
	DEFAULT_SENDER_NAMES,
} from './letter';
export { reminderThreading, type ReminderThreading } from './threading';

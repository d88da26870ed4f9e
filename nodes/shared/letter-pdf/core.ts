/**
 * Everything the letter takes from the rest of the core, in one place. The build bundles the letter on its own
 * (dist/nodes/shared/letter-pdf.js, loaded only when a letter is rendered: pdf-lib, fontkit and the font are
 * most of the package) and points this module at the core bundle (dist/nodes/shared/internal.js), so the
 * letter uses the very composer, formatter and error class the nodes use. So every name here must also be
 * exported by nodes/shared/internal.ts (test/shared/letter-pdf/bundle.test.ts checks it).
 */
export { composeCustomerReminder, type ComposeCustomerInput } from '../composer/customer';
export { formatDate, formatMoney } from '../composer/format';
export { recipientLines, salutationFor } from '../composer/letter';
export { validateSender } from '../composer/context';
export { resolveComposerLanguage, type ComposerLanguage } from '../composer/language';
export { assertIsoDate, type IsoDate } from '../dates';
export { DunningInputError, describeValue } from '../errors';
export type { Invoice } from '../invoice';
export type { PenaltyResult } from '../penalty/types';
export type { ComposerTone } from '../composer/types';

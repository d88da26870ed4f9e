export { classifyReply, paymentReferenceIn } from './classify';
export {
	reminderMessageId,
	parseReminderMessageIds,
	invoiceIdsOfIdempotencyKey,
	type ThreadedReminders,
} from './message-id';
export { reminderReplyTo, invoicesOfReplyAddresses } from './reply-address';
export { customerText, replyBody, stripQuotedText, stripSignature } from './reply-body';
export { findPromisedDate, type FoundDate } from './promised-date';
export { matchReplyInvoices, mentionsNumber, type MatchedInvoices } from './match-invoices';
export { detectLanguage } from './language';
export { automaticMessage, senderAddress, type AutomaticMessage } from './automatic';
export {
	REPLY_KINDS,
	REPLY_LANGUAGES,
	type ReplyKind,
	type ReplyLanguage,
	type InboundEmail,
	type ClassifyReplyInput,
	type ClassifyReplyOptions,
	type ReplyClassification,
	type InvoiceMatch,
} from './types';

import type { IsoDate } from '../dates';
import type { Invoice } from '../invoice';

/** The languages the reply rules read. */
export type ReplyLanguage = 'fr' | 'en' | 'de' | 'es';

export const REPLY_LANGUAGES: readonly ReplyLanguage[] = ['fr', 'en', 'de', 'es'];

/** What a reply means for the dunning of its invoices. */
export type ReplyKind =
	| 'promise'
	| 'dispute'
	| 'payment_claimed'
	| 'payment_plan'
	| 'auto_reply'
	| 'bounce'
	| 'needs_person';

export const REPLY_KINDS: readonly ReplyKind[] = [
	'promise',
	'dispute',
	'payment_claimed',
	'payment_plan',
	'auto_reply',
	'bounce',
	'needs_person',
];

/** An inbound email, as any mail node gives it (header names in any case). */
export interface InboundEmail {
	/** `jean@example.com` or `Jean Dupont <jean@example.com>`. */
	from: string;
	to?: string | null;
	subject?: string | null;
	/** The plain-text body; when empty, `html` is read instead. */
	text?: string | null;
	html?: string | null;
	/** Header name (any case) → value; a header given several times may be an array. */
	headers?: Record<string, string | string[] | null | undefined> | null;
	/** When the reply arrived: ISO 8601 date-time with offset, or a Date. Missing: `options.now`. */
	receivedAt?: string | Date | null;
}

export interface ClassifyReplyOptions {
	/** The company's IANA time zone: "vendredi" is the Friday after the day the reply arrived there. */
	timezone: string;
	/** The clock of the run (kept for symmetry with the core; dates are read relative to `receivedAt`). */
	now: string | Date;
	/** The language to assume when the text does not tell (e.g. the customer's locale). */
	language?: string | null;
}

/** How the invoices of a reply were found. */
export type InvoiceMatch = 'thread' | 'address' | 'number' | 'sender' | null;

export interface ReplyClassification {
	kind: ReplyKind;
	language: ReplyLanguage;
	/** The invoices the reply is about (see `matchReplyInvoices` for the order of the rules). */
	invoiceIds: string[];
	matchedBy: InvoiceMatch;
	/** For a promise: the date the customer will pay by, in the company's calendar. */
	promisedOn: IsoDate | null;
	/** For a dispute: the customer's sentence giving the reason. */
	reason: string | null;
	/** For a payment claim: the transfer or transaction reference the customer gives, if any. */
	paymentReference: string | null;
	/** The sentence (or header) that decided. */
	evidence: string;
	/** `rule` when a rule decided; `none` when the reply is left to a person. */
	confidence: 'rule' | 'none';
}

export interface ClassifyReplyInput {
	email: InboundEmail;
	/** The open invoices the reply could be about (normalised). */
	invoices?: Invoice[];
}

import { assertTimeZone, toEpochMs } from '../dates';
import { DunningInputError, describeValue } from '../errors';
import { assertRecord, normalizeInvoice, type Invoice } from '../invoice';
import { assertShape, type Shape } from '../shape';
import type { ClassifyReplyInput, ClassifyReplyOptions } from './types';

/** A validated inbound email: strings everywhere, the arrival as epoch milliseconds. */
export interface ReadEmail {
	from: string;
	to: string;
	subject: string;
	text: string;
	html: string;
	headers: Record<string, unknown>;
	receivedAtMs: number | null;
}

export interface ReadOptions {
	timezone: string;
	nowMs: number;
	language: string | null;
}

/** What matching a reply to its invoices reads of each candidate (normalised invoices have it all). */
const CANDIDATE: Shape = {
	id: 'string',
	source: 'string',
	number: 'string?',
	customer: { id: 'string?', email: 'string?' },
};

/** Checks the candidate invoices given to the matching functions; the error names the field at fault. */
export function assertCandidates(value: unknown, field = 'invoices'): Invoice[] {
	assertShape(value, { list: CANDIDATE }, field);
	return value as Invoice[];
}

/** Validates `classifyReply`'s input; every error names the field (`email.from: missing`). */
export function readReplyInput(input: ClassifyReplyInput): {
	email: ReadEmail;
	invoices: Invoice[];
} {
	const record = assertRecord(input, 'input');
	const email = assertRecord(record.email, 'email');
	if (typeof email.from !== 'string' || email.from.trim() === '') {
		throw new DunningInputError(
			'email.from',
			`${describeValue(email.from)} is not a sender address`,
		);
	}
	const headers =
		email.headers === undefined || email.headers === null
			? {}
			: assertRecord(email.headers, 'email.headers');
	const invoices = record.invoices ?? [];
	if (!Array.isArray(invoices)) {
		throw new DunningInputError('invoices', `${describeValue(invoices)} is not a list of invoices`);
	}
	return {
		email: {
			from: email.from,
			to: optionalText(email.to, 'email.to'),
			subject: optionalText(email.subject, 'email.subject'),
			text: optionalText(email.text, 'email.text'),
			html: optionalText(email.html, 'email.html'),
			headers,
			receivedAtMs:
				email.receivedAt === undefined || email.receivedAt === null
					? null
					: toEpochMs(email.receivedAt, 'email.receivedAt'),
		},
		invoices: invoices.map((invoice, index) =>
			normalizeInvoice(invoice as object, `invoices[${index}]`),
		),
	};
}

export function readReplyOptions(options: ClassifyReplyOptions): ReadOptions {
	const record = assertRecord(options, 'options');
	const language = record.language;
	if (language !== undefined && language !== null && typeof language !== 'string') {
		throw new DunningInputError(
			'options.language',
			`${describeValue(language)} is not a language code`,
		);
	}
	return {
		timezone: assertTimeZone(record.timezone, 'options.timezone'),
		nowMs: toEpochMs(record.now, 'options.now'),
		language: language ?? null,
	};
}

/** A mail part that may be missing: null and undefined read as no text. */
export function optionalText(value: unknown, field: string): string {
	if (value === undefined || value === null) return '';
	if (typeof value !== 'string')
		throw new DunningInputError(field, `${describeValue(value)} is not text`);
	return value;
}

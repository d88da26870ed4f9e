import type { IDataObject } from 'n8n-workflow';

import { isDataObject, readPath } from '../../../common/invoice-input';
import { DunningInputError, type InboundEmail } from '../../../shared/internal';

/**
 * Reads the inbound email of an item. Accepted shapes (n8n 2.41.1's Email Trigger (IMAP), v2.2):
 * - format "Resolved" (mailparser): `from`/`to` as `{ value: [{ address, name }], text }`, `subject`, `text`,
 *   `html` (false when absent), `headers` as `{ 'in-reply-to': 'In-Reply-To: <...>' }` (whole header lines),
 *   `inReplyTo`, `references` (string or list), `date` (ISO string);
 * - format "Simple": `from`, `to`, `subject`, `date` (RFC 2822 strings), `textPlain`, `textHtml`, and the other
 *   headers under `metadata` (`in-reply-to`, `references`, `auto-submitted`, ...);
 * - any mail node or hand-built item: `from`, `subject`, `text`, `html`, `headers`, `receivedAt` or `date`.
 * Format "Raw" holds the body only (no headers, no sender) and is refused with a hint.
 */
export function emailFromItem(json: IDataObject, field: string): InboundEmail {
	const where = field.trim();
	const value = where === '' ? json : readPath(json, where);
	const prefix = where === '' ? '' : `${where}.`;
	if (!isDataObject(value)) throw new DunningInputError(where || 'email', 'no email object here');
	if (typeof value.raw === 'string' && value.from === undefined) {
		throw new DunningInputError(
			`${prefix}raw`,
			'the "Raw" format of the Email Trigger (IMAP) has no headers; choose "Resolved" or "Simple"',
		);
	}
	return {
		from: addressText(value.from, `${prefix}from`),
		to: recipientsText(value.to),
		subject: typeof value.subject === 'string' ? value.subject : '',
		text: firstText(value.text, value.textPlain),
		html: firstText(value.html, value.textHtml),
		headers: headersOf(value),
		receivedAt: arrival(value.receivedAt ?? value.date, `${prefix}date`),
	};
}

/** Every recipient, as text: a plus-addressed Reply-To may come back as any of them. */
function recipientsText(value: unknown): string | null {
	if (typeof value === 'string') return value;
	if (Array.isArray(value)) return value.map(recipientsText).filter(Boolean).join(', ');
	if (isDataObject(value) && typeof value.text === 'string') return value.text;
	return null;
}

/** `Jean <jean@x.fr>` from a string or from mailparser's `{ value: [{ address, name }], text }`. */
function addressText(value: unknown, field: string): string {
	if (typeof value === 'string' && value.trim() !== '') return value;
	if (isDataObject(value)) {
		const first = Array.isArray(value.value) ? value.value[0] : undefined;
		if (isDataObject(first) && typeof first.address === 'string') {
			return typeof first.name === 'string' && first.name !== ''
				? `${first.name} <${first.address}>`
				: first.address;
		}
		if (typeof value.text === 'string' && value.text.trim() !== '') return value.text;
	}
	throw new DunningInputError(field, 'no sender address (expected a string or a parsed address)');
}

function firstText(...values: unknown[]): string | null {
	for (const value of values) if (typeof value === 'string' && value.trim() !== '') return value;
	return null;
}

/** The headers from all the places the Email Trigger's formats put them. */
function headersOf(value: Record<string, unknown>): Record<string, string | string[]> {
	const headers: Record<string, string | string[]> = {};
	for (const source of [value.metadata, value.headers]) {
		if (!isDataObject(source)) continue;
		for (const [name, header] of Object.entries(source)) {
			if (typeof header === 'string' || Array.isArray(header)) {
				headers[name.toLowerCase()] = Array.isArray(header) ? header.map(String) : header;
			}
		}
	}
	const cc = recipientsText(value.cc);
	if (cc) headers.cc = cc;
	// mailparser's parsed threading fields (cleaner than its raw header lines).
	if (typeof value.inReplyTo === 'string') headers['in-reply-to'] = value.inReplyTo;
	if (typeof value.references === 'string' || Array.isArray(value.references)) {
		headers.references = Array.isArray(value.references)
			? value.references.map(String).join(' ')
			: value.references;
	}
	return headers;
}

/** The arrival as an ISO instant; RFC 2822 dates ("Fri, 27 Nov 2026 10:12:00 +0100") are converted. */
function arrival(value: unknown, field: string): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
	if (!Number.isFinite(ms)) {
		throw new DunningInputError(field, `${JSON.stringify(value)} is not a date`);
	}
	return new Date(ms).toISOString();
}

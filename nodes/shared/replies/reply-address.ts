import { createHash } from 'node:crypto';

import { DunningInputError, describeValue } from '../errors';
import type { Invoice } from '../invoice';
import { assertText } from '../shape';
import { assertCandidates } from './input';

/**
 * Plus-addressed Reply-To, for mail senders that cannot set a Message-ID (n8n's Send Email node sets only
 * Reply-To): `billing+dunning-i3f9a2c1b7e@example.com` leads a reply back to an invoice,
 * `billing+dunning-c…` to a customer's invoices. The token is the first 10 hex digits of a SHA-256 of
 * `<source>:<id>`: short enough for the 64-character local part, lower case so that mail systems that fold the
 * case keep it, and checked against the candidate invoices (it is not reversible, so it needs them).
 */
const TOKEN_LENGTH = 10;
const TAG = /\+dunning-([ic])([0-9a-f]{10})@/gi;

/** The Reply-To address for a reminder sent under an idempotency key, from the company's mailbox. */
export function reminderReplyTo(mailbox: string, idempotencyKey: string): string {
	const at = typeof mailbox === 'string' ? mailbox.lastIndexOf('@') : -1;
	if (at <= 0 || at === mailbox.length - 1 || /[\s<>]/.test(mailbox)) {
		throw new DunningInputError('mailbox', `${describeValue(mailbox)} is not a bare email address`);
	}
	const parts = typeof idempotencyKey === 'string' ? idempotencyKey.split(':') : [];
	if (parts.length < 3 || parts.some((part) => part === '')) {
		throw new DunningInputError('idempotencyKey', `${describeValue(idempotencyKey)} is not a key`);
	}
	const [source] = parts;
	const tag =
		parts[1] === 'customer'
			? `c${addressToken(source, parts[2])}`
			: `i${addressToken(source, parts.slice(1, -1).join(':'))}`;
	return `${mailbox.slice(0, at)}+dunning-${tag}${mailbox.slice(at)}`;
}

/** The candidates a reply's recipients (To, Cc, Delivered-To...) point at through a plus-address tag. */
export function invoicesOfReplyAddresses(addresses: string, invoices: Invoice[]): Invoice[] {
	assertCandidates(invoices);
	const tags = [...assertText(addresses, 'addresses').matchAll(TAG)].map(
		(match) => match[1].toLowerCase() + match[2].toLowerCase(),
	);
	if (tags.length === 0) return [];
	return invoices.filter(
		(invoice) =>
			tags.includes(`i${addressToken(invoice.source, invoice.id)}`) ||
			(invoice.customer.id !== null &&
				tags.includes(`c${addressToken(invoice.source, invoice.customer.id)}`)),
	);
}

function addressToken(source: string, id: string): string {
	return createHash('sha256').update(`${source}:${id}`).digest('hex').slice(0, TOKEN_LENGTH);
}

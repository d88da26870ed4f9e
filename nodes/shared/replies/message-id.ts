import { DunningInputError, describeValue } from '../errors';

/**
 * Reply threading. Each reminder carries `Message-ID: <dunning.{key in base64url}@{domain}>`, where the key
 * is the decision's (or the customer message's) idempotency key. Mail clients copy it into `In-Reply-To` and
 * `References` of the reply, so the reply leads back to the exact invoices it answers. base64url keeps the
 * local part inside RFC 5322's dot-atom (letters, digits, `-`, `_`) and reads back without loss.
 */
const MESSAGE_ID_PREFIX = 'dunning.';
const DOMAIN =
	/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
const OUR_MESSAGE_ID = /<dunning\.([A-Za-z0-9_-]+)@[^<>\s]+>/g;

/** Whether a string can be the domain of a Message-ID (letters, digits, hyphens, dot-separated labels). */
export function isDomainName(domain: unknown): domain is string {
	return typeof domain === 'string' && DOMAIN.test(domain);
}

/** The stable Message-ID of the reminder sent under an idempotency key. */
export function reminderMessageId(idempotencyKey: string, domain: string): string {
	if (typeof idempotencyKey !== 'string' || idempotencyKey.trim() === '') {
		throw new DunningInputError('idempotencyKey', `${describeValue(idempotencyKey)} is not a key`);
	}
	if (!isDomainName(domain)) {
		throw new DunningInputError('domain', `${describeValue(domain)} is not a domain name`);
	}
	const encoded = Buffer.from(idempotencyKey, 'utf8').toString('base64url');
	return `<${MESSAGE_ID_PREFIX}${encoded}@${domain.toLowerCase()}>`;
}

/** What a reply's threading headers say about the reminders it answers. */
export interface ThreadedReminders {
	/** Idempotency keys of our reminders found in `In-Reply-To` and `References`, newest first. */
	idempotencyKeys: string[];
	/** The invoice ids those keys name, in the same order, without repeats. */
	invoiceIds: string[];
}

/**
 * Reads our reminders' keys back from a reply's `In-Reply-To` and `References` (header names in any case;
 * a value may be an array, or mailparser's full `Name: value` line). Foreign Message-IDs are ignored.
 */
export function parseReminderMessageIds(
	headers: Record<string, unknown> | null | undefined,
): ThreadedReminders {
	const keys: string[] = [];
	// In-Reply-To names the message answered; References lists the thread oldest first.
	const inReplyTo = headerValues(headers, 'in-reply-to');
	const references = headerValues(headers, 'references').reverse();
	for (const value of [...inReplyTo, ...references]) {
		for (const match of value.matchAll(OUR_MESSAGE_ID)) {
			const key = Buffer.from(match[1], 'base64url').toString('utf8');
			if (key !== '' && !keys.includes(key)) keys.push(key);
		}
	}
	const invoiceIds: string[] = [];
	for (const key of keys) {
		for (const id of invoiceIdsOfIdempotencyKey(key))
			if (!invoiceIds.includes(id)) invoiceIds.push(id);
	}
	return { idempotencyKeys: keys, invoiceIds };
}

/**
 * The invoice ids named by an idempotency key: `<source>:<invoice id>:<step id>` (one reminder, DESIGN.md
 * section 3) or `<source>:customer:<customer id>:<invoice id>:<step>,<invoice id>:<step>...` (one message per
 * customer, section 5b). Step ids and tones hold no colon; invoice ids of Stripe and QuickBooks neither.
 */
export function invoiceIdsOfIdempotencyKey(key: string): string[] {
	if (typeof key !== 'string') {
		throw new DunningInputError('key', `${describeValue(key)} is not an idempotency key`);
	}
	const parts = key.split(':');
	if (parts.length < 3) return [];
	if (parts[1] !== 'customer') return [parts.slice(1, -1).join(':')].filter(Boolean);
	const pairs = parts.slice(2).join(':').split(',');
	return pairs
		.map((pair) => {
			const fields = pair.split(':');
			return fields.length >= 2 ? fields[fields.length - 2] : '';
		})
		.filter((id) => id !== '');
}

/** Every value of a header (any case), as strings, with a mailparser `Name: value` line prefix removed. */
export function headerValues(
	headers: Record<string, unknown> | null | undefined,
	name: string,
): string[] {
	if (!headers || typeof headers !== 'object') return [];
	const values: string[] = [];
	for (const [key, value] of Object.entries(headers)) {
		if (key.toLowerCase() !== name) continue;
		for (const entry of Array.isArray(value) ? value : [value]) {
			if (typeof entry !== 'string') continue;
			const prefix = new RegExp(`^\\s*${name.replace(/-/g, '\\-')}\\s*:`, 'i');
			values.push(entry.replace(prefix, '').trim());
		}
	}
	return values;
}

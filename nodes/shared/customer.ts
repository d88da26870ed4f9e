import type { Invoice } from './invoice';
import { assertObject, assertText } from './shape';

/**
 * Which customer owns an invoice: the one rule the scenario's per-customer gap, the composer's grouping and
 * one-message-per-customer, and the report's customer figures all use (issue 23).
 *
 * `id:<customer id>` when the invoice has a customer id, else `email:<address>` (trimmed, lower case), else
 * null: the invoice belongs to no customer group. Four copies used to disagree; the choices made:
 * - A blank id (`"  "`) is no id: the composer already fell back to the email then, the others took it as
 *   an id and put every blank-id invoice under one customer.
 * - An email is trimmed before it is compared: the report did not, and counted `" ap@x.com"` and
 *   `"AP@x.com"` as two customers where the scenario and the composer saw one.
 * - A name is no identity: the report grouped invoices without id or email by name, merging namesakes (two
 *   "Martin SARL" would share one lateness score and one contact count); callers that need every invoice in
 *   some group put it alone (the report keys it `invoice:<source>:<id>`).
 * - The key has a prefix (`id:`/`email:`): the composer compared the bare id or email, so an id spelled like
 *   an email address matched that address.
 * - The source is not part of the key: one workflow reads one account per source and the ids of different
 *   sources do not collide (`cus_…`, QuickBooks numbers). A message still goes out per source (its
 *   idempotency key names the source), so the composer also compares the sources.
 */
export function customerKey(invoice: Invoice, field = 'invoice'): string | null {
	const customer = assertObject(assertObject(invoice, field).customer, `${field}.customer`);
	const id = optionalText(customer.id, `${field}.customer.id`);
	if (id !== null) return `id:${id}`;
	const email = optionalText(customer.email, `${field}.customer.email`);
	return email === null ? null : `email:${email.toLowerCase()}`;
}

/** The trimmed text, or null when absent or blank. */
function optionalText(value: unknown, field: string): string | null {
	if (value === null || value === undefined) return null;
	const text = assertText(value, field).trim();
	return text === '' ? null : text;
}

import type { IsoDate } from '../dates';
import type { Invoice } from '../invoice';

/**
 * Invoices of one customer are recognised by the customer id, else by the email address (case-insensitive);
 * an invoice with neither belongs to no group.
 */
export function customerKey(invoice: Invoice): string | null {
	if (invoice.customer.id) return `id:${invoice.customer.id}`;
	if (invoice.customer.email) return `email:${invoice.customer.email.trim().toLowerCase()}`;
	return null;
}

/** The newest `lastSentOn` per customer, so one customer's rhythm spans all its invoices. */
export function latestSentOnByCustomer(invoices: Iterable<Invoice>): Map<string, IsoDate> {
	const latest = new Map<string, IsoDate>();
	for (const invoice of invoices) {
		const key = customerKey(invoice);
		const sentOn = invoice.dunning.lastSentOn;
		if (key === null || sentOn === null) continue;
		const known = latest.get(key);
		if (known === undefined || sentOn > known) latest.set(key, sentOn);
	}
	return latest;
}

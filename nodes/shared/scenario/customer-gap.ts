import { assertIsoDate, type IsoDate } from '../dates';
import { DunningInputError } from '../errors';
import { assertObject, assertText, got } from '../shape';
import type { Invoice } from '../invoice';

/**
 * Invoices of one customer are recognised by the customer id, else by the email address (case-insensitive);
 * an invoice with neither belongs to no group.
 */
export function customerKey(invoice: Invoice, field = 'invoice'): string | null {
	const customer = assertObject(assertObject(invoice, field).customer, `${field}.customer`);
	if (customer.id !== null && customer.id !== undefined)
		assertText(customer.id, `${field}.customer.id`);
	if (customer.email !== null && customer.email !== undefined) {
		assertText(customer.email, `${field}.customer.email`);
	}
	if (invoice.customer.id) return `id:${invoice.customer.id}`;
	if (invoice.customer.email) return `email:${invoice.customer.email.trim().toLowerCase()}`;
	return null;
}

/** The newest `lastSentOn` per customer, so one customer's rhythm spans all its invoices. */
export function latestSentOnByCustomer(invoices: Iterable<Invoice>): Map<string, IsoDate> {
	const latest = new Map<string, IsoDate>();
	if (typeof (invoices as Iterable<Invoice> | null)?.[Symbol.iterator] !== 'function') {
		throw new DunningInputError('invoices', `expected a list of invoices, got ${got(invoices)}`);
	}
	let index = 0;
	for (const invoice of invoices) {
		const field = `invoices[${index++}]`;
		const key = customerKey(invoice, field);
		const sentOn = assertObject(invoice.dunning, `${field}.dunning`).lastSentOn as
			| IsoDate
			| null
			| undefined;
		if (sentOn !== null && sentOn !== undefined)
			assertIsoDate(sentOn, `${field}.dunning.lastSentOn`);
		if (key === null || sentOn === null || sentOn === undefined) continue;
		const known = latest.get(key);
		if (known === undefined || sentOn > known) latest.set(key, sentOn);
	}
	return latest;
}

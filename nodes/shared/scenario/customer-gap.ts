import { assertIsoDate, type IsoDate } from '../dates';
import { DunningInputError } from '../errors';
import { customerKey } from '../customer';
import { assertObject, got } from '../shape';
import type { Invoice } from '../invoice';

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

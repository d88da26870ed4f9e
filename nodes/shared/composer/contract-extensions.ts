/**
 * Fields other parts of the core add in issue 19 (BRIEF contracts 1–3), read defensively until those
 * branches are merged. After the merge, replace these by the real types (`InvoiceCustomer.country`,
 * `Decision.brokenPromiseOn`, `PenaltyResult.fixedCompensation`, `.notices`, `PenaltyPeriod.rateStatus`).
 */
import type { Invoice } from '../invoice';
import type { PenaltyPeriod, PenaltyResult } from '../penalty/types';

export interface CustomerAddress {
	lines: string[];
	postalCode: string | null;
	city: string | null;
	region: string | null;
	country: string | null;
}

/** Contract 1: billing country and postal address (absent before the core branch is merged). */
export interface CustomerExtras {
	country?: string | null;
	address?: CustomerAddress | null;
}

/** Contract 3: the statutory fixed amount in its own currency, structured notices, each period's status. */
export interface PenaltyExtras {
	fixedCompensation?: { currency: string; amountMinor: number } | null;
	notices?: { code: string; message: string; periodIndex?: number }[];
}
export type PeriodExtras = PenaltyPeriod & { rateStatus?: 'confirmed' | 'provisional' };

export function customerCountry(invoice: Invoice): string | null {
	const country = (invoice.customer as CustomerExtras).country;
	return typeof country === 'string' && country.trim() !== '' ? country.trim().toUpperCase() : null;
}

export function customerAddress(invoice: Invoice): CustomerAddress | null {
	const address = (invoice.customer as CustomerExtras).address;
	return typeof address === 'object' && address !== null && Array.isArray(address.lines)
		? address
		: null;
}

export function penaltyExtras(penalty: PenaltyResult): PenaltyExtras {
	return penalty as PenaltyResult & PenaltyExtras;
}

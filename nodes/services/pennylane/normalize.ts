/**
 * Pennylane Company API v2 customer invoices in the normalised Invoice shape (DESIGN.md section 2).
 * Pure: no n8n import, no I/O, no clock. What each field means and where that is documented:
 * test/simulators/pennylane/SOURCES.md.
 */
// The core's own modules, not its entry: nodes/shared/internal.ts re-exports this file (as the Stripe and
// QuickBooks normalisers), and importing the entry back would be a cycle.
import { DunningInputError } from '../../shared/errors';
import { assertIsoDate, assertTimeZone, dateInTimeZone, isIsoDate } from '../../shared/dates';
import { countryFromText } from '../../shared/country';
import { decimalToMinor, normalizeCurrency } from '../../shared/money';
import {
	emptyDunningState,
	type Invoice,
	type InvoiceStatus,
	type PostalAddress,
} from '../../shared/invoice';

/** A normalised invoice read from Pennylane (`source` "pennylane", docs/pennylane.md). */
export type PennylaneInvoice = Invoice & { source: 'pennylane' };

export interface PennylaneNormalizeOptions {
	/** The creditor's IANA time zone: a draft without a `date` takes the day of its `created_at` there. */
	timezone: string;
	/** The customer record (`GET /customers/{id}`): name, emails, billing address, language. */
	customer?: object;
}

type Json = Record<string, unknown>;

function record(value: unknown): Json | null {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Json)
		: null;
}

function text(value: unknown): string | null {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function describe(value: unknown): string {
	return value === undefined ? 'missing' : (JSON.stringify(value) ?? String(value));
}

/** Pennylane ids are integers in JSON; the Invoice keeps ids as strings. */
function pennylaneId(value: unknown, field: string): string {
	if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
	if (typeof value === 'string' && /^[1-9]\d*$/.test(value)) return value;
	throw new DunningInputError(field, `${describe(value)} is not a Pennylane id`);
}

function optionalBoolean(value: unknown, field: string): boolean {
	if (value === undefined || value === null) return false;
	if (typeof value !== 'boolean') {
		throw new DunningInputError(field, `${describe(value)} is not true or false`);
	}
	return value;
}

/**
 * Pennylane's `status` is a display label (`upcoming`, `late`, `partially_paid`, `paid`, `draft`,
 * `cancelled`, `archived`…; the list is not published for v2). The booleans and the remaining amount decide
 * instead, and the label only adds what they cannot tell: a cancelled (fully credited) or archived invoice.
 */
function pennylaneStatus(invoice: Json, dueMinor: number): InvoiceStatus {
	const status = typeof invoice.status === 'string' ? invoice.status.toLowerCase() : '';
	if (
		optionalBoolean(invoice.draft, 'invoice.draft') ||
		status === 'draft' ||
		status === 'incomplete'
	) {
		return 'draft';
	}
	if (status === 'cancelled' || status === 'archived' || text(invoice.archived_at) !== null) {
		return 'void';
	}
	if (optionalBoolean(invoice.paid, 'invoice.paid') || dueMinor === 0) return 'paid';
	return 'open';
}

/** `fr_FR` (Pennylane's `language`, `billing_language`) as a BCP 47 tag, `fr-FR`. */
function locale(value: unknown): string | null {
	const tag = text(value);
	return tag !== null && /^[a-z]{2,3}(?:[_-][A-Za-z]{2})?$/.test(tag)
		? tag.replace('_', '-')
		: null;
}

/** Pennylane's `{ address, postal_code, city, country_alpha2 }`; the street is one string, maybe multi-line. */
function pennylaneAddress(value: unknown): PostalAddress | null {
	const address = record(value);
	if (!address) return null;
	const lines = (text(address.address) ?? '')
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter((line) => line !== '');
	const result: PostalAddress = {
		lines,
		postalCode: text(address.postal_code),
		city: text(address.city),
		region: null,
		country: countryFromText(address.country_alpha2),
	};
	const empty = lines.length === 0 && !result.postalCode && !result.city && !result.country;
	return empty ? null : result;
}

function firstEmail(customer: Json | null): string | null {
	const emails = customer?.emails;
	if (!Array.isArray(emails)) return null;
	for (const email of emails) {
		const address = text(email);
		if (address !== null) return address;
	}
	return null;
}

/** The invoice date; a draft may have none yet, and then takes the day it was created on. */
function issueDate(invoice: Json, timezone: string): string {
	if (invoice.date === null || invoice.date === undefined) {
		const created = typeof invoice.created_at === 'string' ? Date.parse(invoice.created_at) : NaN;
		if (Number.isFinite(created)) return dateInTimeZone(created, timezone);
	}
	return assertIsoDate(invoice.date, 'invoice.date');
}

function deadline(value: unknown): string | null {
	if (value === null || value === undefined || value === '') return null;
	if (!isIsoDate(value)) {
		throw new DunningInputError(
			'invoice.deadline',
			`${describe(value)} is not a date (YYYY-MM-DD)`,
		);
	}
	return value;
}

/**
 * A Pennylane customer invoice (`GET /api/external/v2/customer_invoices/{id}` or an item of the list) in the
 * normalised shape. Amounts are decimal strings in the invoice currency (`currency_amount`,
 * `remaining_amount_with_tax`) and become minor units exactly; `amount` (euros) is not used. A credit note
 * (negative amount) is not an invoice to chase and is refused. The dunning state is not in Pennylane: it
 * comes empty here and the caller fills it from the ledger.
 */
export function normalizePennylaneInvoice(
	raw: object,
	options: PennylaneNormalizeOptions,
): PennylaneInvoice {
	const invoice = record(raw);
	if (!invoice) throw new DunningInputError('invoice', `${describe(raw)} is not an object`);
	const timezone = assertTimeZone(options?.timezone, 'options.timezone');
	const customer = record(options?.customer);

	const id = pennylaneId(invoice.id, 'invoice.id');
	const currency = normalizeCurrency(invoice.currency, 'invoice.currency');
	const totalMinor = decimalToMinor(invoice.currency_amount, currency, 'invoice.currency_amount');
	const dueMinor = decimalToMinor(
		invoice.remaining_amount_with_tax,
		currency,
		'invoice.remaining_amount_with_tax',
	);
	if (dueMinor > totalMinor) {
		throw new DunningInputError(
			'invoice.remaining_amount_with_tax',
			`${describe(invoice.remaining_amount_with_tax)} is more than currency_amount ${describe(invoice.currency_amount)}`,
		);
	}
	const customerRef = record(invoice.customer);
	const customerId =
		customerRef?.id !== undefined && customerRef?.id !== null
			? pennylaneId(customerRef.id, 'invoice.customer.id')
			: customer
				? pennylaneId(customer.id, 'customer.id')
				: null;
	if (customer && customerId !== null && customer.id !== undefined) {
		const given = pennylaneId(customer.id, 'customer.id');
		if (given !== customerId) {
			throw new DunningInputError(
				'customer.id',
				`${given} is not the invoice's customer (${customerId})`,
			);
		}
	}
	const address = pennylaneAddress(customer?.billing_address);
	const status = pennylaneStatus(invoice, dueMinor);

	return {
		id,
		source: 'pennylane',
		number: text(invoice.invoice_number),
		status,
		currency,
		totalMinor,
		paidMinor: totalMinor - dueMinor,
		dueMinor,
		issueDate: issueDate(invoice, timezone),
		dueDate: deadline(invoice.deadline),
		customer: {
			id: customerId,
			name: text(customer?.name),
			email: firstEmail(customer),
			locale: locale(customer?.billing_language) ?? locale(invoice.language),
			tags: [],
			country: address?.country ?? null,
			address,
		},
		// v2 documents no payment-page link on the invoice; public_file_url is the PDF anyone can open.
		paymentUrl: null,
		pdfUrl: text(invoice.public_file_url),
		payments: [],
		dunning: emptyDunningState(),
		raw: invoice,
	};
}

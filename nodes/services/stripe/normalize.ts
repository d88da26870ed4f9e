import { DunningInputError, describeValue } from '../../shared/errors';
import { assertTimeZone, unixSecondsToDate } from '../../shared/dates';
import { readStripeDunningMetadata, STRIPE_METADATA_KEYS } from '../../shared/dunning-metadata';
import { countryFromText } from '../../shared/country';
import {
	assertRecord,
	normalizeTags,
	parseTagList,
	postalAddress,
	type Invoice,
	type InvoiceStatus,
	type PostalAddress,
} from '../../shared/invoice';
import { assertMinorAmount, currencyExponent, normalizeCurrency } from '../../shared/money';

/**
 * Stripe writes ISK and UGX amounts with two decimals for backwards compatibility although ISO 4217 gives
 * them none (docs.stripe.com/currencies): 10000 means 100 ISK. Every other currency is already in ISO minor units.
 */
const STRIPE_TWO_DECIMAL_ZERO_EXPONENT = new Set(['ISK', 'UGX']);

const STRIPE_STATUSES: Record<string, InvoiceStatus> = {
	draft: 'draft',
	open: 'open',
	paid: 'paid',
	void: 'void',
	uncollectible: 'uncollectible',
};

function stripeAmount(value: unknown, currency: string, field: string): number {
	const amount = assertMinorAmount(value, field);
	if (STRIPE_TWO_DECIMAL_ZERO_EXPONENT.has(currency) && currencyExponent(currency) === 0) {
		return Math.round(amount / 100);
	}
	return amount;
}

function optionalText(value: unknown): string | null {
	return typeof value === 'string' && value !== '' ? value : null;
}

function timestamp(value: unknown, field: string, timezone: string): string | null {
	if (value === null || value === undefined) return null;
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		throw new DunningInputError(field, `${describeValue(value)} is not a Unix timestamp`);
	}
	return unixSecondsToDate(value, timezone, field);
}

function record(value: unknown): Record<string, unknown> | null {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: null;
}

/** Payments, from the expandable `payments` list when present, else the paid timestamp of a paid invoice. */
function stripePayments(
	raw: Record<string, unknown>,
	currency: string,
	timezone: string,
): Invoice['payments'] {
	const list = record(raw.payments)?.data;
	if (Array.isArray(list)) {
		return list.flatMap((entry, index) => {
			const payment = record(entry);
			const paidAt = record(payment?.status_transitions)?.paid_at;
			if (!payment || payment.status !== 'paid' || typeof paidAt !== 'number') return [];
			return [
				{
					date: unixSecondsToDate(
						paidAt,
						timezone,
						`invoice.payments.data[${index}].status_transitions.paid_at`,
					),
					amountMinor: stripeAmount(
						payment.amount_paid,
						currency,
						`invoice.payments.data[${index}].amount_paid`,
					),
				},
			];
		});
	}
	const paidAt = record(raw.status_transitions)?.paid_at;
	if (raw.status === 'paid' && typeof paidAt === 'number') {
		return [
			{
				date: unixSecondsToDate(paidAt, timezone, 'invoice.status_transitions.paid_at'),
				amountMinor: stripeAmount(raw.amount_paid, currency, 'invoice.amount_paid'),
			},
		];
	}
	return [];
}

/**
 * A Stripe address (`line1`, `line2`, `postal_code`, `city`, `state`, `country` alpha-2) in the normalised
 * shape; null when absent or empty.
 */
function stripeAddress(value: unknown): PostalAddress | null {
	const address = record(value);
	if (!address) return null;
	return postalAddress({
		lines: [optionalText(address.line1), optionalText(address.line2)].filter(
			(line): line is string => line !== null,
		),
		postalCode: optionalText(address.postal_code),
		city: optionalText(address.city),
		region: optionalText(address.state),
		country: countryFromText(address.country),
	});
}

/**
 * A Stripe Invoice object (API version 2025-03-31.basil or later) in the normalised shape. Dates are taken in
 * the creditor's time zone; the customer may be expanded (`expand[]=customer`) to add its locale and tags.
 */
export function normalizeStripeInvoice(raw: object, options: { timezone: string }): Invoice {
	const invoice = assertRecord(raw, 'invoice');
	const timezone = assertTimeZone(options?.timezone, 'options.timezone');
	if (invoice.object !== undefined && invoice.object !== 'invoice') {
		throw new DunningInputError(
			'invoice.object',
			`${describeValue(invoice.object)} is not a Stripe invoice`,
		);
	}
	if (typeof invoice.id !== 'string' || invoice.id === '') {
		throw new DunningInputError(
			'invoice.id',
			`${describeValue(invoice.id)} is not a Stripe invoice id`,
		);
	}
	const status = STRIPE_STATUSES[String(invoice.status)];
	if (!status) {
		throw new DunningInputError(
			'invoice.status',
			`${describeValue(invoice.status)} is not a Stripe invoice status`,
		);
	}
	const currency = normalizeCurrency(invoice.currency, 'invoice.currency');
	const totalMinor = stripeAmount(invoice.total, currency, 'invoice.total');
	const paidMinor = stripeAmount(invoice.amount_paid ?? 0, currency, 'invoice.amount_paid');
	const dueMinor = stripeAmount(invoice.amount_remaining, currency, 'invoice.amount_remaining');

	const customerObject = record(invoice.customer);
	const customerId =
		typeof invoice.customer === 'string' ? invoice.customer : optionalText(customerObject?.id);
	const stored = readStripeDunningMetadata(invoice.metadata);
	const customerTags = parseTagList(record(customerObject?.metadata)?.[STRIPE_METADATA_KEYS.tags]);
	const locales = customerObject?.preferred_locales;
	// The customer's own address when the customer is expanded, else the snapshot taken on the invoice.
	const address = stripeAddress(customerObject?.address) ?? stripeAddress(invoice.customer_address);
	const phone = optionalText(invoice.customer_phone) ?? optionalText(customerObject?.phone);

	const issuedAt =
		invoice.effective_at ?? record(invoice.status_transitions)?.finalized_at ?? invoice.created;
	const issueDate = timestamp(issuedAt, 'invoice.effective_at', timezone);
	if (issueDate === null) {
		throw new DunningInputError('invoice.created', 'missing: the invoice has no creation date');
	}

	return {
		id: invoice.id,
		source: 'stripe',
		number: optionalText(invoice.number),
		status,
		currency,
		totalMinor,
		paidMinor,
		dueMinor: status === 'paid' ? 0 : dueMinor,
		issueDate,
		dueDate: timestamp(invoice.due_date, 'invoice.due_date', timezone),
		customer: {
			id: customerId,
			name: optionalText(invoice.customer_name) ?? optionalText(customerObject?.name),
			email: optionalText(invoice.customer_email) ?? optionalText(customerObject?.email),
			locale: Array.isArray(locales) && typeof locales[0] === 'string' ? locales[0] : null,
			tags: normalizeTags([...stored.tags, ...customerTags]),
			country: address?.country ?? null,
			address,
			// Only when the source has one (issue 20: SMS steps).
			...(phone === null ? {} : { phone }),
		},
		paymentUrl: optionalText(invoice.hosted_invoice_url),
		pdfUrl: optionalText(invoice.invoice_pdf),
		payments: stripePayments(invoice, currency, timezone),
		dunning: stored.state,
		raw: invoice,
	};
}

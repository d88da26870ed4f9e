import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	DunningInputError,
	normalizeInvoice,
	normalizePennylaneInvoice,
	normalizeQuickBooksInvoice,
	normalizeStripeInvoice,
	type Invoice,
} from '../shared/internal';

/** Where a node finds the invoice in an item, and what kind of object it is. */
export type InvoiceFormat = 'auto' | 'normalized' | 'stripe' | 'quickbooks' | 'pennylane';

export const invoiceInputProperties: INodeProperties[] = [
	{
		displayName: 'Invoice Format',
		name: 'invoiceFormat',
		type: 'options',
		default: 'auto',
		options: [
			{
				name: 'Auto-Detect',
				value: 'auto',
				description: 'Recognise Stripe, QuickBooks, Pennylane and already normalised invoices',
			},
			{
				name: 'Normalised Invoice',
				value: 'normalized',
				description: 'The invoice shape this package outputs (from our triggers or any source)',
			},
			{
				name: 'Pennylane Invoice',
				value: 'pennylane',
				description:
					'A Pennylane customer invoice (API v2), with its customer in "customer" if read',
			},
			{
				name: 'QuickBooks Invoice',
				value: 'quickbooks',
				description: 'A QuickBooks Online Invoice object',
			},
			{
				name: 'Stripe Invoice',
				value: 'stripe',
				description: 'A Stripe Invoice object or invoice event',
			},
		],
		description: 'What kind of invoice object the items hold',
	},
	{
		displayName: 'Invoice Field',
		name: 'invoiceField',
		type: 'string',
		default: '',
		placeholder: 'e.g. invoice or data.object',
		description:
			'Dot path of the invoice inside each item. Leave empty to use the item itself, or its "invoice" field when an earlier node of this package added one.',
	},
];

/** An object that is neither null nor a list: the one such test of the nodes (the core has `isPlainRecord`). */
export function isDataObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a dot path (`data.object`) of an item, or undefined; only the objects' own fields count. */
export function readPath(json: IDataObject, path: string): unknown {
	let value: unknown = json;
	for (const key of path.split('.')) {
		if (!isDataObject(value) || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
		value = value[key];
	}
	return value;
}

function looksNormalized(value: Record<string, unknown>): boolean {
	return 'totalMinor' in value && 'dueMinor' in value && 'status' in value;
}

function detectFormat(value: Record<string, unknown>): Exclude<InvoiceFormat, 'auto'> | undefined {
	if (looksNormalized(value)) return 'normalized';
	if (value.object === 'invoice') return 'stripe';
	if (isDataObject(value.Invoice) || ('TotalAmt' in value && 'Balance' in value))
		return 'quickbooks';
	// Pennylane's own amount names, which neither Stripe nor QuickBooks use.
	if ('currency_amount' in value && 'remaining_amount_with_tax' in value) return 'pennylane';
	return undefined;
}

/** A Stripe event (`{ object: "event", data: { object: invoice } }`) stands for its invoice. */
function unwrapStripeEvent(value: Record<string, unknown>): Record<string, unknown> {
	if (value.object === 'event' && isDataObject(value.data) && isDataObject(value.data.object)) {
		return value.data.object;
	}
	return value;
}

/**
 * Reads and normalises the invoice of one item. Without a field path, an `invoice` field added by an earlier
 * node of this package wins over the item itself.
 */
export function readInvoice(
	json: IDataObject,
	options: { format: InvoiceFormat; field: string; timezone: string },
): Invoice {
	const field = options.field.trim();
	let value: unknown;
	if (field !== '') {
		value = readPath(json, field);
		if (!isDataObject(value)) throw new DunningInputError(field, 'no invoice object at this path');
	} else if (
		isDataObject(json.invoice) &&
		(options.format !== 'auto' || looksNormalized(json.invoice))
	) {
		value = json.invoice;
	} else {
		value = json;
	}
	const source = unwrapStripeEvent(value as Record<string, unknown>);
	const format = options.format === 'auto' ? detectFormat(source) : options.format;
	const where = field || 'invoice';
	switch (format) {
		case 'normalized':
			return normalizeInvoice(source, where);
		case 'stripe':
			return normalizeStripeInvoice(source, { timezone: options.timezone });
		case 'quickbooks':
			return normalizeQuickBooksInvoice(source, {
				timezone: options.timezone,
				customer: isDataObject(json.customer) ? json.customer : undefined,
			});
		case 'pennylane':
			return normalizePennylaneInvoice(source, {
				timezone: options.timezone,
				customer: isDataObject(json.customer) ? json.customer : undefined,
			});
		default:
			throw new DunningInputError(
				where,
				'not a recognised invoice (expected a Stripe, QuickBooks or Pennylane invoice, or a normalised invoice with totalMinor, dueMinor and status)',
			);
	}
}

/** The invoice as written onto an output item: the source object stays where it already is in the item. */
export function invoiceForOutput(invoice: Invoice): IDataObject {
	const output: Partial<Invoice> = { ...invoice };
	delete output.raw;
	return output as IDataObject;
}

import { DunningInputError, describeValue } from '../../shared/errors';
import { assertIsoDate, assertTimeZone, optionalIsoDate } from '../../shared/dates';
import { parseDunningNote } from '../../shared/dunning-metadata';
import { countryFromText } from '../../shared/country';
import {
	assertRecord,
	normalizeTags,
	postalAddress,
	type Invoice,
	type InvoiceStatus,
	type PostalAddress,
} from '../../shared/invoice';
import { decimalToMinor, normalizeCurrency } from '../../shared/money';

function record(value: unknown): Record<string, unknown> | null {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: null;
}

function text(value: unknown): string | null {
	return typeof value === 'string' && value.trim() !== '' ? value : null;
}

/**
 * QuickBooks has no status field (fixtures SOURCES.md, behaviour 8): a voided invoice keeps its id with
 * zeroed amounts and the note "Voided"; paid means nothing left to pay.
 */
function quickBooksStatus(totalMinor: number, dueMinor: number, note: unknown): InvoiceStatus {
	if (
		totalMinor === 0 &&
		dueMinor === 0 &&
		typeof note === 'string' &&
		/^voided\b/i.test(note.trim())
	) {
		return 'void';
	}
	return dueMinor > 0 ? 'open' : 'paid';
}

/**
 * A QuickBooks `PhysicalAddress` (`Line1`..`Line5`, `City`, `CountrySubDivisionCode`, `PostalCode`, and
 * `Country` as free text: "USA", "United States", "FR") in the normalised shape; null when absent or empty.
 */
function quickBooksAddress(value: unknown): PostalAddress | null {
	const address = record(value);
	if (!address) return null;
	return postalAddress({
		lines: ['Line1', 'Line2', 'Line3', 'Line4', 'Line5']
			.map((key) => text(address[key]))
			.filter((line): line is string => line !== null),
		postalCode: text(address.PostalCode),
		city: text(address.City),
		region: text(address.CountrySubDivisionCode),
		country: countryFromText(address.Country) ?? countryFromText(address.CountryCode),
	});
}

/**
 * A QuickBooks Online Invoice (API v3, `{ "Invoice": {...} }` or the bare object) in the normalised shape.
 * Amounts are decimals in major units and become minor units exactly. `TxnDate`/`DueDate` are already calendar
 * dates of the company; the time zone is validated so every normaliser is called the same way. The customer
 * record, when given, supplies the email missing from `BillEmail` and the customer's tags.
 */
export function normalizeQuickBooksInvoice(
	raw: object,
	options: { timezone: string; customer?: object },
): Invoice {
	const outer = assertRecord(raw, 'invoice');
	const invoice = record(outer.Invoice) ?? outer;
	assertTimeZone(options?.timezone, 'options.timezone');
	const customerRaw = record(options?.customer);
	const customer = record(customerRaw?.Customer) ?? customerRaw;

	const id = typeof invoice.Id === 'number' ? String(invoice.Id) : invoice.Id;
	if (typeof id !== 'string' || id === '') {
		throw new DunningInputError(
			'invoice.Id',
			`${describeValue(invoice.Id)} is not a QuickBooks invoice id`,
		);
	}
	const currency = normalizeCurrency(
		record(invoice.CurrencyRef)?.value,
		'invoice.CurrencyRef.value',
	);
	const totalMinor = decimalToMinor(invoice.TotalAmt, currency, 'invoice.TotalAmt');
	const dueMinor = decimalToMinor(invoice.Balance, currency, 'invoice.Balance');
	if (dueMinor > totalMinor) {
		throw new DunningInputError(
			'invoice.Balance',
			`${invoice.Balance} is more than TotalAmt ${invoice.TotalAmt}`,
		);
	}
	const note = parseDunningNote(invoice.PrivateNote, 'invoice.PrivateNote');
	const customerNote = parseDunningNote(customer?.Notes, 'customer.Notes');
	const customerRef = record(invoice.CustomerRef);
	// The invoice's billing address, else the customer record's.
	const address = quickBooksAddress(invoice.BillAddr) ?? quickBooksAddress(customer?.BillAddr);
	// The invoice carries no phone: the customer record's, the mobile first.
	const phone =
		text(record(customer?.Mobile)?.FreeFormNumber) ??
		text(record(customer?.PrimaryPhone)?.FreeFormNumber);

	return {
		id,
		source: 'quickbooks',
		number: text(invoice.DocNumber),
		status: quickBooksStatus(totalMinor, dueMinor, invoice.PrivateNote),
		currency,
		totalMinor,
		paidMinor: totalMinor - dueMinor,
		dueMinor,
		issueDate: assertIsoDate(invoice.TxnDate, 'invoice.TxnDate'),
		dueDate: optionalIsoDate(invoice.DueDate, 'invoice.DueDate'),
		customer: {
			id: text(customerRef?.value) ?? text(customer?.Id),
			name: text(customerRef?.name) ?? text(customer?.DisplayName),
			email:
				text(record(invoice.BillEmail)?.Address) ??
				text(record(customer?.PrimaryEmailAddr)?.Address),
			locale: null,
			tags: normalizeTags([...note.tags, ...customerNote.tags]),
			country: address?.country ?? null,
			address,
			// Only when the customer record has one (issue 20: SMS steps).
			...(phone === null ? {} : { phone }),
		},
		paymentUrl: text(invoice.InvoiceLink),
		pdfUrl: null,
		payments: [],
		dunning: note.state,
		raw: invoice,
	};
}

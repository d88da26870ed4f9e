import { DunningInputError, describeValue } from './errors';
import { assertIsoDate, optionalIsoDate, type IsoDate } from './dates';
import { assertMinorAmount, normalizeCurrency } from './money';
import { normalizeCountry } from './country';
import { validateLetterRecord, type LetterRecord } from './letter-record';
import { isPlainRecord } from './shape';

/** The one invoice shape every node works on (DESIGN.md section 2). */
export interface Invoice {
	id: string;
	source: InvoiceSource;
	number: string | null;
	status: InvoiceStatus;
	currency: string;
	totalMinor: number;
	paidMinor: number;
	dueMinor: number;
	issueDate: IsoDate;
	dueDate: IsoDate | null;
	customer: InvoiceCustomer;
	paymentUrl: string | null;
	pdfUrl: string | null;
	payments: InvoicePayment[];
	dunning: DunningState;
	raw?: object;
}

export type InvoiceSource = 'stripe' | 'quickbooks' | 'pennylane' | 'generic';
export type InvoiceStatus = 'draft' | 'open' | 'paid' | 'void' | 'uncollectible';

export interface InvoiceCustomer {
	id: string | null;
	name: string | null;
	email: string | null;
	locale: string | null;
	tags: string[];
	/**
	 * Extension (issue 19, contract 1): ISO 3166-1 alpha-2, upper case, of the billing address; null when
	 * unknown. Always set by the normalisers; optional in the type so that invoices built by hand before it
	 * (and `normalizeInvoice` input) still type-check: read it as `customer.country ?? null`.
	 */
	country?: string | null;
	/** Extension (issue 19, contract 1): the billing address; null when the source has none. Same as above. */
	address?: PostalAddress | null;
	/**
	 * Extension (issue 20): the customer's phone number as the source gives it (Stripe `customer_phone` or the
	 * customer's `phone`, QuickBooks `Mobile`, else `PrimaryPhone`), for SMS steps; null when it has none.
	 */
	phone?: string | null;
}

/** A billing address as the sources give it, for letters and for the customer's country. */
export interface PostalAddress {
	/** Street lines, in order, empty ones left out. */
	lines: string[];
	postalCode: string | null;
	city: string | null;
	/** State, province or region (Stripe `state`, QuickBooks `CountrySubDivisionCode`). */
	region: string | null;
	/** ISO 3166-1 alpha-2, upper case, or null when unknown. */
	country: string | null;
}

export interface InvoicePayment {
	date: IsoDate;
	amountMinor: number;
}

/** What has already happened in the dunning of an invoice, as recorded in its source system. */
export interface DunningState {
	sentStepIds: string[];
	lastSentOn: IsoDate | null;
	promisedOn: IsoDate | null;
	disputed: boolean;
	paused: boolean;
	/**
	 * Extension (issue 20): the registered letters posted for the invoice's steps, as Record Letter wrote them
	 * (docs/invoice-and-state.md). Present only when there is one, so states without letters keep the shape
	 * DESIGN.md gives them: read it as `dunning.letters ?? []`.
	 */
	letters?: LetterRecord[];
}

export const INVOICE_SOURCES: readonly InvoiceSource[] = [
	'stripe',
	'quickbooks',
	'pennylane',
	'generic',
];
export const INVOICE_STATUSES: readonly InvoiceStatus[] = [
	'draft',
	'open',
	'paid',
	'void',
	'uncollectible',
];

/**
 * Whether Claim Step may claim a step of this invoice (every source and the Dunning Ledger): an open invoice
 * with something left to pay; with `allowPaid` (the thank-you once paid, issue 21), a paid one too. A draft,
 * void or uncollectible invoice never is: nothing is chased on it and nothing is thanked.
 */
export function isClaimable(
	invoice: Pick<Invoice, 'status' | 'dueMinor'>,
	allowPaid: boolean,
): boolean {
	const { status, dueMinor } = assertRecord(invoice, 'invoice');
	if (allowPaid === true && status === 'paid') return true;
	return status === 'open' && typeof dueMinor === 'number' && dueMinor > 0;
}

export function emptyDunningState(): DunningState {
	return { sentStepIds: [], lastSentOn: null, promisedOn: null, disputed: false, paused: false };
}

export function assertRecord(value: unknown, field: string): Record<string, unknown> {
	if (!isPlainRecord(value)) {
		throw new DunningInputError(field, `${describeValue(value)} is not an object`);
	}
	return value;
}

function requiredString(value: unknown, field: string): string {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string' || value.trim() === '') {
		throw new DunningInputError(field, `${describeValue(value)} is not a non-empty string`);
	}
	return value;
}

function optionalString(value: unknown, field: string): string | null {
	if (value === null || value === undefined || value === '') return null;
	return requiredString(value, field);
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
	if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
		throw new DunningInputError(
			field,
			`${describeValue(value)} is not one of ${allowed.join(', ')}`,
		);
	}
	return value as T;
}

function booleanField(value: unknown, field: string): boolean {
	if (value === undefined || value === null) return false;
	if (typeof value !== 'boolean') {
		throw new DunningInputError(field, `${describeValue(value)} is not true or false`);
	}
	return value;
}

function stringList(value: unknown, field: string): string[] {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) {
		throw new DunningInputError(field, `${describeValue(value)} is not a list of strings`);
	}
	return value.map((entry, index) => requiredString(entry, `${field}[${index}]`));
}

/** Tags compare case-insensitively and without surrounding spaces: `" VIP "` and `"vip"` are one tag. */
export function normalizeTags(tags: readonly string[]): string[] {
	const seen = new Set<string>();
	for (const tag of tags) {
		const clean = tag.trim().toLowerCase();
		if (clean !== '') seen.add(clean);
	}
	return [...seen];
}

/** Splits a comma-separated tag list as stored in metadata (`"vip, strategic"`). */
export function parseTagList(value: unknown): string[] {
	return typeof value === 'string' ? normalizeTags(value.split(',')) : [];
}

export function validateDunningState(value: unknown, field: string): DunningState {
	if (value === undefined || value === null) return emptyDunningState();
	const raw = assertRecord(value, field);
	return withLetters(
		{
			sentStepIds: stringList(raw.sentStepIds, `${field}.sentStepIds`),
			lastSentOn: optionalIsoDate(raw.lastSentOn, `${field}.lastSentOn`),
			promisedOn: optionalIsoDate(raw.promisedOn, `${field}.promisedOn`),
			disputed: booleanField(raw.disputed, `${field}.disputed`),
			paused: booleanField(raw.paused, `${field}.paused`),
		},
		letterList(raw.letters, `${field}.letters`),
	);
}

function letterList(value: unknown, field: string): LetterRecord[] {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) {
		throw new DunningInputError(field, `${describeValue(value)} is not a list of letters`);
	}
	return value.map((entry, index) => validateLetterRecord(entry, `${field}[${index}]`));
}

/** A dunning state with its letters, which it carries only when there is one (see DunningState.letters). */
export function withLetters(state: DunningState, letters: LetterRecord[]): DunningState {
	const result: DunningState = { ...(assertRecord(state, 'state') as unknown as DunningState) };
	delete result.letters;
	if (!Array.isArray(letters)) {
		throw new DunningInputError('letters', `${describeValue(letters)} is not a list of letters`);
	}
	if (letters.length > 0) result.letters = letters;
	return result;
}

/** Street lines: strings, empty ones allowed (a spreadsheet's blank Line2) and dropped. */
function addressLines(value: unknown, field: string): string[] {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) {
		throw new DunningInputError(field, `${describeValue(value)} is not a list of strings`);
	}
	return value.map((line, index) =>
		line === null || line === '' ? '' : requiredString(line, `${field}[${index}]`),
	);
}

/**
 * A postal address given as data (an invoice's `customer.address`, a node parameter): checked part by part,
 * empty parts dropped; null when there is none. Bad parts throw a DunningInputError naming them.
 */
export function readPostalAddress(value: unknown, field: string): PostalAddress | null {
	if (value === undefined || value === null) return null;
	const raw = assertRecord(value, field);
	return postalAddress({
		lines: addressLines(raw.lines, `${field}.lines`),
		postalCode: optionalString(raw.postalCode, `${field}.postalCode`),
		city: optionalString(raw.city, `${field}.city`),
		region: optionalString(raw.region, `${field}.region`),
		country: normalizeCountry(raw.country, `${field}.country`),
	});
}

/** An address with its empty parts dropped; null when nothing is left. */
export function postalAddress(parts: PostalAddress): PostalAddress | null {
	const clean = (text: string | null) => (text === null || text.trim() === '' ? null : text.trim());
	const address: PostalAddress = {
		lines: parts.lines.map((line) => line.trim()).filter((line) => line !== ''),
		postalCode: clean(parts.postalCode),
		city: clean(parts.city),
		region: clean(parts.region),
		country: parts.country,
	};
	const empty =
		address.lines.length === 0 &&
		address.postalCode === null &&
		address.city === null &&
		address.region === null &&
		address.country === null;
	return empty ? null : address;
}

function validateCustomer(value: unknown, field: string): InvoiceCustomer {
	const raw = value === undefined || value === null ? {} : assertRecord(value, field);
	const address = readPostalAddress(raw.address, `${field}.address`);
	const phone = optionalString(raw.phone, `${field}.phone`);
	return {
		id: optionalString(raw.id, `${field}.id`),
		name: optionalString(raw.name, `${field}.name`),
		email: optionalString(raw.email, `${field}.email`),
		locale: optionalString(raw.locale, `${field}.locale`),
		tags: normalizeTags(stringList(raw.tags, `${field}.tags`)),
		// Given on its own, or read from the address.
		country: normalizeCountry(raw.country, `${field}.country`) ?? address?.country ?? null,
		address,
		// Only when given: invoices without a phone keep the shape they always had.
		...(phone === null ? {} : { phone }),
	};
}

function validatePayments(value: unknown, field: string): InvoicePayment[] {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value)) {
		throw new DunningInputError(field, `${describeValue(value)} is not a list of payments`);
	}
	return value.map((entry, index) => {
		const payment = assertRecord(entry, `${field}[${index}]`);
		return {
			date: assertIsoDate(payment.date, `${field}[${index}].date`),
			amountMinor: assertMinorAmount(payment.amountMinor, `${field}[${index}].amountMinor`),
		};
	});
}

/**
 * Validates an invoice given in the normalised shape itself (from a spreadsheet, a CRM or an earlier node)
 * and fills the optional parts. `dueMinor` defaults to `totalMinor − paidMinor`.
 */
export function normalizeInvoice(raw: object, field = 'invoice'): Invoice {
	const input = assertRecord(raw, field);
	const currency = normalizeCurrency(input.currency, `${field}.currency`);
	const totalMinor = assertMinorAmount(input.totalMinor, `${field}.totalMinor`);
	const paidMinor =
		input.paidMinor === undefined ? 0 : assertMinorAmount(input.paidMinor, `${field}.paidMinor`);
	const dueMinor =
		input.dueMinor === undefined
			? Math.max(totalMinor - paidMinor, 0)
			: assertMinorAmount(input.dueMinor, `${field}.dueMinor`);
	const invoice: Invoice = {
		id: requiredString(input.id, `${field}.id`),
		source:
			input.source === undefined
				? 'generic'
				: oneOf(input.source, INVOICE_SOURCES, `${field}.source`),
		number: optionalString(input.number, `${field}.number`),
		status: oneOf(input.status, INVOICE_STATUSES, `${field}.status`),
		currency,
		totalMinor,
		paidMinor,
		dueMinor,
		issueDate: assertIsoDate(input.issueDate, `${field}.issueDate`),
		dueDate: optionalIsoDate(input.dueDate, `${field}.dueDate`),
		customer: validateCustomer(input.customer, `${field}.customer`),
		paymentUrl: optionalString(input.paymentUrl, `${field}.paymentUrl`),
		pdfUrl: optionalString(input.pdfUrl, `${field}.pdfUrl`),
		payments: validatePayments(input.payments, `${field}.payments`),
		dunning: validateDunningState(input.dunning, `${field}.dunning`),
	};
	if (input.raw !== undefined && isPlainRecord(input.raw)) invoice.raw = input.raw;
	return invoice;
}

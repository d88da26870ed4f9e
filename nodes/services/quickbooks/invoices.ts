import type { IDataObject, IExecuteFunctions, IPollFunctions } from 'n8n-workflow';

import { QUERY_PAGE_SIZE, assertQuickBooksId, invoicesByIdQuery } from '../../shared/internal';
import { quickBooksRequest, type QuickBooksConnection } from './transport';

/** The QuickBooks reads and writes the nodes need, on top of the one request function. */
type Context = IExecuteFunctions | IPollFunctions;
export type RawObject = Record<string, unknown>;

function record(value: unknown): RawObject | null {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as RawObject)
		: null;
}

/** The entities read by id, with the field of the answer that holds them. */
const ENTITIES = {
	invoice: { key: 'Invoice', field: 'invoiceId' },
	customer: { key: 'Customer', field: 'customerId' },
	payment: { key: 'Payment', field: 'paymentId' },
} as const;

/** A fresh read of one object by id (`GET /<entity>/<id>`); an answer without it is an empty object. */
async function readById(
	context: Context,
	connection: QuickBooksConnection,
	entity: keyof typeof ENTITIES,
	id: string,
	options: { itemIndex?: number; qs?: IDataObject } = {},
): Promise<RawObject> {
	const { key, field } = ENTITIES[entity];
	const body = await quickBooksRequest(context, connection, {
		method: 'GET',
		path: `/${entity}/${assertQuickBooksId(id, field)}`,
		qs: options.qs,
		itemIndex: options.itemIndex,
	});
	return record(body[key]) ?? {};
}

/** A fresh read of one invoice; `include=invoiceLink` asks for the customer's payment link. */
export async function fetchInvoice(
	context: Context,
	connection: QuickBooksConnection,
	id: string,
	itemIndex?: number,
): Promise<RawObject> {
	return await readById(context, connection, 'invoice', id, {
		itemIndex,
		qs: { include: 'invoiceLink' },
	});
}

export async function fetchCustomer(
	context: Context,
	connection: QuickBooksConnection,
	id: string,
	itemIndex?: number,
): Promise<RawObject> {
	return await readById(context, connection, 'customer', id, { itemIndex });
}

export async function fetchPayment(
	context: Context,
	connection: QuickBooksConnection,
	id: string,
	itemIndex?: number,
): Promise<RawObject> {
	return await readById(context, connection, 'payment', id, { itemIndex });
}

export interface QueryPage {
	rows: RawObject[];
	/** The server's clock at the answer (`time`, Pacific offset). */
	time: string | null;
}

/** One query statement; `QueryResponse: {}` (past the end) is an empty page. */
export async function runQuery(
	context: Context,
	connection: QuickBooksConnection,
	statement: string,
	entity = 'Invoice',
	itemIndex?: number,
): Promise<QueryPage> {
	const body = await quickBooksRequest(context, connection, {
		method: 'GET',
		path: '/query',
		qs: { query: statement },
		itemIndex,
	});
	const rows = record(body.QueryResponse)?.[entity];
	return {
		rows: Array.isArray(rows) ? (rows as RawObject[]) : [],
		time: typeof body.time === 'string' ? body.time : null,
	};
}

/**
 * The pages of a paged query, one at a time, so that a caller can turn each into items and let the raw page
 * go: `statementAt(start, maxResults)` gives the statement for a 1-based start position. Pages are read until
 * one is shorter than asked (behaviour 6), so a page past the end is never needed, or until `limit` rows.
 */
export async function* queryPages(
	context: Context,
	connection: QuickBooksConnection,
	statementAt: (startPosition: number, maxResults: number) => string,
	options: { limit?: number; itemIndex?: number } = {},
): AsyncGenerator<QueryPage> {
	const limit = options.limit === undefined ? undefined : Math.floor(options.limit);
	let read = 0;
	for (let start = 1; ; ) {
		const size = limit === undefined ? QUERY_PAGE_SIZE : Math.min(QUERY_PAGE_SIZE, limit - read);
		if (size <= 0) return;
		const page = await runQuery(
			context,
			connection,
			statementAt(start, size),
			'Invoice',
			options.itemIndex,
		);
		yield page;
		read += page.rows.length;
		if (page.rows.length < size) return;
		start += page.rows.length;
	}
}

/** How many ids one by-id query asks for (the statement stays short enough for a URL). */
const IDS_PER_QUERY = 100;

/** Invoices by id, a query per 100 ids, one page at a time (ids that no longer exist are simply absent). */
export async function* invoicesById(
	context: Context,
	connection: QuickBooksConnection,
	ids: string[],
): AsyncGenerator<RawObject[]> {
	const unique = [...new Set(ids)];
	for (let start = 0; start < unique.length; start += IDS_PER_QUERY) {
		const page = await runQuery(
			context,
			connection,
			invoicesByIdQuery(unique.slice(start, start + IDS_PER_QUERY)),
		);
		yield page.rows;
	}
}

export interface ChangeSet {
	invoices: RawObject[];
	payments: RawObject[];
	time: string | null;
}

/** Change data capture of invoices and payments since a timestamp with offset (behaviour 7). */
export async function fetchChanges(
	context: Context,
	connection: QuickBooksConnection,
	changedSince: string,
): Promise<ChangeSet> {
	const body = await quickBooksRequest(context, connection, {
		method: 'GET',
		path: '/cdc',
		qs: { entities: 'Invoice,Payment', changedSince },
	});
	const invoices: RawObject[] = [];
	const payments: RawObject[] = [];
	const responses = Array.isArray(body.CDCResponse) ? body.CDCResponse : [];
	for (const response of responses as IDataObject[]) {
		const queries = Array.isArray(response.QueryResponse) ? response.QueryResponse : [];
		for (const query of queries as IDataObject[]) {
			if (Array.isArray(query.Invoice)) invoices.push(...(query.Invoice as RawObject[]));
			if (Array.isArray(query.Payment)) payments.push(...(query.Payment as RawObject[]));
		}
	}
	return { invoices, payments, time: typeof body.time === 'string' ? body.time : null };
}

/** Invoice ids a payment applies to (`Line[].LinkedTxn[]` of type Invoice). */
export function invoiceIdsOfPayment(payment: RawObject): string[] {
	const lines = Array.isArray(payment.Line) ? payment.Line : [];
	return lines.flatMap((line) => {
		const linked = record(line)?.LinkedTxn;
		return (Array.isArray(linked) ? linked : [])
			.map((entry) => record(entry))
			.filter((entry) => entry?.TxnType === 'Invoice' && entry.TxnId !== undefined)
			.map((entry) => String(entry!.TxnId));
	});
}

/** Sparse update of the note, carrying the SyncToken of the read it was computed from (behaviour 5). */
export async function updateInvoiceNote(
	context: Context,
	connection: QuickBooksConnection,
	invoice: { Id: string; SyncToken: string },
	note: string,
	itemIndex?: number,
): Promise<RawObject> {
	const body = await quickBooksRequest(context, connection, {
		method: 'POST',
		path: '/invoice',
		body: { Id: invoice.Id, SyncToken: invoice.SyncToken, sparse: true, PrivateNote: note },
		headers: { 'Content-Type': 'application/json' },
		itemIndex,
	});
	return record(body.Invoice) ?? {};
}

/** QuickBooks' own invoice email (`POST /invoice/{id}/send?sendTo=`); empty `sendTo`: the invoice's BillEmail. */
export async function sendInvoiceEmail(
	context: Context,
	connection: QuickBooksConnection,
	id: string,
	sendTo: string,
	itemIndex?: number,
): Promise<RawObject> {
	const body = await quickBooksRequest(context, connection, {
		method: 'POST',
		path: `/invoice/${assertQuickBooksId(id, 'invoiceId')}/send`,
		qs: sendTo ? { sendTo } : {},
		headers: { 'Content-Type': 'application/octet-stream' },
		itemIndex,
		// QuickBooks sends an email: a retry after a lost answer would send it twice.
		notIdempotent: true,
	});
	return record(body.Invoice) ?? {};
}

/** When to read an invoice's customer (the Customer Lookup option of both QuickBooks nodes). */
export type CustomerLookupMode = 'missingEmail' | 'always' | 'never';

/**
 * Customers looked up once per execution: for invoices without `BillEmail` (behaviour 10), or with "always"
 * for every invoice, for the customer's tags; never with "never".
 */
export function customerLookup(
	context: Context,
	connection: QuickBooksConnection,
	mode: CustomerLookupMode = 'missingEmail',
): (invoice: RawObject, itemIndex?: number) => Promise<RawObject | undefined> {
	if (mode === 'never') return async () => undefined;
	const cache = new Map<string, Promise<RawObject>>();
	return async (invoice, itemIndex) => {
		const email = record(invoice.BillEmail)?.Address;
		if (mode !== 'always' && typeof email === 'string' && email.trim() !== '') return undefined;
		const id = record(invoice.CustomerRef)?.value;
		if (typeof id !== 'string' && typeof id !== 'number') return undefined;
		const key = String(id);
		let customer = cache.get(key);
		if (!customer) {
			customer = fetchCustomer(context, connection, key, itemIndex);
			cache.set(key, customer);
		}
		return await customer;
	};
}

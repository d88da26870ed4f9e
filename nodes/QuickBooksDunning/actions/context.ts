import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ItemOutcome } from '../../common/per-item';
import { DONE, NOT_CLAIMED } from '../../common/router';
import type { CustomerLookupMode, RawObject } from '../../services/quickbooks/invoices';
import { fetchInvoice } from '../../services/quickbooks/invoices';
import { invoiceJson, normalize, type InvoiceEvent } from '../../services/quickbooks/overdue';
import type { QuickBooksConnection } from '../../services/quickbooks/transport';
import { assertQuickBooksId, assertTimeZone, type Invoice } from '../../shared/internal';

export { DONE, NOT_CLAIMED } from '../../common/router';

/** What every operation of one run shares: the connection, one clock, the customer cache, the zone per item. */
export interface QuickBooksRun {
	fn: IExecuteFunctions;
	connection: QuickBooksConnection;
	now: number;
	customerOf: (invoice: RawObject, itemIndex?: number) => Promise<RawObject | undefined>;
	/** The company's zone for an item (read once when the option holds no expression). */
	timezoneOf: (itemIndex: number) => string;
}

/** Items for one input item: on the Done output, or on the Not Claimed output. */
export interface OperationResult {
	done: IDataObject[];
	notClaimed: IDataObject[];
}

/** An operation's answer with every item on Done. */
export function done(...json: IDataObject[]): OperationResult {
	return { done: json, notClaimed: [] };
}

function toItems(result: OperationResult): ItemOutcome[] {
	return [
		...result.done.map((json) => ({ output: DONE, json })),
		...result.notClaimed.map((json) => ({ output: NOT_CLAIMED, json })),
	];
}

export interface Options extends IDataObject {
	customerLookup?: CustomerLookupMode;
	timezone?: string;
}

export function readOptions(fn: IExecuteFunctions, itemIndex: number): Options {
	return fn.getNodeParameter('options', itemIndex, {}) as Options;
}

export function timezoneOf(fn: IExecuteFunctions, itemIndex: number): string {
	const zone = (readOptions(fn, itemIndex).timezone ?? '').trim() || fn.getTimezone();
	return assertTimeZone(zone, 'options.timezone');
}

export function stringParameter(fn: IExecuteFunctions, name: string, itemIndex: number): string {
	const value = fn.getNodeParameter(name, itemIndex, '') as unknown;
	return value === null || value === undefined ? '' : String(value).trim();
}

export function invoiceIdOf(run: QuickBooksRun, itemIndex: number): string {
	return assertQuickBooksId(stringParameter(run.fn, 'invoiceId', itemIndex), 'invoiceId');
}

/** An invoice as items show it: its customer when the Customer Lookup option asks for it, normalised. */
export async function expand(
	run: QuickBooksRun,
	raw: RawObject,
	timezone: string,
	itemIndex: number,
): Promise<Expanded> {
	const customer = await run.customerOf(raw, itemIndex);
	return { raw, customer, invoice: normalize(raw, timezone, customer) };
}

export interface Expanded {
	raw: RawObject;
	customer: RawObject | undefined;
	invoice: Invoice;
}

/** The invoice as a write returned it, with the customer of the read before (a note changes no customer). */
export function asWritten(read: Expanded, written: RawObject, timezone: string): Expanded {
	return {
		raw: written,
		customer: read.customer,
		invoice: normalize(written, timezone, read.customer),
	};
}

/** A fresh read of an invoice, expanded. */
export async function readExpanded(
	run: QuickBooksRun,
	id: string,
	timezone: string,
	itemIndex: number,
): Promise<Expanded> {
	return await expand(
		run,
		await fetchInvoice(run.fn, run.connection, id, itemIndex),
		timezone,
		itemIndex,
	);
}

/** The item an operation returns: the input item's fields, the invoice, its customer, extras. */
export function invoiceItem(
	json: IDataObject,
	{ raw, customer, invoice }: Expanded,
	extra: IDataObject = {},
	event?: InvoiceEvent,
): IDataObject {
	return { ...json, ...invoiceJson(invoice, raw, { event, customer }), ...extra };
}

export type Execute = (
	run: QuickBooksRun,
	item: INodeExecutionData,
	itemIndex: number,
) => Promise<ItemOutcome[]>;

/** The execute of an operation that answers with items on Done and on Not Claimed. */
export function answers(
	handle: (
		run: QuickBooksRun,
		item: INodeExecutionData,
		itemIndex: number,
	) => Promise<OperationResult>,
): Execute {
	return async (run, item, itemIndex) => toItems(await handle(run, item, itemIndex));
}

/** What an operation on one invoice works with: the run, the item's zone and its checked Invoice ID. */
export interface InvoiceCall {
	run: QuickBooksRun;
	itemIndex: number;
	id: string;
	timezone: string;
}

/** The execute of an operation on one invoice: reads the item's zone and Invoice ID, then runs `handle`. */
export function onInvoice(
	handle: (call: InvoiceCall, item: INodeExecutionData) => Promise<OperationResult>,
): Execute {
	return answers(async (run, item, itemIndex) => {
		const timezone = run.timezoneOf(itemIndex);
		const id = invoiceIdOf(run, itemIndex);
		return await handle({ run, itemIndex, id, timezone }, item);
	});
}

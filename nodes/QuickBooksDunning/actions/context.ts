import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ItemOutcome } from '../../common/per-item';
import type { CustomerLookupMode, RawObject } from '../../services/quickbooks/invoices';
import { fetchInvoice } from '../../services/quickbooks/invoices';
import { normalize } from '../../services/quickbooks/overdue';
import type { QuickBooksConnection } from '../../services/quickbooks/transport';
import { assertQuickBooksId, assertTimeZone } from '../../shared/internal';

export const DONE = 0;
export const NOT_CLAIMED = 1;

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

export function toItems(result: OperationResult): ItemOutcome[] {
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

/** A fresh read of an invoice, with its customer when the Customer Lookup option asks for it. */
export async function readExpanded(
	run: QuickBooksRun,
	id: string,
	timezone: string,
	itemIndex: number,
) {
	const raw = await fetchInvoice(run.fn, run.connection, id, itemIndex);
	const customer = await run.customerOf(raw, itemIndex);
	return { raw, customer, invoice: normalize(raw, timezone, customer) };
}

export type Execute = (
	run: QuickBooksRun,
	item: INodeExecutionData,
	itemIndex: number,
) => Promise<ItemOutcome[]>;

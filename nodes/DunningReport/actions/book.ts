import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { readInvoice, readPath, type InvoiceFormat } from '../../common/invoice-input';
import { runEachItem } from '../../common/per-item';
import {
	assertTimeZone,
	checkReportInvoice,
	DunningInputError,
	type ReportInvoice,
} from '../../shared/internal';

export const SUMMARY = 0;
export const ITEMS = 1;
export const OUTPUT_NAMES = ['Summary', 'Items'];

export interface ReadInvoice {
	invoice: ReportInvoice;
	itemIndex: number;
}

/** The invoices of the run, the items that could not be read, and their errors for the summary. */
export interface Book {
	entries: ReadInvoice[];
	invoices: ReportInvoice[];
	/** Finds the item an invoice of a report line came from. */
	source(line: { source: string; invoiceId: string }): ReadInvoice;
	errors: IDataObject[];
	failed: INodeExecutionData[];
}

/**
 * Reads the invoice of every item through the per-item wrapper. A bad item is reported in the summary's
 * `errors` and, with Continue On Fail, passed on to the Items output (or n8n's error output); the others
 * are still counted.
 */
export async function readBook(
	context: IExecuteFunctions,
	timezone: string,
	withHistory: boolean,
): Promise<Book> {
	const format = context.getNodeParameter('invoiceFormat', 0, 'auto') as InvoiceFormat;
	const field = context.getNodeParameter('invoiceField', 0, '') as string;
	const historyField = withHistory
		? (context.getNodeParameter('historyField', 0, 'history') as string).trim()
		: '';
	const read: (ReadInvoice | undefined)[] = [];
	const [, failed] = await runEachItem(
		context,
		{ outputs: OUTPUT_NAMES.length, failedOutput: ITEMS },
		({ json }, itemIndex) => {
			let invoice: ReportInvoice = readInvoice(json, { format, field, timezone });
			// The history extension: the item field, else `dunning.history` / `dunning.promises` of the item's
			// invoice object (the normaliser keeps only the Invoice contract's fields).
			const history =
				(historyField === '' ? undefined : readPath(json, historyField)) ??
				readPath(json, 'invoice.dunning.history');
			const promises = readPath(json, 'invoice.dunning.promises');
			if (history !== undefined && history !== null) {
				invoice = { ...invoice, dunning: { ...invoice.dunning, history: history as never } };
			}
			if (promises !== undefined && promises !== null) {
				invoice = { ...invoice, dunning: { ...invoice.dunning, promises: promises as never } };
			}
			read[itemIndex] = { invoice: checkReportInvoice(invoice, 'invoice'), itemIndex };
			return [];
		},
	);
	return bookOf(
		read.filter((entry): entry is ReadInvoice => entry !== undefined),
		failed.map((item) => ({
			item: (item.pairedItem as { item: number }).item,
			error: item.json.error,
		})),
		failed,
	);
}

function bookOf(entries: ReadInvoice[], errors: IDataObject[], failed: INodeExecutionData[]): Book {
	const byKey = new Map(
		entries.map((entry) => [`${entry.invoice.source}:${entry.invoice.id}`, entry]),
	);
	return {
		entries,
		invoices: entries.map((entry) => entry.invoice),
		source: (line) => byKey.get(`${line.source}:${line.invoiceId}`) as ReadInvoice,
		errors,
		failed,
	};
}

/** The same book with each invoice replaced (same order and items), e.g. by its history from the ledger. */
export function withInvoices(book: Book, invoices: readonly ReportInvoice[]): Book {
	return bookOf(
		book.entries.map((entry, index) => ({ ...entry, invoice: invoices[index] })),
		book.errors,
		book.failed,
	);
}

/** The summary stands for every input item, failed ones included: they are reported in it. */
export function allItems(context: IExecuteFunctions) {
	return context.getInputData().map((_, item) => ({ item }));
}

export function readTimezone(context: IExecuteFunctions): string {
	const value = (context.getNodeParameter('timezone', 0, '') as string).trim();
	return value === '' ? context.getTimezone() : assertTimeZone(value, 'timezone');
}

/** Parameters and the book as a whole are not one item's fault, so Continue On Fail does not apply. */
export function wholeRunError(context: IExecuteFunctions, error: unknown): NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), (error as Error).message, {
		description:
			error instanceof DunningInputError
				? `The parameter or field "${error.field}" is not valid.`
				: undefined,
	});
}

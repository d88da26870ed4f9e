import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	LEDGER_CREDENTIAL,
	openLedger,
	type LedgerCredential,
} from '../../services/ledger/connection';
import { readLedgerHistoryRows } from '../../services/ledger/history-read';
import { foldLedgerHistory } from '../../shared/internal';
import { withInvoices, type Book } from './book';

export const HISTORY_FROM_INVOICES = 'invoices';
export const HISTORY_FROM_LEDGER = 'ledger';

/** The History From parameter of an operation (default: the invoices, as before the ledger existed). */
export function historyFromProperty(operation: string): INodeProperties {
	return {
		displayName: 'History From',
		name: 'historyFrom',
		type: 'options',
		default: HISTORY_FROM_INVOICES,
		displayOptions: { show: { operation: [operation] } },
		options: [
			{
				name: 'Invoices',
				value: HISTORY_FROM_INVOICES,
				description:
					"The invoices' own dunning state: Stripe metadata, the QuickBooks note, or the History Field below",
			},
			{
				name: 'Dunning Ledger',
				value: HISTORY_FROM_LEDGER,
				description:
					'The Dunning Ledger (PostgreSQL) the reminders were claimed and proved in: every reminder with its date, and the proof of each one (Pennylane, spreadsheets, any source)',
			},
		],
		description: 'Where the reminders already sent are read from',
	};
}

export function historyFrom(context: IExecuteFunctions): string {
	return context.getNodeParameter('historyFrom', 0, HISTORY_FROM_INVOICES) as string;
}

/**
 * The book with each invoice's history, state and proofs read from the Dunning Ledger: one pool for the run,
 * one query per batch of invoices (history-read.ts), folded by the core's `foldLedgerHistory`.
 */
export async function withLedgerHistory(
	context: IExecuteFunctions,
	book: Book,
	timezone: string,
): Promise<Book> {
	const credential = (await context.getCredentials(LEDGER_CREDENTIAL)) as LedgerCredential;
	const { query, tablePrefix, close } = openLedger(credential);
	try {
		const rows = await readLedgerHistoryRows(
			query,
			book.invoices.map((invoice) => ({ source: invoice.source, invoiceId: invoice.id })),
			{ tablePrefix },
		);
		return withInvoices(book, foldLedgerHistory(book.invoices, rows, timezone));
	} finally {
		await close();
	}
}

import type { INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../common/per-item';
import { assertInvoiceId, getInvoice } from '../../../services/pennylane/invoices';
import { invoiceItem, itemOptions, type PennylaneRun } from '../context';

export const description: INodeProperties[] = [];

/**
 * A fresh read of the invoice, with its customer. The item's `invoice.dunning` (from the ledger) is kept:
 * Pennylane has none, so a fresh read must not erase what Read State added.
 */
export async function execute(
	run: PennylaneRun,
	item: INodeExecutionData,
	itemIndex: number,
): Promise<ItemResult> {
	const options = itemOptions(run, itemIndex);
	const invoiceId = assertInvoiceId(run.fn.getNodeParameter('invoiceId', itemIndex));
	const read = await getInvoice(run.fn, invoiceId, options, run.customers);
	const previous = (item.json.invoice as { id?: unknown; dunning?: unknown } | undefined) ?? {};
	if (previous.id === read.invoice.id && previous.dunning) {
		read.invoice = { ...read.invoice, dunning: previous.dunning as typeof read.invoice.dunning };
	}
	return { output: 0, json: invoiceItem(item.json, read) };
}

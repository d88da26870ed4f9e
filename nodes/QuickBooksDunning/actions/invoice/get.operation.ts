import type { INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ItemOutcome } from '../../../common/per-item';
import { invoiceJson } from '../../../services/quickbooks/overdue';
import { invoiceIdOf, readExpanded, toItems, type QuickBooksRun } from '../context';

export const description: INodeProperties[] = [];

/** A fresh read of the invoice, with its payment link and, if needed, its customer. */
async function get(ctx: QuickBooksRun, item: INodeExecutionData, itemIndex: number) {
	const timezone = ctx.timezoneOf(itemIndex);
	const { raw, customer, invoice } = await readExpanded(
		ctx,
		invoiceIdOf(ctx, itemIndex),
		timezone,
		itemIndex,
	);
	return { done: [{ ...item.json, ...invoiceJson(invoice, raw, { customer }) }], notClaimed: [] };
}

export async function execute(
	run: QuickBooksRun,
	item: INodeExecutionData,
	itemIndex: number,
): Promise<ItemOutcome[]> {
	return toItems(await get(run, item, itemIndex));
}

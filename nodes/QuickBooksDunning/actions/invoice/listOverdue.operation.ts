import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { classifyInvoice } from '../../../common/overdue-window';
import type { ItemOutcome } from '../../../common/per-item';
import {
	overdueWindowProperties,
	readDueWithinDays,
	readLimit,
	readMinDaysOverdue,
	returnAllProperties,
	showFor,
} from '../../../common/source-properties';
import { queryPages } from '../../../services/quickbooks/invoices';
import { invoiceJson, normalize, overdueCutoff } from '../../../services/quickbooks/overdue';
import { addCalendarDays, dateInTimeZone, overdueInvoicesQuery } from '../../../shared/internal';
import { toItems, type QuickBooksRun } from '../context';

export const description: INodeProperties[] = [
	...overdueWindowProperties(
		showFor(['listOverdue', 'verifyWebhook']).show,
		'Open invoices',
		showFor(['listOverdue']).show,
	),
	...returnAllProperties(showFor(['listOverdue']).show),
];

async function listOverdue(ctx: QuickBooksRun, item: INodeExecutionData, itemIndex: number) {
	const timezone = ctx.timezoneOf(itemIndex);
	const parameter = (name: string, fallback: unknown) =>
		ctx.fn.getNodeParameter(name, itemIndex, fallback);
	const filter = {
		minDaysOverdue: readMinDaysOverdue(parameter),
		dueWithinDays: readDueWithinDays(parameter),
	};
	const dueWithinDays = filter.dueWithinDays;
	const limit = readLimit(parameter, {});
	const today = dateInTimeZone(ctx.now, timezone);
	const cutoff = overdueCutoff(ctx.now, timezone, filter.minDaysOverdue);
	// The query language has no `or`: one range up to the last due-soon day, the window decided here.
	const dueBefore = dueWithinDays === null ? cutoff : addCalendarDays(today, dueWithinDays + 1);
	const done: IDataObject[] = [];
	// Page by page: each page becomes items before the next is read, and a limit asks for no more rows.
	for await (const page of queryPages(
		ctx.fn,
		ctx.connection,
		(start, maxResults) => overdueInvoicesQuery({ dueBefore }, start, maxResults),
		{ limit, itemIndex },
	)) {
		for (const raw of page.rows) {
			const customer = await ctx.customerOf(raw, itemIndex);
			const invoice = normalize(raw, timezone, customer);
			const listed = classifyInvoice(invoice, today, filter);
			if (!listed) continue;
			done.push({
				...item.json,
				...invoiceJson(invoice, raw, { event: listed.window, customer }),
				window: listed.window,
				daysOverdue: listed.daysOverdue,
			});
		}
	}
	return { done, notClaimed: [] };
}

export async function execute(
	run: QuickBooksRun,
	item: INodeExecutionData,
	itemIndex: number,
): Promise<ItemOutcome[]> {
	return toItems(await listOverdue(run, item, itemIndex));
}

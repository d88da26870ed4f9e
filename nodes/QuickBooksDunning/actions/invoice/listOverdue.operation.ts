import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { classifyInvoice } from '../../../common/overdue-window';
import {
	customerIdFilterProperty,
	overdueWindowProperties,
	readCustomerOverdueListing,
	returnAllProperties,
	showFor,
} from '../../../common/source-properties';
import { queryPages } from '../../../services/quickbooks/invoices';
import { overdueCutoff } from '../../../services/quickbooks/overdue';
import { addCalendarDays, dateInTimeZone, overdueInvoicesQuery } from '../../../shared/internal';
import { answers, expand, invoiceItem } from '../context';

export const description: INodeProperties[] = [
	...overdueWindowProperties(
		showFor(['listOverdue', 'verifyWebhook']).show,
		'Open invoices',
		showFor(['listOverdue']).show,
	),
	customerIdFilterProperty(showFor(['listOverdue']).show, 'QuickBooks', 'e.g. 58'),
	...returnAllProperties(showFor(['listOverdue']).show),
];

export const execute = answers(async (ctx, item, itemIndex) => {
	const timezone = ctx.timezoneOf(itemIndex);
	const { filter, limit } = readCustomerOverdueListing(ctx.fn, itemIndex);
	const customerId = filter.customerId === '' ? null : filter.customerId;
	const dueWithinDays = filter.dueWithinDays;
	const today = dateInTimeZone(ctx.now, timezone);
	const cutoff = overdueCutoff(ctx.now, timezone, filter.minDaysOverdue);
	// The query language has no `or`: one range up to the last due-soon day, the window decided here.
	const dueBefore = dueWithinDays === null ? cutoff : addCalendarDays(today, dueWithinDays + 1);
	const done: IDataObject[] = [];
	// Page by page: each page becomes items before the next is read, and a limit asks for no more rows.
	for await (const page of queryPages(
		ctx.fn,
		ctx.connection,
		(start, maxResults) => overdueInvoicesQuery({ dueBefore, customerId }, start, maxResults),
		{ limit, itemIndex },
	)) {
		for (const raw of page.rows) {
			const read = await expand(ctx, raw, timezone, itemIndex);
			const listed = classifyInvoice(read.invoice, today, filter);
			if (!listed) continue;
			done.push(
				invoiceItem(
					item.json,
					read,
					{ window: listed.window, daysOverdue: listed.daysOverdue },
					listed.window,
				),
			);
		}
	}
	return { done, notClaimed: [] };
});

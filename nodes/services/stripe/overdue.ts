import type { IDataObject } from 'n8n-workflow';

import type { OverdueFilter } from '../../common/overdue-window';

const DAY_SECONDS = 86_400;

/**
 * The `GET /v1/invoices` query for open send_invoice invoices whose due date can match the filter. Stripe
 * cannot search on due_date (search only covers created, status, metadata...), but the list endpoint takes a
 * due_date range. The range is one day wider than needed on the upper side, because calendar days are
 * counted in the creditor's time zone; `classifyInvoice` then decides exactly.
 */
export function overdueListQuery(nowSeconds: number, filter: OverdueFilter): IDataObject {
	const upperDays =
		filter.dueWithinDays !== null ? filter.dueWithinDays + 1 : 1 - filter.minDaysOverdue;
	return {
		status: 'open',
		collection_method: 'send_invoice',
		due_date: { lt: Math.floor(nowSeconds) + upperDays * DAY_SECONDS },
		...(filter.customerId ? { customer: filter.customerId } : {}),
		expand: ['data.customer'],
	};
}

import { daysBetween, type Invoice } from '../shared/internal';

/**
 * Which open invoices List Overdue and the triggers return, the same rule for every source: overdue by at
 * least `minDaysOverdue` calendar days, or (when wanted) due today or within `dueWithinDays` days.
 */
export interface OverdueFilter {
	/** Overdue by at least this many calendar days (today − due date ≥ N, and at least 1). */
	minDaysOverdue: number;
	/** Also invoices due within this many days (0 ≤ due date − today ≤ N); null: not wanted. */
	dueWithinDays: number | null;
	customerId?: string;
}

export type InvoiceWindow = 'overdue' | 'due_soon';

/** Whether a normalised invoice is in the filter's window today, and how many days overdue it is. */
export function classifyInvoice(
	invoice: Invoice,
	today: string,
	filter: OverdueFilter,
): { window: InvoiceWindow; daysOverdue: number } | null {
	if (invoice.status !== 'open' || invoice.dueMinor <= 0 || invoice.dueDate === null) return null;
	const daysOverdue = daysBetween(today, invoice.dueDate);
	if (daysOverdue >= filter.minDaysOverdue && daysOverdue > 0)
		return { window: 'overdue', daysOverdue };
	if (filter.dueWithinDays !== null && daysOverdue <= 0 && -daysOverdue <= filter.dueWithinDays) {
		return { window: 'due_soon', daysOverdue };
	}
	return null;
}

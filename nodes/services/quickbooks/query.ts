import { DunningInputError, describeValue } from '../../shared/errors';
import { assertIsoDate, type IsoDate } from '../../shared/dates';
import { assertList, assertObject, assertText } from '../../shared/shape';

/** QuickBooks serves at most 1,000 rows per query page (behaviour 6). */
export const QUERY_PAGE_SIZE = 1000;

/** A string literal of the QuickBooks query language: single quotes, a quote inside escaped with `\`. */
export function quoteQueryLiteral(value: string): string {
	assertText(value, 'value');
	return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function assertPage(startPosition: number, maxResults: number): void {
	if (!Number.isSafeInteger(startPosition) || startPosition < 1) {
		throw new DunningInputError(
			'startPosition',
			`${describeValue(startPosition)} is not 1 or more`,
		);
	}
	if (!Number.isSafeInteger(maxResults) || maxResults < 1 || maxResults > QUERY_PAGE_SIZE) {
		throw new DunningInputError(
			'maxResults',
			`${describeValue(maxResults)} is not between 1 and 1000`,
		);
	}
}

export interface OverdueQuery {
	/** Invoices due strictly before this date (today minus the grace days, in the company's zone). */
	dueBefore: IsoDate;
	/** Optionally only those due on or after this date (the invoices that crossed the line since a day). */
	dueOnOrAfter?: IsoDate | null;
	/** Optionally only this customer's invoices (`CustomerRef`, a QuickBooks id). */
	customerId?: string | null;
}

function overdueWhere(query: OverdueQuery): string {
	assertObject(query, 'query');
	const conditions = [
		`Balance > '0'`,
		`DueDate < ${quoteQueryLiteral(assertIsoDate(query.dueBefore, 'dueBefore'))}`,
	];
	if (query.dueOnOrAfter) {
		conditions.push(
			`DueDate >= ${quoteQueryLiteral(assertIsoDate(query.dueOnOrAfter, 'dueOnOrAfter'))}`,
		);
	}
	if (query.customerId) {
		conditions.push(
			`CustomerRef = ${quoteQueryLiteral(assertQuickBooksId(query.customerId, 'customerId'))}`,
		);
	}
	// `and` only: the query language has no `or` (behaviour 6).
	return conditions.join(' and ');
}

/** One page of open overdue invoices, oldest due date first (startposition is 1-based). */
export function overdueInvoicesQuery(
	query: OverdueQuery,
	startPosition: number,
	maxResults = QUERY_PAGE_SIZE,
): string {
	assertPage(startPosition, maxResults);
	return `select * from Invoice where ${overdueWhere(query)} orderby DueDate startposition ${startPosition} maxresults ${maxResults}`;
}

/** How many open overdue invoices there are (`QueryResponse.totalCount`). */
export function overdueInvoicesCountQuery(query: OverdueQuery): string {
	return `select count(*) from Invoice where ${overdueWhere(query)}`;
}

/** Invoices by id, at most a page of them. */
export function invoicesByIdQuery(ids: string[]): string {
	assertList(ids, 'ids');
	if (ids.length === 0 || ids.length > QUERY_PAGE_SIZE) {
		throw new DunningInputError('ids', `${ids.length} ids: between 1 and 1000 are needed`);
	}
	for (const id of ids) {
		if (typeof id !== 'string' || !/^\d+$/.test(id))
			throw new DunningInputError('ids', `${describeValue(id)} is not a QuickBooks id`);
	}
	return `select * from Invoice where Id in (${ids.map(quoteQueryLiteral).join(', ')}) maxresults ${QUERY_PAGE_SIZE}`;
}

/** Validates a QuickBooks entity id (digits) before it goes into a URL path. */
export function assertQuickBooksId(value: unknown, field: string): string {
	const id = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
	if (typeof id !== 'string' || !/^\d+$/.test(id.trim())) {
		throw new DunningInputError(field, `${describeValue(value)} is not a QuickBooks id (digits)`);
	}
	return id.trim();
}

import {
	assertQuickBooksId,
	invoicesByIdQuery,
	overdueInvoicesCountQuery,
	overdueInvoicesQuery,
	quoteQueryLiteral,
} from '../../../nodes/shared/internal';
import { quickBooksExchange } from '../../helpers/fixtures';

describe('QuickBooks query statements', () => {
	it('writes the overdue query exactly as the recorded exchange sent it', () => {
		const recorded = quickBooksExchange('query-invoices-overdue').request.query as {
			query: string;
		};
		expect(overdueInvoicesQuery({ dueBefore: '2026-11-26' }, 1)).toBe(recorded.query);
	});

	it('writes the count query of the recorded exchange', () => {
		const recorded = quickBooksExchange('query-count').request.query as { query: string };
		expect(overdueInvoicesCountQuery({ dueBefore: '2026-11-26' })).toBe(recorded.query);
	});

	it('bounds a window of due dates with and, never or', () => {
		expect(
			overdueInvoicesQuery({ dueBefore: '2026-11-26', dueOnOrAfter: '2026-11-20' }, 1001, 500),
		).toBe(
			"select * from Invoice where Balance > '0' and DueDate < '2026-11-26' and DueDate >= '2026-11-20' orderby DueDate startposition 1001 maxresults 500",
		);
	});

	it('refuses pages QuickBooks would refuse and dates that are not dates', () => {
		expect(() => overdueInvoicesQuery({ dueBefore: '2026-11-26' }, 0)).toThrow('startPosition');
		expect(() => overdueInvoicesQuery({ dueBefore: '2026-11-26' }, 1, 1001)).toThrow('maxResults');
		expect(() => overdueInvoicesQuery({ dueBefore: "2026-11-26' or 1=1" }, 1)).toThrow('dueBefore');
	});

	it('reads invoices by id with digits only', () => {
		expect(invoicesByIdQuery(['1042', '1043'])).toBe(
			"select * from Invoice where Id in ('1042', '1043') maxresults 1000",
		);
		expect(() => invoicesByIdQuery(["1' or '1"])).toThrow('ids');
		expect(() => invoicesByIdQuery([])).toThrow('ids');
	});

	it('escapes quotes in literals and validates ids for URL paths', () => {
		expect(quoteQueryLiteral("O'Brien \\ co")).toBe("'O\\'Brien \\\\ co'");
		expect(assertQuickBooksId(' 1042 ', 'invoiceId')).toBe('1042');
		expect(assertQuickBooksId(1042, 'invoiceId')).toBe('1042');
		expect(() => assertQuickBooksId('../customer/58', 'invoiceId')).toThrow(
			'invoiceId: "../customer/58" is not a QuickBooks id',
		);
	});
});

// Issue 19, #12: DSO by a standard method with its definition in the report, its HTML and its CSV, or no DSO
// (null with a reason) when the data cannot give one — never "DSO (90 days) 90 days" for a book where every
// invoice is open.
import {
	buildDunningReport,
	dsoToCsv,
	renderReportHtml,
	type ReportInvoice,
} from '../../../nodes/shared/internal';
import { makeInvoice } from '../invoice-factory';

const AS_OF = '2026-11-26';

const openInvoice = (id: string, issueDate: string, amount: number): ReportInvoice =>
	makeInvoice({
		id,
		issueDate,
		dueDate: issueDate,
		totalMinor: amount,
		dueMinor: amount,
		customer: { id: `c-${id}` },
	});

/** Every invoice open and unpaid, all issued within the 90 days: what a List Overdue feeds the report. */
const allOpen = [
	openInvoice('a', '2026-09-10', 1000_00),
	openInvoice('b', '2026-10-01', 2500_00),
	openInvoice('c', '2026-11-02', 800_00),
];

describe('DSO when the data cannot give one', () => {
	it('a book where every invoice is open and nothing was ever paid: no DSO, with the reason', () => {
		const { dso } = buildDunningReport(allOpen, { asOf: AS_OF });
		expect(dso.byCurrency.EUR).toEqual({
			receivablesMinor: 4300_00,
			salesMinor: 4300_00,
			collectedMinor: 0,
			dso: null,
			reason: 'no_collections',
		});
	});

	it('its HTML never prints "DSO (90 days) 90 days", and says why there is no figure', () => {
		const html = renderReportHtml(buildDunningReport(allOpen, { asOf: AS_OF }));
		expect(html).not.toMatch(/90 days<\/div>\s*<div class="value">90 days/);
		expect(html).not.toMatch(/class="value">90 days/);
		expect(html).toContain('No payment appears in these invoices');
	});

	it('no sales in the period: no DSO, reason no_sales_in_period', () => {
		const { dso } = buildDunningReport([openInvoice('old', '2026-01-05', 100_00)], { asOf: AS_OF });
		expect(dso.byCurrency.EUR).toMatchObject({ dso: null, reason: 'no_sales_in_period' });
	});
});

describe('DSO by the average method, with its definition', () => {
	const book: ReportInvoice[] = [
		...allOpen,
		makeInvoice({
			id: 'p',
			status: 'paid',
			issueDate: '2026-10-15',
			totalMinor: 5700_00,
			paidMinor: 5700_00,
			dueMinor: 0,
			payments: [{ date: '2026-11-10', amountMinor: 5700_00 }],
			customer: { id: 'c-p' },
		}),
	];

	it('receivables ÷ credit sales of the period × days, the method and definition stated', () => {
		const { dso } = buildDunningReport(book, { asOf: AS_OF });
		// 4300 ÷ 10000 × 90 = 38.7 days.
		expect(dso).toMatchObject({
			method: 'average',
			days: 90,
			byCurrency: {
				EUR: {
					receivablesMinor: 4300_00,
					salesMinor: 10000_00,
					collectedMinor: 5700_00,
					dso: 38.7,
					reason: null,
				},
			},
		});
		expect(dso.definition).toMatch(/receivables .* ÷ credit sales .* × days/i);
	});

	it('the HTML shows the figure with its definition and period', () => {
		const html = renderReportHtml(buildDunningReport(book, { asOf: AS_OF }));
		expect(html).toContain('38.7 days');
		expect(html).toContain('credit sales');
		expect(html).toContain('2026-08-29 → 2026-11-26');
	});

	it('the DSO CSV has one row per currency with the figures, the method and the definition', () => {
		const csv = dsoToCsv(buildDunningReport(book, { asOf: AS_OF })).split('\r\n');
		expect(csv[0]).toBe(
			'currency,dso_days,method,period_from,period_to,period_days,receivables,credit_sales,collected,no_figure_reason,definition',
		);
		expect(csv[1]).toMatch(
			/^EUR,38\.7,average,2026-08-29,2026-11-26,90,4300\.00,10000\.00,5700\.00,,.*credit sales/,
		);
	});
});

import {
	buildDunningReport,
	renderReportHtml,
	renderSimulationHtml,
	reportToCsv,
	SCENARIO_PRESETS,
	simulatePolicy,
	simulationToCsv,
} from '../../../nodes/shared/internal';
import { makeInvoice } from '../invoice-factory';

const book = [
	makeInvoice({
		id: 'a',
		number: '=HYPERLINK("http://evil.example")',
		customer: { id: 'c1', name: '<script>alert(1)</script> & Co, "Ltd"' },
		totalMinor: 123456789,
		dueMinor: 123456789,
		dueDate: '2026-10-12',
	}),
	makeInvoice({
		id: 'b',
		customer: { id: 'c2', name: 'Beta' },
		dueDate: '2026-11-30',
		dunning: { disputed: true },
	}),
];
const report = buildDunningReport(book, { asOf: '2026-11-26' });

describe('renderReportHtml', () => {
	const html = renderReportHtml(report);

	it('is one self-contained page with inline SVG charts', () => {
		expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
		expect(html).toContain('<svg');
		expect(html).not.toMatch(/(src|href)=["']?https?:/i);
		expect(html).not.toMatch(/@import|url\(/i);
	});

	it('escapes every value from the invoices', () => {
		expect(html).not.toContain('<script>');
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co, &quot;Ltd&quot;');
	});

	it('shows the figures with grouped amounts', () => {
		expect(html).toContain('1,234,567.89 EUR');
		expect(html).toContain('As of 2026-11-26');
		expect(html).toContain('disputed');
	});
});

describe('reportToCsv', () => {
	const csv = reportToCsv(report);
	const lines = csv.split('\r\n');

	it('has a header and one line per open invoice, highest priority first', () => {
		expect(lines[0].split(',').slice(0, 8)).toEqual([
			'rank',
			'score',
			'invoice_id',
			'source',
			'number',
			'customer',
			'currency',
			'amount_due',
		]);
		expect(lines).toHaveLength(4); // header, two invoices, the final line end
		expect(lines[1].startsWith('1,')).toBe(true);
		expect(lines[1]).toContain(',1234567.89,2026-10-12,45,31-60,');
	});

	it('quotes separators and defuses formulas', () => {
		expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
		expect(lines[1]).toContain('"<script>alert(1)</script> & Co, ""Ltd"""');
	});
});

describe('simulation rendering', () => {
	const simulation = simulatePolicy(book, SCENARIO_PRESETS['classic-7-14-21'], {
		from: '2026-11-01',
		to: '2026-11-30',
	});

	it('lists the calendar in HTML and CSV', () => {
		expect(renderSimulationHtml(simulation)).toContain('Policy simulation: classic-7-14-21');
		const csv = simulationToCsv(simulation).split('\r\n');
		expect(csv[0]).toBe(
			'date,action,reason,step,tone,channel,invoice_id,source,number,customer,currency,amount_due,days_overdue',
		);
		expect(csv[1]).toMatch(/^2026-11-02,send,step_due,d7,friendly,email,a,/);
	});
});

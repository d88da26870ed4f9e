import { buildDunningReport, historyOf, type ReportInvoice } from '../../../nodes/shared/internal';
import { makeInvoice, type InvoiceOverrides } from '../invoice-factory';

// Issue 21: the thank-you sent once a reminded invoice is paid is recorded as step `thanks` in the invoice's
// history (so a person reads "reminded d7, d14, paid, thanked"); it is not a reminder, and the report's
// per-step figures must not count it as one sent after payment.
const paid = (overrides: InvoiceOverrides & { raw?: unknown } = {}) =>
	({
		...makeInvoice({
			status: 'paid',
			totalMinor: 100_00,
			paidMinor: 100_00,
			dueMinor: 0,
			payments: [{ date: '2026-11-20', amountMinor: 100_00 }],
			...overrides,
		}),
		...(overrides.raw ? { raw: overrides.raw } : {}),
	}) as ReportInvoice;

describe('Dunning Report: the thank-you step in an invoice history', () => {
	it('Stripe metadata d7,thanks with the thank-you date: the history is d7 (undated), never d7 dated on the thank-you', () => {
		const invoice = paid({ dunning: { sentStepIds: ['d7', 'thanks'], lastSentOn: '2026-11-21' } });
		expect(historyOf(invoice)).toEqual([{ stepId: 'd7', sentOn: null }]);
	});

	it('QuickBooks note sent=d7@…,d14@…,thanks@…: the history keeps the two reminders with their dates', () => {
		const invoice = paid({
			source: 'quickbooks',
			dunning: { sentStepIds: ['d7', 'd14', 'thanks'], lastSentOn: '2026-11-21' },
			raw: {
				Id: 'q1',
				PrivateNote: '[dunning] sent=d7@2026-11-09,d14@2026-11-16,thanks@2026-11-21',
			},
		});
		expect(historyOf(invoice)).toEqual([
			{ stepId: 'd7', sentOn: '2026-11-09' },
			{ stepId: 'd14', sentOn: '2026-11-16' },
		]);
	});

	it('the per-step figures count no "thanks" step and no step sent after payment', () => {
		const report = buildDunningReport(
			[
				paid({
					source: 'quickbooks',
					dunning: { sentStepIds: ['d7', 'thanks'], lastSentOn: '2026-11-21' },
					raw: { Id: 'q1', PrivateNote: '[dunning] sent=d7@2026-11-09,thanks@2026-11-21' },
				}),
			],
			{ asOf: '2026-12-20' },
		);
		expect(report.steps.map((step) => step.stepId)).toEqual(['d7']);
		expect(report.steps[0]).toMatchObject({ sent: 1, sentAfterPayment: 0 });
	});
});

// Issue 19, #3: penalties never block a reminder. An item whose step states no penalty (a J-3 notice, a friendly
// reminder) or whose decision has no step passes through with `penalty: null`; a GBP/USD/CHF invoice under the
// French rule gets its interest in its own currency and the 40 EUR stated apart — never an item error.
import { getScenarioPreset } from '../../../nodes/shared/internal';
import { makeInvoice } from '../../shared/invoice-factory';
import { NODE, run } from './workflow';

describe('passthrough', () => {
	const FR = { rule: 'FR', asOf: '2026-03-09', language: 'en' };
	const step = (id: string) =>
		getScenarioPreset('pre-due-courtesy')!.steps.find((s) => s.id === id)!;
	const gbp = (overrides: Parameters<typeof makeInvoice>[0] = {}) =>
		makeInvoice({
			currency: 'GBP',
			dueDate: '2026-01-31',
			totalMinor: 100_200,
			dueMinor: 100_200,
			...overrides,
		});

	describe('Late Payment Penalty passes items that need no penalty through', () => {
		it('a J-3 notice (step.includePenalty false) on a GBP invoice under FR: penalty null, no error, data kept', async () => {
			const items = [
				{
					ref: 'notice',
					invoice: gbp({ dueDate: '2026-03-12' }),
					decision: { action: 'send', reason: 'step_due', stepId: 'd-3' },
					step: step('d-3'),
				},
			];
			const result = await run(items, FR, { onError: 'continueErrorOutput' });
			expect(result.error).toBeUndefined();
			const output = result.outputOf(NODE);
			expect(output).toHaveLength(1);
			expect(output[0].json).toMatchObject({ ref: 'notice', penalty: null, step: { id: 'd-3' } });
			expect(output[0].pairedItem).toEqual({ item: 0 });
		});

		it('a decision without a step (wait, skip, stop): penalty null, even for an invoice the rule could not read', async () => {
			const items = [
				{
					invoice: { id: 'broken' },
					decision: { action: 'wait', reason: 'not_yet_due', stepId: null },
					step: null,
				},
			];
			const result = await run(items, FR);
			expect(result.error).toBeUndefined();
			expect(result.jsonOf(NODE)).toEqual([expect.objectContaining({ penalty: null })]);
		});

		it('a step that includes the penalty is computed, and a GBP invoice under FR is never an error', async () => {
			const items = [
				{
					invoice: gbp(),
					decision: { action: 'send', reason: 'step_due', stepId: 'd1' },
					step: step('d1'),
				},
			];
			const result = await run(items, FR, { onError: 'continueErrorOutput' });
			expect(result.error).toBeUndefined();
			const [item] = result.outputOf(NODE);
			const penalty = item.json.penalty as Record<string, unknown>;
			// 100200 × 12.15 × 37 / 36500 = 1234.10 → £12.34; the 40 EUR stays apart.
			expect(penalty).toMatchObject({
				interestMinor: 1234,
				compensationMinor: 0,
				totalMinor: 1234,
				fixedCompensation: { currency: 'EUR', amountMinor: 4000 },
				notices: [expect.objectContaining({ code: 'compensation_other_currency' })],
			});
			expect(penalty.summary).toBe(
				'£12.34 interest (12.15 %/yr, 37 days); €40.00 recovery compensation owed separately in EUR, not added',
			);
		});

		it('items without a decision are computed as before', async () => {
			const result = await run([{ invoice: gbp() }], FR);
			expect(result.error).toBeUndefined();
			expect(result.jsonOf(NODE)[0].penalty).toMatchObject({ totalMinor: 1234 });
		});
	});
});

import { DunningInputError } from '../../../nodes/shared/errors';
import { expectConsistent, penalty } from './helpers';

// FR, 10,000.00 EUR due 2026-01-31, 2026-S1 rate 12.15 %. A payment on day p stops interest on its amount
// from p + 1: the payment day itself is still late.
describe('partial payments, imputed to the principal (default)', () => {
	it('a payment on the due date reduces the base from the first late day', () => {
		// 6,000.00 late for 30 days: 600000 × 12.15 × 30 / 36500 = 5991.78 → 5992.
		const result = penalty({ payments: [{ date: '2026-01-31', amountMinor: 400_000 }] });
		expect(result.periods).toEqual([
			expect.objectContaining({
				from: '2026-02-01',
				days: 30,
				baseMinor: 600_000,
				interestMinor: 5992,
			}),
		]);
		// The fixed compensation stays due once even though part was paid on time.
		expect(result.compensationMinor).toBe(4000);
	});

	it('an invoice paid in full on the due date is not late: nothing is due', () => {
		const result = penalty({ payments: [{ date: '2026-01-31', amountMinor: 1_000_000 }] });
		expect(result).toMatchObject({
			interestMinor: 0,
			compensationMinor: 0,
			totalMinor: 0,
			periods: [],
		});
	});

	it('a payment the day after the due date: that day is late on the full amount', () => {
		// 1 d on 10,000.00 = 332.88 → 333; 29 d on 6,000.00 = 5792.05 → 5792.
		const result = penalty({ payments: [{ date: '2026-02-01', amountMinor: 400_000 }] });
		expect(
			result.periods.map((period) => [
				period.from,
				period.to,
				period.baseMinor,
				period.interestMinor,
			]),
		).toEqual([
			['2026-02-01', '2026-02-01', 1_000_000, 333],
			['2026-02-02', '2026-03-02', 600_000, 5792],
		]);
		expect(result.interestMinor).toBe(6125);
	});

	it('several partial payments; a base that reaches zero ends the accrual', () => {
		// 02-01..02-10 on 10,000 (10 d) = 3328.77 → 3329; 02-11..02-20 on 8,000 (10 d) = 2663.01 → 2663;
		// 02-21..03-01 on 5,000 (9 d) = 1497.95 → 1498; paid off on 03-01, nothing after although asOf is 03-31.
		const result = penalty({
			asOf: '2026-03-31',
			payments: [
				{ date: '2026-02-10', amountMinor: 200_000 },
				{ date: '2026-02-20', amountMinor: 300_000 },
				{ date: '2026-03-01', amountMinor: 500_000 },
			],
		});
		expect(
			result.periods.map((period) => [
				period.from,
				period.to,
				period.days,
				period.baseMinor,
				period.interestMinor,
			]),
		).toEqual([
			['2026-02-01', '2026-02-10', 10, 1_000_000, 3329],
			['2026-02-11', '2026-02-20', 10, 800_000, 2663],
			['2026-02-21', '2026-03-01', 9, 500_000, 1498],
		]);
		expect(result.interestMinor).toBe(7490);
		expect(result.compensationMinor).toBe(4000);
		expectConsistent(result);
	});

	it('a payment after asOf does not change the result as of that day', () => {
		// 30 d on 10,000.00 = 9986.30 → 9986, as without the payment.
		const result = penalty({ payments: [{ date: '2026-03-10', amountMinor: 500_000 }] });
		expect(result.interestMinor).toBe(9986);
		expect(result.periods).toHaveLength(1);
	});

	it('zero payments change nothing and do not cut a period', () => {
		const result = penalty({ payments: [{ date: '2026-02-10', amountMinor: 0 }] });
		expect(result.periods).toHaveLength(1);
		expect(result.interestMinor).toBe(9986);
	});

	it('payments on the same day are both applied', () => {
		// 10 d on 10,000 = 3329; 20 d (02-11..03-02) on 7,000: 700000 × 12.15 × 20 / 36500 = 4660.27 → 4660.
		const result = penalty({
			payments: [
				{ date: '2026-02-10', amountMinor: 100_000 },
				{ date: '2026-02-10', amountMinor: 200_000 },
			],
		});
		expect(result.periods.map((period) => [period.baseMinor, period.interestMinor])).toEqual([
			[1_000_000, 3329],
			[700_000, 4660],
		]);
	});
});

describe('imputation "interest-first" (Code civil 1343-1, BGB §367)', () => {
	it('a payment first settles the interest accrued up to its day, the rest reduces the base', () => {
		// 02-01..02-10: 3329 accrued; the 2,000.00 payment pays 33.29 of interest and 1,966.71 of principal,
		// so the base from 02-11 is 803,329: 10 d × 12.15 % = 2674.10 → 2674 (principal imputation: 2663).
		const result = penalty({
			asOf: '2026-02-20',
			imputation: 'interest-first',
			payments: [{ date: '2026-02-10', amountMinor: 200_000 }],
		});
		expect(result.periods.map((period) => [period.baseMinor, period.interestMinor])).toEqual([
			[1_000_000, 3329],
			[803_329, 2674],
		]);
		expect(result.interestMinor).toBe(6003);
		const byPrincipal = penalty({
			asOf: '2026-02-20',
			payments: [{ date: '2026-02-10', amountMinor: 200_000 }],
		});
		expect(byPrincipal.interestMinor).toBe(5992);
	});

	it('a payment smaller than the accrued interest leaves the base unchanged', () => {
		// 10.00 paid against 33.29 of interest: base stays 10,000; 3329 + 3329 for two 10-day periods.
		const result = penalty({
			asOf: '2026-02-20',
			imputation: 'interest-first',
			payments: [{ date: '2026-02-10', amountMinor: 1000 }],
		});
		expect(result.periods.map((period) => [period.baseMinor, period.interestMinor])).toEqual([
			[1_000_000, 3329],
			[1_000_000, 3329],
		]);
	});

	it('may pay principal and interest in full; one minor unit more is an error', () => {
		// On 02-20: 6658 accrued, 1000 already paid → 5658 interest + 1,000,000 principal = 1,005,658 owed.
		const payments = [
			{ date: '2026-02-10', amountMinor: 1000 },
			{ date: '2026-02-20', amountMinor: 1_005_658 },
		];
		const result = penalty({ asOf: '2026-03-31', imputation: 'interest-first', payments });
		expect(result.interestMinor).toBe(6658);
		expect(result.periods).toHaveLength(2);
		payments[1].amountMinor += 1;
		expect(() => penalty({ asOf: '2026-03-31', imputation: 'interest-first', payments })).toThrow(
			new DunningInputError(
				'penalty.payments[1].amountMinor',
				'1005659 is more than was owed on 2026-02-20 (1000000 principal + 5658 interest)',
			),
		);
	});
});

// Issue 19, #3 and #8: penalties never block a reminder (a statutory fixed amount in another currency than the
// invoice's is stated apart, never an error) and an unconfirmed reference rate is flagged per period, with
// structured notices.
import type { PenaltyNotice } from '../../../nodes/shared/penalty';
import { expectConsistent, penalty } from './helpers';

const codes = (notices: PenaltyNotice[] | undefined) =>
	(notices ?? []).map((notice) => notice.code);

describe('FR/EU/DE/UK on an invoice in another currency than the statutory fixed amount', () => {
	it('FR on a GBP invoice: interest in GBP, 40 EUR in fixedCompensation, not added to the total, a notice says so', () => {
		const result = penalty({ currency: 'GBP', dueDate: '2026-01-31', asOf: '2026-03-02' });
		// 10,000.00 × 12.15 % × 30 / 365 = 99.863… → 99.86 GBP, as for EUR.
		expect(result.interestMinor).toBe(9986);
		expect(result.compensationMinor).toBe(0);
		expect(result.totalMinor).toBe(9986);
		expect(result.fixedCompensation).toEqual({ currency: 'EUR', amountMinor: 4000 });
		expect(codes(result.notices)).toContain('compensation_other_currency');
		const notice = result.notices!.find((n) => n.code === 'compensation_other_currency')!;
		expect(notice.message).toMatch(/40\.00 EUR .*not added to the GBP total/);
		expect(result.warnings).toContain(notice.message);
		expectConsistent(result);
	});

	it.each([
		['FR', 'USD'],
		['FR', 'CHF'],
		['EU', 'GBP'],
		['DE', 'CHF'],
	] as const)('%s on a %s invoice is computed, never refused', (rule, currency) => {
		const result = penalty({ rule, currency, dueDate: '2026-03-02', asOf: '2026-04-01' });
		expect(result.interestMinor).toBeGreaterThan(0);
		expect(result.totalMinor).toBe(result.interestMinor);
		expect(result.fixedCompensation).toEqual({ currency: 'EUR', amountMinor: 4000 });
	});

	it('UK on a EUR invoice: the band needs the debt in GBP, so no amount, and a notice says why', () => {
		const result = penalty({
			rule: 'UK',
			currency: 'EUR',
			dueDate: '2026-03-02',
			asOf: '2026-04-01',
		});
		expect(result.interestMinor).toBeGreaterThan(0);
		expect(result.totalMinor).toBe(result.interestMinor);
		expect(result.fixedCompensation).toBeNull();
		expect(codes(result.notices)).toContain('compensation_band_unknown');
	});

	it('a same-currency invoice: fixedCompensation mirrors compensationMinor and no currency notice', () => {
		const result = penalty({ currency: 'EUR' });
		expect(result.compensationMinor).toBe(4000);
		expect(result.fixedCompensation).toEqual({ currency: 'EUR', amountMinor: 4000 });
		expect(codes(result.notices)).not.toContain('compensation_other_currency');
		const uk = penalty({ rule: 'UK', currency: 'GBP', dueDate: '2026-03-02', asOf: '2026-04-01' });
		expect(uk.fixedCompensation).toEqual({ currency: 'GBP', amountMinor: uk.compensationMinor });
	});

	it('not late yet: zero everywhere, fixedCompensation 0 in its currency, no notice', () => {
		const result = penalty({ currency: 'USD', dueDate: '2026-03-02', asOf: '2026-03-01' });
		expect(result).toMatchObject({
			totalMinor: 0,
			fixedCompensation: { currency: 'EUR', amountMinor: 0 },
			notices: [],
		});
	});
});

describe('rateStatus and notices (issue 19, #8)', () => {
	it('FR 2026-S2 (ECB 2.40 % not officially confirmed) is provisional, with a rate_provisional notice naming the half-year and 12.40 %', () => {
		const result = penalty({ dueDate: '2026-06-15', asOf: '2026-08-14' });
		expect(result.periods.map((period) => [period.from, period.rateStatus])).toEqual([
			['2026-06-16', 'confirmed'],
			['2026-07-01', 'provisional'],
		]);
		const provisional = result.notices!.filter((notice) => notice.code === 'rate_provisional');
		expect(provisional).toHaveLength(1);
		expect(provisional[0].periodIndex).toBe(1);
		expect(provisional[0].message).toMatch(/^FR 2026-S2: the rate 12\.40 % .*provisional/);
		expect(codes(result.notices)).toContain('rate_unconfirmed');
		expectConsistent(result);
	});

	it('a confirmed half-year only: every period confirmed, no notice', () => {
		const result = penalty({ dueDate: '2026-01-31', asOf: '2026-03-02' });
		expect(result.periods.every((period) => period.rateStatus === 'confirmed')).toBe(true);
		expect(result.notices).toEqual([]);
	});

	it('beyond the shipped table (carried forward) is provisional too', () => {
		const result = penalty({ dueDate: '2026-12-31', asOf: '2027-01-10' });
		expect(result.periods.at(-1)!.rateStatus).toBe('provisional');
		expect(codes(result.notices)).toEqual(
			expect.arrayContaining(['rate_carried_forward', 'rate_provisional']),
		);
	});

	it('a contractual rate below the FR floor: contractual_floor_applied, the warning text unchanged', () => {
		const result = penalty({
			dueDate: '2026-01-31',
			asOf: '2026-03-02',
			contractualRatePercent: 5,
		});
		expect(result.notices).toEqual([
			{
				code: 'contractual_floor_applied',
				message: result.warnings[0],
				periodIndex: 0,
			},
		]);
	});

	it('every warning has its notice (same sentence), in order', () => {
		const result = penalty({
			currency: 'GBP',
			dueDate: '2026-06-15',
			asOf: '2027-01-10',
			contractualRatePercent: 5,
		});
		const fromNotices = result
			.notices!.filter((notice) => notice.code !== 'rate_provisional')
			.map((notice) => notice.message);
		expect(fromNotices).toEqual(result.warnings);
	});
});

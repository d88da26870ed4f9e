import { calculatePenalty } from '../../../nodes/shared/penalty';
import type { PenaltyInput } from '../../../nodes/shared/penalty';
import { DunningInputError } from '../../../nodes/shared/errors';
import { penalty } from './helpers';

function rejects(overrides: Record<string, unknown>, field: string, message: RegExp): void {
	let error: unknown;
	try {
		penalty(overrides as Partial<PenaltyInput>);
	} catch (caught) {
		error = caught;
	}
	expect(error).toBeInstanceOf(DunningInputError);
	expect((error as DunningInputError).field).toBe(field);
	expect((error as DunningInputError).message).toMatch(message);
}

describe('every invalid input is a DunningInputError naming the field', () => {
	it('names the field and the value in the documented format', () => {
		expect(() => penalty({ dueDate: '2026-13-01' })).toThrow(
			new DunningInputError('penalty.dueDate', '"2026-13-01" is not a date (YYYY-MM-DD)'),
		);
	});

	it('refuses a missing or non-object input', () => {
		expect(() => calculatePenalty(null as unknown as PenaltyInput)).toThrow(
			/^penalty: null is not a penalty input object$/,
		);
	});

	it.each<[string, Record<string, unknown>, string, RegExp]>([
		['unknown rule', { rule: 'ES' }, 'penalty.rule', /"ES" is not one of FR, EU, DE, UK, custom/],
		['unknown currency', { currency: 'ZZZ' }, 'penalty.currency', /not a known ISO 4217 currency/],
		[
			'malformed currency',
			{ currency: 'EURO' },
			'penalty.currency',
			/not an ISO 4217 currency code/,
		],
		['negative principal', { principalMinor: -1 }, 'penalty.principalMinor', /-1 is negative/],
		[
			'fractional principal',
			{ principalMinor: 10.5 },
			'penalty.principalMinor',
			/10.5 is not an integer amount in minor units/,
		],
		[
			'principal as a string',
			{ principalMinor: '1000' },
			'penalty.principalMinor',
			/not an integer amount/,
		],
		[
			'principal beyond 2^53',
			{ principalMinor: 2 ** 53 },
			'penalty.principalMinor',
			/not an integer amount/,
		],
		['malformed asOf', { asOf: '02/03/2026' }, 'penalty.asOf', /"02\/03\/2026" is not a date/],
		['impossible date', { asOf: '2026-02-29' }, 'penalty.asOf', /is not a date/],
		['missing due date', { dueDate: undefined }, 'penalty.dueDate', /missing is not a date/],
		['payments not a list', { payments: 'none' }, 'penalty.payments', /is not a list/],
		[
			'payment not an object',
			{ payments: [5] },
			'penalty.payments[0]',
			/is not a \{ date, amountMinor \}/,
		],
		[
			'payment with a bad date',
			{ payments: [{ date: '2026-2-1', amountMinor: 1 }] },
			'penalty.payments[0].date',
			/is not a date/,
		],
		[
			'negative payment',
			{ payments: [{ date: '2026-02-01', amountMinor: -5 }] },
			'penalty.payments[0].amountMinor',
			/-5 is negative/,
		],
		[
			'fractional payment',
			{ payments: [{ date: '2026-02-01', amountMinor: 0.5 }] },
			'penalty.payments[0].amountMinor',
			/not an integer/,
		],
		[
			'payments out of date order',
			{
				payments: [
					{ date: '2026-02-10', amountMinor: 1 },
					{ date: '2026-02-09', amountMinor: 1 },
				],
			},
			'penalty.payments[1].date',
			/"2026-02-09" is before the previous payment \("2026-02-10"\)/,
		],
		[
			'payments exceeding the principal',
			{
				payments: [
					{ date: '2026-02-10', amountMinor: 600_000 },
					{ date: '2026-04-10', amountMinor: 400_001 },
				],
			},
			'penalty.payments',
			/total 1000001, more than the principal 1000000/,
		],
		[
			'unknown imputation',
			{ imputation: 'lifo' },
			'penalty.imputation',
			/"lifo" is not "principal" or "interest-first"/,
		],
		[
			'consumer not a boolean',
			{ consumer: 'yes' },
			'penalty.consumer',
			/"yes" is not true or false/,
		],
		[
			'FR invoice due before 2013',
			{ dueDate: '2012-12-31', asOf: '2013-02-01' },
			'penalty.dueDate',
			/before 2013-01-01/,
		],
		[
			'EU invoice due before the directive applied',
			{ rule: 'EU', dueDate: '2013-03-15' },
			'penalty.dueDate',
			/before 2013-03-16/,
		],
		[
			'DE before the Basiszinssatz table',
			{ rule: 'DE', dueDate: '2001-12-03', asOf: '2001-12-20' },
			'penalty.dueDate',
			/DE 2001-S2 is before the shipped Basiszinssatz table/,
		],
		[
			'UK before its table',
			{ rule: 'UK', currency: 'GBP', dueDate: '2007-12-03', asOf: '2007-12-20' },
			'penalty.dueDate',
			/UK 2007-S2 is before/,
		],
		['consumer under FR', { consumer: true }, 'penalty.consumer', /not covered by rule FR/],
		[
			'consumer under EU',
			{ rule: 'EU', consumer: true },
			'penalty.consumer',
			/not covered by rule EU/,
		],
		[
			'consumer under UK',
			{ rule: 'UK', currency: 'GBP', consumer: true },
			'penalty.consumer',
			/not covered by rule UK/,
		],
		[
			'negative contractual rate',
			{ contractualRatePercent: -1 },
			'penalty.contractualRatePercent',
			/not between 0 and 100/,
		],
		[
			'contractual rate above 100 %',
			{ contractualRatePercent: 1215 },
			'penalty.contractualRatePercent',
			/not between 0 and 100/,
		],
		[
			'contractual rate with 5 decimals',
			{ contractualRatePercent: 12.12345 },
			'penalty.contractualRatePercent',
			/at most 4 decimals/,
		],
		[
			'contractual rate as a string',
			{ contractualRatePercent: '12' },
			'penalty.contractualRatePercent',
			/is not a number/,
		],
		[
			'contractual rate NaN',
			{ contractualRatePercent: Number.NaN },
			'penalty.contractualRatePercent',
			/at most 4 decimals/,
		],
		[
			'custom without its rate',
			{ rule: 'custom' },
			'penalty.customAnnualRatePercent',
			/missing is not a number/,
		],
		[
			'custom with a contractual rate',
			{ rule: 'custom', customAnnualRatePercent: 5, contractualRatePercent: 5 },
			'penalty.contractualRatePercent',
			/customAnnualRatePercent/,
		],
		[
			'custom fixed amount negative',
			{ rule: 'custom', customAnnualRatePercent: 5, customFixedMinor: -1 },
			'penalty.customFixedMinor',
			/negative/,
		],
		[
			'custom fields with a statutory rule',
			{ customAnnualRatePercent: 5 },
			'penalty.customAnnualRatePercent',
			/only used by rule "custom"/,
		],
		[
			'custom fixed amount with a statutory rule',
			{ rule: 'DE', customFixedMinor: 100 },
			'penalty.customFixedMinor',
			/only used by rule "custom"/,
		],
	])('%s', (_label, overrides, field, message) => rejects(overrides, field, message));

	it('validates even when nothing is late yet', () => {
		rejects({ rule: 'XX', asOf: '2026-01-01' }, 'penalty.rule', /not one of/);
		rejects({ consumer: true, asOf: '2026-01-01' }, 'penalty.consumer', /not covered/);
	});
});

// The core has no exchange rate: a rule whose compensation is fixed in EUR or GBP refuses another currency
// rather than return a total that leaves it out or mixes currencies.
describe('compensation currency', () => {
	// Until issue 19 a foreign-currency invoice was refused under FR/EU/DE/UK; it is now computed, with the
	// fixed amount stated apart (see other-currency-and-notices.test.ts).
	it('DE consumer owes no Pauschale, so any currency works', () => {
		const result = penalty({
			rule: 'DE',
			consumer: true,
			currency: 'CHF',
			dueDate: '2026-03-02',
			asOf: '2026-04-01',
		});
		// 30 d at 1.27 + 5 = 6.27 %: 1000000 × 6.27 × 30 / 36500 = 5153.42 → 5153.
		expect(result.interestMinor).toBe(5153);
		expect(result.compensationMinor).toBe(0);
	});
});

describe('UK fixed sums by size of the late debt (s.5A)', () => {
	it.each([
		[99_999, 4000],
		[100_000, 7000],
		[999_999, 7000],
		[1_000_000, 10_000],
	])('£%i minor → %i minor', (principalMinor, compensation) => {
		const result = penalty({ rule: 'UK', currency: 'GBP', principalMinor });
		expect(result.compensationMinor).toBe(compensation);
	});

	it('a part paid on time lowers the late debt and so the band', () => {
		// £10,000.00 with £0.01 paid on the due date: £9,999.99 became late → £70.
		const result = penalty({
			rule: 'UK',
			currency: 'GBP',
			payments: [{ date: '2026-01-31', amountMinor: 1 }],
		});
		expect(result.compensationMinor).toBe(7000);
	});
});

import {
	buildDunningReport,
	DSO_DEFINITION,
	DunningInputError,
	type Invoice,
	type ReportInvoice,
} from '../../../nodes/shared/internal';
import { makeInvoice, type InvoiceOverrides } from '../invoice-factory';

const AS_OF = '2026-11-26'; // a Thursday

type ReportOverrides = InvoiceOverrides & {
	dunning?: InvoiceOverrides['dunning'] & ReportInvoice['dunning'] extends infer D
		? Partial<D>
		: never;
};

/** An invoice for the report tests: open and unpaid unless the overrides say otherwise. */
function inv(id: string, overrides: ReportOverrides = {}): ReportInvoice {
	return makeInvoice({ id, customer: { id: `cus-${id}` }, ...overrides } as InvoiceOverrides);
}

/** Open, `amount` minor units still owed, `days` overdue on AS_OF (dates worked out by hand). */
function open(id: string, amount: number, dueDate: string | null, overrides: ReportOverrides = {}) {
	return inv(id, { totalMinor: amount, dueMinor: amount, dueDate, ...overrides });
}

/** Paid in full by one payment on `paidOn`. */
function paid(id: string, amount: number, paidOn: string, overrides: ReportOverrides = {}) {
	return inv(id, {
		status: 'paid',
		totalMinor: amount,
		paidMinor: amount,
		dueMinor: 0,
		payments: [{ date: paidOn, amountMinor: amount }],
		...overrides,
	});
}

describe('aging (DESIGN.md section 6)', () => {
	// days overdue on 2026-11-26 → due date: 0 → 11-26, 1 → 11-25, 30 → 10-27, 31 → 10-26, 60 → 09-27,
	// 61 → 09-26, 90 → 08-28, 91 → 08-27
	const book: Invoice[] = [
		open('d0', 100_00, '2026-11-26'),
		open('d1', 200_00, '2026-11-25'),
		open('d30', 300_00, '2026-10-27'),
		open('d31', 400_00, '2026-10-26'),
		open('d60', 500_00, '2026-09-27'),
		open('d61', 600_00, '2026-09-26'),
		open('d90', 700_00, '2026-08-28'),
		open('d91', 800_00, '2026-08-27'),
		open('no-due', 50_00, null),
		open('future', 25_00, '2026-12-10'),
		open('usd', 1_000, '2026-11-01', { currency: 'USD' }),
		paid('paid', 999_00, '2026-11-01', { dueDate: '2026-10-01' }),
		inv('zero-due', { status: 'open', totalMinor: 10_00, paidMinor: 10_00, dueMinor: 0 }),
		inv('void', { status: 'void', dueDate: '2026-01-01' }),
		inv('draft', { status: 'draft', dueDate: '2026-01-01' }),
		inv('uncollectible', { status: 'uncollectible', dueDate: '2026-01-01' }),
	];
	const report = buildDunningReport(book, { asOf: AS_OF });

	it('puts each boundary in its bucket and counts only open invoices with something owed', () => {
		expect(report.asOf).toBe(AS_OF);
		expect(report.byCurrency).toEqual({
			EUR: {
				openCount: 10,
				openMinor: 3675_00,
				overdueCount: 7,
				overdueMinor: 3500_00,
				aging: {
					current: 175_00, // d0 100 + no-due 50 + future 25
					d1_30: 500_00, // d1 200 + d30 300
					d31_60: 900_00, // d31 400 + d60 500
					d61_90: 1300_00, // d61 600 + d90 700
					over90: 800_00,
				},
			},
			USD: {
				openCount: 1,
				openMinor: 1_000,
				overdueCount: 1,
				overdueMinor: 1_000,
				aging: { current: 0, d1_30: 1_000, d31_60: 0, d61_90: 0, over90: 0 },
			},
		});
		expect(report.agingCounts.EUR).toEqual({
			current: 3,
			d1_30: 2,
			d31_60: 2,
			d61_90: 2,
			over90: 1,
		});
		expect(report.invoiceCount).toBe(16);
		expect(report.byStatus).toEqual({ open: 12, paid: 1, void: 1, draft: 1, uncollectible: 1 });
	});

	it('lists every open invoice in the worklist and nothing else', () => {
		expect(report.worklist.map((entry) => entry.invoiceId).sort()).toEqual(
			['d0', 'd1', 'd30', 'd31', 'd60', 'd61', 'd90', 'd91', 'no-due', 'future', 'usd'].sort(),
		);
		for (const entry of report.worklist) {
			expect(Object.keys(entry).sort()).toEqual(['invoiceId', 'reasons', 'score', 'source']);
		}
	});
});

describe('DSO', () => {
	it('is receivables at the end of the period ÷ sales of the period × days', () => {
		const book = [
			// issued in the period: 1000.00, 400.00 paid on 11-10, 600.00 owed
			inv('x', {
				issueDate: '2026-11-01',
				totalMinor: 1000_00,
				paidMinor: 400_00,
				dueMinor: 600_00,
				payments: [{ date: '2026-11-10', amountMinor: 400_00 }],
			}),
			// issued before the period, 500.00 owed: receivable, not a sale of the period
			open('y', 500_00, '2026-11-19', { issueDate: '2026-10-20' }),
			// a sale of the period, paid
			paid('z', 2000_00, '2026-11-20', { issueDate: '2026-11-15' }),
			// paid after asOf: still owed at asOf
			paid('p', 400_00, '2026-11-30', { issueDate: '2026-11-10' }),
			inv('v', { status: 'void', issueDate: '2026-11-02', totalMinor: 900_00 }),
			inv('later', { issueDate: '2026-11-27', totalMinor: 700_00, dueMinor: 700_00 }),
		];
		const { dso } = buildDunningReport(book, { asOf: AS_OF, dsoDays: 30 });
		// period 2026-10-28 .. 2026-11-26; sales 1000 + 2000 + 400 = 3400; receivables 600 + 500 + 400 = 1500
		// DSO = 1500 / 3400 × 30 = 13.235… → 13.2
		expect(dso).toEqual({
			from: '2026-10-28',
			to: AS_OF,
			days: 30,
			method: 'average',
			definition: DSO_DEFINITION,
			byCurrency: {
				// collected by asOf: 400 on x, 2000 on z
				EUR: {
					receivablesMinor: 1500_00,
					salesMinor: 3400_00,
					collectedMinor: 2400_00,
					dso: 13.2,
					reason: null,
				},
			},
		});
	});

	it('has no DSO without sales in the period and defaults to 90 days', () => {
		const { dso } = buildDunningReport(
			[open('old', 100_00, '2026-01-31', { issueDate: '2026-01-01' })],
			{
				asOf: AS_OF,
			},
		);
		expect(dso).toEqual({
			from: '2026-08-29',
			to: AS_OF,
			days: 90,
			method: 'average',
			definition: DSO_DEFINITION,
			byCurrency: {
				EUR: {
					receivablesMinor: 100_00,
					salesMinor: 0,
					collectedMinor: 0,
					dso: null,
					reason: 'no_sales_in_period',
				},
			},
		});
	});
});

describe('per step: days to pay and recovery rate', () => {
	const book = [
		paid('s1', 100_00, '2026-10-20', {
			dunning: {
				sentStepIds: ['d7', 'd14'],
				history: [
					{ stepId: 'd14', sentOn: '2026-10-17' },
					{ stepId: 'd7', sentOn: '2026-10-10' },
				],
			},
		}),
		paid('s2', 100_00, '2026-10-31', {
			dunning: { sentStepIds: ['d7'], history: [{ stepId: 'd7', sentOn: '2026-10-01' }] },
		}),
		open('s3', 100_00, '2026-11-13', {
			dunning: { sentStepIds: ['d7'], history: [{ stepId: 'd7', sentOn: '2026-11-20' }] },
		}),
		open('s4', 100_00, '2026-09-28', {
			dunning: {
				sentStepIds: ['d7', 'd14'],
				history: [
					{ stepId: 'd7', sentOn: '2026-10-05' },
					{ stepId: 'd14', sentOn: '2026-10-12' },
				],
			},
		}),
		// Stripe-like: only the last step has a date
		open('s5', 100_00, '2026-10-18', {
			dunning: { sentStepIds: ['d7', 'd14'], lastSentOn: '2026-11-01' },
		}),
		// a reminder after the invoice was paid
		paid('s6', 100_00, '2026-11-03', {
			dunning: { sentStepIds: ['d7'], history: [{ stepId: 'd7', sentOn: '2026-11-05' }] },
		}),
		// QuickBooks: the dates come from the [dunning] line of the note
		paid('s7', 100_00, '2026-11-02', {
			source: 'quickbooks',
			dunning: { sentStepIds: ['d7', 'd14'], lastSentOn: '2026-10-27' },
			raw: {
				Id: 's7',
				PrivateNote: 'Call before noon\n[dunning] sent=d7@2026-10-20,d14@2026-10-27',
			},
		}),
	];
	const report = buildDunningReport(book, { asOf: AS_OF });

	it('computes average and median days to pay and the recovery rate within 14 days', () => {
		expect(report.recoveryWindowDays).toBe(14);
		expect(report.steps).toEqual([
			{
				stepId: 'd7',
				sent: 7,
				dated: 6, // s5's d7 has no date
				paidAfter: 3, // s1 after 10 days, s2 after 30, s7 after 13
				averageDaysToPay: 17.7, // 53 / 3
				medianDaysToPay: 13,
				eligible: 4, // s1, s2, s4, s7 (s3's 14 days are not over, s6 was sent after payment)
				recovered: 2, // s1, s7
				recoveryRate: 0.5,
				pending: 1,
				sentAfterPayment: 1,
			},
			{
				stepId: 'd14',
				sent: 4,
				dated: 4,
				paidAfter: 2, // s1 after 3 days, s7 after 6
				averageDaysToPay: 4.5,
				medianDaysToPay: 4.5,
				eligible: 4, // s1, s4, s5 (11-01), s7
				recovered: 2,
				recoveryRate: 0.5,
				pending: 0,
				sentAfterPayment: 0,
			},
		]);
		expect(report.history).toEqual({ sentSteps: 11, datedSteps: 10 });
	});

	it('names a bad history entry', () => {
		const bad = open('bad', 100_00, '2026-11-01', {
			dunning: { history: [{ stepId: 'd7', sentOn: '2026-02-30' }] },
		});
		expect(() => buildDunningReport([bad], { asOf: AS_OF })).toThrow(
			'invoices[0].dunning.history[0].sentOn: "2026-02-30" is not a date (YYYY-MM-DD)',
		);
	});
});

describe('promises and disputes', () => {
	it('counts promises kept, broken and still running', () => {
		const book = [
			paid('q1', 100_00, '2026-11-08', { dunning: { promises: ['2026-11-10'] } }), // kept
			open('q2', 100_00, '2026-11-01', { dunning: { promisedOn: '2026-11-15' } }), // broken
			open('q3', 100_00, '2026-11-01', { dunning: { promisedOn: '2026-11-30' } }), // running
			// paid on 10-12: the promise for 10-01 was broken, the one for 10-15 kept
			paid('q4', 100_00, '2026-10-12', { dunning: { promises: ['2026-10-01', '2026-10-15'] } }),
			open('q5', 100_00, '2026-11-01', { dunning: { promisedOn: AS_OF } }), // running: today
			inv('q6', { status: 'void', dunning: { promisedOn: '2026-10-01' } }), // not counted
		];
		expect(buildDunningReport(book, { asOf: AS_OF }).promises).toEqual({
			kept: 2,
			broken: 2,
			pending: 2,
			keptRate: 0.5,
		});
	});

	it('sums what disputed open invoices still owe, per currency', () => {
		const book = [
			open('a', 150_00, '2026-11-01', { dunning: { disputed: true } }),
			open('b', 50_00, '2026-11-01', { dunning: { disputed: true } }),
			open('c', 75_00, '2026-11-01', { currency: 'USD', dunning: { disputed: true } }),
			paid('d', 500_00, '2026-11-01', { dunning: { disputed: true } }),
			open('e', 10_00, '2026-11-01'),
		];
		expect(buildDunningReport(book, { asOf: AS_OF }).disputed).toEqual({
			count: 3,
			byCurrency: { EUR: 200_00, USD: 75_00 },
		});
	});
});

describe('priority score', () => {
	const book = [
		// customer A: paid 20 days late once and on time once → 10 days late on average
		paid('h1', 10_00, '2026-09-21', { dueDate: '2026-09-01', customer: { id: 'A' } }),
		paid('h2', 10_00, '2026-10-01', { dueDate: '2026-10-01', customer: { id: 'A' } }),
		open('a', 1000_00, '2026-10-12', { customer: { id: 'A', name: 'Alpha' } }), // 45 days
		open('b', 500_00, '2026-08-18', { customer: { id: 'B', tags: ['vip'] } }), // 100 days
		open('c', 800_00, '2026-11-16', {
			customer: { id: 'C' },
			dunning: { promisedOn: '2026-11-20' },
		}), // 10 days, promise broken
		open('d', 1000_00, '2026-08-28', {
			customer: { id: 'D' },
			dunning: { promisedOn: '2026-12-05' },
		}), // 90 days, promise running
		open('e', 200_00, '2026-12-10', { customer: { id: 'E' } }), // due in 14 days
		open('f', 50_00, '2026-10-27', { customer: { id: 'F' }, currency: 'USD' }), // 30 days
	];
	const report = buildDunningReport(book, { asOf: AS_OF });

	it('orders open invoices by score, highest first', () => {
		expect(report.worklist.map((entry) => [entry.invoiceId, entry.score])).toEqual([
			['b', 55], // 15 amount + 30 overdue (capped at 90 days) + 10 VIP
			['a', 50], // 30 + 15 (45 days) + 5 (10 days late on average)
			['f', 40], // 30 (largest USD) + 10 (30 days)
			['c', 37.3], // 24 + 3.3 (10 days) + 10 (one broken promise)
			['d', 30], // (30 + 30) × 0.5: a promise still runs
			['e', 6], // 6, not overdue yet
		]);
	});

	it('explains each score', () => {
		const reasons = Object.fromEntries(
			report.worklist.map((entry) => [entry.invoiceId, entry.reasons]),
		);
		expect(reasons.a).toEqual([
			'1,000.00 EUR at stake (100% of the largest open EUR amount): +30',
			'45 days overdue: +15',
			'customer paid 10 days late on average over 2 paid invoices: +5',
		]);
		expect(reasons.b).toEqual([
			'500.00 EUR at stake (50% of the largest open EUR amount): +15',
			'100 days overdue: +30',
			'customer tagged "vip": +10',
		]);
		expect(reasons.c).toEqual([
			'800.00 EUR at stake (80% of the largest open EUR amount): +24',
			'10 days overdue: +3.3',
			'customer broke 1 payment promise: +10',
		]);
		expect(reasons.d).toEqual([
			'1,000.00 EUR at stake (100% of the largest open EUR amount): +30',
			'90 days overdue: +30',
			'payment promised by 2026-12-05: score halved',
		]);
		expect(reasons.e).toEqual([
			'200.00 EUR at stake (20% of the largest open EUR amount): +6',
			'not overdue yet (due in 14 days): +0',
		]);
	});

	it('gives the parts of each score in openInvoices, in worklist order', () => {
		expect(report.openInvoices.map((line) => line.invoiceId)).toEqual([
			'b',
			'a',
			'f',
			'c',
			'd',
			'e',
		]);
		expect(report.openInvoices[1]).toMatchObject({
			invoiceId: 'a',
			customerName: 'Alpha',
			daysOverdue: 45,
			bucket: 'd31_60',
			parts: { amount: 30, overdue: 15, lateness: 5, brokenPromises: 0, vip: 0, factor: 1 },
		});
	});

	it('gives 15 points for two broken promises and takes custom VIP tags', () => {
		const two = [
			open('x', 100_00, '2026-11-16', {
				customer: { id: 'X', tags: ['Key-Account'] },
				dunning: { promises: ['2026-11-18', '2026-11-21'] },
			}),
		];
		const [entry] = buildDunningReport(two, { asOf: AS_OF, vipTags: ['key-account'] }).openInvoices;
		expect(entry.parts).toEqual({
			amount: 30,
			overdue: 3.3,
			lateness: 0,
			brokenPromises: 15,
			vip: 10,
			factor: 1,
		});
		expect(entry.score).toBe(58.3);
	});
});

describe('input checks', () => {
	it('names the field at fault', () => {
		expect(() => buildDunningReport([], { asOf: '2026-11-31' })).toThrow(DunningInputError);
		expect(() => buildDunningReport([], { asOf: '2026-11-31' })).toThrow(/^options\.asOf:/);
		expect(() =>
			buildDunningReport([{ ...open('a', 1, '2026-11-01'), status: 'late' as never }], {
				asOf: AS_OF,
			}),
		).toThrow('invoices[0].status: "late" is not an invoice status');
		expect(() => buildDunningReport([], { asOf: AS_OF, recoveryWindowDays: -1 })).toThrow(
			/^options\.recoveryWindowDays:/,
		);
	});

	it('gives an empty report for an empty book', () => {
		const report = buildDunningReport([], { asOf: AS_OF });
		expect(report).toMatchObject({ byCurrency: {}, worklist: [], steps: [], invoiceCount: 0 });
	});
});

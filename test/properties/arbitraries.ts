// Generators of valid core inputs: scenarios, invoices and clocks as DESIGN.md sections 2 and 3 define them.
import * as fc from 'fast-check';

import { fromDayNumber, toDayNumber } from '../../nodes/shared/dates';
import type { Invoice, Scenario, Step } from '../../nodes/shared';
import { AUDIENCES, CHANNELS, DAY_COUNTS, TONES } from '../../nodes/shared/scenario/types';

export const FIRST_DAY = toDayNumber('2024-01-01');
export const LAST_DAY = toDayNumber('2028-12-31');

export const day = (min = FIRST_DAY, max = LAST_DAY) => fc.integer({ min, max });
export const isoDate = (min = FIRST_DAY, max = LAST_DAY) => day(min, max).map(fromDayNumber);

export const TIME_ZONES = [
	'Europe/Paris',
	'UTC',
	'America/Los_Angeles',
	'Asia/Tokyo',
	'Pacific/Kiritimati',
];
export const TAGS = ['vip', 'legal', 'key', 'strategic'];

export const stepArb: fc.Arbitrary<Omit<Step, 'id' | 'offsetDays'>> = fc.record({
	dayCount: fc.constantFrom(...DAY_COUNTS),
	audience: fc.constantFrom(...AUDIENCES),
	channel: fc.constantFrom(...CHANNELS),
	tone: fc.constantFrom(...TONES),
	requiresApproval: fc.boolean(),
	includePenalty: fc.boolean(),
});

/** 1 to 6 steps with distinct ids, offsets in order (ties allowed), from 10 days before to 60 after. */
export const scenarioArb: fc.Arbitrary<Scenario> = fc
	.record({
		steps: fc.array(fc.tuple(fc.integer({ min: -10, max: 60 }), stepArb), {
			minLength: 1,
			maxLength: 6,
		}),
		timezone: fc.constantFrom(...TIME_ZONES),
		minDaysBetween: fc.integer({ min: 0, max: 10 }),
		sendOnNonBusinessDays: fc.boolean(),
		holidays: fc.constantFrom(null, 'FR', 'DE', 'US', 'GB'),
		catchUp: fc.constantFrom('sequential' as const, 'latest' as const),
		excludeTags: fc.subarray(TAGS, { maxLength: 2 }),
		escalateTags: fc.subarray(TAGS, { maxLength: 2 }),
		escalateAfter: fc.integer({ min: 0, max: 3 }),
		minimumDueMinor: fc.integer({ min: 0, max: 5000 }),
		minDaysBetweenCustomer: fc.option(fc.integer({ min: 0, max: 7 }), { nil: undefined }),
	})
	.map(({ steps, minDaysBetweenCustomer, ...rest }) => {
		const sorted = [...steps].sort((a, b) => a[0] - b[0]);
		const scenario: Scenario = {
			id: 'prop',
			name: 'Property scenario',
			...rest,
			steps: sorted.map(([offsetDays, step], index) => ({
				...step,
				id: `s${index}_${offsetDays < 0 ? 'm' : ''}${Math.abs(offsetDays)}`,
				offsetDays,
			})),
		};
		if (minDaysBetweenCustomer !== undefined)
			scenario.minDaysBetweenCustomer = minDaysBetweenCustomer;
		return scenario;
	});

export interface InvoiceOptions {
	/** Step ids the history may name (the scenario's, plus unknown ones). */
	stepIds?: string[];
}

export const invoiceArb = (options: InvoiceOptions = {}): fc.Arbitrary<Invoice> =>
	fc
		.record({
			status: fc.constantFrom(
				'draft',
				'open',
				'open',
				'open',
				'paid',
				'void',
				'uncollectible',
			) as fc.Arbitrary<Invoice['status']>,
			source: fc.constantFrom('stripe', 'quickbooks', 'generic') as fc.Arbitrary<Invoice['source']>,
			totalMinor: fc.integer({ min: 0, max: 10_000_000 }),
			dueShare: fc.double({ min: 0, max: 1, noNaN: true }),
			dueDate: fc.option(isoDate(), { nil: null, freq: 8 }),
			tags: fc.subarray(TAGS),
			sent: fc.subarray([...(options.stepIds ?? []), 'unknown-step']),
			lastSentOn: fc.option(isoDate(), { nil: null }),
			promisedOn: fc.option(isoDate(), { nil: null, freq: 3 }),
			disputed: fc.boolean(),
			paused: fc.boolean(),
		})
		.map((r) => {
			const dueMinor = Math.floor(r.totalMinor * r.dueShare);
			return {
				id: 'inv_prop',
				source: r.source,
				number: 'P-1',
				status: r.status,
				currency: 'EUR',
				totalMinor: r.totalMinor,
				paidMinor: r.totalMinor - dueMinor,
				dueMinor,
				issueDate: '2024-01-01',
				dueDate: r.dueDate,
				customer: {
					id: 'cus_1',
					name: 'Customer',
					email: 'c@example.com',
					locale: 'fr',
					tags: r.tags,
				},
				paymentUrl: null,
				pdfUrl: null,
				payments: [],
				dunning: {
					sentStepIds: r.sent,
					lastSentOn: r.lastSentOn,
					promisedOn: r.promisedOn,
					disputed: r.disputed,
					paused: r.paused,
				},
			};
		});

/** A clock: a bare date, or an instant (ISO string or Date) somewhere in that day (UTC). */
export const nowArb: fc.Arbitrary<Date | string> = fc.oneof(
	isoDate(),
	fc
		.tuple(day(), fc.integer({ min: 0, max: 86_399_999 }))
		.map(([d, ms]) => new Date(Date.parse(`${fromDayNumber(d)}T00:00:00Z`) + ms)),
	fc
		.tuple(day(), fc.integer({ min: 0, max: 86_399_999 }))
		.map(([d, ms]) => new Date(Date.parse(`${fromDayNumber(d)}T00:00:00Z`) + ms).toISOString()),
);

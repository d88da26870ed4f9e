import { evaluateScenario, normalizeInvoice, SCENARIO_PRESETS } from '../../nodes/shared/internal';
import { makeInvoice } from './invoice-factory';

const generic = {
	id: 'F-1',
	status: 'open',
	currency: 'eur',
	totalMinor: 150000,
	paidMinor: 50000,
	issueDate: '2026-10-01',
	dueDate: '2026-10-31',
};

describe('normalizeInvoice (generic invoices in the normalised shape)', () => {
	it('validates and fills the optional parts', () => {
		expect(normalizeInvoice(generic)).toEqual({
			id: 'F-1',
			source: 'generic',
			number: null,
			status: 'open',
			currency: 'EUR',
			totalMinor: 150000,
			paidMinor: 50000,
			dueMinor: 100000,
			issueDate: '2026-10-01',
			dueDate: '2026-10-31',
			customer: {
				id: null,
				name: null,
				email: null,
				locale: null,
				tags: [],
				country: null,
				address: null,
			},
			paymentUrl: null,
			pdfUrl: null,
			payments: [],
			dunning: {
				sentStepIds: [],
				lastSentOn: null,
				promisedOn: null,
				disputed: false,
				paused: false,
			},
		});
	});

	it('round-trips a full invoice', () => {
		const full = makeInvoice({
			customer: { id: 'c', name: 'A', email: 'a@b.example', locale: 'fr', tags: ['vip'] },
		});
		expect(normalizeInvoice(full)).toEqual(full);
	});

	it('names the field at fault', () => {
		const cases: [object, string][] = [
			[
				{ ...generic, dueDate: '2026-13-01' },
				'invoice.dueDate: "2026-13-01" is not a date (YYYY-MM-DD)',
			],
			[{ ...generic, totalMinor: -1 }, 'invoice.totalMinor: -1 is negative'],
			[
				{ ...generic, totalMinor: 12.5 },
				'invoice.totalMinor: 12.5 is not an integer amount in minor units',
			],
			[
				{ ...generic, currency: 'EURO' },
				'invoice.currency: "EURO" is not an ISO 4217 currency code',
			],
			[
				{ ...generic, status: 'late' },
				'invoice.status: "late" is not one of draft, open, paid, void, uncollectible',
			],
			[{ ...generic, id: '' }, 'invoice.id: "" is not a non-empty string'],
			[{ ...generic, issueDate: undefined }, 'invoice.issueDate: missing is not a date'],
			[
				{ ...generic, payments: [{ date: '2026-11-01', amountMinor: '5' }] },
				'invoice.payments[0].amountMinor',
			],
			[
				{ ...generic, dunning: { sentStepIds: 'd7' } },
				'invoice.dunning.sentStepIds: "d7" is not a list of strings',
			],
			[
				{ ...generic, customer: { tags: [{}] } },
				'invoice.customer.tags[0]: an object is not a non-empty string',
			],
		];
		for (const [input, message] of cases) expect(() => normalizeInvoice(input)).toThrow(message);
	});
});

describe('evaluateScenario refuses invoices it cannot judge', () => {
	const classic = SCENARIO_PRESETS['classic-7-14-21'];
	it('names the field', () => {
		const bad = (overrides: object) => ({ ...makeInvoice(), ...overrides }) as never;
		expect(() => evaluateScenario(bad({ dueDate: '2026/11/02' }), classic, '2026-11-26')).toThrow(
			'invoice.dueDate',
		);
		expect(() => evaluateScenario(bad({ dueMinor: '10' }), classic, '2026-11-26')).toThrow(
			'invoice.dueMinor',
		);
		expect(() => evaluateScenario(bad({ status: 'late' }), classic, '2026-11-26')).toThrow(
			'invoice.status',
		);
		expect(() => evaluateScenario(bad({ dunning: null }), classic, '2026-11-26')).toThrow(
			'invoice.dunning',
		);
		expect(() =>
			evaluateScenario(
				bad({ dunning: { ...makeInvoice().dunning, promisedOn: 'soon' } }),
				classic,
				'2026-11-26',
			),
		).toThrow('invoice.dunning.promisedOn');
		expect(() =>
			evaluateScenario(makeInvoice(), { ...classic, timezone: 'Nowhere' }, '2026-11-26'),
		).toThrow('scenario.timezone');
	});
});

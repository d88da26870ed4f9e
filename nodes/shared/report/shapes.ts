import { assertObject, assertShape, type Shape } from '../shape';
import { INVOICE_LEDGER_SHAPE } from './ledger';

/**
 * What the renderers read of a report, a simulation and a preview: they take back what `buildDunningReport`,
 * `simulatePolicy` and `previewRun` produced, possibly after a trip through JSON or a user's expression, so
 * a damaged one is named field by field instead of crashing half-way through a page.
 */

/** The fields that name an invoice and its amount, on a worklist line and a simulated event alike. */
const INVOICE_LINE = {
	invoiceId: 'string',
	source: 'string',
	number: 'string?',
	customerName: 'string?',
	currency: 'currency',
	dueMinor: 'integer',
} satisfies Record<string, Shape>;

const BUCKETS: Shape = {
	current: 'integer',
	d1_30: 'integer',
	d31_60: 'integer',
	d61_90: 'integer',
	over90: 'integer',
};

const REPORT: Shape = {
	asOf: 'date',
	invoiceCount: 'integer',
	recoveryWindowDays: 'integer',
	byCurrency: {
		record: {
			openCount: 'integer',
			openMinor: 'integer',
			overdueCount: 'integer',
			overdueMinor: 'integer',
			aging: BUCKETS,
		},
	},
	agingCounts: { record: BUCKETS },
	worklist: { list: { invoiceId: 'string', source: 'string', reasons: { list: 'string' } } },
	openInvoices: {
		list: {
			...INVOICE_LINE,
			dueDate: 'date?',
			daysOverdue: 'integer',
			bucket: 'string',
			disputed: 'boolean',
			promisedOn: 'date?',
			lastStepId: 'string?',
			score: 'number',
			parts: {
				amount: 'number',
				overdue: 'number',
				lateness: 'number',
				brokenPromises: 'number',
				vip: 'number',
				factor: 'number',
			},
		},
	},
	dso: {
		from: 'date',
		to: 'date',
		days: 'integer',
		method: { optional: 'string' },
		definition: { optional: 'string' },
		byCurrency: {
			record: {
				dso: 'number?',
				receivablesMinor: 'integer',
				salesMinor: 'integer',
				collectedMinor: { optional: 'integer' },
				reason: 'string?',
			},
		},
	},
	steps: {
		list: {
			stepId: 'string',
			sent: 'integer',
			dated: 'integer',
			paidAfter: 'integer',
			averageDaysToPay: 'number?',
			medianDaysToPay: 'number?',
			eligible: 'integer',
			recovered: 'integer',
			recoveryRate: 'number?',
			pending: 'integer',
		},
	},
	promises: { kept: 'integer', broken: 'integer', pending: 'integer', keptRate: 'number?' },
	disputed: { count: 'integer', byCurrency: { record: 'integer' } },
	history: { sentSteps: 'integer', datedSteps: 'integer' },
	proofs: {
		optional: {
			list: {
				invoiceId: 'string',
				source: 'string',
				number: 'string?',
				customerName: 'string?',
				...INVOICE_LEDGER_SHAPE,
			},
		},
	},
};

const EVENT: Shape = {
	...INVOICE_LINE,
	action: 'string',
	reason: 'string',
	stepId: 'string?',
	tone: 'string?',
	channel: 'string?',
	daysOverdue: 'integer',
};

const SIMULATION: Shape = {
	scenarioId: 'string',
	from: 'date',
	to: 'date',
	calendar: { list: { date: 'date', events: { list: EVENT } } },
	totals: {
		invoices: 'integer',
		reminders: 'integer',
		escalations: 'integer',
		remindersAfterPayment: 'integer',
		maxContactsPerWeek: 'integer',
		perStep: { record: { send: 'integer', escalate: 'integer' } },
		customersOverWeeklyLimit: {
			list: { customerKey: 'string', customerName: 'string?', weekOf: 'date', contacts: 'integer' },
		},
	},
};

const PREVIEW: Shape = {
	scenarioId: 'string',
	on: 'date',
	planned: { list: { ...EVENT, requiresApproval: 'boolean' } },
	counts: {
		send: 'integer',
		escalate: 'integer',
		wait: 'integer',
		skip: 'integer',
		stop: 'integer',
	},
};

const OPTIONS: Shape = {
	title: { optional: 'string' },
	worklistLimit: { optional: 'number' },
	proofLimit: { optional: 'number' },
};

export function assertReport(value: unknown, field = 'report'): void {
	assertShape(value, REPORT, field);
	// The aging chart reads the counts of every currency it draws.
	const counts = assertObject(
		(value as Record<string, unknown>).agingCounts,
		`${field}.agingCounts`,
	);
	for (const currency of Object.keys(
		assertObject((value as Record<string, unknown>).byCurrency, field),
	)) {
		assertShape(counts[currency], BUCKETS, `${field}.agingCounts.${currency}`);
	}
}

export function assertSimulation(value: unknown, field = 'simulation'): void {
	assertShape(value, SIMULATION, field);
}

export function assertPreview(value: unknown, field = 'preview'): void {
	assertShape(value, PREVIEW, field);
}

export function assertHtmlOptions(value: unknown): void {
	if (value !== undefined && value !== null) assertShape(value, OPTIONS, 'options');
}

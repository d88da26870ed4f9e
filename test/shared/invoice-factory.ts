import type { DunningState, Invoice, InvoiceCustomer } from '../../nodes/shared/internal';

export type InvoiceOverrides = Omit<Partial<Invoice>, 'dunning' | 'customer'> & {
	dunning?: Partial<DunningState>;
	customer?: Partial<InvoiceCustomer>;
};

/** An open, unpaid generic invoice due on 2026-11-02 (a Monday), with overrides. */
export function makeInvoice(overrides: InvoiceOverrides = {}): Invoice {
	const { dunning, customer, ...rest } = overrides;
	return {
		id: 'inv-1',
		source: 'generic',
		number: 'F-2026-001',
		status: 'open',
		currency: 'EUR',
		totalMinor: 120000,
		paidMinor: 0,
		dueMinor: 120000,
		issueDate: '2026-10-03',
		dueDate: '2026-11-02',
		customer: {
			id: 'cus-1',
			name: 'Atelier Vauclair',
			email: 'compta@vauclair.example',
			locale: 'fr',
			tags: [],
			country: null,
			address: null,
			...customer,
		},
		paymentUrl: 'https://pay.example/inv-1',
		pdfUrl: null,
		payments: [],
		...rest,
		dunning: {
			sentStepIds: [],
			lastSentOn: null,
			promisedOn: null,
			disputed: false,
			paused: false,
			...dunning,
		},
	};
}

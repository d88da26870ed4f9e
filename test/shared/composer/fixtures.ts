import type { Invoice } from '../../../nodes/shared/invoice';
import type { PenaltyResult } from '../../../nodes/shared/penalty/types';
import type { ComposeInput } from '../../../nodes/shared/composer/types';

/** A realistic overdue invoice: 1 234,56 € due on 15 November 2026, one reminder already sent. */
export function overdueInvoice(overrides: Partial<Invoice> = {}): Invoice {
	return {
		id: 'in_1QxA2bC3dE4fG5h',
		source: 'stripe',
		number: 'F-2026-0142',
		status: 'open',
		currency: 'EUR',
		totalMinor: 123456,
		paidMinor: 0,
		dueMinor: 123456,
		issueDate: '2026-10-16',
		dueDate: '2026-11-15',
		customer: {
			id: 'cus_R2d2C3po',
			name: 'Atelier Dupont SARL',
			email: 'compta@atelier-dupont.fr',
			locale: 'fr-FR',
			tags: [],
		},
		paymentUrl: 'https://invoice.stripe.com/i/acct_1Abc/test_YWNjdF8x?s=ap&lang=fr',
		pdfUrl: 'https://pay.stripe.com/invoice/acct_1Abc/test_YWNjdF8x/pdf',
		payments: [],
		dunning: {
			sentStepIds: ['d7'],
			lastSentOn: '2026-11-22',
			promisedOn: null,
			disputed: false,
			paused: false,
		},
		...overrides,
	};
}

/** French statutory penalty on 1 234,56 € for 11 days at 12,40 %, plus 40 € compensation. */
export const frPenalty: PenaltyResult = {
	interestMinor: 461,
	compensationMinor: 4000,
	totalMinor: 4461,
	periods: [
		{
			from: '2026-11-16',
			to: '2026-11-26',
			days: 11,
			annualRatePercent: 12.4,
			baseMinor: 123456,
			interestMinor: 461,
		},
	],
	legalBasis: 'Code de commerce L441-10 II, D441-5',
	warnings: [],
};

export const sender = {
	name: 'Studio Lumière',
	email: 'factures@studio-lumiere.fr',
	phone: '+33 1 84 60 12 34',
};

export function composeInput(overrides: Partial<ComposeInput> = {}): ComposeInput {
	return {
		invoice: overdueInvoice(),
		stepId: 'd7',
		tone: 'friendly',
		language: 'fr',
		sender,
		daysOverdue: 11,
		...overrides,
	};
}

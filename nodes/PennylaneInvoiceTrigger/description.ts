import type { INodeProperties } from 'n8n-workflow';

import {
	optionsCollection,
	requestsAtOnceOption,
	requestTimeoutOption,
} from '../common/properties';
import {
	emitExistingOption,
	emitSettledOption,
	maxPagesOption,
	minDaysOverdueProperties,
} from '../common/source-properties';
import { PENNYLANE_REQUESTS_AT_ONCE } from '../services/pennylane/limits';
import {
	pennylaneAuthenticationProperty,
	pennylaneTimeZoneOption,
} from '../services/pennylane/options';

/** Pages of 100 invoices read per poll by default: 5,000 invoices, as many as a Stripe or QuickBooks poll. */
export const DEFAULT_MAX_PAGES = 50;

export const pennylaneInvoiceTriggerProperties: INodeProperties[] = [
	pennylaneAuthenticationProperty,
	{
		displayName:
			"Polls Pennylane: the first poll reads every finalised invoice as its starting point (over several polls for a large company, Maximum Pages per Poll) and emits none of those already overdue unless asked; later polls read Pennylane's changelog of customer invoices since the previous one, plus the invoices whose due date has just passed. Each invoice is emitted once per change of what is owed, its status or its due date.",
		name: 'notice',
		type: 'notice',
		default: '',
	},
	...minDaysOverdueProperties({}, 'Emit open invoices'),
	optionsCollection([
		emitExistingOption,
		emitSettledOption,
		maxPagesOption('100', DEFAULT_MAX_PAGES, 'a poll reads'),
		requestTimeoutOption('Pennylane'),
		requestsAtOnceOption('Pennylane', PENNYLANE_REQUESTS_AT_ONCE),
		pennylaneTimeZoneOption,
	]),
];

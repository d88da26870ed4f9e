import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection, requestTimeoutOption } from '../common/properties';
import {
	emitExistingOption,
	emitSettledOption,
	legacyOptions,
	maxPagesOption,
	minDaysOverdueProperties,
} from '../common/source-properties';
import { customerLookupOption, quickBooksTimeZoneOption } from '../services/quickbooks/options';

/** Query pages of 1,000 invoices read per poll by default: 5,000 invoices, as many as a Stripe poll. */
export const DEFAULT_MAX_PAGES = 5;

export const quickBooksInvoiceTriggerProperties: INodeProperties[] = [
	{
		displayName:
			'Polls QuickBooks: the first poll (and any poll after more than 30 days) reads every overdue invoice, over several polls for a large company (Maximum Pages per Poll), and emits them unless Emit Existing Overdue Invoices is off; later polls read only the changes since the previous one. Each invoice is emitted once per change of what is owed, its status or its due date, not again for the dunning notes this package writes.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	...minDaysOverdueProperties({}, 'Emit open invoices'),
	optionsCollection([
		customerLookupOption('When to read the customer record of an emitted invoice'),
		// On by default: this trigger emitted them before the option existed, and saved workflows keep doing so.
		{
			...emitExistingOption,
			default: true,
			description: `${emitExistingOption.description} On by default, as before this option existed.`,
		},
		emitSettledOption,
		maxPagesOption('1,000', DEFAULT_MAX_PAGES, 'a full read takes'),
		requestTimeoutOption('QuickBooks'),
		quickBooksTimeZoneOption('"today" is'),
		legacyOptions.timeoutMs,
	]),
];

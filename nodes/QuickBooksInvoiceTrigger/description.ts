import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection, requestTimeoutOption } from '../common/properties';
import { legacyOptions, minDaysOverdueProperties } from '../common/source-properties';
import { customerLookupOption, quickBooksTimeZoneOption } from '../services/quickbooks/options';

/** Query pages of 1,000 invoices read per poll by default: 5,000 invoices, as many as a Stripe poll. */
export const DEFAULT_MAX_PAGES = 5;

export const quickBooksInvoiceTriggerProperties: INodeProperties[] = [
	{
		displayName:
			'Polls QuickBooks: the first poll (and any poll after more than 30 days) reads every overdue invoice, over several polls for a large company (Maximum Pages per Poll); later polls read only the changes since the previous one. Each invoice is emitted once per change of what is owed, its status or its due date, not again for the dunning notes this package writes.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	...minDaysOverdueProperties({}, 'Emit open invoices'),
	optionsCollection([
		customerLookupOption('When to read the customer record of an emitted invoice'),
		{
			displayName: 'Emit Paid and Voided',
			name: 'emitSettled',
			type: 'boolean',
			default: true,
			description:
				'Whether to also emit an invoice emitted as overdue earlier once it is paid or voided (event "paid" or "voided")',
		},
		{
			displayName: 'Maximum Pages per Poll',
			name: 'maxPages',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_MAX_PAGES,
			description:
				'Pages of 1,000 invoices a full read takes per poll (what one poll holds in memory); a longer read continues at the next poll from the position kept in static data',
		},
		requestTimeoutOption('QuickBooks'),
		quickBooksTimeZoneOption('"today" is'),
		legacyOptions.timeoutMs,
	]),
];

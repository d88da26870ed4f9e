import type { INodeProperties } from 'n8n-workflow';

export const quickBooksInvoiceTriggerProperties: INodeProperties[] = [
	{
		displayName:
			'Polls QuickBooks: the first poll (and any poll after more than 30 days) reads every overdue invoice; later polls read only the changes since the previous one. Each invoice is emitted once per change of what is owed, its status or its due date, not again for the dunning notes this package writes.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Grace Days',
		name: 'graceDays',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			'An invoice is emitted as overdue once its due date is more than this many days before today',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Customer Lookup',
				name: 'customerLookup',
				type: 'options',
				default: 'missingEmail',
				options: [
					{
						name: 'When the Invoice Has No Email',
						value: 'missingEmail',
						description: 'Read the customer only when BillEmail is missing',
					},
					{
						name: 'Always',
						value: 'always',
						description: 'Also reads customer tags from a [dunning] tags=... line of its Notes.',
					},
					{ name: 'Never', value: 'never' },
				],
				description: 'When to read the customer record of an emitted invoice',
			},
			{
				displayName: 'Emit Paid and Voided',
				name: 'emitSettled',
				type: 'boolean',
				default: true,
				description:
					'Whether to also emit an invoice emitted as overdue earlier once it is paid or voided (event "paid" or "voided")',
			},
			{
				displayName: 'Request Timeout (Ms)',
				name: 'timeoutMs',
				type: 'number',
				typeOptions: { minValue: 100 },
				default: 30000,
				description: 'How long to wait for QuickBooks before retrying a request',
			},
			{
				displayName: 'Time Zone',
				name: 'timezone',
				type: 'string',
				default: '',
				placeholder: 'e.g. Europe/London',
				description:
					'The company\'s IANA time zone, in which "today" is read; empty: the workflow\'s',
			},
		],
	},
];

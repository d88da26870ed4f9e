import type { INodeProperties } from 'n8n-workflow';

import { releaseClaimProperties } from '../common/release-claim';

export const OPERATIONS = [
	'get',
	'listOverdue',
	'claimStep',
	'recordPromise',
	'releaseClaim',
	'markDisputed',
	'markUndisputed',
	'pause',
	'resume',
	'sendReminder',
] as const;
export type Operation = (typeof OPERATIONS)[number];

const invoiceOperations: Operation[] = OPERATIONS.filter(
	(operation) => operation !== 'listOverdue',
);

/** Filters shared with the trigger's polling mode. */
export const overdueFilterProperties = (show: Record<string, string[]>): INodeProperties[] => [
	{
		displayName: 'Minimum Days Overdue',
		name: 'minDaysOverdue',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1,
		displayOptions: { show },
		description: 'Open send_invoice invoices overdue by at least this many calendar days',
	},
	{
		displayName: 'Include Invoices Due Soon',
		name: 'includeDueSoon',
		type: 'boolean',
		default: false,
		displayOptions: { show },
		description:
			'Whether to also return invoices that fall due within the next days (courtesy notices)',
	},
	{
		displayName: 'Due Within Days',
		name: 'dueWithinDays',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 3,
		displayOptions: { show: { ...show, includeDueSoon: [true] } },
		description: 'Invoices due today or in at most this many days',
	},
	{
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		default: '',
		placeholder: 'cus_...',
		displayOptions: { show },
		description: 'Only the invoices of this Stripe customer (empty: all customers)',
	},
];

export const stripeDunningProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Invoice', value: 'invoice' }],
		default: 'invoice',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['invoice'] } },
		options: [
			{
				name: 'Claim Step',
				value: 'claimStep',
				action: 'Claim a reminder step for an invoice',
				description:
					'Record that a step is being sent, so that of two concurrent executions exactly one owns it',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get an invoice',
				description: 'Read the invoice afresh (a payment made a minute ago stops the reminder)',
			},
			{
				name: 'List Overdue',
				value: 'listOverdue',
				action: 'List overdue invoices',
				description:
					'Open send_invoice invoices overdue by at least N days, optionally those due soon',
			},
			{
				name: 'Mark Disputed',
				value: 'markDisputed',
				action: 'Mark an invoice as disputed',
				description: 'Stop reminders while the customer disputes the invoice',
			},
			{
				name: 'Mark Undisputed',
				value: 'markUndisputed',
				action: 'Mark an invoice as undisputed',
			},
			{
				name: 'Pause',
				value: 'pause',
				action: 'Pause reminders for an invoice',
			},
			{
				name: 'Record Promise',
				value: 'recordPromise',
				action: 'Record a payment promise',
				description:
					'The customer promised to pay by a date: reminders wait until the day after it',
			},
			{
				name: 'Release Claim',
				value: 'releaseClaim',
				action: 'Release a claimed step whose message did not leave',
				description:
					'After a send failed before the mail server accepted the message: remove the step Claim Step recorded, so the next run sends it',
			},
			{
				name: 'Resume',
				value: 'resume',
				action: 'Resume reminders for an invoice',
			},
			{
				name: 'Send Stripe Reminder',
				value: 'sendReminder',
				action: 'Send stripe s own invoice email',
				description:
					'Have Stripe email the invoice again with its payment link (send_invoice invoices only)',
			},
		],
		default: 'get',
	},
	{
		displayName: 'Invoice ID',
		name: 'invoiceId',
		type: 'string',
		required: true,
		default: '={{ $json.invoice ? $json.invoice.id : $json.id }}',
		placeholder: 'in_...',
		displayOptions: { show: { resource: ['invoice'], operation: invoiceOperations } },
		description: 'The Stripe invoice ID; by default the invoice of the incoming item',
	},
	{
		displayName: 'Step ID',
		name: 'stepId',
		type: 'string',
		required: true,
		default: '={{ $json.decision ? $json.decision.stepId : "" }}',
		placeholder: 'd7',
		displayOptions: { show: { resource: ['invoice'], operation: ['claimStep'] } },
		description:
			'The step being sent; by default the step the Dunning Scenario node decided (letters, digits, - _ . :).',
	},
	{
		displayName: 'Allow Paid Invoices',
		name: 'allowPaid',
		type: 'boolean',
		default: false,
		displayOptions: { show: { resource: ['invoice'], operation: ['claimStep'] } },
		description:
			'Whether a paid invoice can be claimed too (the thank-you once paid, step "thanks"); a void or uncollectible one never is',
	},
	...releaseClaimProperties({ resource: ['invoice'], operation: ['releaseClaim'] }),
	{
		displayName: 'Promised On',
		name: 'promisedOn',
		type: 'string',
		default: '',
		placeholder: 'YYYY-MM-DD',
		displayOptions: { show: { resource: ['invoice'], operation: ['recordPromise'] } },
		description: 'The date the customer promised to pay by; empty clears the promise',
	},
	...overdueFilterProperties({ resource: ['invoice'], operation: ['listOverdue'] }),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['invoice'] } },
		options: [
			{
				displayName: 'Time Zone',
				name: 'timezone',
				type: 'string',
				default: '',
				placeholder: 'Europe/Paris',
				description:
					'IANA zone in which Stripe timestamps become dates and "today" is taken; empty: the workflow\'s',
			},
			{
				displayName: 'Request Timeout (Seconds)',
				name: 'timeoutSeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 30,
				description: 'How long one request to Stripe may take before it is retried',
			},
			{
				displayName: 'Maximum Results',
				name: 'maxResults',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 10000,
				displayOptions: { show: { '/operation': ['listOverdue'] } },
				description: 'Stop listing after this many matching invoices',
			},
		],
	},
];

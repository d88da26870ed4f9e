import type { INodeProperties } from 'n8n-workflow';

import { releaseClaimProperties } from '../common/release-claim';
import { customerLookupOption, requestTimeoutOption, timeZoneOption } from './shared-options';

export type QuickBooksOperation =
	| 'get'
	| 'listOverdue'
	| 'claimStep'
	| 'recordPromise'
	| 'markDisputed'
	| 'markUndisputed'
	| 'pause'
	| 'resume'
	| 'sendEmail'
	| 'releaseClaim'
	| 'verifyWebhook';

const WRITES: QuickBooksOperation[] = [
	'claimStep',
	'recordPromise',
	'markDisputed',
	'markUndisputed',
	'pause',
	'resume',
];

const ONE_INVOICE: QuickBooksOperation[] = ['get', 'sendEmail', 'releaseClaim', ...WRITES];

export const quickBooksDunningProperties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		default: 'invoice',
		options: [{ name: 'Invoice', value: 'invoice' }],
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'get',
		displayOptions: { show: { resource: ['invoice'] } },
		options: [
			{
				name: 'Claim Step',
				value: 'claimStep',
				action: 'Claim a reminder step',
				description:
					'Record the step in the invoice before sending it; of two concurrent claims only one succeeds',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get an invoice',
				description: 'Read the invoice afresh, with its payment link and, if needed, its customer',
			},
			{
				name: 'List Overdue',
				value: 'listOverdue',
				action: 'List overdue invoices',
				description: 'All open invoices whose due date has passed, page after page',
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
				description: 'The customer promised to pay by a date: reminders wait until the day after',
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
				name: 'Send Invoice Email',
				value: 'sendEmail',
				action: 'Send the invoice email',
				description: "QuickBooks' own invoice email, with its PDF and payment link",
			},
			{
				name: 'Verify and Expand Webhook',
				value: 'verifyWebhook',
				action: 'Verify and expand a webhook',
				description:
					"After n8n's Webhook node (Raw Body on): check Intuit's signature, then read each changed invoice",
			},
		],
	},
	{
		displayName:
			"Place this after n8n's Webhook node (HTTP Method POST, Respond: Immediately, Options → Raw Body on) whose production URL is registered in the Intuit developer portal. Intuit expects an answer within seconds and retries otherwise; the signature is checked here, on the raw body.",
		name: 'webhookNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { operation: ['verifyWebhook'] } },
	},
	{
		displayName: 'Invoice ID',
		name: 'invoiceId',
		type: 'string',
		required: true,
		default: '={{ $json.invoice ? $json.invoice.id : $json.Id }}',
		placeholder: 'e.g. 1042',
		description: 'The QuickBooks invoice ID (not the number customers see)',
		displayOptions: { show: { operation: ONE_INVOICE } },
	},
	{
		displayName: 'Step ID',
		name: 'stepId',
		type: 'string',
		required: true,
		default: '={{ $json.decision ? $json.decision.stepId : "" }}',
		placeholder: 'e.g. d7',
		description: 'The step to record, usually the decision of the Dunning Scenario node',
		displayOptions: { show: { operation: ['claimStep'] } },
	},
	{
		displayName: 'Invoice Version of the Decision',
		name: 'decisionVersion',
		type: 'string',
		default: '={{ $json.raw ? $json.raw.SyncToken : "" }}',
		description:
			'SyncToken of the invoice the decision was made on: if the invoice changed since (a payment, another run), the claim is refused. Empty: claim against a fresh read.',
		displayOptions: { show: { operation: ['claimStep'] } },
	},
	{
		displayName: 'Promised On',
		name: 'promisedOn',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2026-12-05',
		description: 'The date (YYYY-MM-DD) the customer promised to pay by; empty removes the promise',
		displayOptions: { show: { operation: ['recordPromise'] } },
	},
	{
		displayName: 'Send To',
		name: 'sendTo',
		type: 'string',
		default: '',
		placeholder: 'e.g. accounts@example.com',
		description:
			"Recipient address; empty: the invoice's billing email (BillEmail), else the customer's email (an invoice with neither fails before QuickBooks is asked)",
		displayOptions: { show: { operation: ['sendEmail'] } },
	},
	...releaseClaimProperties({ resource: ['invoice'], operation: ['releaseClaim'] }),
	{
		displayName: 'Grace Days',
		name: 'graceDays',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description:
			'An invoice counts as overdue once its due date is more than this many days before today',
		displayOptions: { show: { operation: ['listOverdue', 'verifyWebhook'] } },
	},
	{
		displayName: 'Include Invoices Due Soon',
		name: 'includeDueSoon',
		type: 'boolean',
		default: false,
		displayOptions: { show: { operation: ['listOverdue'] } },
		description:
			'Whether to also return invoices that fall due within the next days (courtesy notices)',
	},
	{
		displayName: 'Due Within Days',
		name: 'dueWithinDays',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 3,
		displayOptions: { show: { operation: ['listOverdue'], includeDueSoon: [true] } },
		description: 'Invoices due today or in at most this many days',
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: true,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: { show: { operation: ['listOverdue'] } },
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { operation: ['listOverdue'], returnAll: [false] } },
	},
	{
		displayName: 'Raw Body Field',
		name: 'binaryProperty',
		type: 'string',
		default: 'data',
		description:
			'Binary field holding the request body exactly as received (n8n\'s Webhook node puts it in "data" when its Raw Body option is on)',
		displayOptions: { show: { operation: ['verifyWebhook'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			customerLookupOption('When to read the customer record of an invoice'),
			requestTimeoutOption,
			timeZoneOption(
				'The company\'s IANA time zone, in which "today" and the dates of claims are read; empty: the workflow\'s',
			),
		],
	},
];

import type { INodeProperties } from 'n8n-workflow';

import { optionsCollection } from '../common/properties';
import { stripeOverdueFilterProperties, stripeTimeZoneOption } from '../services/stripe/options';
import { INVOICE_EVENTS } from '../services/stripe/webhook';

const EVENT_LABELS: Record<(typeof INVOICE_EVENTS)[number], string> = {
	'invoice.overdue': 'Overdue (send_invoice, needs a Stripe Billing automation)',
	'invoice.will_be_due': 'Will Be Due (needs a Stripe Billing automation)',
	'invoice.payment_failed': 'Payment Failed',
	'invoice.paid': 'Paid',
	'invoice.payment_succeeded': 'Payment Succeeded',
	'invoice.marked_uncollectible': 'Marked Uncollectible',
	'invoice.voided': 'Voided',
	'invoice.finalized': 'Finalized',
	'invoice.updated': 'Updated (our own dunning_* metadata writes are ignored)',
};

const webhookMode = { mode: ['webhook'] };
const pollingMode = { mode: ['polling'] };

export const stripeInvoiceTriggerProperties: INodeProperties[] = [
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Webhook',
				value: 'webhook',
				description:
					'Stripe pushes invoice events as they happen (signed, verified on every request)',
			},
			{
				name: 'Polling',
				value: 'polling',
				description:
					'List overdue invoices on a schedule and emit each one once per change of its dunning state',
			},
		],
		default: 'webhook',
	},
	{
		displayName:
			'Polling uses the Poll Times above. In webhook mode they are not used: the node answers Stripe at once and the poll does nothing.',
		name: 'pollingNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: pollingMode },
	},
	{
		displayName: 'Endpoint',
		name: 'endpoint',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Register Automatically',
				value: 'register',
				description:
					'Create a Stripe webhook endpoint for this workflow on activation and delete it on deactivation',
			},
			{
				name: 'Use Existing',
				value: 'existing',
				description:
					'An endpoint you created in the Stripe Dashboard; put its signing secret in the credential',
			},
		],
		default: 'register',
		displayOptions: { show: webhookMode },
	},
	{
		displayName:
			"Create the endpoint in Stripe with this node's Production URL and the events below, then paste its signing secret (whsec_...) into the credential's Webhook Signing Secret field",
		name: 'existingNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { ...webhookMode, endpoint: ['existing'] } },
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: INVOICE_EVENTS.map((value) => ({ name: EVENT_LABELS[value], value })),
		default: [
			'invoice.overdue',
			'invoice.payment_failed',
			'invoice.paid',
			'invoice.marked_uncollectible',
			'invoice.voided',
		],
		required: true,
		displayOptions: { show: webhookMode },
		description: 'The invoice events to receive',
	},
	...stripeOverdueFilterProperties(pollingMode),
	{
		displayName: 'Emit Again When',
		name: 'emitOn',
		type: 'options',
		options: [
			{
				name: 'Status or Amount Changes',
				value: 'stateChange',
				description: 'Once per invoice, again when its status or amount remaining changes',
			},
			{
				name: 'Overdue Bucket Changes',
				value: 'bucketChange',
				description: 'Also when it enters the next overdue bucket (e.g. every 7 days)',
			},
			{
				name: 'Every Day',
				value: 'everyDay',
				description: 'Once per invoice and calendar day',
			},
		],
		default: 'stateChange',
		displayOptions: { show: pollingMode },
	},
	{
		displayName: 'Bucket Size (Days)',
		name: 'bucketDays',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 7,
		displayOptions: { show: { ...pollingMode, emitOn: ['bucketChange'] } },
		description: 'Overdue days 1–7 are bucket 0, 8–14 bucket 1, and so on (for 7)',
	},
	optionsCollection([
		stripeTimeZoneOption,
		{
			displayName: 'Signature Tolerance (Seconds)',
			name: 'toleranceSeconds',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 3600 },
			default: 300,
			displayOptions: { show: { '/mode': ['webhook'] } },
			description:
				'A delivery signed longer ago than this is refused (replay protection; Stripe re-signs each retry)',
		},
		{
			displayName: 'Maximum Pages per Poll',
			name: 'maxPages',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			displayOptions: { show: { '/mode': ['polling'] } },
			description:
				'Pages of 100 invoices read per poll (what one poll holds in memory); a longer list continues at the next poll from the saved cursor',
		},
	]),
];

import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

export const CLASSIFY_PARAMETERS = ['emailField', 'openInvoices', 'timezone', 'options'];

const properties: INodeProperties[] = [
	{
		displayName:
			"Reads a customer's reply (from the Email Trigger (IMAP) or any mail node) and routes it: Promise, Dispute, Payment Claimed, Needs a Person (payment plans and anything unsure: plug an AI node here), Ignored (out-of-office, bounces)",
		name: 'classifyNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Email Field',
		name: 'emailField',
		type: 'string',
		default: '',
		placeholder: 'e.g. email',
		description:
			'Dot path of the email inside each item. Empty: the item itself, as the Email Trigger (IMAP) outputs it (format "Resolved" or "Simple").',
	},
	{
		displayName: 'Open Invoices',
		name: 'openInvoices',
		type: 'string',
		default: '',
		placeholder: "e.g. {{ $('Open Invoices').all().map(item => item.json) }}",
		description:
			'Expression giving the open invoices the reply may be about (Stripe, QuickBooks or normalised invoices, or items holding one under "invoice"). Empty: the item\'s "invoices" list or "invoice". Threading headers find the invoices even without it.',
	},
	{
		displayName: 'Time Zone',
		name: 'timezone',
		type: 'string',
		default: '',
		placeholder: 'e.g. Europe/Paris',
		description:
			'The company\'s IANA time zone, in which "vendredi", "end of the month" or "am 15." are resolved from the day the reply arrived. Empty: the workflow\'s.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Language Hint',
				name: 'language',
				type: 'string',
				default: '',
				placeholder: 'e.g. fr or {{ $json.invoice.customer.locale }}',
				description:
					"The language to assume when the reply's words do not tell (fr, en, de, es). Empty: the matched customer's locale.",
			},
			{
				displayName: 'Now',
				name: 'now',
				type: 'string',
				default: '',
				placeholder: 'e.g. 2026-11-27T09:00:00Z',
				description:
					'The instant used for a reply without a date (for tests and replays). Empty: the current time.',
			},
		],
	},
];

export const description = updateDisplayOptions({ show: { operation: ['classify'] } }, properties);

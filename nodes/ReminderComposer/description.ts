import type { INodeProperties } from 'n8n-workflow';

import { invoiceInputProperties } from '../common/invoice-input';
import { timeZoneOption } from '../common/properties';
import { channelProperties } from './channel-parameters';
import {
	BLOCK_HELPERS,
	COMPOSER_LANGUAGES,
	COMPOSER_TONES,
	CUSTOMER_ROOT_VARIABLES,
	INLINE_HELPERS,
	ROOT_VARIABLES,
	SCENARIO_PRESETS,
	TONES,
} from '../shared/internal';

export const MODE_INVOICE = 'invoice';
export const MODE_CUSTOMER = 'customer';
export const LANGUAGE_CUSTOMER = 'customer';
export const TONE_FROM_DECISION = 'decision';
export const TEAM_LANGUAGE_DEFAULT = 'fallback';
export const STEP_TONES_CUSTOM = 'custom';

const LANGUAGE_NAMES: Record<string, string> = {
	fr: 'French',
	en: 'English',
	de: 'German',
	es: 'Spanish',
};

const label = (value: string) =>
	value.replace(/_/g, ' ').replace(/(^|\s)\w/g, (first) => first.toUpperCase());

const languageOptions = COMPOSER_LANGUAGES.map((value) => ({
	name: LANGUAGE_NAMES[value] ?? value,
	value,
}));

const variables = (names: ReadonlySet<string>) => [...names].join(', ');
const helpers = `${Object.keys(INLINE_HELPERS).join(', ')}; blocks ${BLOCK_HELPERS.map((name) => `#${name}`).join(', ')}`;

const customTemplate = { show: { customTemplate: [true] } };

const stepToneOptions = [
	...Object.values(SCENARIO_PRESETS).map((preset) => ({
		name: preset.name,
		value: preset.id,
		description: preset.steps.map((step) => `${step.id} ${label(step.tone)}`).join(', '),
	})),
	{
		name: 'Custom Steps',
		value: STEP_TONES_CUSTOM,
		description: 'Give the tone of each step ID below',
	},
];

export const reminderComposerProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'compose',
		options: [
			{
				name: 'Compose',
				value: 'compose',
				action: 'Compose a reminder email',
				description:
					'Write the subject, text and HTML of a reminder for each invoice or each customer',
			},
		],
	},
	{
		displayName: 'Mode',
		name: 'mode',
		type: 'options',
		noDataExpression: true,
		default: MODE_INVOICE,
		options: [
			{
				name: 'One Message per Invoice',
				value: MODE_INVOICE,
				description: 'Each incoming invoice gets its own reminder',
			},
			{
				name: 'One Message per Customer',
				value: MODE_CUSTOMER,
				description:
					'Invoices of the same customer (ID, else email) and the same tone are listed in one reminder: one message per customer and tone, so no invoice is spoken of more firmly than its own step. A formal notice is always a message of its own.',
			},
		],
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'options',
		default: LANGUAGE_CUSTOMER,
		options: [
			{
				name: "From the Customer's Locale, Country or Currency",
				value: LANGUAGE_CUSTOMER,
				description:
					"The customer's locale (fr-FR, en_GB...), else the billing country (US → English, BE → French...), else the currency (GBP, USD → English; EUR says nothing), else the fallback below",
			},
			...languageOptions,
		],
	},
	{
		displayName: 'Fallback Language',
		name: 'fallbackLanguage',
		type: 'options',
		default: 'fr',
		options: languageOptions,
		displayOptions: { show: { language: [LANGUAGE_CUSTOMER] } },
		description:
			'Used when neither the locale, the billing country nor the currency gives a language with built-in templates',
	},
	{
		displayName: 'Team Language',
		name: 'teamLanguage',
		type: 'options',
		default: TEAM_LANGUAGE_DEFAULT,
		options: [
			{
				name: 'Same as the Fallback Language',
				value: TEAM_LANGUAGE_DEFAULT,
				description: 'The Fallback Language, or the fixed Language when one is chosen',
			},
			...languageOptions,
		],
		description:
			"Language of the messages for your team: internal case summaries and the approver's preview of a formal notice (never the customer's language)",
	},
	{
		displayName: 'Tone',
		name: 'tone',
		type: 'options',
		default: TONE_FROM_DECISION,
		options: [
			{
				name: "From the Decision's Step",
				value: TONE_FROM_DECISION,
				description:
					'The tone of the step chosen by the Dunning Scenario node: the step ID looked up in the scenario below (decision.tone wins when the item has one; an escalate decision gives the internal summary)',
			},
			...TONES.map((value) => ({ name: label(value), value })),
			{
				name: 'Thanks (Invoice Paid)',
				value: 'thanks' satisfies (typeof COMPOSER_TONES)[number],
				description:
					'A short thank-you with the amount received, for an invoice that was reminded and is now paid in full (others are passed over); one message per invoice in either mode',
			},
		],
		description:
			'Picks the built-in template: from a friendly reminder to a formal notice, or the thank-you once paid',
	},
	{
		displayName: 'Steps Of',
		name: 'stepTones',
		type: 'options',
		default: 'classic-7-14-21',
		displayOptions: { show: { tone: [TONE_FROM_DECISION] } },
		options: stepToneOptions,
		description:
			'The scenario chosen in the Dunning Scenario node: its steps say which tone each step ID has',
	},
	{
		displayName: 'Step Tones',
		name: 'stepToneMap',
		type: 'string',
		default: '',
		placeholder: 'e.g. d7=friendly, d14=reminder, d21=firm, d30=formal_notice',
		displayOptions: { show: { tone: [TONE_FROM_DECISION], stepTones: [STEP_TONES_CUSTOM] } },
		description: `Comma-separated step ID=tone pairs. Tones: ${TONES.join(', ')}.`,
	},
	{
		displayName: 'Sender Name',
		name: 'senderName',
		type: 'string',
		default: '',
		placeholder: 'e.g. Studio Lumière',
		description:
			"Your company name, shown at the top and in the signature. Empty: a department name in the message's language (Service comptabilité, Accounts Receivable, Buchhaltung, Departamento de contabilidad).",
	},
	{
		displayName: 'Sender Email',
		name: 'senderEmail',
		type: 'string',
		default: '',
		placeholder: 'e.g. billing@example.com',
		description:
			"Where customers can reply; shown in the signature and footer. Its domain is the one of each message's Message-ID (reminder.messageId).",
	},
	{
		displayName: 'Reply-To Mailbox',
		name: 'replyToMailbox',
		type: 'string',
		default: '',
		placeholder: 'e.g. billing@example.com',
		description:
			'A mailbox that accepts plus addresses, read by the Email Trigger (IMAP) node of your reply-handling workflow. Each message then gets reminder.replyTo = billing+dunning-i…@example.com, which leads a reply back to its invoices even when the mail node cannot set a Message-ID (Send Email): put the expression of reminder.replyTo in its Reply To option. Empty: no reminder.replyTo.',
	},
	{
		displayName: 'Sender Phone',
		name: 'senderPhone',
		type: 'string',
		default: '',
		placeholder: 'e.g. +33 1 84 60 12 34',
	},
	{
		displayName: 'Signature',
		name: 'signature',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		placeholder: 'e.g. Marie Martin\nAccounts receivable',
		description: 'Lines under the message. Empty: sender name, email and phone.',
	},
	{
		displayName: 'Internal Recipient',
		name: 'internalRecipient',
		type: 'string',
		default: '',
		placeholder: 'e.g. accounting@example.com',
		description: 'Who receives the internal summaries (tone Internal). Empty: the sender email.',
	},
	{
		displayName: 'Attach Penalty',
		name: 'attachPenalty',
		type: 'boolean',
		default: true,
		description:
			'Whether to state the late-payment penalty computed by an upstream Late Payment Penalty node (the "penalty" field of the item)',
	},
	{
		displayName: 'Custom Template',
		name: 'customTemplate',
		type: 'boolean',
		default: false,
		description: 'Whether to write your own subject and body instead of the built-in templates',
	},
	{
		displayName: `Handlebars subset: variables and paths, #if/#unless/#each/#with, comments, ~ whitespace control. Helpers: ${helpers}. Variables of one invoice: ${variables(ROOT_VARIABLES)}.`,
		name: 'templateNoticeInvoice',
		type: 'notice',
		default: '',
		displayOptions: { show: { customTemplate: [true], mode: [MODE_INVOICE] } },
	},
	{
		displayName: `Handlebars subset: variables and paths, #if/#unless/#each/#with, comments, ~ whitespace control. Helpers: ${helpers}. Variables of one customer: ${variables(CUSTOMER_ROOT_VARIABLES)}; each of {{#each invoices}} has number, amountDue, dueDate, daysOverdue, paymentUrl, stepId, penaltyTotal...; each of {{#each totals}} has currency, amount.`,
		name: 'templateNoticeCustomer',
		type: 'notice',
		default: '',
		displayOptions: { show: { customTemplate: [true], mode: [MODE_CUSTOMER] } },
	},
	{
		displayName: 'Subject Template',
		name: 'subjectTemplate',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Invoice {{number}}: {{amountDue}} overdue',
		displayOptions: customTemplate,
	},
	{
		displayName: 'Text Template',
		name: 'textTemplate',
		type: 'string',
		typeOptions: { rows: 8 },
		default: '',
		required: true,
		placeholder:
			'e.g. Dear {{customerName}}, invoice {{number}} for {{amountDue}} is still unpaid.',
		displayOptions: customTemplate,
		description: 'Plain-text body; nothing is HTML-escaped here',
	},
	{
		displayName: 'HTML Template',
		name: 'htmlTemplate',
		type: 'string',
		typeOptions: { rows: 8 },
		default: '',
		displayOptions: customTemplate,
		description: 'HTML body; every value is HTML-escaped. Empty: the text body in paragraphs.',
	},
	...channelProperties,
	...invoiceInputProperties,
	timeZoneOption(
		"IANA time zone of the dates of raw Stripe or QuickBooks invoices. Empty: the workflow's.",
	),
];

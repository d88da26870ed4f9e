import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { runEachItem } from '../../common/per-item';
import { optionsCollection, timeZoneOption } from '../../common/properties';
import { perItemParameters } from '../../common/parameters';
import { assertTimeZone, classifyReply, customerText } from '../../shared/internal';
import { NEEDS_A_PERSON, OUTPUT_NAMES, OUTPUT_OF_KIND } from './outputs';
import { emailFromItem } from './classify/email-item';
import { candidateInvoices } from './classify/invoices-item';

const CLASSIFY_PARAMETERS = ['emailField', 'openInvoices', 'timezone', 'options'];

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
	timeZoneOption(
		'The company\'s IANA time zone, in which "vendredi", "end of the month" or "am 15." are resolved from the day the reply arrived. Empty: the workflow\'s.',
	),
	optionsCollection([
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
	]),
];

export const description = updateDisplayOptions({ show: { operation: ['classify'] } }, properties);

/** Longest customer text copied onto the item (for the account manager and an AI node), in characters. */
const TEXT_LIMIT = 4000;

/**
 * Classify: adds `reply` (the decision, the invoices, the evidence and the customer's own words) to each item
 * and sends it to the output of its kind. A reply that cannot be read goes, with Continue On Fail, to Needs a
 * Person (or the error output): never to Ignored.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	// One clock for the whole run, used only for replies without a date.
	const clock = new Date().toISOString();
	const parametersOf = perItemParameters(this, CLASSIFY_PARAMETERS, (itemIndex) => {
		const timezone = (this.getNodeParameter('timezone', itemIndex, '') as string).trim();
		const options = this.getNodeParameter('options', itemIndex, {}) as {
			language?: string;
			now?: string;
		};
		return {
			emailField: this.getNodeParameter('emailField', itemIndex, '') as string,
			openInvoices: this.getNodeParameter('openInvoices', itemIndex, '') as unknown,
			timezone: assertTimeZone(timezone || this.getTimezone(), 'timezone'),
			language: options.language?.trim() || null,
			now: options.now?.trim() || clock,
		};
	});

	return await runEachItem(
		this,
		{ outputs: OUTPUT_NAMES.length, failedOutput: NEEDS_A_PERSON },
		(item, itemIndex) => {
			const parameters = parametersOf(itemIndex);
			const email = emailFromItem(item.json, parameters.emailField);
			const invoices = candidateInvoices(parameters.openInvoices, item.json, parameters.timezone);
			const reply = classifyReply(
				{ email, invoices },
				{ timezone: parameters.timezone, now: parameters.now, language: parameters.language },
			);
			const text = customerText(email.text, email.html);
			return {
				output: OUTPUT_OF_KIND[reply.kind],
				json: {
					...item.json,
					reply: {
						...reply,
						from: email.from,
						subject: email.subject ?? '',
						receivedAt: email.receivedAt ?? null,
						text: text.length > TEXT_LIMIT ? `${text.slice(0, TEXT_LIMIT - 1)}…` : text,
					} as unknown as IDataObject,
				},
			};
		},
	);
}

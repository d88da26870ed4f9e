import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { runEachItem } from '../../../common/per-item';
import { perItemParameters } from '../../../common/parameters';
import { assertTimeZone, classifyReply, customerText } from '../../../shared/internal';
import { NEEDS_A_PERSON, OUTPUT_NAMES, OUTPUT_OF_KIND } from '../outputs';
import { CLASSIFY_PARAMETERS } from './description';
import { emailFromItem } from './email-item';
import { candidateInvoices } from './invoices-item';

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

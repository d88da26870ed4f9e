import type { IBinaryKeyData, IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	composeSms,
	DunningInputError,
	loadLetterPdf,
	smsRecipient,
	type ComposeInput,
	type LetterMessage,
} from '../../shared/internal';
import { letterDateOf, wantsLetter, wantsSms } from '../channel-parameters';
import type { PreparedItem } from '../composer-parameters';

/**
 * Issue 20: what the letter and SMS channels add to a composed message. The letter is laid out from the very
 * message the email carries (same text, same amounts), so the PDF and the email never disagree.
 */

/** What `json.letter` says of the PDF in `binary.<property>`. */
export interface LetterPart {
	json: IDataObject;
	binary: IBinaryKeyData;
}

/** A letter that cannot be laid out (no postal address): the message goes by email, and why is recorded. */
export interface LetterFallback {
	fallback: IDataObject;
}

/**
 * The PDF letter of a message, when its step's channel is Letter or it is a formal notice and the option asks
 * for it; null otherwise. `message` is the composed email (subject, text, tone, invoices, idempotency key).
 */
export async function letterPart(
	context: IExecuteFunctions,
	items: PreparedItem[],
	message: LetterMessage,
): Promise<LetterPart | LetterFallback | null> {
	const [first] = items;
	const { letter: parameters, sender, timezone } = first.parameters;
	if (!wantsLetter(first.channel, message.tone, parameters)) return null;
	// A source without the billing address (a QuickBooks invoice without BillAddr): the notice still goes out,
	// by email, rather than the whole step failing; the approver and the output say so.
	const unaddressed = items.find((item) => !item.invoice.customer.address);
	if (unaddressed) {
		const invoice = unaddressed.invoice;
		return {
			fallback: {
				from: 'letter',
				to: 'email',
				reason: 'no postal address',
				detail: `invoice ${invoice.number ?? invoice.id}: the customer has no billing address`,
			},
		};
	}
	// The templates ship the sender empty: no letter leaves with an example address, and the editor's field is named.
	if (!parameters.senderAddress.city) {
		throw new DunningInputError(
			'letterOptions.senderCity',
			'is empty: a letter states who sends it and from where; set Letter Options → Sender City (and Sender Company, Street and Postal Code)',
		);
	}
	const date = letterDateOf(parameters, timezone);
	// Loaded here only: pdf-lib and the font stay out of memory in workflows that render no letter.
	const { renderLetterPdf } = loadLetterPdf();
	const letter = await renderLetterPdf({
		invoices: items.map((item) => item.invoice),
		language: first.language,
		sender,
		penalties: items.map((item) => item.penalty ?? null),
		senderAddress: parameters.senderAddress,
		date,
		place: parameters.place,
		delivery: parameters.delivery,
		message,
	});
	const binary = await context.helpers.prepareBinaryData(
		Buffer.from(letter.pdf),
		letter.fileName,
		'application/pdf',
	);
	return {
		json: {
			fileName: letter.fileName,
			binaryProperty: parameters.binaryPropertyName,
			pageCount: letter.pageCount,
			subject: letter.subject,
			date,
			language: letter.language,
			invoiceIds: letter.invoiceIds,
			idempotencyKey: letter.idempotencyKey,
			delivery: parameters.delivery,
		},
		binary: { [parameters.binaryPropertyName]: binary },
	};
}

/** The composer's input for one prepared item: the same for its email and its SMS (DESIGN.md 5). */
export function composeInputOf(item: PreparedItem): ComposeInput {
	const { invoice, decision, parameters } = item;
	return {
		invoice,
		stepId: typeof decision?.stepId === 'string' ? decision.stepId : undefined,
		tone: item.tone,
		language: item.language,
		sender: parameters.sender,
		penalty: item.penalty,
		daysOverdue: typeof decision?.daysOverdue === 'number' ? decision.daysOverdue : undefined,
		brokenPromiseOn: item.brokenPromiseOn,
	};
}

/**
 * The SMS of an `sms` step: `{ sms, channel: 'sms' }` with the customer's mobile number, else the email
 * fallback and why (`reminder.fallback`); null for any other step.
 */
export function smsPart(item: PreparedItem): IDataObject | null {
	if (!wantsSms(item.channel, item.tone)) return null;
	const { invoice } = item;
	const recipient = smsRecipient(invoice.customer.phone, invoice.customer.country ?? null);
	if (recipient.to === null) {
		return {
			channel: 'email',
			fallback: { from: 'sms', to: 'email', reason: recipient.reason, detail: recipient.detail },
		};
	}
	const sms = composeSms(composeInputOf(item));
	return {
		channel: 'sms',
		sms: {
			to: recipient.to,
			text: sms.text,
			encoding: sms.encoding,
			segments: sms.segments,
			characters: sms.characters,
			units: sms.units,
			language: sms.language,
			idempotencyKey: sms.idempotencyKey,
		},
	};
}

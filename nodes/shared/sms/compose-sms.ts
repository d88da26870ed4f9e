import { composeReminder } from '../composer/compose';
import { resolveComposerLanguage } from '../composer/language';
import type { ComposeInput } from '../composer/types';
import { DunningInputError } from '../errors';
import { smsLength, type SmsLength } from './gsm';
import { SMS_TEMPLATES, type SmsTone } from '../composer/templates/sms';

/** The composer's single-invoice input (DESIGN.md 5); `template.text` replaces the built-in SMS. */
export type ComposeSmsInput = Omit<ComposeInput, 'template'> & { template?: { text: string } };

export interface ComposedSms extends SmsLength {
	text: string;
	language: string;
	/** `<source>:<invoice id>:<step id>`, as the email's: one SMS per step. */
	idempotencyKey: string | null;
}

/**
 * The no-break spaces Intl puts in amounts and dates (U+00A0, U+202F) are not in the GSM-7 alphabet and
 * would turn a French SMS into UCS-2 (70 characters a message instead of 160): a plain space reads the same
 * on a phone.
 */
function plainSpaces(text: string): string {
	return text.replace(/[\u00a0\u202f\u2009]/g, ' ');
}

/**
 * A short text for an `sms` step: invoice number, amount, due date and payment link, in the step's tone
 * and the customer's language, with its encoding and the number of messages it costs. Pure.
 */
export function composeSms(input: ComposeSmsInput): ComposedSms {
	if (input?.tone === 'internal') {
		throw new DunningInputError(
			'tone',
			'internal is a summary for the team, not an SMS to the customer',
		);
	}
	const language = resolveComposerLanguage(input?.language);
	const text =
		input.template?.text ?? SMS_TEMPLATES[language][(input.tone ?? 'friendly') as SmsTone];
	const composed = composeReminder({ ...input, template: { subject: 'SMS', text } });
	const body = plainSpaces(composed.text).replace(/\s+/g, ' ').trim();
	return {
		text: body,
		...smsLength(body),
		language: composed.language,
		idempotencyKey: composed.idempotencyKey,
	};
}

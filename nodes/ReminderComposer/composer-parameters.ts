import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isDataObject, type InvoiceFormat } from '../common/invoice-input';
import {
	COMPOSER_TONES,
	DunningInputError,
	SCENARIO_PRESETS,
	TONES,
	chooseCustomerLanguage,
	resolveComposerLanguage,
	THANKS_STEP_ID,
	toneAfterBrokenPromise,
	type ComposeSender,
	type ComposeTemplate,
	type ComposedReminder,
	type ComposerTone,
	type PenaltyResult,
	type Invoice,
	type Tone,
} from '../shared/internal';
import {
	LANGUAGE_CUSTOMER,
	MODE_CUSTOMER,
	TEAM_LANGUAGE_DEFAULT,
	STEP_TONES_CUSTOM,
	TONE_FROM_DECISION,
} from './description';
import {
	CHANNEL_PARAMETERS,
	readLetterParameters,
	type LetterParameters,
} from './channel-parameters';

/** Every parameter that shapes a message; read once per run when none holds an expression. */
export const COMPOSER_PARAMETERS = [
	'language',
	'fallbackLanguage',
	'teamLanguage',
	'tone',
	'stepTones',
	'stepToneMap',
	'senderName',
	'senderEmail',
	'replyToMailbox',
	'senderPhone',
	'signature',
	'internalRecipient',
	'attachPenalty',
	'customTemplate',
	'subjectTemplate',
	'textTemplate',
	'htmlTemplate',
	'invoiceFormat',
	'invoiceField',
	'timezone',
	...CHANNEL_PARAMETERS,
];

export interface ComposerParameters {
	language: string;
	fallbackLanguage: string;
	/** Internal summaries and the approver's preview: the team's language, never the customer's. */
	teamLanguage: string;
	/** A fixed tone (a step tone, or `thanks`), or null: the tone of the decision's step. */
	fixedTone: ComposerTone | null;
	/** Step id → tone, for the decision's step (null with a fixed tone). */
	stepTones: { source: string; tones: Map<string, Tone> } | null;
	sender: ComposeSender;
	/** Issue 21: the mailbox replies go to, plus-addressed per message (`reminderReplyTo`); null: none. */
	replyToMailbox: string | null;
	internalRecipient: string | null;
	attachPenalty: boolean;
	template: ComposeTemplate | undefined;
	invoiceFormat: InvoiceFormat;
	invoiceField: string;
	timezone: string;
	/** Issue 20: the letter of a Letter step or a formal notice. */
	letter: LetterParameters;
}

function isTone(value: unknown): value is Tone {
	return typeof value === 'string' && (TONES as readonly string[]).includes(value);
}

function isComposerTone(value: unknown): value is ComposerTone {
	return typeof value === 'string' && (COMPOSER_TONES as readonly string[]).includes(value);
}

/** `d7=friendly, d14=reminder` → a map; a typo is an error naming the pair. */
export function parseStepToneMap(text: string): Map<string, Tone> {
	const tones = new Map<string, Tone>();
	for (const pair of text.split(/[,;\n]/)) {
		if (pair.trim() === '') continue;
		const [stepId, tone, extra] = pair.split('=').map((part) => part.trim());
		if (!stepId || !isTone(tone) || extra !== undefined) {
			throw new DunningInputError(
				'stepToneMap',
				`"${pair.trim()}" is not a step ID=tone pair (tones: ${TONES.join(', ')})`,
			);
		}
		tones.set(stepId, tone);
	}
	if (tones.size === 0) throw new DunningInputError('stepToneMap', 'is empty');
	return tones;
}

function stepTonesOf(choice: string, map: string): ComposerParameters['stepTones'] {
	if (choice === STEP_TONES_CUSTOM) return { source: 'Step Tones', tones: parseStepToneMap(map) };
	const preset = SCENARIO_PRESETS[choice];
	if (!preset) throw new DunningInputError('stepTones', `"${choice}" is not a scenario preset`);
	return {
		source: `the steps of "${preset.name}"`,
		tones: new Map(preset.steps.map((step) => [step.id, step.tone])),
	};
}

/**
 * The Team Language option: a language, or by default the language the node falls back to (the
 * Fallback Language, or the fixed Language when one is chosen).
 */
function teamLanguageOf(choice: string, language: string, fallbackLanguage: string): string {
	if (choice !== TEAM_LANGUAGE_DEFAULT) return resolveComposerLanguage(choice, 'teamLanguage');
	const base = language === LANGUAGE_CUSTOMER ? fallbackLanguage : language;
	return resolveComposerLanguage(
		base,
		language === LANGUAGE_CUSTOMER ? 'fallbackLanguage' : 'language',
	);
}

const optional = (value: unknown): string | undefined =>
	typeof value === 'string' && value.trim() !== '' ? value : undefined;

export function readComposerParameters(
	context: IExecuteFunctions,
	index: number,
): ComposerParameters {
	const get = <T>(name: string, fallback: T) =>
		context.getNodeParameter(name, index, fallback) as T;
	const tone = get<string>('tone', TONE_FROM_DECISION);
	if (tone !== TONE_FROM_DECISION && !isComposerTone(tone)) {
		throw new DunningInputError(
			'tone',
			`"${String(tone)}" is not one of ${COMPOSER_TONES.join(', ')}`,
		);
	}
	const custom = get<boolean>('customTemplate', false);
	const language = get<string>('language', LANGUAGE_CUSTOMER);
	const fallbackLanguage = get<string>('fallbackLanguage', 'fr');
	return {
		language,
		fallbackLanguage,
		teamLanguage: teamLanguageOf(
			get<string>('teamLanguage', TEAM_LANGUAGE_DEFAULT),
			language,
			fallbackLanguage,
		),
		fixedTone: tone === TONE_FROM_DECISION ? null : (tone as ComposerTone),
		stepTones:
			tone === TONE_FROM_DECISION
				? stepTonesOf(get<string>('stepTones', 'classic-7-14-21'), get<string>('stepToneMap', ''))
				: null,
		sender: {
			name: get<string>('senderName', ''),
			email: optional(get<string>('senderEmail', '')),
			phone: optional(get<string>('senderPhone', '')),
			signature: optional(get<string>('signature', '')),
		},
		replyToMailbox: optional(get<string>('replyToMailbox', ''))?.trim() ?? null,
		internalRecipient: optional(get<string>('internalRecipient', ''))?.trim() ?? null,
		attachPenalty: get<boolean>('attachPenalty', true),
		template: custom
			? {
					subject: get<string>('subjectTemplate', ''),
					text: get<string>('textTemplate', ''),
					html: optional(get<string>('htmlTemplate', '')),
				}
			: undefined,
		invoiceFormat: get<InvoiceFormat>('invoiceFormat', 'auto'),
		invoiceField: get<string>('invoiceField', ''),
		timezone: optional(get<string>('timezone', ''))?.trim() ?? context.getTimezone(),
		letter: readLetterParameters(context, index),
	};
}

/** The decision an upstream Dunning Scenario node put on the item, if any. */
export function decisionOf(json: IDataObject): IDataObject | null {
	return isDataObject(json.decision) ? json.decision : null;
}

/**
 * Whether the item has nothing to ask for: a decision other than send or escalate (wait, skip, stop),
 * or an invoice with nothing left to pay. Under the fixed tone Thanks, the reverse: an invoice not paid in
 * full, never reminded or already thanked (`thanksApplies`). Such items are passed over, never composed.
 */
export function nothingToSend(
	json: IDataObject,
	invoice: Invoice,
	parameters: ComposerParameters,
): boolean {
	if (parameters.fixedTone === 'thanks') return !thanksApplies(invoice);
	const decision = decisionOf(json);
	if (decision && decision.action !== 'send' && decision.action !== 'escalate') return true;
	return invoice.status !== 'open' || invoice.dueMinor <= 0;
}

/**
 * The tone of an item: the fixed one; else `internal` for an escalate decision; else `decision.tone` when
 * something upstream set it; else the tone of the `step` the Dunning Scenario node wrote beside its decision;
 * else the decision's step looked up in the chosen scenario's steps (the decision itself names no tone).
 */
export function toneOf(json: IDataObject, parameters: ComposerParameters): ComposerTone {
	const tone = stepToneOf(json, parameters);
	return brokenPromiseOf(json) === null || tone === 'thanks' ? tone : toneAfterBrokenPromise(tone);
}

/**
 * The thank-you (tone `thanks`, issue 21) goes to an invoice that is paid in full and was reminded: a step
 * sent, or a reminder date on it. A customer who paid without a reminder gets no thanks for paying late.
 */
export function thanksApplies(invoice: Invoice): boolean {
	const { sentStepIds, lastSentOn } = invoice.dunning;
	// Already thanked (Claim Step recorded `thanks`): never a second thank-you; `thanks` itself is no reminder.
	if (sentStepIds.includes(THANKS_STEP_ID)) return false;
	const reminded = sentStepIds.length > 0 || lastSentOn !== null;
	return reminded && invoice.paidMinor > 0 && invoice.dueMinor <= 0;
}

/**
 * The date of a broken promise (contract 2: `decision.reason === 'promise_broken'` with
 * `decision.brokenPromiseOn`), or null. The composer validates the date.
 */
export function brokenPromiseOf(json: IDataObject): string | null {
	const decision = decisionOf(json) as (IDataObject & { brokenPromiseOn?: unknown }) | null;
	if (decision === null || decision.reason !== 'promise_broken') return null;
	return typeof decision.brokenPromiseOn === 'string' ? decision.brokenPromiseOn : null;
}

/** The tone of the step itself, before a broken promise makes it firmer. */
function stepToneOf(json: IDataObject, parameters: ComposerParameters): ComposerTone {
	if (parameters.fixedTone !== null) return parameters.fixedTone;
	const decision = decisionOf(json);
	if (decision === null) {
		throw new DunningInputError(
			'decision',
			'the item has no decision from a Dunning Scenario node: choose a fixed Tone',
		);
	}
	// Escalate (an internal step, or a customer handed to a human by an escalate tag): the message is the
	// summary for the team, whatever the tone of the step would have been for the customer.
	if (decision.action === 'escalate') return 'internal';
	if (decision.tone !== undefined && decision.tone !== null) {
		if (!isTone(decision.tone)) {
			throw new DunningInputError(
				'decision.tone',
				`${JSON.stringify(decision.tone)} is not one of ${TONES.join(', ')}`,
			);
		}
		return decision.tone;
	}
	const stepId = decision.stepId;
	// The Dunning Scenario node puts the decided step beside the decision: its tone needs no lookup.
	const step = json.step as IDataObject | null | undefined;
	if (step && typeof step === 'object' && step.id === stepId && isTone(step.tone)) return step.tone;
	const { source, tones } = parameters.stepTones as NonNullable<ComposerParameters['stepTones']>;
	const tone = typeof stepId === 'string' ? tones.get(stepId) : undefined;
	if (tone === undefined) {
		throw new DunningInputError(
			'decision.stepId',
			`step ${JSON.stringify(stepId ?? null)} is not one of ${source} (${[...tones.keys()].join(', ')}): set "Steps Of" to the scenario of the Dunning Scenario node, or choose a fixed Tone`,
		);
	}
	return tone;
}

/**
 * The language of a message: the team's for an internal summary; else the fixed language; else the
 * customer's (locale, billing country, currency, fallback: `chooseCustomerLanguage`).
 */
export function languageOf(
	invoice: Invoice,
	tone: ComposerTone,
	parameters: ComposerParameters,
): string {
	if (tone === 'internal') return parameters.teamLanguage;
	if (parameters.language !== LANGUAGE_CUSTOMER) return parameters.language;
	return chooseCustomerLanguage(
		{
			locale: invoice.customer.locale,
			country: invoice.customer.country ?? null,
			currency: invoice.currency,
		},
		parameters.fallbackLanguage,
	);
}

/**
 * Whether a person approves this message before it goes out (BRIEF contract 4): the step says so
 * (`step.requiresApproval`, written by Dunning Scenario beside its decision), or it is a formal notice.
 */
export function needsApproval(json: IDataObject, tone: ComposerTone): boolean {
	if (tone === 'internal' || tone === 'thanks') return false;
	const step = json.step as IDataObject | null | undefined;
	return tone === 'formal_notice' || (isDataObject(step) && step.requiresApproval === true);
}

export function isCustomerMode(context: IExecuteFunctions): boolean {
	return context.getNodeParameter('mode', 0, 'invoice') === MODE_CUSTOMER;
}

/** One incoming item, read and ready to compose. */
export interface PreparedItem {
	index: number;
	invoice: Invoice;
	tone: ComposerTone;
	language: string;
	parameters: ComposerParameters;
	decision: IDataObject | null;
	penalty: PenaltyResult | undefined;
	/** The date of a broken promise, or null (issue 19 #5). */
	brokenPromiseOn: string | null;
	/** Adds `reminder.approval` (the approver's preview). */
	needsApproval: boolean;
	/** Issue 20: the channel of the item's step (`email` without one): `letter` and `sms` add their part. */
	channel: string;
}

/**
 * The address the message goes to: the customer's, or for an internal summary the internal recipient
 * (else the sender). A customer-facing message without an address is an error, not a silent gap.
 */
export function recipient(
	composed: ComposedReminder,
	tone: ComposerTone,
	item: PreparedItem,
): string {
	if (tone === 'internal') {
		const to = item.parameters.internalRecipient ?? item.parameters.sender.email ?? null;
		if (to === null) {
			throw new DunningInputError(
				'internalRecipient',
				'no recipient for the internal summary: set Internal Recipient or Sender Email',
			);
		}
		return to;
	}
	if (composed.to === null || composed.to.trim() === '') {
		throw new DunningInputError(
			'invoice.customer.email',
			`the customer of invoice ${item.invoice.number ?? item.invoice.id} has no email address: add it in the invoicing system, or filter such invoices out before this node`,
		);
	}
	return composed.to;
}

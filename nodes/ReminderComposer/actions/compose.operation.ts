import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IPairedItemData,
} from 'n8n-workflow';

import { invoiceForOutput, readInvoice } from '../../common/invoice-input';
import { failedItem, itemError } from '../../common/item-errors';
import { perItemParameters } from '../../common/parameters';
import { runEachItem } from '../../common/per-item';
import {
	composeApproval,
	composeCustomerReminder,
	composeReminder,
	groupCustomerMessages,
	reminderThreading,
	type ComposedReminder,
	type Decision,
	type PenaltyResult,
	type Tone,
} from '../../shared/internal';
import {
	COMPOSER_PARAMETERS,
	brokenPromiseOf,
	decisionOf,
	isCustomerMode,
	languageOf,
	needsApproval,
	nothingToSend,
	readComposerParameters,
	recipient,
	toneOf,
	type ComposerParameters,
	type PreparedItem,
} from '../composer-parameters';
import { reminderComposerProperties } from '../description';
import { channelOf, wantsSms } from '../channel-parameters';
import { composeInputOf, letterPart, smsPart } from './channels';

export const OPERATION = 'compose';

export const description = reminderComposerProperties;

/**
 * Compose: adds `reminder` (subject, text, HTML, threading, approval) to each item, or in "one message per
 * customer" mode one item per message with all its invoices. Items are read through the per-item wrapper;
 * a message that fails with Continue On Fail fails every item it stands for.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const parametersOf = perItemParameters(this, COMPOSER_PARAMETERS, (index) =>
		readComposerParameters(this, index),
	);
	const customerMode = isCustomerMode(this);
	const prepared: StepToneItem[] = [];
	let passedOver = 0;

	const [output] = await runEachItem(
		this,
		{ outputs: 1, failedOutput: 0 },
		async ({ json, binary }, itemIndex) => {
			const item = prepare(json, itemIndex, parametersOf(itemIndex));
			if (item === null) {
				passedOver++;
				return [];
			}
			// A thank-you and an SMS are always about one invoice: one message per invoice in either mode.
			if (customerMode && item.tone !== 'thanks' && !wantsSms(item.channel, item.tone)) {
				prepared.push(item as StepToneItem);
				return [];
			}
			const composed = await composeOne(this, item);
			return {
				output: 0,
				json: { ...json, ...composed.json },
				...withBinary(binary, composed.binary),
			};
		},
	);

	if (customerMode) {
		for (const group of groupCustomerMessages(prepared)) {
			try {
				output.push(await composeGroup(this, group));
			} catch (error) {
				const failure = itemError(this, error, group[0].index);
				if (!this.continueOnFail()) throw failure;
				// Every invoice of the message failed with it: each source item carries the error.
				for (const { index } of group) {
					output.push(failedItem(this, items[index], failure, index));
				}
			}
		}
	}

	if (passedOver > 0) {
		this.addExecutionHints({
			message: `${passedOver} item(s) passed over: their decision is not to send (wait, skip, stop) or their invoice has nothing left to pay (tone Thanks: their invoice is not paid in full, or was never reminded)`,
			type: 'info',
			location: 'outputPane',
		});
	}
	return [output];
}

/** Reads one item; null when there is nothing to ask for (see `nothingToSend`). */
function prepare(
	json: IDataObject,
	index: number,
	parameters: ComposerParameters,
): PreparedItem | null {
	const invoice = readInvoice(json, {
		format: parameters.invoiceFormat,
		field: parameters.invoiceField,
		timezone: parameters.timezone,
	});
	if (nothingToSend(json, invoice, parameters)) return null;
	const tone = toneOf(json, parameters);
	const penalty =
		parameters.attachPenalty && json.penalty !== undefined && json.penalty !== null
			? (json.penalty as unknown as PenaltyResult)
			: undefined;
	return {
		index,
		invoice,
		tone,
		language: languageOf(invoice, tone, parameters),
		parameters,
		decision: decisionOf(json),
		penalty,
		brokenPromiseOn: brokenPromiseOf(json),
		needsApproval: needsApproval(json, tone),
		channel: channelOf(json),
	};
}

/** The item's own binary data, plus the letter's. */
function withBinary(
	own: IBinaryKeyData | undefined,
	added: IBinaryKeyData | undefined,
): { binary?: IBinaryKeyData } {
	if (!added) return own ? { binary: own } : {};
	return { binary: { ...own, ...added } };
}

/** A message composed without a step (a fixed tone, no decision) has no key: `<source>:<invoice id>:<tone>` stands for it. */
function keyOf(key: string | null, item: PreparedItem, tone: PreparedItem['tone']): string {
	return key ?? `${item.invoice.source}:${item.invoice.id}:${tone}`;
}

/**
 * `reminder.approval` (BRIEF contract 4) for messages a person approves: the message as the customer will
 * read it, the warnings on its amounts first, in the team's language. Absent otherwise.
 */
function approvalOf(items: PreparedItem[], composed: ComposedReminder): IDataObject {
	if (!items.some((item) => item.needsApproval)) return {};
	const approval = composeApproval({
		reminder: composed,
		invoices: items.map((item) => item.invoice),
		penalties: items.map((item) => item.penalty ?? null),
		language: items[0].parameters.teamLanguage,
	});
	return { approval: { ...approval } };
}

/** An item of a per-customer message: a step tone, never `thanks`. */
type StepToneItem = PreparedItem & { tone: Tone };

/**
 * `messageId` and `replyTo` (issue 21). The key is the message's idempotency key; a message composed
 * without a step (a fixed tone and no decision) has none, so `<source>:<invoice id>:<tone>` stands for it.
 */
function threadingOf(
	key: string | null,
	item: PreparedItem,
	tone: PreparedItem['tone'],
): IDataObject {
	const { sender, replyToMailbox } = item.parameters;
	return {
		...reminderThreading(keyOf(key, item, tone), {
			senderEmail: sender.email?.trim() || null,
			replyToMailbox,
			customerFacing: tone !== 'internal',
		}),
	};
}

/** `reminder`, and `letter` with its PDF for a Letter step (or a formal notice, on request). */
interface ComposedItem {
	json: IDataObject;
	binary?: IBinaryKeyData;
}

async function composeOne(context: IExecuteFunctions, item: PreparedItem): Promise<ComposedItem> {
	const { invoice, parameters } = item;
	const composed = composeReminder({ ...composeInputOf(item), template: parameters.template });
	const reminder = reminderOf(composed, item.tone, item, [item], smsPart(item) ?? {});
	const letter = await letterPart(context, [item], {
		subject: composed.subject,
		text: composed.text,
		tone: item.tone,
		invoiceIds: [invoice.id],
		idempotencyKey: keyOf(composed.idempotencyKey, item, item.tone),
	});
	if (letter === null) return { json: { reminder } };
	if ('fallback' in letter) {
		return { json: { reminder: { ...reminder, channel: 'email', fallback: letter.fallback } } };
	}
	return { json: { reminder, letter: letter.json }, binary: letter.binary };
}

/**
 * The `reminder` of an output item: the message, its threading and tone, then what a per-customer message
 * adds (`extra`), then the approval preview when a person approves it.
 */
function reminderOf(
	composed: ComposedReminder,
	tone: PreparedItem['tone'],
	item: PreparedItem,
	approvalItems: PreparedItem[],
	extra: IDataObject = {},
): IDataObject {
	// By SMS or by letter, the email is a copy: a customer without an email address still gets the message.
	const emailOnly = extra.channel !== 'sms' && item.channel !== 'letter';
	return {
		to: emailOnly ? recipient(composed, tone, item) : composed.to,
		subject: composed.subject,
		text: composed.text,
		html: composed.html,
		language: composed.language,
		templateId: composed.templateId,
		idempotencyKey: composed.idempotencyKey,
		...threadingOf(composed.idempotencyKey, item, tone),
		tone,
		channel: item.channel === 'letter' ? 'letter' : 'email',
		...extra,
		...approvalOf(approvalItems, composed),
	};
}

async function composeGroup(
	context: IExecuteFunctions,
	group: StepToneItem[],
): Promise<INodeExecutionData> {
	const [first] = group;
	const composed = composeCustomerReminder({
		invoices: group.map((item) => item.invoice),
		decisions: group.map((item) => item.decision as unknown as Decision | null),
		tones: group.map((item) => item.tone),
		language: first.language,
		sender: first.parameters.sender,
		penalties: group.map((item) => item.penalty ?? null),
		template: first.parameters.template,
	});
	const byId = new Map(group.map((item) => [item.invoice.id, item]));
	const ordered = composed.invoiceIds.map((id) => byId.get(id) as PreparedItem);
	const pairedItem: IPairedItemData[] = group
		.map((item) => item.index)
		.sort((a, b) => a - b)
		.map((item) => ({ item }));
	const letter = await letterPart(context, ordered, composed);
	const pdf = letter !== null && 'json' in letter ? letter : null;
	const fallback = letter !== null && 'fallback' in letter ? letter.fallback : null;
	return {
		json: {
			customer: { ...first.invoice.customer },
			invoices: ordered.map((item) => invoiceForOutput(item.invoice)),
			decisions: ordered.map((item) => item.decision),
			reminder: reminderOf(composed, composed.tone, first, ordered, {
				invoiceIds: composed.invoiceIds,
				invoiceIdempotencyKeys: composed.invoiceIdempotencyKeys,
				...(fallback ? { channel: 'email', fallback } : {}),
			}),
			...(pdf ? { letter: pdf.json } : {}),
		},
		...(pdf ? { binary: pdf.binary } : {}),
		pairedItem,
	};
}

import { dateInTimeZone, type IsoDate } from '../dates';
import { automaticMessage } from './automatic';
import { readReplyInput, readReplyOptions } from './input';
import { detectLanguage, languageOfHint } from './language';
import { matchReplyInvoices } from './match-invoices';
import { headerValues, parseReminderMessageIds } from './message-id';
import { findPromisedDate } from './promised-date';
import { customerText } from './reply-body';
import { isConditional, isQuestion, signalsOf, type SignalKind } from './signals';
import { htmlToText, matchForm, sentencesOf } from './text';
import type {
	ClassifyReplyInput,
	ClassifyReplyOptions,
	ReplyClassification,
	ReplyKind,
} from './types';

const EVIDENCE_LIMIT = 300;

/**
 * Reads a customer's reply to a reminder and says what it means, by deterministic rules in this order:
 * 1. the invoices it is about (threading headers, plus-addressed recipient, invoice number, sender:
 *    `matchReplyInvoices`);
 * 2. an automatic message (delivery failure, out-of-office) is `bounce` / `auto_reply`, never an answer;
 * 3. the customer's own words (quoted history and signature removed) are read sentence by sentence:
 *    a refusal ("je ne vous paierai pas") is a `dispute` when a reason is given, else `needs_person`;
 *    a part payment ("la moitié", "partial payment") goes to a person; a request for instalments is
 *    `payment_plan`; exactly one of promise / dispute / payment claim decides;
 *    a promise needs a date that is today or later (`promisedOn`), or it goes to a person;
 *    several different meanings, a condition, a question or no rule at all: `needs_person`.
 */
export function classifyReply(
	input: ClassifyReplyInput,
	options: ClassifyReplyOptions,
): ReplyClassification {
	const { email, invoices } = readReplyInput(input);
	const settings = readReplyOptions(options);
	// A mail without a date is read as arriving now.
	const today = dateInTimeZone(email.receivedAtMs ?? settings.nowMs, settings.timezone);
	const fullText = email.text.trim() !== '' ? email.text : htmlToText(email.html);
	const body = customerText(email.text, email.html);

	const threaded = parseReminderMessageIds(email.headers);
	const matched = matchReplyInvoices(
		threaded.invoiceIds,
		recipientsOf(email.to, email.headers),
		`${email.subject}\n${fullText}`,
		email.from,
		invoices,
	);
	const customerLocale = invoices.find((invoice) => matched.invoiceIds.includes(invoice.id))
		?.customer.locale;
	const bodyLanguage = detectLanguage(
		body,
		languageOfHint(settings.language) ?? languageOfHint(customerLocale) ?? null,
	);
	const base = { ...matched, promisedOn: null, reason: null, paymentReference: null };
	// The deciding sentence tells the language best ("Hello, je vous règle le 15. Thanks").
	const outcome = (
		kind: ReplyKind,
		evidence: string,
		extra: Partial<ReplyClassification> = {},
	) => ({
		...base,
		language: detectLanguage(evidence, bodyLanguage),
		kind,
		evidence: shorten(evidence),
		confidence: kind === 'needs_person' ? ('none' as const) : ('rule' as const),
		...extra,
	});

	const automatic = automaticMessage(email.from, email.subject, body, email.headers);
	if (automatic) return outcome(automatic.kind, automatic.evidence);

	const reading = readSentences(body);
	const first = (kind: SignalKind) => reading.evidence.get(kind)!;
	const kinds = new Set(reading.evidence.keys());
	const fallback = reading.sentences[0] ?? email.subject;

	if (kinds.has('refusal')) {
		return kinds.has('dispute')
			? outcome('dispute', first('dispute'), { reason: first('dispute') })
			: outcome('needs_person', first('refusal'));
	}
	if (kinds.has('partial')) return outcome('needs_person', first('partial'));
	if (kinds.has('payment_plan') && !kinds.has('dispute') && !kinds.has('payment_claimed')) {
		return outcome('payment_plan', first('payment_plan'));
	}
	if (kinds.size > 1) return outcome('needs_person', [...reading.evidence.values()].join(' / '));
	if (kinds.has('dispute'))
		return outcome('dispute', first('dispute'), { reason: first('dispute') });
	if (kinds.has('payment_claimed')) {
		return outcome('payment_claimed', first('payment_claimed'), {
			paymentReference: paymentReferenceIn(body),
		});
	}
	if (kinds.has('promise')) {
		const promised = promisedDate(reading, today);
		if (promised === null || promised.past) return outcome('needs_person', first('promise'));
		return outcome('promise', first('promise'), { promisedOn: promised.date });
	}
	return outcome('needs_person', reading.conditional ?? fallback);
}

interface Reading {
	sentences: string[];
	/** The first sentence saying each kind, in the customer's words. */
	evidence: Map<SignalKind, string>;
	/** Indexes of the sentences that promise, for the date. */
	promiseAt: number[];
	/** A promise made under a condition, kept only as evidence for a person. */
	conditional: string | null;
}

/**
 * Signals of every sentence. A question or a condition asks or hedges rather than answers, so its promises,
 * claims and disputes do not count; a request for instalments counts even as a question ("pourrions-nous
 * payer en trois fois ?").
 */
function readSentences(body: string): Reading {
	const sentences = sentencesOf(body);
	const reading: Reading = { sentences, evidence: new Map(), promiseAt: [], conditional: null };
	sentences.forEach((sentence, index) => {
		const form = matchForm(sentence);
		const hedged = isQuestion(form) || isConditional(form);
		for (const kind of signalsOf(form)) {
			if (hedged && kind !== 'payment_plan' && kind !== 'refusal') {
				if (kind === 'promise') reading.conditional ??= sentence;
				continue;
			}
			if (!reading.evidence.has(kind)) reading.evidence.set(kind, sentence);
			if (kind === 'promise') reading.promiseAt.push(index);
		}
	});
	return reading;
}

/** The date of the first promising sentence that names one, or of the sentence right after it. */
function promisedDate(reading: Reading, today: IsoDate) {
	for (const index of reading.promiseAt) {
		for (const sentence of [reading.sentences[index], reading.sentences[index + 1]]) {
			if (sentence === undefined) continue;
			const found = findPromisedDate(matchForm(sentence), today);
			if (found) return found;
		}
	}
	return null;
}

const REFERENCE =
	/(?:référence|reference|referenz|referencia|verwendungszweck|transaction(?: id| number| reference)?|transaktionsnummer|n° de (?:virement|transaction|opération)|numéro de (?:virement|transaction|opération)|end-to-end(?: id)?|réf\.?|ref\.?|utr)(?!\p{L})\s*(?:is|est|lautet|es|:|#|n°|nº|no\.?)?\s*:?\s*([A-Z0-9][A-Z0-9/_.-]{2,40}[A-Z0-9])/giu;

/** The first transfer or transaction reference the customer gives (it holds at least one digit). */
export function paymentReferenceIn(body: string): string | null {
	for (const match of body.matchAll(REFERENCE)) {
		if (/\d/.test(match[1])) return match[1];
	}
	return null;
}

function shorten(text: string): string {
	const flat = text.replace(/\s+/g, ' ').trim();
	return flat.length > EVIDENCE_LIMIT ? `${flat.slice(0, EVIDENCE_LIMIT - 1)}…` : flat;
}

/** Every address the reply was sent to: a plus-addressed Reply-To may come back in any of them. */
function recipientsOf(to: string, headers: Record<string, unknown>): string {
	const names = ['to', 'cc', 'delivered-to', 'x-original-to', 'envelope-to'];
	return [to, ...names.flatMap((name) => headerValues(headers, name))].join(' ');
}

import { headerValues } from './message-id';
import { matchForm, unicodeWords } from './text';

/**
 * Messages no person wrote: out-of-office notices and delivery failures. They are never taken as an answer
 * (an out-of-office reply is not a promise, a bounce is not a dispute), whatever words they contain.
 */
export interface AutomaticMessage {
	kind: 'auto_reply' | 'bounce';
	evidence: string;
}

const BOUNCE_SENDERS = /^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@/i;
const BOUNCE_SUBJECTS = unicodeWords(
	/\b(undeliver(able|ed) mail|delivery status notification|delivery (has )?failed|mail delivery (failed|failure|subsystem)|returned mail|failure notice|non remis|échec de (la )?(remise|livraison)|message non distribué|unzustellbar|nicht zustellbar|rückläufige nachricht|no se puede entregar|no entregado|error de entrega)\b/,
);
const AUTO_REPLY_SUBJECTS = unicodeWords(
	/^(automatic reply|auto(matic)?[- ]?reply|autoreply|out of (the )?office|réponse automatique|absence du bureau|absente? (du bureau|jusqu)|abwesenheitsnotiz|abwesend bis|automatische antwort|respuesta automática|fuera de la oficina|ausente hasta)\b/,
);
/** Present-tense absence notices ("j'étais absent, je vous règle vendredi" is a person writing). */
const AUTO_REPLY_BODIES = unicodeWords(
	/\b(je suis (actuellement )?(absente?|en congés?|en vacances)|je serai absente? (du|jusqu)|absente? du bureau|i am (currently )?(out of (the )?office|away|on (annual )?leave|on vacation|on holiday)|i'm (currently )?(out of (the )?office|away from the office|on leave)|i will be out of (the )?office|out of office until|ich bin (derzeit |momentan |zurzeit )?(nicht im büro|abwesend|im urlaub)|abwesenheitsnotiz|bin ich nicht im büro|estoy (actualmente )?(fuera de la oficina|de vacaciones|ausente)|fuera de la oficina hasta)\b/,
);

/** `auto_reply` / `bounce` with the header or words that tell, or null for a message a person wrote. */
export function automaticMessage(
	from: string,
	subject: string,
	body: string,
	headers: Record<string, unknown> | null | undefined,
): AutomaticMessage | null {
	return deliveryFailure(from, subject, headers) ?? autoReply(subject, body, headers);
}

function deliveryFailure(
	from: string,
	subject: string,
	headers: Record<string, unknown> | null | undefined,
): AutomaticMessage | null {
	const address = senderAddress(from);
	if (BOUNCE_SENDERS.test(address)) return { kind: 'bounce', evidence: `From: ${address}` };
	const contentType = headerValues(headers, 'content-type').join(' ');
	if (
		/multipart\/report/i.test(contentType) &&
		/report-type="?delivery-status/i.test(contentType)
	) {
		return { kind: 'bounce', evidence: `Content-Type: ${contentType}` };
	}
	if (headerValues(headers, 'x-failed-recipients').length > 0) {
		return { kind: 'bounce', evidence: 'X-Failed-Recipients header' };
	}
	if (BOUNCE_SUBJECTS.test(matchForm(subject))) return { kind: 'bounce', evidence: subject };
	return null;
}

function autoReply(
	subject: string,
	body: string,
	headers: Record<string, unknown> | null | undefined,
): AutomaticMessage | null {
	const autoSubmitted = headerValues(headers, 'auto-submitted')[0];
	if (autoSubmitted && autoSubmitted.toLowerCase() !== 'no') {
		return { kind: 'auto_reply', evidence: `Auto-Submitted: ${autoSubmitted}` };
	}
	for (const name of ['x-autoreply', 'x-autorespond', 'x-autoresponse']) {
		const value = headerValues(headers, name)[0];
		if (value !== undefined) return { kind: 'auto_reply', evidence: `${name}: ${value}` };
	}
	const precedence = headerValues(headers, 'precedence')[0];
	if (precedence && /^(auto_reply|bulk|junk)$/i.test(precedence.trim())) {
		return { kind: 'auto_reply', evidence: `Precedence: ${precedence}` };
	}
	const plainSubject = matchForm(subject).replace(/^((re|aw|rv|tr|fwd?|wg)\s?:\s*)+/, '');
	if (AUTO_REPLY_SUBJECTS.test(plainSubject)) return { kind: 'auto_reply', evidence: subject };
	const notice = AUTO_REPLY_BODIES.exec(matchForm(body));
	if (notice) return { kind: 'auto_reply', evidence: sentenceAround(body, notice.index) };
	return null;
}

/** The email address of a `From` value (`Jean <jean@x.fr>` or `jean@x.fr`), lower case. */
export function senderAddress(from: string): string {
	const bracketed = /<([^<>\s]+@[^<>\s]+)>/.exec(from);
	const bare = bracketed ? bracketed[1] : (/[^\s<>"',;]+@[^\s<>"',;]+/.exec(from)?.[0] ?? from);
	return bare.trim().toLowerCase();
}

function sentenceAround(body: string, index: number): string {
	const start = Math.max(body.lastIndexOf('\n', index), body.lastIndexOf('. ', index) + 1, 0);
	const endLine = body.indexOf('\n', index);
	const end = endLine < 0 ? body.length : endLine;
	return body.slice(start, end).trim();
}

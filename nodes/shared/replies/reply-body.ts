import { assertText } from '../shape';
import { optionalText } from './input';
import { htmlToText, matchForm, unicodeWords } from './text';

/**
 * What the customer wrote in this message, without the history their mail client quoted below it and without
 * their signature: the rules must never read our own reminder ("merci de régler avant le 15") as the reply.
 */
export function replyBody(text: string): string {
	return stripSignature(stripQuotedText(assertText(text, 'text')));
}

/** The customer's own words of a mail: its plain text (else its HTML as text) without history or signature. */
export function customerText(
	text: string | null | undefined,
	html: string | null | undefined,
): string {
	const plainText = optionalText(text, 'text');
	const plain = plainText.trim() !== '' ? plainText : htmlToText(optionalText(html, 'html'));
	return replyBody(plain);
}

/** Lines that open a quoted or forwarded message, in the four languages and the common mail clients. */
const QUOTE_OPENERS: RegExp[] = [
	/^le\s.{3,}\sa\s+écrit\s*:?$/, // Gmail, Apple Mail, Thunderbird (fr)
	/^on\s.{3,}\swrote\s*:?$/,
	/^am\s.{3,}\sschrieb.*:?$/,
	/^el\s.{3,}\sescribió\s*:?$/,
	/^-{2,}\s*(original message|message d'origine|ursprüngliche nachricht|mensaje original)\s*-*$/,
	/^-{2,}\s*(forwarded message|message transféré|weitergeleitete nachricht|mensaje reenviado)\s*-*$/,
	/^(begin forwarded message|début du message réexpédié|anfang der weitergeleiteten nachricht|inicio del mensaje reenviado)\s*:?$/,
	/^_{10,}$/, // Outlook's rule above the quoted headers
];

/** Outlook quotes the previous message under a block of headers: "From:" then "Sent:" (or "De :", "Envoyé :"...). */
const OUTLOOK_FROM = /^\*?(from|de|von)\s?:\*?\s.+/;
const OUTLOOK_SENT = /^\*?(sent|date|envoyé|gesendet|datum|enviado|fecha)\s?:\*?\s.+/;

export function stripQuotedText(text: string): string {
	const lines = text.replace(/\r\n?/g, '\n').split('\n');
	const kept: string[] = [];
	for (let index = 0; index < lines.length; index++) {
		const line = matchForm(lines[index]).trim();
		// Gmail wraps a long "Le ... a écrit :" line in two.
		const withNext = `${line} ${matchForm(lines[index + 1] ?? '').trim()}`;
		if (QUOTE_OPENERS.some((opener) => opener.test(line) || opener.test(withNext))) break;
		if (
			OUTLOOK_FROM.test(line) &&
			lines.slice(index + 1, index + 4).some((next) => OUTLOOK_SENT.test(matchForm(next).trim()))
		) {
			break;
		}
		if (line.startsWith('>')) continue;
		kept.push(lines[index]);
	}
	return kept.join('\n').trim();
}

/**
 * Closing formulas that start a signature when they stand on their own line (optionally followed by a name).
 * "Merci", "Thanks", "Danke", "Gracias" are left out: customers open with them ("Merci ! Je règle vendredi").
 */
const CLOSINGS = unicodeWords(
	/^(cordialement|bien cordialement|très cordialement|bien à vous|salutations|sincères salutations|meilleures salutations|bonne journée|bonne fin de journée|best regards|kind regards|warm regards|regards|best wishes|best|cheers|sincerely|yours sincerely|yours faithfully|mit freundlichen grüßen|mit freundlichen grüssen|freundliche grüße|viele grüße|beste grüße|liebe grüße|mfg|gruß|saludos|un saludo|saludos cordiales|atentamente|cordialmente|reciba un cordial saludo)\b[\s,.!]*(\p{L}[\p{L} .'-]{0,40})?$/u,
);
const DEVICE_SIGNATURES = unicodeWords(
	/^(sent from my|envoyé de mon|envoyé depuis mon|von meinem .* gesendet|enviado desde mi)\b/,
);

export function stripSignature(text: string): string {
	const lines = text.split('\n');
	for (let index = 0; index < lines.length; index++) {
		const raw = lines[index];
		const line = matchForm(raw).trim();
		if (
			raw === '-- ' ||
			raw.trim() === '--' ||
			CLOSINGS.test(line) ||
			DEVICE_SIGNATURES.test(line)
		) {
			return lines.slice(0, index).join('\n').trim();
		}
	}
	return text.trim();
}

/**
 * Text helpers shared by the reply rules: one lower-case form to match on (accents kept, since "règle" is a
 * promise and "réglé" a payment), sentence splitting, and HTML to text for mails without a plain part.
 */

/** Lower case, typographic apostrophes and spaces made plain, runs of blanks collapsed. */
export function matchForm(text: string): string {
	return text
		.normalize('NFC')
		.toLowerCase()
		.replace(/[\u2019\u2018\u02bc`´]/g, "'")
		.replace(/[\u00a0\u202f\u2009\t]/g, ' ')
		.replace(/ {2,}/g, ' ');
}

/**
 * The sentences of a body: split at line breaks and at `.`, `!`, `?`, `;` followed by a blank. A full stop
 * after a digit does not end a sentence ("am 15. Dezember", "15.12.2026").
 */
export function sentencesOf(body: string): string[] {
	const sentences: string[] = [];
	for (const line of body.split('\n')) {
		for (const part of line.split(/(?<=[!?;]|(?<!\d)\.)\s+/)) {
			const sentence = part.trim();
			if (/[\p{L}\d]/u.test(sentence)) sentences.push(sentence);
		}
	}
	return sentences;
}

const ENTITIES: Record<string, string> = {
	nbsp: ' ',
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	eacute: 'é',
	egrave: 'è',
	ecirc: 'ê',
	agrave: 'à',
	acirc: 'â',
	ccedil: 'ç',
	ocirc: 'ô',
	ucirc: 'û',
	ugrave: 'ù',
	icirc: 'î',
	iuml: 'ï',
	auml: 'ä',
	ouml: 'ö',
	uuml: 'ü',
	szlig: 'ß',
	ntilde: 'ñ',
	aacute: 'á',
	iacute: 'í',
	oacute: 'ó',
	uacute: 'ú',
	rsquo: "'",
	lsquo: "'",
	euro: '€',
};

/**
 * The text of an HTML mail. Quoted history (`<blockquote>`, Gmail's and Outlook's quote blocks) is dropped
 * here, since once flattened it can no longer be told apart from the reply.
 */
export function htmlToText(html: string): string {
	return html
		.replace(/<(script|style|head)[\s\S]*?<\/\1>/gi, '')
		.replace(/<blockquote[\s\S]*?<\/blockquote>/gi, '\n')
		.replace(/<div[^>]*class="[^"]*gmail_quote[\s\S]*$/i, '')
		.replace(/<div[^>]*id="(?:divRplyFwdMsg|appendonsend)"[\s\S]*$/i, '')
		.replace(/<br\s*\/?>/gi, '\n')
		.replace(/<\/(p|div|li|tr|h[1-6])>/gi, '\n')
		.replace(/<[^>]+>/g, '')
		.replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (entity, name: string) => {
			if (name.startsWith('#')) {
				const code =
					name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
				return Number.isFinite(code) ? String.fromCodePoint(code) : entity;
			}
			return ENTITIES[name.toLowerCase()] ?? entity;
		})
		.replace(/[ \t]+\n/g, '\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

const WORD = '[\\p{L}\\p{N}_]';
const UNICODE_BOUNDARY = `(?:(?<!${WORD})(?=${WORD})|(?<=${WORD})(?!${WORD}))`;

/**
 * The same pattern with `\b` meaning a word boundary in any alphabet: JavaScript's `\b` only knows ASCII
 * letters, so `\bréglé\b` never matches before a blank.
 */
export function unicodeWords(pattern: RegExp): RegExp {
	const flags = pattern.flags.includes('u') ? pattern.flags : `${pattern.flags}u`;
	return new RegExp(pattern.source.replace(/\\b/g, UNICODE_BOUNDARY), flags);
}

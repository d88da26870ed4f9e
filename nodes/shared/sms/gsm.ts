/**
 * SMS length rules (3GPP TS 23.038, "GSM 03.38", and TS 23.040 concatenation). A text made only of the
 * GSM 7-bit default alphabet and its extension table goes as GSM-7: 160 septets in one message, 153 per
 * part once split (the 7 others carry the concatenation header); an extension character (€, [, ], {, },
 * \, ^, ~, |, form feed) takes two septets, escape and character, and is never split across parts. Any
 * other character sends the whole text as UCS-2: 70 UTF-16 units alone, 67 per part, a surrogate pair
 * never split.
 */

/** The default alphabet, in table order (0x1B, the escape to the extension table, left out). */
const GSM7_BASIC =
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
	'¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '\f^{}\\[~]|€';

const BASIC = new Set(GSM7_BASIC);
const EXTENSION = new Set(GSM7_EXTENSION);

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsLength {
	encoding: SmsEncoding;
	/** Characters (Unicode code points) in the text. */
	characters: number;
	/** Septets (GSM-7) or UTF-16 code units (UCS-2) the text takes. */
	units: number;
	/** Messages the network bills: 1 up to 160 septets / 70 units, else parts of 153 / 67. */
	segments: number;
}

export const SMS_LIMITS = {
	'GSM-7': { single: 160, part: 153 },
	'UCS-2': { single: 70, part: 67 },
} as const;

/** Whether `character` can go in a GSM-7 message, and how many septets it takes there (0: it cannot). */
export function gsm7Septets(character: string): 0 | 1 | 2 {
	if (BASIC.has(character)) return 1;
	if (EXTENSION.has(character)) return 2;
	return 0;
}

/** Parts of at most `part` units, no character (`sizes`) split between two. */
function partsOf(sizes: number[], part: number): number {
	let parts = 1;
	let used = 0;
	for (const size of sizes) {
		if (used + size > part) {
			parts++;
			used = 0;
		}
		used += size;
	}
	return parts;
}

export function smsLength(text: string): SmsLength {
	const characters = [...text];
	const septets = characters.map(gsm7Septets);
	const gsm = septets.every((size) => size > 0);
	const encoding: SmsEncoding = gsm ? 'GSM-7' : 'UCS-2';
	const sizes = gsm ? (septets as number[]) : characters.map((character) => character.length);
	const units = sizes.reduce((sum, size) => sum + size, 0);
	const limits = SMS_LIMITS[encoding];
	return {
		encoding,
		characters: characters.length,
		units,
		segments: units === 0 ? 1 : units <= limits.single ? 1 : partsOf(sizes, limits.part),
	};
}

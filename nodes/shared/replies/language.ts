import { REPLY_LANGUAGES, type ReplyLanguage } from './types';

/** Frequent words that belong to one language only (so "la", "de", "es" are left out). */
const MARKERS: Record<ReplyLanguage, Set<string>> = {
	fr: new Set(
		'je nous vous est et pour pas une avec sur facture merci bonjour paiement virement règlement sera avons réglé ce cette mais ne les des du au votre notre'.split(
			' ',
		),
	),
	en: new Set(
		'the and is are we i you will for of to have has invoice thanks hi hello payment paid this our your be it on by with not'.split(
			' ',
		),
	),
	de: new Set(
		'der die das und ist wir ich sie nicht mit für rechnung danke zahlung hallo guten haben werden den dem zu auf bis ihre unsere bitte'.split(
			' ',
		),
	),
	es: new Set(
		'el los las y que nosotros usted por para factura gracias pago hola hemos será con su nuestra nuestro pagaremos no una del al'.split(
			' ',
		),
	),
};

/**
 * The language a reply is written in: the one whose marker words it uses most; on a tie (or no words) the
 * hint (the customer's locale), else English.
 */
export function detectLanguage(text: string, hint: string | null): ReplyLanguage {
	const counts: Record<ReplyLanguage, number> = { fr: 0, en: 0, de: 0, es: 0 };
	for (const word of text.toLowerCase().match(/[\p{L}']+/gu) ?? []) {
		const plain = word.replace(/^(l|d|j|n|qu|c|s)'/, '');
		for (const language of REPLY_LANGUAGES) if (MARKERS[language].has(plain)) counts[language]++;
	}
	const best = Math.max(...REPLY_LANGUAGES.map((language) => counts[language]));
	const leaders = REPLY_LANGUAGES.filter((language) => counts[language] === best);
	const hinted = languageOfHint(hint);
	if (hinted && (best === 0 || leaders.includes(hinted))) return hinted;
	return best === 0 ? 'en' : leaders[0];
}

/** `fr`, `fr-FR`, `fr_CA` → `fr`; a language the rules do not read → null. */
export function languageOfHint(hint: string | null | undefined): ReplyLanguage | null {
	if (typeof hint !== 'string') return null;
	const primary = hint.trim().toLowerCase().split(/[-_]/)[0];
	return (REPLY_LANGUAGES as readonly string[]).includes(primary)
		? (primary as ReplyLanguage)
		: null;
}

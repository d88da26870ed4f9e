import type { Invoice } from '../invoice';
import type { PenaltyResult } from '../penalty/types';
import type { Tone } from '../scenario/types';
import { formatDate, formatMoney } from './format';
import type { ComposerLanguage } from './language';

/**
 * The salutation of a customer-facing message. The invoice names a company, not a person: "Bonjour
 * Dupont SARL," is not how anyone writes to a company, so without a contact name each language uses its
 * standard impersonal form (English keeps "Hello," below the firm tones).
 */
export function salutationFor(language: ComposerLanguage, tone: Tone | 'thanks'): string {
	const firm = tone === 'firm' || tone === 'formal_notice';
	switch (language) {
		case 'fr':
			return 'Madame, Monsieur,';
		case 'en':
			return firm ? 'Dear Sir or Madam,' : 'Hello,';
		case 'de':
			return 'Sehr geehrte Damen und Herren,';
		case 'es':
			return tone === 'formal_notice' ? 'Muy señores nuestros:' : 'Estimados señores:';
	}
}

/** The sender name used when none is given: a department name in the letter's own language. */
export const DEFAULT_SENDER_NAMES: Record<ComposerLanguage, string> = {
	fr: 'Service comptabilité',
	en: 'Accounts Receivable',
	de: 'Buchhaltung',
	es: 'Departamento de contabilidad',
};

/** The recipient block of a letter: company name, then the postal address when the source has one. */
export function recipientLines(invoice: Invoice): string[] {
	const lines: string[] = [];
	if (invoice.customer.name) lines.push(invoice.customer.name);
	const address = invoice.customer.address ?? null;
	if (address) {
		lines.push(...address.lines.filter((line) => typeof line === 'string' && line.trim() !== ''));
		const city = [address.postalCode, address.city].filter(Boolean).join(' ');
		if (city) lines.push(city);
	}
	return lines;
}

/** A rule's citations in each letter language: the interest, the fixed compensation, and both at once. */
type RuleReferences = Record<ComposerLanguage, LegalReferences>;

/** French rule citations as a French lawyer writes them, and in the other languages' own words. */
const FR_RULE_REFERENCES: RuleReferences = {
	fr: {
		interest: 'article L. 441-10, II du Code de commerce',
		compensation: 'article D. 441-5 du Code de commerce',
		both: 'articles L. 441-10, II et D. 441-5 du Code de commerce',
	},
	en: {
		interest: 'Article L. 441-10, II of the French Commercial Code',
		compensation: 'Article D. 441-5 of the French Commercial Code',
		both: 'Articles L. 441-10, II and D. 441-5 of the French Commercial Code',
	},
	de: {
		interest: 'Art. L. 441-10 II des französischen Handelsgesetzbuchs',
		compensation: 'Art. D. 441-5 des französischen Handelsgesetzbuchs',
		both: 'Art. L. 441-10 II und D. 441-5 des französischen Handelsgesetzbuchs',
	},
	es: {
		interest: 'artículo L. 441-10, II del Código de Comercio francés',
		compensation: 'artículo D. 441-5 del Código de Comercio francés',
		both: 'artículos L. 441-10, II y D. 441-5 del Código de Comercio francés',
	},
};

/*
 * Directive 2011/7/EU: art. 3 gives interest between undertakings (at the rate of art. 2 point 6), art. 6 the
 * 40 EUR compensation. The rule's own `legalBasis` also names art. 4 (public-authority debtors); a letter to
 * a business cites the articles that apply to it.
 */
const EU_RULE_REFERENCES: RuleReferences = {
	fr: {
		interest: 'directive 2011/7/UE, art. 3',
		compensation: 'directive 2011/7/UE, art. 6',
		both: 'directive 2011/7/UE, art. 3 et 6',
	},
	en: {
		interest: 'Directive 2011/7/EU, Article 3',
		compensation: 'Directive 2011/7/EU, Article 6',
		both: 'Directive 2011/7/EU, Articles 3 and 6',
	},
	de: {
		interest: 'Richtlinie 2011/7/EU, Art. 3',
		compensation: 'Richtlinie 2011/7/EU, Art. 6',
		both: 'Richtlinie 2011/7/EU, Art. 3 und 6',
	},
	es: {
		interest: 'Directiva 2011/7/UE, art. 3',
		compensation: 'Directiva 2011/7/UE, art. 6',
		both: 'Directiva 2011/7/UE, arts. 3 y 6',
	},
};

/* The 1998 Act: s.4 (interest runs from the day after the due date) with s.6 (the rate), s.5A (compensation). */
const UK_ACT = 'Late Payment of Commercial Debts (Interest) Act 1998';
const UK_RULE_REFERENCES: RuleReferences = {
	fr: {
		interest: `${UK_ACT} (Royaume-Uni), sections 4 et 6`,
		compensation: `${UK_ACT} (Royaume-Uni), section 5A`,
		both: `${UK_ACT} (Royaume-Uni), sections 4, 5A et 6`,
	},
	en: {
		interest: `${UK_ACT}, ss.4 and 6`,
		compensation: `${UK_ACT}, s.5A`,
		both: `${UK_ACT}, ss.4, 5A and 6`,
	},
	de: {
		interest: `${UK_ACT} (Vereinigtes Königreich), s.4 und 6`,
		compensation: `${UK_ACT} (Vereinigtes Königreich), s.5A`,
		both: `${UK_ACT} (Vereinigtes Königreich), s.4, 5A und 6`,
	},
	es: {
		interest: `${UK_ACT} (Reino Unido), secciones 4 y 6`,
		compensation: `${UK_ACT} (Reino Unido), sección 5A`,
		both: `${UK_ACT} (Reino Unido), secciones 4, 5A y 6`,
	},
};

/**
 * BGB: interest under §288 (Abs. 1 consumers, Abs. 2 businesses) on the base rate of §247, the 40 EUR flat
 * fee under §288 Abs. 5 (businesses, debts from 29 July 2014: "a.F." marks the former §288 II without it).
 * §193 (a deadline on a weekend or holiday) only moves the first late day: no basis of a claim, so letters
 * leave it out.
 */
/** A no-break space: a letter never ends a line between "§" and its number. */
const NBSP = '\u00a0';

function deRuleReferences(paragraph: 1 | 2, formerVersion: boolean): RuleReferences {
	const p = paragraph;
	const flatFee = p === 2 && !formerVersion;
	const refs = (interest: string, compensation: string, both: string): LegalReferences =>
		flatFee ? { interest, compensation, both } : { interest, compensation: null, both: interest };
	return {
		de: refs(
			`§${NBSP}288 Abs.${NBSP}${p} BGB${formerVersion ? ` a.${NBSP}F.` : ''} i.${NBSP}V.${NBSP}m. §${NBSP}247 BGB`,
			`§${NBSP}288 Abs.${NBSP}5 BGB`,
			`§${NBSP}288 Abs.${NBSP}${p} und 5, §${NBSP}247 BGB`,
		),
		en: refs(
			`German Civil Code (BGB), s. 288(${p})${formerVersion ? ' (former version)' : ''} and s. 247`,
			'German Civil Code (BGB), s. 288(5)',
			`German Civil Code (BGB), s. 288(${p}) and (5) and s. 247`,
		),
		fr: refs(
			`Code civil allemand (BGB), art. 288, al. ${p}${formerVersion ? ' (ancienne version)' : ''}, et art. 247`,
			'Code civil allemand (BGB), art. 288, al. 5',
			`Code civil allemand (BGB), art. 288, al. ${p} et 5, et art. 247`,
		),
		es: refs(
			`Código Civil alemán (BGB), art. 288.${p}${formerVersion ? ' (versión anterior)' : ''} y art. 247`,
			'Código Civil alemán (BGB), art. 288.5',
			`Código Civil alemán (BGB), arts. 288.${p}, 288.5 y 247`,
		),
	};
}

/** A rate and fixed amount agreed in the contract: no statute to cite. */
const CONTRACT_REFERENCES: Record<ComposerLanguage, string> = {
	fr: 'conditions contractuelles',
	en: 'contractual terms',
	de: 'vertragliche Vereinbarung',
	es: 'condiciones contractuales',
};

export interface LegalReferences {
	interest: string;
	/** Null when the basis gives no separate citation for it (a basis the composer does not know). */
	compensation: string | null;
	both: string;
}

/**
 * The citations a letter prints for a penalty's `legalBasis` (the rule's language-neutral citation, see
 * nodes/shared/penalty/rules.ts): each known rule is written out per letter language, with the interest
 * and the compensation cited apart, so that a letter never prints the same citation twice. A basis the
 * composer does not know (a penalty computed elsewhere) is printed once, as given.
 */
export function legalReferences(legalBasis: string, language: ComposerLanguage): LegalReferences {
	const basis = legalBasis.trim();
	if (/L\.?\s*441-10/.test(basis)) return FR_RULE_REFERENCES[language];
	if (/^Directive 2011\/7\/EU\b/.test(basis)) return EU_RULE_REFERENCES[language];
	if (/^Late Payment of Commercial Debts/.test(basis)) return UK_RULE_REFERENCES[language];
	const bgb = /^BGB §288 (I|II)( a\.F\.)?[,\s]/.exec(basis);
	if (bgb) return deRuleReferences(bgb[1] === 'I' ? 1 : 2, bgb[2] !== undefined)[language];
	if (/^Contractual terms\b/.test(basis)) {
		const contract = CONTRACT_REFERENCES[language];
		return { interest: contract, compensation: null, both: contract };
	}
	return { interest: basis, compensation: null, both: basis };
}

/** A penalty as the templates print it: formatted parts, the compensation in its own currency. */
export interface PenaltyView {
	/** Interest in the invoice currency. */
	penaltyInterest: string;
	/** The fixed compensation in its own currency, or null when none is owed. */
	penaltyCompensation: string | null;
	/** The compensation is in another currency than the invoice: stated apart, never in a total. */
	compensationSeparate: boolean;
	/** The date the amounts are computed to (the last day of interest), formatted. */
	penaltyAsOf: string | null;
	legalReference: string;
	interestReference: string;
	compensationReference: string | null;
}

/** The fixed compensation in its own currency: `fixedCompensation`, else `compensationMinor`. */
export function fixedCompensationOf(
	penalty: PenaltyResult,
	invoiceCurrency: string,
): { currency: string; amountMinor: number } | null {
	const fixed = penalty.fixedCompensation;
	if (fixed && typeof fixed.currency === 'string' && Number.isSafeInteger(fixed.amountMinor)) {
		return fixed.amountMinor > 0 ? fixed : null;
	}
	return penalty.compensationMinor > 0
		? { currency: invoiceCurrency, amountMinor: penalty.compensationMinor }
		: null;
}

/** The last day interest was counted for: the penalty's `asOf`. */
export function penaltyAsOfDate(penalty: PenaltyResult): string | null {
	const last = penalty.periods[penalty.periods.length - 1] as { to?: unknown } | undefined;
	return last && typeof last.to === 'string' ? last.to : null;
}

export function penaltyView(
	penalty: PenaltyResult,
	currency: string,
	language: ComposerLanguage,
): PenaltyView {
	const fixed = fixedCompensationOf(penalty, currency);
	const asOf = penaltyAsOfDate(penalty);
	const references = legalReferences(penalty.legalBasis, language);
	return {
		penaltyInterest: formatMoney(penalty.interestMinor, currency, language),
		penaltyCompensation: fixed ? formatMoney(fixed.amountMinor, fixed.currency, language) : null,
		compensationSeparate: fixed !== null && fixed.currency !== currency,
		penaltyAsOf: asOf === null ? null : formatDate(asOf, language),
		legalReference: references.both,
		interestReference: references.interest,
		compensationReference: references.compensation,
	};
}

/**
 * Issue 19 #5: a customer who promised to pay and did not is not written to as if they had forgotten.
 * The softer tones become `firm`; firm, formal notice and internal stay as they are.
 */
export function toneAfterBrokenPromise(tone: Tone): Tone {
	return tone === 'notice' || tone === 'friendly' || tone === 'reminder' ? 'firm' : tone;
}

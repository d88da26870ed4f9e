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

/** French rule citations as a French lawyer writes them, and in the other languages' own words. */
const FR_RULE_REFERENCES: Record<
	ComposerLanguage,
	{ interest: string; compensation: string; both: string }
> = {
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

export interface LegalReferences {
	interest: string;
	compensation: string;
	both: string;
}

/**
 * The citations a letter prints for a penalty's `legalBasis`. The French rule is written out; other
 * bases (EU directive, UK Act, BGB) are already in the form their own courts use and are printed as is.
 */
export function legalReferences(legalBasis: string, language: ComposerLanguage): LegalReferences {
	if (/L\.?\s*441-10/.test(legalBasis)) return FR_RULE_REFERENCES[language];
	return { interest: legalBasis, compensation: legalBasis, both: legalBasis };
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
	compensationReference: string;
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

// Amounts are written exactly as the Reminder Composer writes them (`€12.34`, `12,34 €`): one formatter, with
// the ISO 4217 exponent's decimals and exact to the last digit.
import { formatMoney, type PenaltyResult, type PenaltyRule } from '../shared/internal';

/** Languages the one-line summary is written in. */
export const SUMMARY_LANGUAGES = ['en', 'fr'] as const;
export type SummaryLanguage = (typeof SUMMARY_LANGUAGES)[number];

interface Phrases {
	intl: string;
	/** Between a rate and "%": French typography puts a no-break space there. */
	percentSpace: string;
	perYear: string;
	days: (count: number) => string;
	then: string;
	interest: (amount: string, detail: string) => string;
	compensation: (amount: string, rule: PenaltyRule) => string;
	/** The statutory fixed amount in another currency than the invoice's: stated apart, not added. */
	apart: (compensation: string, currency: string) => string;
	provisional: string;
	none: string;
}

const PHRASES: Record<SummaryLanguage, Phrases> = {
	en: {
		// Plain `en`, as in the Reminder Composer: dollars print as `$1.00`, not `US$1.00`.
		intl: 'en',
		percentSpace: ' ',
		perYear: '/yr',
		days: (count) => `${count} ${count === 1 ? 'day' : 'days'}`,
		then: ' then ',
		interest: (amount, detail) => `${amount} interest (${detail})`,
		compensation: (amount, rule) =>
			rule === 'custom' ? `${amount} fixed charge` : `${amount} recovery compensation`,
		apart: (compensation, currency) =>
			`; ${compensation} owed separately in ${currency}, not added`,
		provisional: ' (provisional)',
		none: 'No penalty: nothing is overdue',
	},
	fr: {
		intl: 'fr-FR',
		percentSpace: '\u00a0',
		perYear: '/an',
		days: (count) => `${count} ${count > 1 ? 'jours' : 'jour'}`,
		then: ' puis ',
		interest: (amount, detail) => `${amount} d'intérêts de retard (${detail})`,
		compensation: (amount, rule) =>
			rule === 'custom'
				? `${amount} de frais fixes`
				: `${amount} d'indemnité forfaitaire pour frais de recouvrement`,
		apart: (compensation, currency) => ` ; ${compensation}, due à part en ${currency}, non incluse`,
		provisional: ' (provisoire)',
		none: "Aucune pénalité : rien n'est en retard",
	},
};

const rateFormats = new Map<SummaryLanguage, Intl.NumberFormat>();
const rateTexts = new Map<string, string>();
const MAX_RATE_TEXTS = 1000;

/** `12.15` → `12.15 %/yr` / `12,15 %/an`: two to four decimals, as the rate tables write them. */
export function formatAnnualRate(percent: number, language: SummaryLanguage): string {
	// The rates come from a short table: one string per rate and language, formatted once.
	const key = `${language}|${percent}`;
	let text = rateTexts.get(key);
	if (text === undefined) {
		let formatter = rateFormats.get(language);
		if (!formatter) {
			formatter = new Intl.NumberFormat(PHRASES[language].intl, {
				minimumFractionDigits: 2,
				maximumFractionDigits: 4,
			});
			rateFormats.set(language, formatter);
		}
		const phrases = PHRASES[language];
		text = `${formatter.format(percent)}${phrases.percentSpace}%${phrases.perYear}`;
		// Custom rules can bring any rate: the memo is a cache, never a leak.
		if (rateTexts.size >= MAX_RATE_TEXTS) rateTexts.clear();
		rateTexts.set(key, text);
	}
	return text;
}

/**
 * One human line for a penalty: "€12.34 interest (12.15 %/yr, 37 days) + €40.00 recovery compensation".
 * Several rates (half-year changes) are listed in order; the days are the late days that bore interest.
 * A zero compensation (DE consumer, custom without a fixed amount) is left out.
 */
export function penaltySummary(
	result: PenaltyResult,
	currency: string,
	rule: PenaltyRule,
	language: SummaryLanguage,
): string {
	const phrases = PHRASES[language];
	if (result.periods.length === 0 && result.totalMinor === 0) return phrases.none;
	const parts: string[] = [];
	if (result.periods.length > 0) {
		const rates = [...new Set(result.periods.map((period) => period.annualRatePercent))];
		// A rate not officially published yet is said to be provisional (issue 19, #8).
		const provisional = (rate: number) =>
			result.periods.some(
				(period) => period.annualRatePercent === rate && period.rateStatus === 'provisional',
			);
		const days = result.periods.reduce((sum, period) => sum + period.days, 0);
		const detail = `${rates.map((rate) => formatAnnualRate(rate, language) + (provisional(rate) ? phrases.provisional : '')).join(phrases.then)}, ${phrases.days(days)}`;
		parts.push(phrases.interest(formatMoney(result.interestMinor, currency, language), detail));
	}
	if (result.compensationMinor > 0) {
		parts.push(
			phrases.compensation(formatMoney(result.compensationMinor, currency, language), rule),
		);
	}
	const fixed = result.fixedCompensation;
	const apart =
		fixed && fixed.currency !== currency && fixed.amountMinor > 0
			? phrases.apart(
					phrases.compensation(formatMoney(fixed.amountMinor, fixed.currency, language), rule),
					fixed.currency,
				)
			: '';
	return parts.join(' + ') + apart;
}

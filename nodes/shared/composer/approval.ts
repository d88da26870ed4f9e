import { DunningInputError, describeValue } from '../errors';
import { normalizeInvoice, type Invoice } from '../invoice';
import type { PenaltyResult } from '../penalty/types';
import { assertShape, type Shape } from '../shape';
import { validatePenalty } from './context';
import { formatDate, formatMoney, formatPercent } from './format';
import { escapeHtml } from './helpers';
import { resolveComposerLanguage, type ComposerLanguage } from './language';
import { fixedCompensationOf } from './letter';
import type { ComposedReminder } from './types';

/** What the approver of a step that requires approval receives (BRIEF contract 4). */
export interface ApprovalPreview {
	subject: string;
	text: string;
	html: string;
	/** Every caveat attached to the amounts, in the team's language: also listed first in text and html. */
	warnings: string[];
	/** The team's language. */
	language: ComposerLanguage;
}

export interface ApprovalInput {
	/** The message exactly as it will go out. */
	reminder: Pick<ComposedReminder, 'to' | 'subject' | 'text' | 'html' | 'language'>;
	/** The invoices the message is about, and their penalties (same order; null without one). */
	invoices: Invoice[];
	penalties?: (PenaltyResult | null | undefined)[];
	/** The team's language (the node's Team Language). */
	language: string;
}

interface Words {
	subject: string;
	heading: string;
	intro: string;
	noWarning: string;
	warningsTitle: string;
	to: string;
	customerMessage: (language: string) => string;
	/** Names of the template languages, for "the customer reads French". */
	languageNames: Record<ComposerLanguage, string>;
	invoice: (number: string) => string;
	provisional: (rate: string, from: string, to: string) => string;
	otherCurrency: (amount: string, currency: string) => string;
	rounding: (count: number) => string;
	floor: string;
	carriedForward: string;
}

const WORDS: Record<ComposerLanguage, Words> = {
	en: {
		subject: 'Approval needed: ',
		heading: 'Approval needed before sending',
		intro: 'Nothing goes out until you approve. Check the points below, then the message itself.',
		noWarning: 'No caveat on the amounts.',
		warningsTitle: 'Check before approving',
		to: 'To: ',
		customerMessage: (language) =>
			`The message below is exactly what the customer will receive (in ${language}).`,
		languageNames: { fr: 'French', en: 'English', de: 'German', es: 'Spanish' },
		invoice: (number) => `Invoice ${number}: `,
		provisional: (rate, from, to) =>
			`the rate of ${rate} from ${from} to ${to} is provisional (not yet officially published); the letter states it as final.`,
		otherCurrency: (amount, currency) =>
			`the fixed recovery compensation of ${amount} is in another currency than the invoice (${currency}): stated on its own line, not added to the total.`,
		rounding: (count) =>
			`interest is rounded half-up to the minor unit for each period (${count} ${count === 1 ? 'period' : 'periods'}).`,
		floor: 'the contractual rate was below the statutory floor: the statutory floor was applied.',
		carriedForward:
			'a period uses the last published rate carried forward: check it once the new rate is published.',
	},
	fr: {
		subject: 'À valider : ',
		heading: 'Validation requise avant envoi',
		intro:
			'Rien ne part sans votre validation. Vérifiez les points ci-dessous, puis le message lui-même.',
		noWarning: 'Aucune réserve sur les montants.',
		warningsTitle: 'À vérifier avant de valider',
		to: 'Destinataire : ',
		customerMessage: (language) =>
			`Le message ci-dessous est exactement celui que le client recevra (en ${language}).`,
		languageNames: { fr: 'français', en: 'anglais', de: 'allemand', es: 'espagnol' },
		invoice: (number) => `Facture ${number} : `,
		provisional: (rate, from, to) =>
			`le taux de ${rate} du ${from} au ${to} est provisoire (pas encore publié officiellement) ; le courrier l’indique comme définitif.`,
		otherCurrency: (amount, currency) =>
			`l’indemnité forfaitaire de ${amount} est dans une autre devise que la facture (${currency}) : indiquée sur sa propre ligne, non ajoutée au total.`,
		rounding: (count) =>
			`les intérêts sont arrondis au centime le plus proche pour chaque période (${count} ${count === 1 ? 'période' : 'périodes'}).`,
		floor:
			'le taux contractuel était inférieur au plancher légal : le plancher légal a été appliqué.',
		carriedForward:
			'une période reprend le dernier taux publié : à vérifier dès la publication du nouveau taux.',
	},
	de: {
		subject: 'Freigabe erforderlich: ',
		heading: 'Freigabe vor dem Versand erforderlich',
		intro:
			'Ohne Ihre Freigabe wird nichts versendet. Prüfen Sie die folgenden Punkte und dann die Nachricht selbst.',
		noWarning: 'Keine Vorbehalte zu den Beträgen.',
		warningsTitle: 'Vor der Freigabe prüfen',
		to: 'An: ',
		customerMessage: (language) =>
			`Die folgende Nachricht erhält der Kunde genau so (auf ${language}).`,
		languageNames: { fr: 'Französisch', en: 'Englisch', de: 'Deutsch', es: 'Spanisch' },
		invoice: (number) => `Rechnung ${number}: `,
		provisional: (rate, from, to) =>
			`der Zinssatz von ${rate} vom ${from} bis ${to} ist vorläufig (noch nicht amtlich veröffentlicht); das Schreiben nennt ihn als endgültig.`,
		otherCurrency: (amount, currency) =>
			`die Pauschale von ${amount} lautet auf eine andere Währung als die Rechnung (${currency}): eigene Zeile, nicht in der Summe enthalten.`,
		rounding: (count) =>
			`die Zinsen sind je Zeitraum kaufmännisch auf die kleinste Einheit gerundet (${count} ${count === 1 ? 'Zeitraum' : 'Zeiträume'}).`,
		floor:
			'der vertragliche Zinssatz lag unter dem gesetzlichen Mindestsatz: der gesetzliche Satz wurde angewandt.',
		carriedForward:
			'ein Zeitraum verwendet den zuletzt veröffentlichten Satz: nach Veröffentlichung des neuen Satzes prüfen.',
	},
	es: {
		subject: 'Pendiente de aprobación: ',
		heading: 'Aprobación necesaria antes del envío',
		intro:
			'No se envía nada sin su aprobación. Revise los puntos siguientes y después el propio mensaje.',
		noWarning: 'Ninguna reserva sobre los importes.',
		warningsTitle: 'Revisar antes de aprobar',
		to: 'Para: ',
		customerMessage: (language) =>
			`El mensaje siguiente es exactamente el que recibirá el cliente (en ${language}).`,
		languageNames: { fr: 'francés', en: 'inglés', de: 'alemán', es: 'español' },
		invoice: (number) => `Factura ${number}: `,
		provisional: (rate, from, to) =>
			`el tipo del ${rate} del ${from} al ${to} es provisional (aún no publicado oficialmente); la carta lo presenta como definitivo.`,
		otherCurrency: (amount, currency) =>
			`la indemnización fija de ${amount} está en otra divisa que la factura (${currency}): figura en su propia línea, sin sumarse al total.`,
		rounding: (count) =>
			`los intereses se redondean a la unidad monetaria mínima en cada período (${count} ${count === 1 ? 'período' : 'períodos'}).`,
		floor: 'el tipo contractual era inferior al mínimo legal: se ha aplicado el mínimo legal.',
		carriedForward:
			'un período usa el último tipo publicado: revíselo cuando se publique el nuevo tipo.',
	},
};

/** Notice codes (contract 3) this module words itself; any other notice is passed on as the core wrote it. */
const WORDED_CODES = new Set(['rate_provisional', 'compensation_other_currency']);

/**
 * The caveats on one invoice's amounts, in the team's language and number format: provisional rates
 * (per period), the fixed compensation in another currency, the contractual floor, a carried-forward rate,
 * the rounding, and every other notice or warning of the penalty, so none is lost on the way.
 */
export function penaltyWarnings(
	invoice: Invoice,
	penalty: PenaltyResult,
	language: ComposerLanguage,
): string[] {
	const words = WORDS[language];
	const prefix = words.invoice(invoice.number ?? invoice.id);
	const warnings: string[] = [];
	const periods = penalty.periods;
	const notices = penalty.notices;
	const provisional = new Set<number>();
	periods.forEach((period, index) => {
		if (period.rateStatus === 'provisional') provisional.add(index);
	});
	for (const notice of notices ?? []) {
		if (notice.code === 'rate_provisional' && typeof notice.periodIndex === 'number') {
			provisional.add(notice.periodIndex);
		}
	}
	for (const index of [...provisional].sort((a, b) => a - b)) {
		const period = periods[index];
		if (!period) continue;
		warnings.push(
			prefix +
				words.provisional(
					formatPercent(period.annualRatePercent, language),
					formatDate(period.from, language),
					formatDate(period.to, language),
				),
		);
	}
	const fixed = fixedCompensationOf(penalty, invoice.currency);
	if (fixed !== null && fixed.currency !== invoice.currency) {
		const amount = formatMoney(fixed.amountMinor, fixed.currency, language);
		warnings.push(prefix + words.otherCurrency(amount, invoice.currency));
	}
	if (notices) {
		for (const notice of notices) {
			if (WORDED_CODES.has(notice.code)) continue;
			if (notice.code === 'contractual_floor_applied') warnings.push(prefix + words.floor);
			else if (notice.code === 'rate_carried_forward') warnings.push(prefix + words.carriedForward);
			else warnings.push(prefix + notice.message);
		}
	} else {
		// Before structured notices existed: the core's own sentences, rather than nothing.
		for (const warning of penalty.warnings ?? []) warnings.push(prefix + warning);
	}
	if (periods.length > 0 && penalty.interestMinor > 0) {
		warnings.push(prefix + words.rounding(periods.length));
	}
	return warnings;
}

function languageName(words: Words, language: string): string {
	return (words.languageNames as Record<string, string>)[language] ?? language;
}

/** The position just after `<body ...>`, or 0 when the HTML has no body tag. */
function afterBodyTag(html: string): number {
	const start = html.search(/<body[\s>]/i);
	if (start < 0) return 0;
	const end = html.indexOf('>', start);
	return end < 0 ? 0 : end + 1;
}

function banner(
	words: Words,
	warnings: string[],
	reminder: ApprovalInput['reminder'],
	customerLanguage: string,
): string {
	const items = warnings.map((warning) => `<li style="margin:4px 0">${escapeHtml(warning)}</li>`);
	const list =
		warnings.length > 0
			? `<p style="margin:12px 0 4px;font-weight:bold">${escapeHtml(words.warningsTitle)}</p><ul style="margin:0;padding-left:20px">${items.join('')}</ul>`
			: `<p style="margin:12px 0 0">${escapeHtml(words.noWarning)}</p>`;
	const to = reminder.to
		? `<p style="margin:8px 0 0">${escapeHtml(words.to + reminder.to)}</p>`
		: '';
	return (
		'<div style="max-width:600px;margin:16px auto;padding:16px 20px;border:2px solid #b45309;' +
		'border-radius:8px;background:#fffbeb;font-family:Helvetica,Arial,sans-serif;font-size:14px;' +
		'line-height:1.5;color:#1f2933">' +
		`<p style="margin:0;font-size:16px;font-weight:bold;color:#92400e">${escapeHtml(words.heading)}</p>` +
		`<p style="margin:8px 0 0">${escapeHtml(words.intro)}</p>${to}${list}` +
		`<p style="margin:12px 0 0;color:#52606d">${escapeHtml(words.customerMessage(languageName(words, customerLanguage)))}</p>` +
		'</div>'
	);
}

/** The parts of the composed reminder the approver's email shows. */
const REMINDER: Shape = { to: 'string?', subject: 'string', text: 'string', html: 'string' };

/**
 * The approver's email for a step that requires approval (issue 19): in the team's language, every
 * warning attached to the amounts first, then the message exactly as the customer will read it — its
 * text verbatim, its HTML unchanged with the warnings inserted at the top of its body. The approver
 * approves the very letter that goes out, rates as stated in it.
 */
export function composeApproval(input: ApprovalInput): ApprovalPreview {
	if (typeof input !== 'object' || input === null) {
		throw new DunningInputError('input', `${describeValue(input)} is not an object`);
	}
	const language = resolveComposerLanguage(input.language, 'teamLanguage');
	const { reminder } = input;
	if (typeof reminder !== 'object' || reminder === null || typeof reminder.html !== 'string') {
		throw new DunningInputError(
			'reminder',
			`${describeValue(reminder)} is not a composed reminder`,
		);
	}
	assertShape(reminder, REMINDER, 'reminder');
	resolveComposerLanguage(reminder.language, 'reminder.language');
	if (!Array.isArray(input.invoices)) {
		throw new DunningInputError('invoices', `${describeValue(input.invoices)} is not a list`);
	}
	const penalties = input.penalties ?? [];
	if (!Array.isArray(penalties)) {
		throw new DunningInputError('penalties', `${describeValue(penalties)} is not a list`);
	}
	const words = WORDS[language];
	const warnings = input.invoices.flatMap((invoice, index) => {
		const penalty = validatePenalty(penalties[index], `penalties[${index}]`);
		return penalty
			? penaltyWarnings(normalizeInvoice(invoice, `invoices[${index}]`), penalty, language)
			: [];
	});
	const text = [
		words.heading,
		'',
		words.intro,
		...(reminder.to ? [words.to + reminder.to] : []),
		'',
		...(warnings.length > 0
			? [`${words.warningsTitle}:`, ...warnings.map((warning) => `- ${warning}`)]
			: [words.noWarning]),
		'',
		words.customerMessage(languageName(words, reminder.language)),
		'------------------------------------------------------------',
		reminder.subject,
		'',
		reminder.text,
	].join('\n');
	const at = afterBodyTag(reminder.html);
	const html =
		reminder.html.slice(0, at) +
		banner(words, warnings, reminder, reminder.language) +
		reminder.html.slice(at);
	return { subject: words.subject + reminder.subject, text, html, warnings, language };
}

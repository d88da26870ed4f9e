import type { ComposerLanguage } from '../composer/language';

/**
 * The few phrases only a letter has, one place per language. Everything the letter says to the customer
 * (subject, salutation, body, penalty lines, deadline, closing, signature) is the composer's own text for
 * the tone (nodes/shared/composer/templates/<language>/): one wording source for the email and the letter.
 */
export interface LetterWords {
	/** The registered-mail mention printed above the subject. */
	registered: string;
	/** The electronic registered letter (LRE, Code des postes et des communications électroniques L. 100). */
	registeredElectronic: string;
	/** Put before the email's subject when the text has no subject line of its own. */
	subjectLabel: string;
	/** "Lyon, le 3 décembre 2026". */
	placeAndDate(place: string, formattedDate: string): string;
	/** Footer of every page. */
	page(index: number, count: number): string;
	/** File name stem ("mise-en-demeure"), for the PDF's file name. */
	fileStem: string;
}

export const LETTER_WORDS: Record<ComposerLanguage, LetterWords> = {
	fr: {
		registered: 'Lettre recommandée avec accusé de réception',
		registeredElectronic: 'Lettre recommandée électronique',
		subjectLabel: 'Objet :',
		placeAndDate: (place, date) => `${place}, le ${date}`,
		page: (index, count) => `Page ${index} / ${count}`,
		fileStem: 'mise-en-demeure',
	},
	en: {
		registered: 'Recorded delivery with proof of receipt',
		registeredElectronic: 'Electronic registered letter',
		subjectLabel: 'Re:',
		placeAndDate: (place, date) => `${place}, ${date}`,
		page: (index, count) => `Page ${index} of ${count}`,
		fileStem: 'formal-notice',
	},
	de: {
		registered: 'Einschreiben mit Rückschein',
		registeredElectronic: 'Elektronisches Einschreiben',
		subjectLabel: 'Betreff:',
		placeAndDate: (place, date) => `${place}, ${date}`,
		page: (index, count) => `Seite ${index} von ${count}`,
		fileStem: 'mahnung',
	},
	es: {
		registered: 'Carta certificada con acuse de recibo',
		registeredElectronic: 'Carta certificada electrónica',
		subjectLabel: 'Asunto:',
		placeAndDate: (place, date) => `${place}, ${date}`,
		page: (index, count) => `Página ${index} de ${count}`,
		fileStem: 'requerimiento-de-pago',
	},
};

import type { ComposerLanguage } from '../language';
import type { ComposerTone } from '../types';

/**
 * The SMS of each tone and language: Handlebars text rendered by the composer's own engine with the
 * composer's variables (`number`, `amountDue`, `dueDate`, `paymentUrl`, `sender`), so amounts and dates
 * read exactly as in the email. Written to stay in the GSM-7 alphabet where the language allows (no
 * "n°", no typographic apostrophe, no Spanish á or í) so that a reminder is one 160-character message, € counting two.
 * They live here, beside the email templates of each language and tone (the composer's one wording source):
 * the SMS core (nodes/shared/sms) and the Reminder Composer node read them from here. A TypeScript table
 * rather than `<language>/<tone>.sms.txt` files: scripts/build-templates.js compiles only the email parts.
 */
export type SmsTone = Exclude<ComposerTone, 'internal'>;

const due = {
	fr: '{{#if dueDate}}, échue le {{dueDate}}{{/if}}',
	en: '{{#if dueDate}}, due {{dueDate}}{{/if}}',
	de: '{{#if dueDate}}, fällig am {{dueDate}}{{/if}}',
	es: '{{#if dueDate}}, vencida el {{dueDate}}{{/if}}',
};
const pay = {
	fr: '{{#if paymentUrl}} Pour régler : {{paymentUrl}}{{/if}}',
	en: '{{#if paymentUrl}} Pay here: {{paymentUrl}}{{/if}}',
	de: '{{#if paymentUrl}} Zahlung: {{paymentUrl}}{{/if}}',
	es: '{{#if paymentUrl}} Pago: {{paymentUrl}}{{/if}}',
};
const from = '{{sender.name}}: ';

export const SMS_TEMPLATES: Record<ComposerLanguage, Record<SmsTone, string>> = {
	fr: {
		notice: `${from}la facture {{number}} de {{amountDue}} arrive à échéance{{#if dueDate}} le {{dueDate}}{{/if}}.${pay.fr}`,
		friendly: `${from}petit rappel, la facture {{number}} de {{amountDue}}${due.fr} reste à régler.${pay.fr}`,
		reminder: `${from}relance, la facture {{number}} de {{amountDue}}${due.fr} est impayée.${pay.fr}`,
		firm: `${from}facture {{number}} de {{amountDue}}${due.fr} impayée. Merci de régler sous 5 jours.${pay.fr}`,
		formal_notice: `${from}facture {{number}} de {{amountDue}}${due.fr} impayée. Une mise en demeure vous est adressée par courrier.${pay.fr}`,
		thanks: `${from}merci, le règlement de la facture {{number}} nous est bien parvenu.`,
	},
	en: {
		notice: `${from}invoice {{number}} for {{amountDue}} falls due{{#if dueDate}} on {{dueDate}}{{/if}}.${pay.en}`,
		friendly: `${from}a friendly reminder that invoice {{number}} for {{amountDue}}${due.en} is still open.${pay.en}`,
		reminder: `${from}reminder: invoice {{number}} for {{amountDue}}${due.en} is unpaid.${pay.en}`,
		firm: `${from}invoice {{number}} for {{amountDue}}${due.en} is overdue. Please pay within 5 days.${pay.en}`,
		formal_notice: `${from}invoice {{number}} for {{amountDue}}${due.en} is overdue. A formal notice is on its way by post.${pay.en}`,
		thanks: `${from}thank you, we have received payment of invoice {{number}}.`,
	},
	de: {
		notice: `${from}Rechnung {{number}} über {{amountDue}} wird{{#if dueDate}} am {{dueDate}}{{/if}} fällig.${pay.de}`,
		friendly: `${from}freundliche Erinnerung: Rechnung {{number}} über {{amountDue}}${due.de} ist noch offen.${pay.de}`,
		reminder: `${from}Zahlungserinnerung: Rechnung {{number}} über {{amountDue}}${due.de} ist unbezahlt.${pay.de}`,
		firm: `${from}Rechnung {{number}} über {{amountDue}}${due.de} ist überfällig. Bitte zahlen Sie binnen 5 Tagen.${pay.de}`,
		formal_notice: `${from}Rechnung {{number}} über {{amountDue}}${due.de} ist überfällig. Eine Mahnung folgt per Post.${pay.de}`,
		thanks: `${from}vielen Dank, die Zahlung der Rechnung {{number}} ist eingegangen.`,
	},
	es: {
		notice: `${from}la factura {{number}} de {{amountDue}} vence{{#if dueDate}} el {{dueDate}}{{/if}}.${pay.es}`,
		friendly: `${from}le recordamos que la factura {{number}} de {{amountDue}}${due.es} sigue pendiente.${pay.es}`,
		reminder: `${from}recordatorio: la factura {{number}} de {{amountDue}}${due.es} sigue impagada.${pay.es}`,
		firm: `${from}la factura {{number}} de {{amountDue}}${due.es} sigue impagada. Le rogamos pagar sin demora.${pay.es}`,
		formal_notice: `${from}la factura {{number}} de {{amountDue}}${due.es} sigue impagada. Le enviamos un requerimiento por correo.${pay.es}`,
		thanks: `${from}gracias, hemos recibido el pago de la factura {{number}}.`,
	},
};

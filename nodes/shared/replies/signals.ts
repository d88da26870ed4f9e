import { unicodeWords } from './text';

/**
 * The phrases that say what a reply means, in French, English, German and Spanish. Each pattern reads one
 * sentence in match form (lower case, accents kept: "règle" promises, "réglé" claims). Patterns of all four
 * languages run on every sentence, since customers mix them ("Hello, je vous règle vendredi").
 */

/** What one sentence says. `refusal` is a promise turned down ("je ne vous paierai pas"). */
export type SignalKind =
	| 'promise'
	| 'refusal'
	| 'dispute'
	| 'payment_claimed'
	| 'payment_plan'
	| 'partial';

const compile = (patterns: RegExp[]) => patterns.map(unicodeWords);
const words = (list: string) => list.trim().split(/\s+/).join('|');

const FR_PAY_FUTURE = words(`
	réglerai réglerons paierai paierons payerai payerons virerai virerons verserai verserons
	règle réglons paie paye payons vire virons verse versons solderai solderons`);
const FR_PAY_INFINITIVE = words('régler payer virer verser solder acquitter honorer');

/** Payment promises. */
const PROMISE = compile([
	new RegExp(
		`\\b(je|nous|on) (ne |n')?(vous |vous le |vous la |le |la |les |l')?(${FR_PAY_FUTURE})\\b`,
	),
	// A payment named with its date and no verb: "Paiement fin du mois.", "Zahlung am Freitag."
	/(^|[,:] )(le |notre |our |the |unsere |die |el |nuestro |la )?(paiement|règlement|réglement|reglement|virement|payment|transfer|zahlung|überweisung|pago|transferencia)( prévue?| est prévue?| planned| scheduled| is planned| is scheduled| geplant| ist geplant| previst[oa]| está previst[oa])? (pour|le|on|by|am|bis|el|para|au|à|d'ici|zum|at|fin|end|ende|a final|a finales|next|this|ce|cette|la|demain|tomorrow|morgen|mañana|lundi|mardi|mercredi|jeudi|vendredi|monday|tuesday|wednesday|thursday|friday|montag|dienstag|mittwoch|donnerstag|freitag|lunes|martes|miércoles|jueves|viernes)\b/,
	new RegExp(
		`\\b(je|nous|on) (ne |n')?(vais|allons|va|compte|comptons|prévois|prévoyons|pense|pensons|peux|pouvons|pourrai|pourrons|m'engage à|nous engageons à|devrais|devrions) (pas |jamais |plus )?(vous |le |la |les |l')?(${FR_PAY_INFINITIVE}|faire le (virement|paiement|règlement)|procéder au (paiement|règlement|virement)|effectuer le (paiement|règlement|virement))\\b`,
	),
	/\b(je|nous) (le |la |les |l')?(ferai|ferons)\b/,
	/\b(je|nous|on) (vous )?(fais|faisons|fait|envoie|envoyons|lance|lançons|passe|passons) (le|un|notre|mon) (virement|paiement|règlement|chèque)\b/,
	/\b(le |un |notre |mon |votre )?(paiement|règlement|virement|versement|chèque) (ne )?(sera|va être|partira|part|est prévu|interviendra|arrivera|sera effectué|sera fait|sera émis)\b/,
	/\b(vous aurez|vous recevrez|vous allez recevoir) (le |votre |notre |un )?(paiement|règlement|virement|chèque)\b/,
	/\b(la facture|elle|la somme|le solde|le montant) (ne )?sera (réglée|payée|soldée|virée|versée|réglé|payé|soldé|viré|versé)\b/,
	/\b(i|we|i'll|we'll|i'm|we're|i am|we are)( will| shall| are going to| am going to| plan to| intend to| expect to| can| could| should| aim to| hope to)?( also| then| still| definitely| certainly| surely| only)?( be able to)? (pay|settle|transfer|wire|remit|clear|process)\b/,
	/\b(i|we)('ll| will) (send|make|arrange|schedule|release|initiate) (the |a |our |your )?(payment|transfer|wire|funds|money|remittance)\b/,
	/\b(payment|the transfer|the invoice|the balance|the amount|the wire|it|this|that)( will|'ll| should| is going to) (be )?(paid|made|sent|settled|processed|transferred|released|cleared|go out|leave|reach you|arrive)\b/,
	/\b(you will|you'll|you should) (receive|get|have|see) (the |our |your |a )?(payment|money|funds|transfer|wire)\b/,
	/\b(payment|transfer) (is )?(scheduled|planned|booked)\b/,
	/\b(you'll|you will) (be paid|get paid|have (it|the money|your money))\b/,
	/\b(we're|we are|i'm|i am) paying\b/,
	/\b(ich|wir) (zahle|zahlen|bezahle|bezahlen|überweise|überweisen|begleiche|begleichen|gleiche|gleichen)\b/,
	/\b(zahle|zahlen|bezahle|bezahlen|überweise|überweisen|begleiche|begleichen) (ich|wir)\b/,
	/\b(werde|werden|wollen|möchten|können|kann)\b.{0,60}\b(zahlen|bezahlen|begleichen|überweisen|anweisen|ausgleichen|veranlassen)\b/,
	/\b(die |eine |unsere )?(zahlung|überweisung|begleichung) (erfolgt|wird|kommt|geht|folgt)\b/,
	/\bwird\b.{0,50}\b(bezahlt|überwiesen|beglichen|ausgeglichen|angewiesen)\b/,
	/\bsie erhalten (die|unsere|ihre|eine) (zahlung|überweisung)\b/,
	/\b(pagaremos|pagaré|abonaremos|abonaré|transferiremos|transferiré|liquidaremos|saldaremos|ingresaremos|ingresaré)\b/,
	/\b(haremos|realizaremos|efectuaremos|haré|realizaré|enviaremos) (el pago|la transferencia|el ingreso|el abono)\b/,
	/\b(vamos a|voy a|podemos|podremos|podré|intentaremos|queremos|pensamos) (pagar|abonar|transferir|liquidar|saldar|ingresar|hacer (el pago|la transferencia)|realizar (el pago|la transferencia))\b/,
	/\b(el pago|la transferencia|el ingreso|la factura|el importe)( se| nos)? (hará|realizará|efectuará|saldrá|llegará|será pagad[ao]|será abonad[ao]|quedará (pagada|saldada)|pagaremos)\b/,
	/\b(recibirán|recibirá|tendrán|tendrá) (el pago|la transferencia|el importe)\b/,
	/\b(el pago|la transferencia|el ingreso) (lo |la )?(haremos|realizaremos|efectuaremos|hacemos|mandaremos|enviaremos)\b/,
	/\b(se la|se lo|le) (pagamos|pago|abonamos|transferimos)\b/,
]);

/** Refusals whose wording no promise pattern would see (English puts the negation inside the verb group). */
const REFUSAL = compile([
	/\b(i|we)( will not| won't| cannot| can't| can not| are not going to| aren't going to| am not going to| refuse to| do not intend to| don't intend to| will never| shall not)( be able to)? (pay|settle|transfer)\b/,
	/\b(pas question de|hors de question de|refusons de|refuse de) (payer|régler)\b/,
	/\b(weigern uns|lehnen .{0,30} ab)\b/,
	/\b(nos negamos a|me niego a) (pagar|abonar)\b/,
]);

/** Claims that the invoice is already paid. */
const PAYMENT_CLAIMED = compile([
	/\b(j'ai|nous avons|on a|je l'ai|nous l'avons|on l'a) (déjà |bien |pourtant |hier |aujourd'hui |ce matin )*(réglé|payé|viré|versé|soldé|effectué (le|un|notre) (virement|paiement|règlement)|fait (le|un) (virement|paiement|règlement)|envoyé (le |un |notre )?(virement|paiement|chèque|règlement)|procédé au (paiement|règlement|virement)|lancé le virement)/,
	/\b(facture|paiement|virement|règlement|montant|somme|elle|chèque)( a| est| a été| est bien| a bien été| est déjà| a déjà été)+ (réglée?|payée?|soldée?|effectué|viré|virée|parti|envoyé|émis|exécuté|passé|versé)\b/,
	/\bdéjà (été )?(réglée?s?|payée?s?|virée?|soldée?s?)\b/,
	/\b(virement|paiement|règlement) (effectué|émis|envoyé|exécuté) le\b/,
	/\b(i|we)( have|'ve)? (already |just |now )?(paid|settled|transferred|wired|remitted|sent (you )?(the |a |our )?(payment|money|funds|transfer|wire|remittance)|made (the |a )?payment|processed (the )?payment)\b/,
	/\b(payment|transfer|wire|invoice|it|this|the balance|remittance|the amount)( was| has been| have been| is| went| has gone)( already| now)? (paid|made|sent|settled|processed|completed|executed|transferred|out|through)\b/,
	/\balready (been )?(paid|settled)\b/,
	/\b(proof of payment|remittance advice|payment confirmation)\b/,
	/\b(habe|haben|hatten|hat)\b.{0,60}\b(bezahlt|überwiesen|beglichen|ausgeglichen|angewiesen|veranlasst)\b/,
	/\b(wurde|ist|wurden|sind)\b.{0,40}\b(bezahlt|überwiesen|beglichen|ausgeglichen|angewiesen)\b/,
	/\b(zahlung|überweisung) (ist|wurde) .{0,30}\b(erfolgt|getätigt|ausgeführt|veranlasst|raus|unterwegs)\b/,
	/\b(zahlungsnachweis|überweisungsbeleg|zahlungsbeleg|zahlungsbestätigung)\b/,
	/\b(ya )?(hemos|he|han) (pagado|abonado|transferido|liquidado|saldado|ingresado|realizado (el pago|la transferencia|el ingreso)|efectuado (el pago|la transferencia)|hecho (el pago|la transferencia|el ingreso)|enviado (el pago|la transferencia))\b/,
	/\b(pagamos|transferimos|abonamos|pagué|transferí|aboné|realizamos la transferencia|hicimos (el pago|la transferencia)) (ayer|la semana pasada|el pasado|hace)\b/,
	/\b(ya está|está|fue|ha sido|ya fue|quedó) (pagad[ao]|abonad[ao]|saldad[ao]|liquidad[ao]|transferid[ao])\b/,
	/\b(justificante|comprobante) de (pago|transferencia)\b/,
]);

/** A part of the amount paid or offered: what happens to the rest is for a person to settle. */
const PARTIAL = compile([
	/\b(la moitié|une partie|partiellement|un acompte|partie du montant|half of|half the|part of the|partial payment|partially|a portion|die hälfte|einen teil|teilweise|teilbetrag|anzahlung|la mitad|una parte|parcialmente|un anticipo)\b/,
]);

/** Requests to pay in instalments. */
const PAYMENT_PLAN = compile([
	/\b(échéancier|echeancier|plan de (paiement|règlement)|paiement échelonné|paiements échelonnés|en plusieurs (fois|versements|échéances)|en (deux|trois|quatre|cinq|six|\d+) (fois|mensualités|versements|échéances)|étaler (le|les|notre) (paiement|règlement)s?|mensualités|paiements? fractionnés?|règlement fractionné)/,
	/\b(payment plan|instal?lments?|pay in (two|three|four|five|six|\d+)|spread (the )?(payment|cost|amount|balance)|monthly payments|payment arrangement|payment schedule|split (the )?(payment|amount|balance))\b/,
	/\b(ratenzahlung|in raten|raten zahlen|teilzahlungen|teilzahlung|ratenplan|zahlungsplan|in (zwei|drei|vier|fünf|sechs|\d+) (raten|teilbeträgen|monatsraten|teilzahlungen))\b/,
	/\b(plan de pagos|pago a plazos|a plazos|fraccionar|fraccionado|en (dos|tres|cuatro|cinco|seis|\d+) (cuotas|plazos|pagos|mensualidades)|pagos mensuales|aplazar el pago)\b/,
]);

const FR_GOODS =
	'marchandises?|commandes?|livraisons?|produits?|matériel|colis|prestations?|articles?|pièces';
const EN_GOODS =
	'goods|orders?|delivery|deliveries|items?|products?|parts|services?|shipment|equipment|materials?|work';
const DE_GOODS = 'ware|waren|lieferung|bestellung|produkte?|artikel|material|leistung|teile';
const ES_GOODS = 'mercancías?|pedidos?|material|productos?|envíos?|servicios?|artículos?|piezas';

/** Disputes: the amount, the goods or the service are contested. */
const DISPUTE = compile([
	/\b(le |ce |votre )?(montant|prix|total|tarif)( (des|du|de la|de l')\s?\p{L}+)? (indiqué |facturé )?(est |n'est pas |me semble |nous semble |semble |ne semble pas )?(faux|erroné|incorrect|inexact|pas le bon|correct|exact|trop élevé)\b/u,
	/\b(erreur|une erreur|des erreurs) (de facturation|sur (la|votre|cette) facture|dans (la|votre|cette) facture|de montant|sur le montant)\b/,
	/\bfacture (est |me semble |semble )?(erronée|fausse|incorrecte|contestée)\b/,
	/\b(je|nous) (contest|contestons|conteste|refusons cette facture|refuse cette facture|ne reconnaissons pas)/,
	/\b(contestation|litige|réclamation)\b/,
	new RegExp(
		`\\b(jamais|pas|toujours pas) (reçu|été livrée?s?|livrée?s?|commandée?s?) .{0,25}\\b(${FR_GOODS})\\b`,
	),
	new RegExp(
		`\\b(${FR_GOODS})\\b.{0,40}\\b(jamais|pas) (été )?(reçue?s?|livrée?s?|commandée?s?|conformes?|réalisée?s?|effectuée?s?)\\b`,
	),
	/\b(non conformes?|défectueu(x|se|ses)|abîmée?s?|endommagée?s?|cassée?s?)\b/,
	/\b(un avoir|l'avoir|d'un avoir|facturée? (deux fois|en double)|en doublon|doublon)\b/,
	/\bne correspond pas (au devis|à la commande|au bon de commande|au contrat|à notre accord)\b/,
	/\b(remise|réduction|ristourne) .{0,30}(n'a pas été|pas|non) (appliquée|déduite|prise en compte)\b/,
	/\b(the )?(amount|price|total|invoice|figure|charge)s?( of the \p{L}+| for the \p{L}+)? (is |are |seems |looks |appears )?(wrong|incorrect|not correct|inaccurate|too high|overstated|in error)\b/u,
	/\b(we|i) (dispute|contest|reject|query|do not accept|don't accept) (this|the|your)\b/,
	/\b(in dispute|disputed|a dispute)\b/,
	new RegExp(
		`\\b(never|not|haven't|have not|didn't|did not|still haven't|still have not) (received|receive|ordered|order|get|got) (the |our |your |any |these |those )?(${EN_GOODS})\\b`,
	),
	new RegExp(
		`\\b(${EN_GOODS})\\b.{0,30}\\b(was|were|has|have)( never| not)( been)? (delivered|received|done|completed|finished|performed|ordered)\\b`,
	),
	/\b((billed|charged|invoiced) (us )?twice|duplicate (invoice|charge|billing)|double[- ]billed|double[- ]charged)\b/,
	/\bcredit note\b/,
	/\b(damaged|defective|faulty|broken)\b/,
	/\b(doesn't|does not|do not|don't) match (the |our |your )?(quote|order|purchase order|po|contract|agreement)\b/,
	/\bdiscount .{0,30}(not|never) (applied|deducted)\b/,
	/\bnot what we (ordered|agreed)\b/,
	/\b(der |die )?(betrag|rechnungsbetrag|preis|summe|rechnung|betrag der rechnung) (ist |scheint |erscheint uns )?(leider )?(falsch|fehlerhaft|nicht korrekt|nicht richtig|zu hoch|unrichtig)\b/,
	/\b(betrag|rechnung|preis|summe) stimmt (so |leider |aber )?nicht\b/,
	/\b(widersprechen|widerspreche|widerspruch|reklamieren|reklamation|beanstanden|beanstandung|einspruch|bestreiten)\b/,
	new RegExp(
		`\\b(${DE_GOODS})\\b.{0,40}\\b(nie|nicht|niemals|noch nicht) (erhalten|geliefert|bestellt|angekommen|erbracht)\\b`,
	),
	/\b(gutschrift|doppelt (berechnet|abgerechnet|in rechnung gestellt)|zweimal (berechnet|abgerechnet))\b/,
	/\b(defekt|beschädigt|mangelhaft|fehlerhaft geliefert)\b/,
	/\bentspricht nicht (dem angebot|der bestellung|dem auftrag|dem vertrag|unserer vereinbarung)\b/,
	/\b(rabatt|skonto|nachlass)\b.{0,40}\bnicht (berücksichtigt|abgezogen|gewährt)\b/,
	/\b(el |la )?(importe|monto|precio|total|factura|cantidad) (es |está |parece |nos parece )?(incorrect[oa]|erróne[oa]|equivocad[oa]|mal|demasiado alt[oa]|excesiv[oa])\b/,
	/\b(no estamos de acuerdo|reclamamos|reclamación|impugnamos|disputamos|rechazamos (la|esta) factura|no reconocemos)\b/,
	new RegExp(
		`\\b(nunca|no) (hemos recibido|recibimos|llegó|llegaron|hemos pedido|pedimos|encargamos) (el |la |los |las |ningún |ninguna )?(${ES_GOODS})\\b`,
	),
	new RegExp(
		`\\b(${ES_GOODS})\\b.{0,40}\\b(nunca|no) (ha |han )?(llegado|llegó|llegaron|sido entregad[oa]s?|recibid[oa]s?)\\b`,
	),
	/\b(un abono|nota de crédito|nota de abono|factura rectificativa|(cobrado|facturado|cobrada|facturada) (dos veces|por duplicado)|duplicad[ao])\b/,
	/\b(defectuos[oa]s?|dañad[oa]s?|rot[oa]s?)\b/,
	/\bno coincide con (el presupuesto|el pedido|la oferta|el contrato)\b/,
	/\bdescuento\b.{0,40}\bno (aplicado|se ha aplicado|aplicaron)\b/,
]);

/** Words that turn a promise into its opposite when they stand near the verb. */
const NEGATORS = unicodeWords(
	/(\bne\b|\bn'|\bpas\b|\bjamais\b|\bnot\b|n't\b|\bnever\b|\bnicht\b|\bkeine?\b|\bnie\b|\bniemals\b|\bno\b|\bnunca\b|\bjamás\b)/,
);

/** A sentence that only promises under a condition ("si", "once", "sobald", "en cuanto") is left to a person. */
const CONDITIONS = unicodeWords(
	/(\bsi\b|\bs'il\b|\bdès que\b|\bdès réception\b|\bà condition\b|\bune fois que\b|\bif\b|\bonce\b|\bas soon as\b|\bprovided\b|\bunless\b|\bwenn\b|\bfalls\b|\bsobald\b|\bsofern\b|\bnachdem\b|\ben cuanto\b|\bcuando\b|\bsiempre que\b|\buna vez que\b)/,
);

/** A question mark ends a question: "pouvez-vous me renvoyer la facture ?" is not an answer to act on. */
export function isQuestion(sentence: string): boolean {
	return sentence.trimEnd().endsWith('?');
}

export function isConditional(sentence: string): boolean {
	return CONDITIONS.test(sentence);
}

/** The kinds one sentence (in match form) speaks of. */
export function signalsOf(sentence: string): Set<SignalKind> {
	const found = new Set<SignalKind>();
	if (REFUSAL.some((pattern) => pattern.test(sentence))) found.add('refusal');
	const claimed = firstMatch(PAYMENT_CLAIMED, sentence);
	if (claimed && !negatedAt(sentence, claimed)) found.add('payment_claimed');
	const promised = firstMatch(PROMISE, sentence);
	if (promised) found.add(negatedAt(sentence, promised) ? 'refusal' : 'promise');
	if (PAYMENT_PLAN.some((pattern) => pattern.test(sentence))) found.add('payment_plan');
	if (DISPUTE.some((pattern) => pattern.test(sentence))) found.add('dispute');
	if (
		(found.has('promise') || found.has('payment_claimed')) &&
		PARTIAL.some((pattern) => pattern.test(sentence))
	)
		found.add('partial');
	return found;
}

function firstMatch(patterns: RegExp[], sentence: string): RegExpExecArray | null {
	for (const pattern of patterns) {
		const match = pattern.exec(sentence);
		if (match) return match;
	}
	return null;
}

/**
 * True when a negation stands in the clause of the match: from the last comma or "mais/but/aber/pero" before
 * it to a few words after it ("je ne vous paierai pas", "wir werden nicht zahlen", "no vamos a pagar").
 */
function negatedAt(sentence: string, match: RegExpExecArray): boolean {
	const before = sentence.slice(0, match.index);
	const clauseStart = Math.max(
		before.lastIndexOf(','),
		before.lastIndexOf(':'),
		...[' mais ', ' but ', ' aber ', ' pero ', ' sondern ', ' et ', ' and ', ' und ', ' y '].map(
			(word) => {
				const at = before.lastIndexOf(word);
				return at < 0 ? -1 : at + word.length - 1;
			},
		),
	);
	const start = Math.max(clauseStart + 1, match.index - 30);
	const window = sentence.slice(start, match.index + match[0].length + 14);
	return NEGATORS.test(window);
}

import type { Invoice } from '../invoice';
import { assertShape, assertText } from '../shape';
import { senderAddress } from './automatic';
import { assertCandidates } from './input';
import { invoicesOfReplyAddresses } from './reply-address';
import type { InvoiceMatch } from './types';

export interface MatchedInvoices {
	invoiceIds: string[];
	matchedBy: InvoiceMatch;
}

/**
 * The invoices a reply is about, by the first rule that finds any:
 * 1. threading: the reminders named in `In-Reply-To`/`References` (their ids are returned as they are, even
 *    for an invoice no longer among the candidates: the reply answers exactly those);
 * 2. a plus-addressed recipient (`billing+dunning-i…@`, see `reminderReplyTo`) pointing at candidates;
 * 3. an invoice number of the candidates written in the subject or the body (quoted history included: a reply
 *    that lost its headers still quotes our reminder);
 * 4. the sender's address equal to a candidate's customer email: all of that customer's candidates.
 */
export function matchReplyInvoices(
	threadedInvoiceIds: string[],
	recipients: string,
	searchable: string,
	from: string,
	invoices: Invoice[],
): MatchedInvoices {
	assertShape(threadedInvoiceIds, { list: 'string' }, 'threadedInvoiceIds');
	assertText(recipients, 'recipients');
	assertText(searchable, 'searchable');
	assertText(from, 'from');
	assertCandidates(invoices);
	if (threadedInvoiceIds.length > 0) return { invoiceIds: threadedInvoiceIds, matchedBy: 'thread' };
	const byAddress = invoicesOfReplyAddresses(recipients, invoices);
	if (byAddress.length > 0) return { invoiceIds: idsOf(byAddress), matchedBy: 'address' };
	const byNumber = invoices.filter((invoice) => mentionsNumber(searchable, invoice.number));
	if (byNumber.length > 0) return { invoiceIds: idsOf(byNumber), matchedBy: 'number' };
	const sender = senderAddress(from);
	const bySender = invoices.filter((invoice) => customerEmails(invoice).includes(sender));
	if (bySender.length > 0) return { invoiceIds: idsOf(bySender), matchedBy: 'sender' };
	return { invoiceIds: [], matchedBy: null };
}

const NUMBER_MARKER =
	/(n°|nº|no\.?|nr\.?|#|numéro|numero|number|nummer|número|facture|invoice|rechnung|factura)\s*:?\s*$/i;

/**
 * True when `text` names the invoice number as a whole token. A number made of digits only ("1001") must follow
 * a marker ("n°", "invoice", "Rechnung"...), or it would match amounts and dates.
 */
export function mentionsNumber(text: string, number: string | null): boolean {
	if (!number || number.trim() === '') return false;
	const escaped = number.trim().replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
	const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu');
	const digitsOnly = /^\d+$/.test(number.trim());
	for (const match of text.matchAll(pattern)) {
		if (!digitsOnly) return true;
		if (NUMBER_MARKER.test(text.slice(Math.max(0, match.index - 20), match.index))) return true;
	}
	return false;
}

function customerEmails(invoice: Invoice): string[] {
	const email = invoice.customer.email;
	if (!email) return [];
	return email
		.split(/[,;]/)
		.map((address) => senderAddress(address))
		.filter((address) => address !== '');
}

function idsOf(invoices: Invoice[]): string[] {
	return [...new Set(invoices.map((invoice) => invoice.id))];
}

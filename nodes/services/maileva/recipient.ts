import type { PostalAddress } from '../../shared/internal';
import { DunningInputError } from '../../shared/internal';

/** Maileva's `recipient_creation`: six lines of at most 38 characters (AFNOR NF Z10-011) and the country. */
export interface MailevaRecipientLines {
	address_line_1?: string;
	address_line_2?: string;
	address_line_3?: string;
	address_line_4?: string;
	address_line_5?: string;
	address_line_6: string;
	country_code: string;
	custom_id?: string;
}

export const MAX_LINE = 38;

/**
 * The recipient's lines as La Poste reads them: 1 the name, 2-5 the street lines in order and ending at line
 * 5 (AFNOR puts number and street on line 4 and a PO box or locality on line 5, but the sources do not
 * tell them apart, so the last street line goes on line 5), 6 the postal code and city. `field` and
 * `nameField` name the item's fields in errors, e.g. `invoice.customer.address`.
 */
export function recipientLinesOf(
	name: string | null,
	address: PostalAddress | null,
	field: string,
	nameField: string,
): MailevaRecipientLines {
	if (!address) {
		throw new DunningInputError(field, 'no postal address: a registered letter needs one');
	}
	const check = (text: string, where: string) => {
		if (text.length > MAX_LINE) {
			throw new DunningInputError(
				where,
				`"${text}" has ${text.length} characters; a line of a postal address has at most ${MAX_LINE}: shorten it at the source`,
			);
		}
		return text;
	};
	if (!address.postalCode || !address.city) {
		throw new DunningInputError(
			`${field}.${address.postalCode ? 'city' : 'postalCode'}`,
			'missing: the last line of a postal address is the postal code and the city',
		);
	}
	const streets = address.lines.map((line, index) => check(line, `${field}.lines[${index}]`));
	if (streets.length === 0) {
		throw new DunningInputError(`${field}.lines`, 'no street line: La Poste needs one');
	}
	if (streets.length > 4) {
		throw new DunningInputError(
			`${field}.lines`,
			`${streets.length} street lines; a postal address has room for 4 (lines 2 to 5)`,
		);
	}
	const lines: MailevaRecipientLines = {
		address_line_6: check(`${address.postalCode} ${address.city}`, `${field}.city`),
		country_code: (address.country ?? 'FR').toUpperCase(),
	};
	const first = 6 - streets.length;
	streets.forEach((line, index) => {
		lines[`address_line_${first + index}` as 'address_line_2'] = line;
	});
	const recipientName = (name ?? '').trim();
	if (recipientName) lines.address_line_1 = check(recipientName, nameField);
	return lines;
}

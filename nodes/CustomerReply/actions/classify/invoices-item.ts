import type { IDataObject } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

import { isDataObject, readInvoice } from '../../../common/invoice-input';
import { DunningInputError, type Invoice } from '../../../shared/internal';

/**
 * The open invoices a reply may be about: the value of the Open Invoices parameter (usually an expression
 * giving a list of invoices or of items holding one), else the item's `invoices` list, else its `invoice`.
 * Each entry may be a Stripe or QuickBooks invoice or a normalised one (auto-detected). None is fine: the
 * threading headers still name the invoices.
 */
export function candidateInvoices(
	parameter: unknown,
	json: IDataObject,
	timezone: string,
): Invoice[] {
	const given = listOf(parameter, 'openInvoices');
	const entries =
		given ?? listOf(json.invoices, 'invoices') ?? (json.invoice ? [json.invoice] : []);
	const field = given ? 'openInvoices' : json.invoices !== undefined ? 'invoices' : 'invoice';
	return entries.map((entry, index) => {
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
			throw new DunningInputError(`${field}[${index}]`, 'not an invoice object');
		}
		// An item of this package holds its invoice under "invoice".
		const record = entry as IDataObject;
		const invoice = isDataObject(record.invoice) ? record.invoice : record;
		// Read through a one-key wrapper so that errors name the entry (`openInvoices[2].dueDate: ...`).
		const where = `${field}[${index}]`;
		return readInvoice({ [where]: invoice }, { format: 'auto', field: where, timezone });
	});
}

function listOf(value: unknown, field: string): unknown[] | null {
	if (value === undefined || value === null || value === '') return null;
	if (typeof value === 'string') {
		const parsed = jsonParse<unknown>(value, { fallbackValue: undefined });
		if (parsed === undefined) throw new DunningInputError(field, 'not a JSON list of invoices');
		return listOf(parsed, field);
	}
	return Array.isArray(value) ? value : [value];
}

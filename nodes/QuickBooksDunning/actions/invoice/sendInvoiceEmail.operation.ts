import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { showFor } from '../../../common/source-properties';
import { sendInvoiceEmail } from '../../../services/quickbooks/invoices';
import { DunningInputError } from '../../../shared/internal';
import { done, expand, invoiceItem, onInvoice, readExpanded, stringParameter } from '../context';

export const description: INodeProperties[] = [
	{
		displayName: 'Send To',
		name: 'sendTo',
		type: 'string',
		default: '',
		placeholder: 'e.g. accounts@example.com',
		description:
			"Recipient address; empty: the invoice's billing email (BillEmail), else the customer's email (an invoice with neither fails before QuickBooks is asked)",
		// `sendEmail`: the operation's value in earlier versions of this package, still run by saved workflows.
		displayOptions: showFor(['sendInvoiceEmail', 'sendEmail']),
	},
];

/**
 * Send Invoice Email. With *Send To* empty, QuickBooks sends to the invoice's BillEmail and answers 2050 when
 * there is none; the customer's own email (looked up) is then given as the address, and an invoice with no
 * address at all fails here, before QuickBooks is asked.
 */
export const execute = onInvoice(async ({ run: ctx, itemIndex, id, timezone }, item) => {
	let sendTo = stringParameter(ctx.fn, 'sendTo', itemIndex);
	if (sendTo !== '' && !/^[^\s@]+@[^\s@]+$/.test(sendTo)) {
		throw new DunningInputError('sendTo', `"${sendTo}" is not an email address`);
	}
	if (sendTo === '') {
		const current = await readExpanded(ctx, id, timezone, itemIndex);
		const billEmail = (current.raw.BillEmail as IDataObject | undefined)?.Address;
		if (typeof billEmail !== 'string' || billEmail.trim() === '') {
			const email = current.invoice.customer.email;
			if (!email) {
				throw new DunningInputError(
					'sendTo',
					`invoice ${current.invoice.number ?? id} has no email address (no BillEmail, none on its customer): give Send To`,
				);
			}
			sendTo = email;
		}
	}
	const raw = await sendInvoiceEmail(ctx.fn, ctx.connection, id, sendTo, itemIndex);
	const sent = await expand(ctx, raw, timezone, itemIndex);
	return done(
		invoiceItem(item.json, sent, { emailed: { to: sendTo || sent.invoice.customer.email } }),
	);
});

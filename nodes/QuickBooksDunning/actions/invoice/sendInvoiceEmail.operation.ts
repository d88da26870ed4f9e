import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ItemOutcome } from '../../../common/per-item';
import { showFor } from '../../../common/source-properties';
import { sendInvoiceEmail } from '../../../services/quickbooks/invoices';
import { invoiceJson, normalize } from '../../../services/quickbooks/overdue';
import { DunningInputError } from '../../../shared/internal';
import {
	invoiceIdOf,
	readExpanded,
	stringParameter,
	toItems,
	type QuickBooksRun,
} from '../context';

export const description: INodeProperties[] = [
	{
		displayName: 'Send To',
		name: 'sendTo',
		type: 'string',
		default: '',
		placeholder: 'e.g. accounts@example.com',
		description:
			"Recipient address; empty: the invoice's billing email (BillEmail), else the customer's email (an invoice with neither fails before QuickBooks is asked)",
		// `sendEmail`: the operation's value before 0.2, still run by saved workflows.
		displayOptions: showFor(['sendInvoiceEmail', 'sendEmail']),
	},
];

/**
 * Send Invoice Email. With *Send To* empty, QuickBooks sends to the invoice's BillEmail and answers 2050 when
 * there is none; the customer's own email (looked up) is then given as the address, and an invoice with no
 * address at all fails here, before QuickBooks is asked.
 */
async function sendEmail(ctx: QuickBooksRun, item: INodeExecutionData, itemIndex: number) {
	const timezone = ctx.timezoneOf(itemIndex);
	const id = invoiceIdOf(ctx, itemIndex);
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
	const customer = await ctx.customerOf(raw, itemIndex);
	const invoice = normalize(raw, timezone, customer);
	const to = sendTo || invoice.customer.email;
	return {
		done: [{ ...item.json, ...invoiceJson(invoice, raw, { customer }), emailed: { to } }],
		notClaimed: [],
	};
}

export async function execute(
	run: QuickBooksRun,
	item: INodeExecutionData,
	itemIndex: number,
): Promise<ItemOutcome[]> {
	return toItems(await sendEmail(run, item, itemIndex));
}

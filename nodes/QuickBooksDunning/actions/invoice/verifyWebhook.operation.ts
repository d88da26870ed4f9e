import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { itemParameter, readMinDaysOverdue, showFor } from '../../../common/source-properties';
import {
	fetchInvoice,
	fetchPayment,
	invoiceIdsOfPayment,
	type RawObject,
} from '../../../services/quickbooks/invoices';
import { invoiceEvent, overdueCutoff } from '../../../services/quickbooks/overdue';
import { quickBooksErrorCode } from '../../../services/quickbooks/transport';
import { parseIntuitNotifications, verifyIntuitSignature } from '../../../shared/internal';
import { answers, expand, invoiceItem, stringParameter } from '../context';

export const description: INodeProperties[] = [
	{
		displayName:
			"Place this after n8n's Webhook node (HTTP Method POST, Respond: Immediately, Options → Raw Body on) whose production URL is registered in the Intuit developer portal. Intuit expects an answer within seconds and retries otherwise; the signature is checked here, on the raw body.",
		name: 'webhookNotice',
		type: 'notice',
		default: '',
		displayOptions: showFor(['verifyWebhook']),
	},
	{
		displayName: 'Raw Body Field',
		name: 'binaryProperty',
		type: 'string',
		default: 'data',
		description:
			'Binary field holding the request body exactly as received (n8n\'s Webhook node puts it in "data" when its Raw Body option is on)',
		displayOptions: showFor(['verifyWebhook']),
	},
];

function headerValue(headers: unknown, name: string): string | undefined {
	if (typeof headers !== 'object' || headers === null) return undefined;
	for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
		if (key.toLowerCase() === name) {
			const first = Array.isArray(value) ? value[0] : value;
			return typeof first === 'string' ? first : undefined;
		}
	}
	return undefined;
}

/** A read of an object named by a notification; undefined when it was deleted since (610, object not found). */
async function unlessDeleted(
	fn: IExecuteFunctions,
	read: Promise<RawObject>,
): Promise<RawObject | undefined> {
	try {
		return await read;
	} catch (error) {
		if (quickBooksErrorCode(error) === '610') return undefined;
		throw new NodeApiError(fn.getNode(), error as JsonObject);
	}
}

/**
 * Verify and Expand Webhook: the raw body as received (the Webhook node's Raw Body option) is checked against
 * `intuit-signature` with the credential's verifier token; a body that does not verify is refused. Intuit
 * sends ids only, so each changed invoice is read (payments lead to the invoices they pay), and those open and
 * overdue, paid or voided come out, once per invoice however many events named it.
 */
export const execute = answers(async (ctx, item, itemIndex) => {
	const fn = ctx.fn;
	const timezone = ctx.timezoneOf(itemIndex);
	const minDaysOverdue = readMinDaysOverdue(itemParameter(fn, itemIndex));
	const property = stringParameter(fn, 'binaryProperty', itemIndex) || 'data';
	if (ctx.connection.verifierToken === '') {
		throw new NodeOperationError(
			fn.getNode(),
			'The QuickBooks credential has no Webhook Verifier Token',
			{
				itemIndex,
				description:
					'Copy the verifier token from the Webhooks page of your app in the Intuit developer portal into the credential.',
			},
		);
	}
	if (!item.binary?.[property]) {
		throw new NodeOperationError(
			fn.getNode(),
			`Refused: no raw body in the binary field "${property}"`,
			{
				itemIndex,
				description:
					'Intuit signs the exact bytes it sent, and a parsed body cannot be verified. In the Webhook node, add Options → Raw Body and keep the binary field name here in step.',
			},
		);
	}
	const rawBody = await fn.helpers.getBinaryDataBuffer(itemIndex, property);
	const signature = headerValue(item.json.headers, 'intuit-signature');
	if (!verifyIntuitSignature(rawBody, signature, ctx.connection.verifierToken)) {
		throw new NodeOperationError(
			fn.getNode(),
			signature === undefined
				? 'Refused: the request has no intuit-signature header'
				: 'Refused: the intuit-signature header does not match the body',
			{
				itemIndex,
				description:
					"Only notifications signed by Intuit with the credential's webhook verifier token are accepted.",
			},
		);
	}
	const changes = parseIntuitNotifications(rawBody).filter(
		(change) => change.realmId === ctx.connection.realmId,
	);
	const invoiceIds: string[] = [];
	const notified = new Map<string, IDataObject>();
	for (const change of changes) {
		if (change.entity === 'invoice' && change.operation !== 'delete') {
			invoiceIds.push(change.id);
			notified.set(change.id, { ...change });
		} else if (change.entity === 'payment' && change.operation !== 'delete') {
			const payment = await unlessDeleted(
				fn,
				fetchPayment(fn, ctx.connection, change.id, itemIndex),
			);
			if (!payment) continue;
			for (const id of invoiceIdsOfPayment(payment)) {
				invoiceIds.push(id);
				if (!notified.has(id)) notified.set(id, { ...change });
			}
		}
	}
	const cutoff = overdueCutoff(ctx.now, timezone, minDaysOverdue);
	const done: IDataObject[] = [];
	for (const id of new Set(invoiceIds)) {
		// One read per invoice, with its payment link (a query would leave InvoiceLink out).
		const raw = await unlessDeleted(fn, fetchInvoice(fn, ctx.connection, id, itemIndex));
		if (!raw) continue;
		const read = await expand(ctx, raw, timezone, itemIndex);
		const event = invoiceEvent(read.invoice, cutoff);
		if (!event) continue;
		done.push(
			invoiceItem({}, read, { notification: notified.get(read.invoice.id) ?? null }, event),
		);
	}
	return { done, notClaimed: [] };
});

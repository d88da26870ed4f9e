import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { showFor } from '../../../common/source-properties';
import { DONE, onInvoiceKey } from '../context';

export const description: INodeProperties[] = [
	{
		displayName: 'Limit',
		name: 'historyLimit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 1000,
		displayOptions: showFor(['history']),
		description: 'Max number of events to return for the invoice, oldest first',
	},
];

/**
 * The invoice's timeline (claimed, sent with recipient, channel and message digest, released, state changes),
 * oldest first, under `history`: the proof of what was sent and when.
 */
export const execute = onInvoiceKey(async ({ run, item, itemIndex, source, invoiceId }) => {
	const limit = Math.max(
		1,
		Math.trunc(Number(run.fn.getNodeParameter('historyLimit', itemIndex, 1000)) || 1),
	);
	const events = await run.ledger.history({ source, invoiceIds: [invoiceId], limit });
	return { output: DONE, json: { ...item.json, history: events as unknown as IDataObject[] } };
});

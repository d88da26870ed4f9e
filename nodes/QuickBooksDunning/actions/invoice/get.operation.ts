import type { INodeProperties } from 'n8n-workflow';

import { done, invoiceItem, onInvoice, readExpanded } from '../context';

export const description: INodeProperties[] = [];

/** A fresh read of the invoice, with its payment link and, if needed, its customer. */
export const execute = onInvoice(async ({ run, id, timezone, itemIndex }, item) =>
	done(invoiceItem(item.json, await readExpanded(run, id, timezone, itemIndex))),
);

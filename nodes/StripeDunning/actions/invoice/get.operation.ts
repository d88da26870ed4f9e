import type { INodeProperties } from 'n8n-workflow';

import { getInvoice } from '../../../services/stripe/invoices';
import { readsInvoice } from '../context';

export const description: INodeProperties[] = [];

/** A fresh read of the invoice, with its customer. */
export const execute = readsInvoice(({ fn, invoiceId, options }) =>
	getInvoice(fn, invoiceId, options),
);

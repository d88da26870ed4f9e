import type { INodeProperties } from 'n8n-workflow';

import { sendInvoiceEmail } from '../../../services/stripe/invoices';
import { readsInvoice } from '../context';

export const description: INodeProperties[] = [];

/** Stripe emails the invoice again (send_invoice invoices only), at most once per invoice and day. */
export const execute = readsInvoice(({ fn, invoiceId, options }) =>
	sendInvoiceEmail(fn, invoiceId, options.today, options),
);

import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	readOverdueListing,
	returnAllProperties,
	showFor,
} from '../../../common/source-properties';
import { listOverdue } from '../../../services/stripe/invoices';
import { stripeOverdueFilterProperties } from '../../../services/stripe/options';
import { DONE, invoiceItem, itemOptions, type StripeExecute } from '../context';

const show = showFor(['listOverdue']).show;

export const description: INodeProperties[] = [
	...stripeOverdueFilterProperties(show),
	...returnAllProperties(show),
];

/** One item per open send_invoice invoice in the window, with its window and days overdue. */
export const execute: StripeExecute = async (run, _item, itemIndex) => {
	const options = itemOptions(run, itemIndex);
	const { window, limit } = readOverdueListing(
		run.fn,
		itemIndex,
		run.fn.getNodeParameter('options', itemIndex, {}) as IDataObject,
	);
	const customerId = String(run.fn.getNodeParameter('customerId', itemIndex, '') ?? '').trim();
	const filter = { ...window, customerId };
	const listed = await listOverdue(run.fn, filter, run.nowMs, options.today, limit, options);
	return listed.map((entry) => ({
		output: DONE,
		json: invoiceItem({}, entry, { window: entry.window, daysOverdue: entry.daysOverdue }),
	}));
};

import type { INodeProperties } from 'n8n-workflow';

import { listedItems } from '../../../common/source-call';
import {
	listOverdueProperties,
	readCustomerOverdueListing,
} from '../../../common/source-properties';
import { listOverdue } from '../../../services/stripe/invoices';
import { stripeOverdueFilterProperties } from '../../../services/stripe/options';
import { itemOptions, type StripeExecute } from '../context';

export const description: INodeProperties[] = listOverdueProperties(stripeOverdueFilterProperties);

/** One item per open send_invoice invoice in the window, with its window and days overdue. */
export const execute: StripeExecute = async (run, _item, itemIndex) => {
	const options = itemOptions(run, itemIndex);
	const { filter, limit } = readCustomerOverdueListing(run.fn, itemIndex);
	return listedItems(await listOverdue(run.fn, filter, run.nowMs, options.today, limit, options));
};

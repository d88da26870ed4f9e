import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../common/per-item';
import {
	readDueWithinDays,
	readLimit,
	readMinDaysOverdue,
	returnAllProperties,
	showFor,
} from '../../../common/source-properties';
import { listOverdue } from '../../../services/stripe/invoices';
import { stripeOverdueFilterProperties } from '../../../services/stripe/options';
import { DONE, invoiceItem, itemOptions, type StripeRun } from '../context';

const show = showFor(['listOverdue']).show;

export const description: INodeProperties[] = [
	...stripeOverdueFilterProperties(show),
	...returnAllProperties(show),
];

/** One item per open send_invoice invoice in the window, with its window and days overdue. */
export async function execute(
	run: StripeRun,
	_item: INodeExecutionData,
	itemIndex: number,
): Promise<ItemResult> {
	const options = itemOptions(run, itemIndex);
	const parameter = (name: string, fallback: unknown) =>
		run.fn.getNodeParameter(name, itemIndex, fallback);
	const filter = {
		minDaysOverdue: readMinDaysOverdue(parameter),
		dueWithinDays: readDueWithinDays(parameter),
		customerId: String(parameter('customerId', '') ?? '').trim(),
	};
	const limit = readLimit(
		parameter,
		run.fn.getNodeParameter('options', itemIndex, {}) as IDataObject,
	);
	const listed = await listOverdue(run.fn, filter, run.nowMs, options.today, limit, options);
	return listed.map((entry) => ({
		output: DONE,
		json: invoiceItem({}, entry, { window: entry.window, daysOverdue: entry.daysOverdue }),
	}));
}

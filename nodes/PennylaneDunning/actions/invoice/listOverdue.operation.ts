import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../common/per-item';
import {
	readDueWithinDays,
	readLimit,
	readMinDaysOverdue,
	returnAllProperties,
	showFor,
} from '../../../common/source-properties';
import { listOverdue } from '../../../services/pennylane/invoices';
import { pennylaneOverdueFilterProperties } from '../../../services/pennylane/options';
import { invoiceItem, itemOptions, type PennylaneRun } from '../context';

const show = showFor(['listOverdue']).show;

export const description: INodeProperties[] = [
	...pennylaneOverdueFilterProperties(show),
	...returnAllProperties(show),
];

/**
 * One item per open invoice in the window, with its window and days overdue. `invoice.dunning` is empty:
 * Pennylane keeps no dunning state, the Dunning Ledger's Read State adds it.
 */
export async function execute(
	run: PennylaneRun,
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
	const listed = await listOverdue(run.fn, filter, options.today, limit, options, run.customers);
	return listed.map((entry) => ({
		output: 0,
		json: invoiceItem({}, entry, { window: entry.window, daysOverdue: entry.daysOverdue }),
	}));
}

import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../common/per-item';
import {
	readOverdueListing,
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
	const { window, limit } = readOverdueListing(
		run.fn,
		itemIndex,
		run.fn.getNodeParameter('options', itemIndex, {}) as IDataObject,
	);
	const customerId = String(run.fn.getNodeParameter('customerId', itemIndex, '') ?? '').trim();
	const filter = { ...window, customerId };
	const listed = await listOverdue(run.fn, filter, options.today, limit, options, run.customers);
	return listed.map((entry) => ({
		output: 0,
		json: invoiceItem({}, entry, { window: entry.window, daysOverdue: entry.daysOverdue }),
	}));
}

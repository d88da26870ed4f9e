import type { INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../common/per-item';
import { listedItems } from '../../../common/source-call';
import {
	listOverdueProperties,
	readCustomerOverdueListing,
} from '../../../common/source-properties';
import { listOverdue } from '../../../services/pennylane/invoices';
import { pennylaneOverdueFilterProperties } from '../../../services/pennylane/options';
import { itemOptions, type PennylaneRun } from '../context';

export const description: INodeProperties[] = listOverdueProperties(
	pennylaneOverdueFilterProperties,
);

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
	const { filter, limit } = readCustomerOverdueListing(run.fn, itemIndex);
	return listedItems(
		await listOverdue(run.fn, filter, options.today, limit, options, run.customers),
	);
}

import type { INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../common/per-item';
import type { LedgerRun } from '../context';
import { writeState } from './state-write';

export const description: INodeProperties[] = [];

export async function execute(
	run: LedgerRun,
	item: INodeExecutionData,
	itemIndex: number,
): Promise<ItemResult> {
	return await writeState(run, item, itemIndex, { disputed: false });
}

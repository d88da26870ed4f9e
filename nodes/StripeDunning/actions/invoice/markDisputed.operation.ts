import type { INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../common/per-item';
import { STRIPE_METADATA_KEYS } from '../../../shared/internal';
import type { StripeRun } from '../context';
import { writeDunningMetadata } from './state-write';

export const description: INodeProperties[] = [];

export async function execute(
	run: StripeRun,
	item: INodeExecutionData,
	itemIndex: number,
): Promise<ItemResult> {
	return await writeDunningMetadata(run, item, itemIndex, {
		[STRIPE_METADATA_KEYS.disputed]: 'true',
	});
}

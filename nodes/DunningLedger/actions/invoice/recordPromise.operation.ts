import type { INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../common/per-item';
import { showFor } from '../../../common/source-properties';
import { assertIsoDate } from '../../../shared/internal';
import type { LedgerRun } from '../context';
import { writeState } from './state-write';

export const description: INodeProperties[] = [
	{
		displayName: 'Promised On',
		name: 'promisedOn',
		type: 'string',
		default: '',
		placeholder: 'YYYY-MM-DD',
		displayOptions: showFor(['recordPromise']),
		description: 'The date the customer promised to pay by; empty clears the promise',
	},
];

export async function execute(
	run: LedgerRun,
	item: INodeExecutionData,
	itemIndex: number,
): Promise<ItemResult> {
	const raw = String(run.fn.getNodeParameter('promisedOn', itemIndex, '') ?? '').trim();
	const promisedOn = raw === '' ? null : assertIsoDate(raw.slice(0, 10), 'promisedOn');
	return await writeState(run, item, itemIndex, { promisedOn });
}

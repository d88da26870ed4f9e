import type { INodeProperties } from 'n8n-workflow';

import { showFor } from '../../../common/source-properties';
import { assertIsoDate } from '../../../shared/internal';
import { writesMetadata } from './state-write';

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

export const execute = writesMetadata((fn, itemIndex) => {
	const raw = String(fn.getNodeParameter('promisedOn', itemIndex, '') ?? '').trim();
	return { promisedOn: raw === '' ? '' : assertIsoDate(raw.slice(0, 10), 'promisedOn') };
});

import type { INodeProperties } from 'n8n-workflow';

import { showFor } from '../../../common/source-properties';
import { stringParameter } from '../context';
import { writesNote } from './state-write';

export const description: INodeProperties[] = [
	{
		displayName: 'Promised On',
		name: 'promisedOn',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2026-12-05',
		description: 'The date (YYYY-MM-DD) the customer promised to pay by; empty removes the promise',
		displayOptions: showFor(['recordPromise']),
	},
];

export const execute = writesNote('recordPromise', (fn, itemIndex) => {
	const promisedOn = stringParameter(fn, 'promisedOn', itemIndex);
	return { kind: 'promise', promisedOn: promisedOn === '' ? null : promisedOn.slice(0, 10) };
});

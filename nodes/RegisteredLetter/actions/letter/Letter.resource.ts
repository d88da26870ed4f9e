import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../common/per-item';
import * as getStatus from './getStatus.operation';
import * as send from './send.operation';

export interface LetterOperation {
	description: INodeProperties[];
	execute(fn: IExecuteFunctions, item: INodeExecutionData, itemIndex: number): Promise<ItemResult>;
}

export const operations: Record<string, LetterOperation> = { send, getStatus };

export const description: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Letter', value: 'letter' }],
		default: 'letter',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['letter'] } },
		options: [
			{
				name: 'Get Status',
				value: 'getStatus',
				description: 'Read a sending: its status and registered number',
				action: 'Get the status of a letter',
			},
			{
				name: 'Send',
				value: 'send',
				description: 'Post the PDF by registered mail, once per idempotency key',
				action: 'Send a registered letter',
			},
		],
		default: 'send',
	},
	...send.description,
	...getStatus.description,
];

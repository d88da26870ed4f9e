import type { INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../common/per-item';
import { requestTimeoutOption } from '../../../common/properties';
import { invoiceOperationOptions } from '../../../common/source-properties';
import { pennylaneTimeZoneOption } from '../../../services/pennylane/options';
import type { PennylaneRun } from '../context';
import * as get from './get.operation';
import * as listOverdue from './listOverdue.operation';

export interface PennylaneOperation {
	description: INodeProperties[];
	execute(run: PennylaneRun, item: INodeExecutionData, itemIndex: number): Promise<ItemResult>;
}

export const operations: Record<string, PennylaneOperation> = { get, listOverdue };

// The operations every source offers, by the same names; the state ones are the Dunning Ledger's here.
const OPERATION_OPTIONS = invoiceOperationOptions('Pennylane').filter(
	(option) => String(option.value) in operations,
);

export const description: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'Invoice', value: 'invoice' }],
		default: 'invoice',
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['invoice'] } },
		options: OPERATION_OPTIONS,
		default: 'listOverdue',
	},
	{
		displayName: 'Invoice ID',
		name: 'invoiceId',
		type: 'string',
		required: true,
		default: '={{ $json.invoice ? $json.invoice.id : $json.id }}',
		placeholder: 'e.g. 5012',
		displayOptions: { show: { resource: ['invoice'], operation: ['get'] } },
		description: 'The Pennylane customer invoice ID; by default the invoice of the incoming item',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['invoice'] } },
		options: [pennylaneTimeZoneOption, requestTimeoutOption('Pennylane')],
	},
];

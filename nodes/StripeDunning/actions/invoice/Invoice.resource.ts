import type { INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ItemResult } from '../../../common/per-item';
import { requestTimeoutOption, requestsAtOnceOption } from '../../../common/properties';
import { invoiceOperationOptions, legacyOptions } from '../../../common/source-properties';
import { STRIPE_REQUESTS_AT_ONCE } from '../../../services/stripe/limits';
import { stripeTimeZoneOption } from '../../../services/stripe/options';
import type { StripeRun } from '../context';
import * as claimStep from './claimStep.operation';
import * as get from './get.operation';
import * as listOverdue from './listOverdue.operation';
import * as markDisputed from './markDisputed.operation';
import * as markUndisputed from './markUndisputed.operation';
import * as pause from './pause.operation';
import * as recordPromise from './recordPromise.operation';
import * as releaseClaim from './releaseClaim.operation';
import * as resume from './resume.operation';
import * as sendInvoiceEmail from './sendInvoiceEmail.operation';

export interface StripeOperation {
	description: INodeProperties[];
	execute(run: StripeRun, item: INodeExecutionData, itemIndex: number): Promise<ItemResult>;
}

export const operations: Record<string, StripeOperation> = {
	claimStep,
	get,
	listOverdue,
	markDisputed,
	markUndisputed,
	pause,
	recordPromise,
	releaseClaim,
	resume,
	sendInvoiceEmail,
};

/** Operation values of older versions that saved workflows still carry, and the operation they run. */
export const OPERATION_ALIASES: Record<string, string> = { sendReminder: 'sendInvoiceEmail' };

export function resolveOperation(value: string): string {
	return OPERATION_ALIASES[value] ?? value;
}

// Named, not inline, for the n8n lint rules.
const OPERATION_OPTIONS = invoiceOperationOptions('Stripe');

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
		default: 'get',
	},
	{
		displayName: 'Invoice ID',
		name: 'invoiceId',
		type: 'string',
		required: true,
		default: '={{ $json.invoice ? $json.invoice.id : $json.id }}',
		placeholder: 'in_...',
		displayOptions: {
			show: {
				resource: ['invoice'],
				operation: [
					...Object.keys(operations).filter((operation) => operation !== 'listOverdue'),
					...Object.keys(OPERATION_ALIASES),
				],
			},
		},
		description: 'The Stripe invoice ID; by default the invoice of the incoming item',
	},
	...Object.values(operations).flatMap((operation) => operation.description),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: ['invoice'] } },
		options: [
			stripeTimeZoneOption,
			requestTimeoutOption('Stripe'),
			requestsAtOnceOption('Stripe', STRIPE_REQUESTS_AT_ONCE),
			legacyOptions.maxResults,
		],
	},
];

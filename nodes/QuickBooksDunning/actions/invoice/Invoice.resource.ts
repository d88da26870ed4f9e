import type { INodeProperties } from 'n8n-workflow';

import { requestTimeoutOption, requestsAtOnceOption } from '../../../common/properties';
import { invoiceOperationOptions, legacyOptions } from '../../../common/source-properties';
import { QUICKBOOKS_REQUESTS_AT_ONCE } from '../../../services/quickbooks/limits';
import {
	customerLookupOption,
	quickBooksTimeZoneOption,
} from '../../../services/quickbooks/options';
import type { Execute } from '../context';
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
import * as verifyWebhook from './verifyWebhook.operation';

export interface QuickBooksOperation {
	description: INodeProperties[];
	execute: Execute;
}

export const operations: Record<string, QuickBooksOperation> = {
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
	verifyWebhook,
};

/** Operation values of older versions that saved workflows still carry, and the operation they run. */
export const OPERATION_ALIASES: Record<string, string> = { sendEmail: 'sendInvoiceEmail' };

export function resolveOperation(value: string): string {
	return OPERATION_ALIASES[value] ?? value;
}

const ONE_INVOICE = [
	...Object.keys(operations).filter(
		(operation) => operation !== 'listOverdue' && operation !== 'verifyWebhook',
	),
	...Object.keys(OPERATION_ALIASES),
];

// The operations every source offers, plus QuickBooks' own (named, not inline, for the n8n lint rules).
const OPERATION_OPTIONS = [
	...invoiceOperationOptions('QuickBooks'),
	{
		name: 'Verify and Expand Webhook',
		value: 'verifyWebhook',
		action: 'Verify and expand a webhook',
		description:
			"After n8n's Webhook node (Raw Body on): check Intuit's signature, then read each changed invoice",
	},
];

export const description: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		default: 'invoice',
		options: [{ name: 'Invoice', value: 'invoice' }],
	},
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'get',
		displayOptions: { show: { resource: ['invoice'] } },
		options: OPERATION_OPTIONS,
	},
	{
		displayName: 'Invoice ID',
		name: 'invoiceId',
		type: 'string',
		required: true,
		default: '={{ $json.invoice ? $json.invoice.id : $json.Id }}',
		placeholder: 'e.g. 1042',
		description: 'The QuickBooks invoice ID (not the number customers see)',
		displayOptions: { show: { resource: ['invoice'], operation: ONE_INVOICE } },
	},
	...Object.values(operations).flatMap((operation) => operation.description),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			customerLookupOption('When to read the customer record of an invoice'),
			requestTimeoutOption('QuickBooks'),
			requestsAtOnceOption('QuickBooks', QUICKBOOKS_REQUESTS_AT_ONCE),
			quickBooksTimeZoneOption('"today" and the dates of claims are'),
			legacyOptions.timeoutMs,
		],
	},
];

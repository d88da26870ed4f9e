import type { INodeProperties } from 'n8n-workflow';

import { requestTimeoutOption, requestsAtOnceOption } from '../../../common/properties';
import type { Operations } from '../../../common/router';
import {
	invoiceOperationOptions,
	invoiceResourceProperties,
	legacyOptions,
} from '../../../common/source-properties';
import { QUICKBOOKS_REQUESTS_AT_ONCE } from '../../../services/quickbooks/limits';
import {
	customerLookupOption,
	quickBooksTimeZoneOption,
} from '../../../services/quickbooks/options';
import type { QuickBooksRun } from '../context';
import * as claimStep from './claimStep.operation';
import * as get from './get.operation';
import * as listOverdue from './listOverdue.operation';
import * as markDisputed from './markDisputed.operation';
import * as markUndisputed from './markUndisputed.operation';
import * as pause from './pause.operation';
import * as recordLetter from './recordLetter.operation';
import * as recordPromise from './recordPromise.operation';
import * as releaseClaim from './releaseClaim.operation';
import * as resume from './resume.operation';
import * as sendInvoiceEmail from './sendInvoiceEmail.operation';
import * as verifyWebhook from './verifyWebhook.operation';

export const invoiceOperations: Operations<QuickBooksRun> = {
	operations: {
		claimStep,
		get,
		listOverdue,
		markDisputed,
		markUndisputed,
		pause,
		recordLetter,
		recordPromise,
		releaseClaim,
		resume,
		sendInvoiceEmail,
		verifyWebhook,
	},
	aliases: { sendEmail: 'sendInvoiceEmail' },
};

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

export const description: INodeProperties[] = invoiceResourceProperties({
	...invoiceOperations,
	operationOptions: OPERATION_OPTIONS,
	listings: ['listOverdue', 'verifyWebhook'],
	invoiceId: {
		default: '={{ $json.invoice ? $json.invoice.id : $json.Id }}',
		placeholder: 'e.g. 1042',
		description: 'The QuickBooks invoice ID (not the number customers see)',
	},
	options: [
		customerLookupOption('When to read the customer record of an invoice'),
		requestTimeoutOption('QuickBooks'),
		requestsAtOnceOption('QuickBooks', QUICKBOOKS_REQUESTS_AT_ONCE),
		quickBooksTimeZoneOption('"today" and the dates of claims are'),
		legacyOptions.timeoutMs,
	],
});

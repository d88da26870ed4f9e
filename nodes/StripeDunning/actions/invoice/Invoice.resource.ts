import type { INodeProperties } from 'n8n-workflow';

import { requestTimeoutOption, requestsAtOnceOption } from '../../../common/properties';
import type { Operations } from '../../../common/router';
import {
	invoiceOperationOptions,
	invoiceResourceProperties,
	legacyOptions,
} from '../../../common/source-properties';
import { STRIPE_REQUESTS_AT_ONCE } from '../../../services/stripe/limits';
import { stripeTimeZoneOption } from '../../../services/stripe/options';
import type { StripeRun } from '../context';
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

export const invoiceOperations: Operations<StripeRun> = {
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
	},
	aliases: { sendReminder: 'sendInvoiceEmail' },
};

export const description: INodeProperties[] = invoiceResourceProperties({
	...invoiceOperations,
	operationOptions: invoiceOperationOptions('Stripe'),
	listings: ['listOverdue'],
	invoiceId: {
		default: '={{ $json.invoice ? $json.invoice.id : $json.id }}',
		placeholder: 'in_...',
		description: 'The Stripe invoice ID; by default the invoice of the incoming item',
	},
	options: [
		stripeTimeZoneOption,
		requestTimeoutOption('Stripe'),
		requestsAtOnceOption('Stripe', STRIPE_REQUESTS_AT_ONCE),
		legacyOptions.maxResults,
	],
});

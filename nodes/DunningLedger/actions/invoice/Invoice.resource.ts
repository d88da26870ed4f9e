import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { timeZoneOption } from '../../../common/properties';
import type { Operations } from '../../../common/router';
import {
	invoiceOperationOptions,
	invoiceResourceProperties,
} from '../../../common/source-properties';
import type { LedgerRun } from '../context';
import * as claimStep from './claimStep.operation';
import * as history from './history.operation';
import * as markDisputed from './markDisputed.operation';
import * as markSent from './markSent.operation';
import * as markUndisputed from './markUndisputed.operation';
import * as pause from './pause.operation';
import * as readState from './readState.operation';
import * as recordLetter from './recordLetter.operation';
import * as recordPromise from './recordPromise.operation';
import * as releaseClaim from './releaseClaim.operation';
import * as resume from './resume.operation';

export const invoiceOperations: Operations<LedgerRun> = {
	operations: {
		claimStep,
		history,
		markDisputed,
		markSent,
		markUndisputed,
		pause,
		readState,
		recordLetter,
		recordPromise,
		releaseClaim,
		resume,
	},
	aliases: {},
};

// The state operations every source offers, by the same names, and the ledger's own (by name, as n8n lists them).
const OPERATION_OPTIONS: INodePropertyOptions[] = [
	...invoiceOperationOptions('').filter((option) =>
		Object.hasOwn(invoiceOperations.operations, String(option.value)),
	),
	{
		name: 'History',
		value: 'history',
		action: 'Get the dunning history of an invoice',
		description: 'What was claimed, sent (to whom, how, message digest) and changed, oldest first',
	},
	{
		name: 'Mark Sent',
		value: 'markSent',
		action: 'Record the proof of a sent reminder',
		description:
			'After the send: when, to which address, through which channel, and the message digest',
	},
	{
		name: 'Read State',
		value: 'readState',
		action: 'Read the dunning state of an invoice',
		description:
			"Add the ledger's dunning state (sent steps, promise, dispute, pause) to the item's invoice",
	},
].sort((a, b) => a.name.localeCompare(b.name));

export const description: INodeProperties[] = invoiceResourceProperties({
	...invoiceOperations,
	operationOptions: OPERATION_OPTIONS,
	listings: [],
	defaultOperation: 'readState',
	keyProperties: [
		{
			displayName: 'Source',
			name: 'source',
			type: 'string',
			required: true,
			default: '={{ $json.invoice ? $json.invoice.source : "generic" }}',
			placeholder: 'e.g. pennylane',
			displayOptions: { show: { resource: ['invoice'] } },
			description:
				'Where the invoice comes from (pennylane, stripe, quickbooks, generic or your own name): IDs are unique per source',
		},
	],
	invoiceId: {
		default: '={{ $json.invoice ? $json.invoice.id : $json.id }}',
		description: 'The invoice ID at its source; by default the invoice of the incoming item',
	},
	options: [
		timeZoneOption(
			"IANA zone in which the day of the last send is taken (invoice.dunning.lastSentOn); empty: the workflow's",
		),
	],
});

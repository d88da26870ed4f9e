import type { INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { ItemResult } from '../../../common/per-item';
import { timeZoneOption } from '../../../common/properties';
import type { LedgerRun } from '../context';
import * as claimStep from './claimStep.operation';
import * as history from './history.operation';
import * as markDisputed from './markDisputed.operation';
import * as markSent from './markSent.operation';
import * as markUndisputed from './markUndisputed.operation';
import * as pause from './pause.operation';
import * as readState from './readState.operation';
import * as recordPromise from './recordPromise.operation';
import * as releaseClaim from './releaseClaim.operation';
import * as resume from './resume.operation';

export interface LedgerOperation {
	description: INodeProperties[];
	execute(run: LedgerRun, item: INodeExecutionData, itemIndex: number): Promise<ItemResult>;
}

export const operations: Record<string, LedgerOperation> = {
	claimStep,
	history,
	markDisputed,
	markSent,
	markUndisputed,
	pause,
	readState,
	recordPromise,
	releaseClaim,
	resume,
};

const OPERATION_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Claim Step',
		value: 'claimStep',
		action: 'Claim a reminder step for an invoice',
		description:
			'Record that a step is being sent, so that of two concurrent executions exactly one owns it',
	},
	{
		name: 'History',
		value: 'history',
		action: 'Get the dunning history of an invoice',
		description: 'What was claimed, sent (to whom, how, message digest) and changed, oldest first',
	},
	{ name: 'Mark Disputed', value: 'markDisputed', action: 'Mark an invoice as disputed' },
	{
		name: 'Mark Sent',
		value: 'markSent',
		action: 'Record the proof of a sent reminder',
		description:
			'After the send: when, to which address, through which channel, and the message digest',
	},
	{ name: 'Mark Undisputed', value: 'markUndisputed', action: 'Mark an invoice as undisputed' },
	{ name: 'Pause', value: 'pause', action: 'Pause reminders for an invoice' },
	{
		name: 'Read State',
		value: 'readState',
		action: 'Read the dunning state of an invoice',
		description:
			"Add the ledger's dunning state (sent steps, promise, dispute, pause) to the item's invoice",
	},
	{
		name: 'Record Promise',
		value: 'recordPromise',
		action: 'Record a payment promise',
		description: 'The customer promised to pay by a date: reminders wait until the day after it',
	},
	{
		name: 'Release Claim',
		value: 'releaseClaim',
		action: 'Release a claimed step whose message did not leave',
		description:
			'After a send failed before the mail server accepted the message, so the next run sends it',
	},
	{ name: 'Resume', value: 'resume', action: 'Resume reminders for an invoice' },
];

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
		default: 'readState',
	},
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
	{
		displayName: 'Invoice ID',
		name: 'invoiceId',
		type: 'string',
		required: true,
		default: '={{ $json.invoice ? $json.invoice.id : $json.id }}',
		displayOptions: { show: { resource: ['invoice'] } },
		description: 'The invoice ID at its source; by default the invoice of the incoming item',
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
			timeZoneOption(
				"IANA zone in which the day of the last send is taken (invoice.dunning.lastSentOn); empty: the workflow's",
			),
		],
	},
];

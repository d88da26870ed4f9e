import type { INodeProperties } from 'n8n-workflow';

import { showFor } from '../../../common/source-properties';
import { DunningInputError } from '../../../shared/internal';
import { DONE, onInvoiceKey, stepIdOf } from '../context';

const show = showFor(['markSent']);

export const description: INodeProperties[] = [
	{
		displayName: 'Step ID',
		name: 'stepId',
		type: 'string',
		required: true,
		default: '={{ $json.claim ? $json.claim.stepId : "" }}',
		placeholder: 'd7',
		displayOptions: show,
		description: 'The step that was sent; by default the one Claim Step claimed for this item',
	},
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'string',
		default: 'email',
		displayOptions: show,
		description: 'How it was sent: email, sms, letter…',
	},
	{
		displayName: 'Recipient',
		name: 'address',
		type: 'string',
		default:
			'={{ $json.reminder ? $json.reminder.to : ($json.invoice ? $json.invoice.customer.email : "") }}',
		displayOptions: show,
		description: 'The address it was sent to (email address, phone number, postal address)',
	},
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '={{ $json.reminder ? $json.reminder.subject + "\\n\\n" + $json.reminder.text : "" }}',
		displayOptions: show,
		description: 'The exact content sent: its SHA-256 is kept as proof',
	},
	{
		displayName: 'Keep Message',
		name: 'keepMessage',
		type: 'boolean',
		default: false,
		displayOptions: show,
		description: 'Whether to store the message itself too, not only its digest',
	},
	{
		displayName: 'Claim Mark',
		name: 'claimMark',
		type: 'string',
		default: '={{ $json.claim && $json.claim.token ? $json.claim.token : "" }}',
		displayOptions: show,
		description:
			'The mark (claim.token) Claim Step returned; empty: this execution. Only the claiming execution can mark a step sent.',
	},
];

/** Records the proof of a sent step: when, to whom, through which channel, and the message's digest. */
export const execute = onInvoiceKey(async ({ run, item, itemIndex, source, invoiceId }) => {
	const stepId = stepIdOf(run, itemIndex);
	const parameter = (name: string) => {
		const value = run.fn.getNodeParameter(name, itemIndex, '') as unknown;
		return value === null || value === undefined ? '' : String(value);
	};
	const message = parameter('message');
	if (message === '')
		throw new DunningInputError('message', 'is empty: the proof needs the content sent');
	const channel = parameter('channel').trim() || 'email';
	const address = parameter('address').trim();
	const record = await run.ledger.markSent(
		{ source, invoiceId, stepId },
		{
			executionId: parameter('claimMark').trim() || run.executionId,
			channel,
			address: address === '' ? null : address,
			message,
			keepMessage: run.fn.getNodeParameter('keepMessage', itemIndex, false) === true,
		},
	);
	return { output: DONE, json: { ...item.json, sent: record } };
});

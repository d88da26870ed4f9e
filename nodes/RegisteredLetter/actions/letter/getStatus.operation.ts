import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { ItemResult } from '../../../common/per-item';
import { letterStatus } from '../../../services/maileva/sendings';
import { DunningInputError } from '../../../shared/internal';

export const description: INodeProperties[] = [
	{
		displayName: 'Sending ID',
		name: 'sendingId',
		type: 'string',
		required: true,
		default: '={{ $json.letter?.sendingId }}',
		description: 'The Maileva sending the Send operation recorded',
		displayOptions: { show: { resource: ['letter'], operation: ['getStatus'] } },
	},
];

/** The sending's status and the registered number (La Poste's tracking id), read afresh. */
export async function execute(
	fn: IExecuteFunctions,
	item: INodeExecutionData,
	itemIndex: number,
): Promise<ItemResult> {
	const sendingId = fn.getNodeParameter('sendingId', itemIndex, '') as unknown;
	if (typeof sendingId !== 'string' || sendingId.trim() === '') {
		throw new DunningInputError(
			'sendingId',
			'empty: give the sending id the Send operation recorded',
		);
	}
	const previous = (
		typeof item.json.letter === 'object' && item.json.letter !== null ? item.json.letter : {}
	) as IDataObject;
	const letter = await letterStatus(fn, sendingId.trim());
	return { output: 0, json: { ...item.json, letter: { ...previous, ...letter } } };
}

import { isDataObject } from '../../../common/invoice-input';
import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { assertApprovedIfRequired } from '../../../common/approval';
import { jsonParameterValue } from '../../../common/parameters';
import type { ItemResult } from '../../../common/per-item';
import { recipientLinesOf } from '../../../services/maileva/recipient';
import { postLetterOnce } from '../../../services/maileva/sendings';
import { readPostalAddress, type PostalAddress } from '../../../shared/internal';

const show = { show: { resource: ['letter'], operation: ['send'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Binary Property',
		name: 'binaryPropertyName',
		type: 'string',
		required: true,
		default: 'letter',
		description: 'The binary property of the item that holds the PDF letter',
		displayOptions: show,
	},
	{
		displayName: 'Idempotency Key',
		name: 'idempotencyKey',
		type: 'string',
		required: true,
		default:
			'={{ $json.letter?.idempotencyKey ?? $json.reminder?.idempotencyKey ?? $json.idempotencyKey }}',
		description:
			'One key per letter (the composer gives &lt;source&gt;:&lt;invoice&gt;:&lt;step&gt;): a second run with the same key posts nothing and returns the letter already posted',
		displayOptions: show,
	},
	{
		displayName: 'Recipient Name',
		name: 'recipientName',
		type: 'string',
		default: '={{ $json.invoice?.customer?.name }}',
		description: 'First line of the address (at most 38 characters)',
		displayOptions: show,
	},
	{
		displayName: 'Recipient Address',
		name: 'recipientAddress',
		type: 'json',
		default: '={{ $json.invoice?.customer?.address }}',
		description:
			'A postal address `{ lines, postalCode, city, country }` as the invoice sources give it; lines of at most 38 characters',
		displayOptions: show,
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'Acknowledgement of Receipt',
				name: 'acknowledgementOfReceipt',
				type: 'boolean',
				default: true,
				description:
					'Whether La Poste returns the signed receipt (LRAR); off: registered letter without it',
			},
			{
				displayName: 'Sending Name',
				name: 'sendingName',
				type: 'string',
				default: '',
				description: 'How the sending is named in Maileva; default: the PDF file name',
			},
		],
	},
];

/** The address parameter (an object, or JSON text) as the core's PostalAddress; null when there is none. */
function addressOf(value: unknown): PostalAddress | null {
	const field = 'invoice.customer.address';
	return readPostalAddress(jsonParameterValue(value, field), field);
}

/**
 * Posts the item's PDF by registered mail, once per idempotency key (nodes/services/maileva/sendings.ts). A
 * step that requires approval is refused without one, as the claim refuses it.
 */
export async function execute(
	fn: IExecuteFunctions,
	item: INodeExecutionData,
	itemIndex: number,
): Promise<ItemResult> {
	const step = isDataObject(item.json.step) ? item.json.step : null;
	assertApprovedIfRequired(item.json, typeof step?.id === 'string' ? step.id : '');
	const key = fn.getNodeParameter('idempotencyKey', itemIndex, '') as unknown;
	if (typeof key !== 'string' || key.trim() === '') {
		throw new NodeOperationError(
			fn.getNode(),
			`Item ${itemIndex}: the field "idempotencyKey" is empty: give each letter a key (the composer writes letter.idempotencyKey), so a retried run does not post it again`,
			{ itemIndex },
		);
	}
	const property = fn.getNodeParameter('binaryPropertyName', itemIndex) as string;
	if (!item.binary?.[property]) {
		throw new NodeOperationError(
			fn.getNode(),
			`Item ${itemIndex}: no binary property "${property}" holding the PDF letter`,
			{
				itemIndex,
				description: 'Set "Binary Property" to the property the Reminder Composer wrote.',
			},
		);
	}
	const binary = fn.helpers.assertBinaryData(itemIndex, property);
	const pdf = await fn.helpers.getBinaryDataBuffer(itemIndex, property);
	if (!pdf.subarray(0, 5).equals(Buffer.from('%PDF-'))) {
		throw new NodeOperationError(
			fn.getNode(),
			`Item ${itemIndex}: the binary property "${property}" is not a PDF`,
			{ itemIndex },
		);
	}
	const name = fn.getNodeParameter('recipientName', itemIndex, '') as unknown;
	const recipient = recipientLinesOf(
		typeof name === 'string' ? name : null,
		addressOf(fn.getNodeParameter('recipientAddress', itemIndex, null)),
		'invoice.customer.address',
		'invoice.customer.name',
	);
	const options = fn.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const fileName = binary.fileName ?? 'letter.pdf';
	const letter = await postLetterOnce(fn, {
		idempotencyKey: key,
		name: (typeof options.sendingName === 'string' && options.sendingName) || fileName,
		pdf,
		fileName,
		recipient,
		acknowledgementOfReceipt: options.acknowledgementOfReceipt !== false,
	});
	const previous = isDataObject(item.json.letter) ? item.json.letter : {};
	return {
		output: 0,
		json: { ...item.json, letter: { ...previous, ...letter, idempotencyKey: key } },
		binary: item.binary,
	};
}

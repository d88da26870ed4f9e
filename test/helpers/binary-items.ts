// A harness node for items with binary data, for `runWorkflow` (test/helpers/run-workflow.ts supports no
// binary data service): `test.binaryItems` emits its `items` parameter (JSON text), and each item's
// `binary` entries `{ data: base64, mimeType, fileName }` are kept in memory, as n8n keeps binary data
// without an id; `this.helpers.getBinaryDataBuffer` then reads them from the item.
import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

export const BINARY_ITEMS_TYPE = 'test.binaryItems';

class BinaryItemsSource implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Binary Items',
		name: 'binaryItems',
		group: ['transform'],
		version: 1,
		description: 'Emits JSON items with in-memory binary data',
		defaults: { name: 'Binary Items' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string;
		const items = JSON.parse(raw) as { json: IDataObject; binary?: IBinaryKeyData }[];
		return [items.map((item) => ({ ...item, pairedItem: { item: 0 } }))];
	}
}

export const binaryItemsNodeType = { [BINARY_ITEMS_TYPE]: new BinaryItemsSource() };

/** An in-memory binary entry for `test.binaryItems`. */
export function binaryEntry(bytes: Buffer | Uint8Array, fileName: string, mimeType: string) {
	return {
		data: Buffer.from(bytes).toString('base64'),
		mimeType,
		fileName,
		fileExtension: fileName.split('.').pop(),
	};
}

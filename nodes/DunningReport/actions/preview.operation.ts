import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { invoiceForOutput } from '../../common/invoice-input';
import { readScenario } from '../../common/scenario-parameters';
import { previewRun, renderPreviewHtml, type Invoice } from '../../shared/internal';
import { allItems, readBook } from './book';

export const OPERATION = 'preview';

export const description: INodeProperties[] = [
	{
		displayName: 'Options',
		name: 'previewOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { operation: [OPERATION] } },
		options: [
			{
				displayName: 'Now',
				name: 'now',
				type: 'string',
				default: '',
				placeholder: 'e.g. 2026-11-26T09:00:00Z or 2026-11-26',
				description: 'Preview the run at this instant or date. Empty: the current time.',
			},
		],
	},
];

/** Preview: what a run would send now (JSON, HTML) on Summary, one item per planned message on Items. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const scenario = readScenario(this, 0);
	const book = await readBook(this, scenario.timezone, false);
	const options = this.getNodeParameter('previewOptions', 0, {}) as { now?: string };
	const now = options.now?.trim() || new Date();
	const { preview } = previewRun(book.invoices, scenario, now);
	const planned = preview.planned.map((entry) => {
		const { invoice, itemIndex } = book.source(entry);
		return {
			json: {
				...items[itemIndex].json,
				invoice: invoiceForOutput(invoice as Invoice),
				preview: { ...entry },
			},
			pairedItem: { item: itemIndex },
		};
	});
	// Summary, then Items: the planned messages, then the items that could not be read.
	return [
		[
			{
				json: {
					preview: preview as unknown as IDataObject,
					html: renderPreviewHtml(preview),
					errors: book.errors,
				},
				pairedItem: allItems(this),
			},
		],
		[...planned, ...book.failed],
	];
}

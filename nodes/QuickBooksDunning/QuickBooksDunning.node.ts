import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { failedItem, itemError } from '../common/item-errors';
import { quickBooksDunningProperties, type QuickBooksOperation } from './description';
import { perItemParameters } from '../common/parameters';
import { customerLookup } from './api';
import { readOptions, runOperation, timezoneOf, type OperationContext } from './operations';
import { QUICKBOOKS_CREDENTIAL, quickBooksConnection } from './transport';

const DONE = 0;
const NOT_CLAIMED = 1;

export class QuickBooksDunning implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'QuickBooks Dunning',
		name: 'quickBooksDunning',
		icon: { light: 'file:quickBooksDunning.svg', dark: 'file:quickBooksDunning.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] }}',
		description:
			'Read overdue QuickBooks Online invoices, claim reminder steps safely and record promises, disputes and pauses in the invoice',
		defaults: { name: 'QuickBooks Dunning' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Done', 'Not Claimed'],
		usableAsTool: true,
		credentials: [{ name: QUICKBOOKS_CREDENTIAL, required: true }],
		properties: quickBooksDunningProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const outputs: INodeExecutionData[][] = [[], []];
		const options = readOptions(this, 0);
		const connection = await quickBooksConnection(this, { timeoutMs: options.timeoutMs });
		const ctx: OperationContext = {
			fn: this,
			connection,
			// One clock for the whole run: every item is judged on the same "today".
			now: Date.now(),
			customerOf: customerLookup(this, connection, options.customerLookup),
			timezoneOf: perItemParameters(this, ['options'], (itemIndex) => timezoneOf(this, itemIndex)),
		};

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const operation = this.getNodeParameter('operation', itemIndex) as QuickBooksOperation;
				const result = await runOperation(ctx, operation, items[itemIndex], itemIndex);
				const pairedItem = { item: itemIndex };
				for (const json of result.done) outputs[DONE].push({ json, pairedItem });
				for (const json of result.notClaimed) outputs[NOT_CLAIMED].push({ json, pairedItem });
			} catch (error) {
				const failure = itemError(this, error, itemIndex);
				if (!this.continueOnFail()) throw failure;
				// Never on Done, which leads to sending: a failed item waits on Not Claimed.
				outputs[NOT_CLAIMED].push(failedItem(this, items[itemIndex], failure, itemIndex));
			}
		}
		return outputs;
	}
}

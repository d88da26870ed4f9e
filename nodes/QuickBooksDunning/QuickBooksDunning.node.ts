import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { QUICKBOOKS_CREDENTIAL } from '../services/quickbooks/transport';
import { description } from './actions/invoice/Invoice.resource';
import { router } from './actions/router';

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
		properties: description,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

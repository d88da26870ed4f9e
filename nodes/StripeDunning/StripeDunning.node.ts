import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { STRIPE_CREDENTIAL } from '../services/stripe/transport';
import { description } from './actions/invoice/Invoice.resource';
import { router } from './actions/router';

export class StripeDunning implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stripe Dunning',
		name: 'stripeDunning',
		icon: { light: 'file:stripeDunning.svg', dark: 'file:stripeDunning.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] }}',
		description:
			'Read Stripe invoices afresh, list overdue ones, claim a reminder step exactly once, record promises, disputes and pauses',
		defaults: { name: 'Stripe Dunning' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Done', 'Not Claimed'],
		usableAsTool: true,
		credentials: [{ name: STRIPE_CREDENTIAL, required: true }],
		properties: description,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

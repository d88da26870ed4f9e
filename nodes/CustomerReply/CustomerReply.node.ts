import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { description as classifyDescription } from './actions/classify.operation';
import { OUTPUT_NAMES } from './actions/outputs';
import { router } from './actions/router';

export class CustomerReply implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Customer Reply',
		name: 'customerReply',
		icon: { light: 'file:customerReply.svg', dark: 'file:customerReply.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] }}',
		description:
			"Read customers' replies to reminders: payment promises with their date, disputes, payment claims, out-of-office",
		defaults: { name: 'Customer Reply' },
		inputs: [NodeConnectionTypes.Main],
		outputs: OUTPUT_NAMES.map(() => NodeConnectionTypes.Main),
		outputNames: OUTPUT_NAMES,
		usableAsTool: true,
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				default: 'classify',
				options: [
					{
						name: 'Classify',
						value: 'classify',
						action: 'Classify a reply',
						description:
							'Decide whether a reply promises, disputes, claims a payment, asks for a plan or is automatic',
					},
				],
			},
			...classifyDescription,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

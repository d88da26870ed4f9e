import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as calculate from './actions/calculate.operation';
import { router } from './actions/router';
import { operationProperty } from './description';

export class LatePaymentPenalty implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Late Payment Penalty',
		name: 'latePaymentPenalty',
		icon: { light: 'file:latePaymentPenalty.svg', dark: 'file:latePaymentPenalty.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ "Rule: " + $parameter["rule"] }}',
		description:
			'Compute statutory late-payment interest and recovery compensation (FR, EU, DE, UK or custom), exact to the cent and the day',
		defaults: { name: 'Late Payment Penalty' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		properties: [operationProperty, ...calculate.description],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

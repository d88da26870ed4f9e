import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as evaluate from './actions/evaluate.operation';
import { router } from './actions/router';

export class DunningScenario implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Dunning Scenario',
		name: 'dunningScenario',
		icon: { light: 'file:dunningScenario.svg', dark: 'file:dunningScenario.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["scenario"] }}',
		description:
			'Decide for each unpaid invoice which reminder step is due today (J+7, J+14, J+21...) or why none is',
		defaults: { name: 'Dunning Scenario' },
		inputs: [NodeConnectionTypes.Main],
		outputs: evaluate.OUTPUT_NAMES.map(() => NodeConnectionTypes.Main),
		outputNames: evaluate.OUTPUT_NAMES,
		usableAsTool: true,
		properties: evaluate.description,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

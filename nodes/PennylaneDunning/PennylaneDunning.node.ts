import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	pennylaneAuthenticationProperty,
	pennylaneCredentials,
} from '../services/pennylane/options';
import { description } from './actions/invoice/Invoice.resource';
import { router } from './actions/router';

export class PennylaneDunning implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Pennylane Dunning',
		name: 'pennylaneDunning',
		icon: { light: 'file:pennylaneDunning.svg', dark: 'file:pennylaneDunning.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] }}',
		description:
			'Read Pennylane customer invoices afresh and list overdue ones, normalised for the dunning nodes (state lives in the Dunning Ledger)',
		defaults: { name: 'Pennylane Dunning' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: pennylaneCredentials,
		properties: [pennylaneAuthenticationProperty, ...description],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

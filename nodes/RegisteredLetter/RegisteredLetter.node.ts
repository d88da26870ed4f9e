import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { MAILEVA_CREDENTIAL } from '../services/maileva/transport';
import { description } from './actions/letter/Letter.resource';
import { router } from './actions/router';

export class RegisteredLetter implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Registered Letter',
		name: 'registeredLetter',
		icon: { light: 'file:registeredLetter.svg', dark: 'file:registeredLetter.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{ $parameter["operation"] }}',
		description:
			'Post a PDF letter by registered mail with acknowledgement of receipt (La Poste LRAR through Maileva), once per letter',
		defaults: { name: 'Registered Letter' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: MAILEVA_CREDENTIAL, required: true }],
		properties: description,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

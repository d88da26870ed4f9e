import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as compose from './actions/compose.operation';
import { router } from './actions/router';

export class ReminderComposer implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Reminder Composer',
		name: 'reminderComposer',
		icon: { light: 'file:reminderComposer.svg', dark: 'file:reminderComposer.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ $parameter["mode"] === "customer" ? "One message per customer" : "One message per invoice" }}',
		description:
			'Write the reminder email of each unpaid invoice or customer: subject, text and HTML, by step, tone and language, ready for Send Email, Gmail or Outlook',
		defaults: { name: 'Reminder Composer' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		properties: compose.description,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

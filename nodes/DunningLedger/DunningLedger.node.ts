import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ledgerCredentialTest } from '../services/ledger/connection';
import { description } from './actions/invoice/Invoice.resource';
import { router } from './actions/router';

export class DunningLedger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Dunning Ledger',
		name: 'dunningLedger',
		icon: { light: 'file:dunningLedger.svg', dark: 'file:dunningLedger.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] }}',
		description:
			'Keep the dunning state of invoices from any source in PostgreSQL: claim each reminder step exactly once, record proof of what was sent',
		defaults: { name: 'Dunning Ledger' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Done', 'Not Claimed'],
		usableAsTool: true,
		// The name is written out (it is LEDGER_CREDENTIAL): the lint rule pairing credentials with their test reads literals.
		credentials: [
			{ name: 'dunningLedgerPostgresApi', required: true, testedBy: 'dunningLedgerConnectionTest' },
		],
		properties: description,
	};

	methods = { credentialTest: { dunningLedgerConnectionTest: ledgerCredentialTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

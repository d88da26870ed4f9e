import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ledgerCredentialTest } from '../services/ledger/connection';
import { OUTPUT_NAMES } from './actions/book';
import * as buildReport from './actions/build-report.operation';
import * as preview from './actions/preview.operation';
import { router } from './actions/router';
import * as simulatePolicy from './actions/simulate-policy.operation';
import { dunningReportProperties } from './description';

export class DunningReport implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Dunning Report',
		name: 'dunningReport',
		icon: { light: 'file:dunningReport.svg', dark: 'file:dunningReport.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ {"buildReport": "Report", "simulatePolicy": "Simulate " + $parameter["scenario"], "preview": "Preview " + $parameter["scenario"]}[$parameter["operation"]] }}',
		description:
			'Aging, DSO and recovery KPIs with a prioritised worklist; replay a scenario over past invoices; preview today’s run',
		defaults: { name: 'Dunning Report' },
		inputs: [NodeConnectionTypes.Main],
		outputs: OUTPUT_NAMES.map(() => NodeConnectionTypes.Main),
		outputNames: OUTPUT_NAMES,
		usableAsTool: true,
		// Only for History From: Dunning Ledger.
		credentials: [
			{
				name: 'dunningLedgerPostgresApi',
				required: true,
				testedBy: 'dunningLedgerConnectionTest',
				displayOptions: { show: { operation: ['buildReport'], historyFrom: ['ledger'] } },
			},
		],
		properties: [
			...dunningReportProperties,
			...buildReport.description,
			...simulatePolicy.description,
			...preview.description,
		],
	};

	methods = { credentialTest: { dunningLedgerConnectionTest: ledgerCredentialTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}

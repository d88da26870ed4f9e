import type { INodeProperties } from 'n8n-workflow';

import { requestTimeoutOption, requestsAtOnceOption } from '../../../common/properties';
import type { Operations } from '../../../common/router';
import {
	invoiceOperationOptions,
	invoiceResourceProperties,
} from '../../../common/source-properties';
import { PENNYLANE_REQUESTS_AT_ONCE } from '../../../services/pennylane/limits';
import { pennylaneTimeZoneOption } from '../../../services/pennylane/options';
import type { PennylaneRun } from '../context';
import * as get from './get.operation';
import * as listOverdue from './listOverdue.operation';

export const invoiceOperations: Operations<PennylaneRun> = {
	operations: { get, listOverdue },
	aliases: {},
};

// The operations every source offers, by the same names; the state ones are the Dunning Ledger's here.
const OPERATION_OPTIONS = invoiceOperationOptions('Pennylane').filter((option) =>
	Object.hasOwn(invoiceOperations.operations, String(option.value)),
);

export const description: INodeProperties[] = invoiceResourceProperties({
	...invoiceOperations,
	operationOptions: OPERATION_OPTIONS,
	listings: ['listOverdue'],
	defaultOperation: 'listOverdue',
	invoiceId: {
		default: '={{ $json.invoice ? $json.invoice.id : $json.id }}',
		placeholder: 'e.g. 5012',
		description: 'The Pennylane customer invoice ID; by default the invoice of the incoming item',
	},
	options: [
		pennylaneTimeZoneOption,
		requestTimeoutOption('Pennylane'),
		requestsAtOnceOption('Pennylane', PENNYLANE_REQUESTS_AT_ONCE),
	],
});

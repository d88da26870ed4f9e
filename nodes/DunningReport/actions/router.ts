import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { wholeRunError } from './book';
import * as buildReport from './build-report.operation';
import * as preview from './preview.operation';
import * as simulatePolicy from './simulate-policy.operation';

/** Dispatches on the operation, one file per operation; every error is the whole run's (see wholeRunError). */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	try {
		switch (operation) {
			case buildReport.OPERATION:
				return await buildReport.execute.call(this);
			case simulatePolicy.OPERATION:
				return await simulatePolicy.execute.call(this);
			case preview.OPERATION:
				return await preview.execute.call(this);
			default:
				throw new NodeOperationError(
					this.getNode(),
					`"${operation}" is not an operation of this node`,
				);
		}
	} catch (error) {
		throw wholeRunError(this, error);
	}
}

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as evaluate from './evaluate.operation';

/**
 * Dispatches on the operation, one file per operation. Dunning Scenario has one (Evaluate) and no Operation
 * parameter, so the default names it; a second operation adds the parameter with this default.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0, 'evaluate') as string;
	switch (operation) {
		case 'evaluate':
			return await evaluate.execute.call(this);
		default:
			throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`);
	}
}

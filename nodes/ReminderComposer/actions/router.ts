import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as compose from './compose.operation';

/** Dispatches on the operation, one file per operation (`actions/<operation>.operation.ts`). */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	// One operation and no Operation parameter: a second operation adds the parameter with this default.
	const operation = this.getNodeParameter('operation', 0, compose.OPERATION) as string;
	switch (operation) {
		case compose.OPERATION:
			return await compose.execute.call(this);
		default:
			throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported`);
	}
}

import type { INodeParameters } from 'n8n-workflow';

import type { WorkflowJson } from './run-workflow';

export interface NodeUnderTest {
	/** The node's name in the workflow (what `outputOf` takes). */
	name: string;
	/** Its full type, e.g. `n8n-nodes-dunning.dunningScenario`. */
	type: string;
	parameters: Record<string, unknown>;
	/** Node settings such as `onError: 'continueErrorOutput'`. */
	settings?: Record<string, unknown>;
}

/** Manual Trigger → items (the harness's `test.items`) → the node under test, as a user wires it. */
export function itemsIntoNode(items: unknown[], node: NodeUnderTest): WorkflowJson {
	return {
		nodes: [
			{
				id: '1',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: '2',
				name: 'Invoices',
				type: 'test.items',
				typeVersion: 1,
				position: [200, 0],
				parameters: { items: JSON.stringify(items) },
			},
			{
				id: '3',
				name: node.name,
				type: node.type,
				typeVersion: 1,
				position: [400, 0],
				parameters: node.parameters as INodeParameters,
				...node.settings,
			},
		],
		connections: {
			Start: { main: [[{ node: 'Invoices', type: 'main', index: 0 }]] },
			Invoices: { main: [[{ node: node.name, type: 'main', index: 0 }]] },
		},
	};
}

import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { readScenario } from '../../common/scenario-parameters';
import { renderSimulationHtml, simulatePolicy, simulationToCsv } from '../../shared/internal';
import { ITEMS, SUMMARY, allItems, readBook } from './book';

export const OPERATION = 'simulatePolicy';

export const description: INodeProperties[] = [
	{
		displayName: 'From',
		name: 'from',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 2026-07-01',
		displayOptions: { show: { operation: [OPERATION] } },
		description: 'First day of the replay (YYYY-MM-DD)',
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 2026-09-30',
		displayOptions: { show: { operation: [OPERATION] } },
		description: 'Last day of the replay (YYYY-MM-DD), at most two years after From',
	},
	{
		displayName: 'Output Calendar Items',
		name: 'outputEvents',
		type: 'boolean',
		default: false,
		displayOptions: { show: { operation: [OPERATION] } },
		description:
			'Whether to also output one item per simulated send, escalation or stop on the Items output',
	},
	{
		displayName: 'Options',
		name: 'simulationOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { operation: [OPERATION] } },
		options: [
			{
				displayName: 'Max Messages per Customer per Week',
				name: 'maxContactsPerWeek',
				type: 'number',
				default: 2,
				typeOptions: { minValue: 0 },
				description:
					'Customers sent more reminders than this in one Monday-to-Sunday week are listed',
			},
			{
				displayName: 'Put CSV in Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
				description: 'Binary field of the summary item that holds the calendar as CSV',
			},
			{
				displayName: 'Start Fresh',
				name: 'startFresh',
				type: 'boolean',
				default: true,
				description:
					'Whether to ignore the steps already recorded on the invoices, as if the scenario started on From',
			},
		],
	},
];

interface SimulationOptionsParameter {
	maxContactsPerWeek?: number;
	binaryPropertyName?: string;
	startFresh?: boolean;
}

/** Simulate Policy: the replay (JSON, HTML, CSV) on Summary, optionally one item per event on Items. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const scenario = readScenario(this, 0);
	const book = await readBook(this, scenario.timezone, false);
	const options = this.getNodeParameter('simulationOptions', 0, {}) as SimulationOptionsParameter;
	const simulation = simulatePolicy(book.invoices, scenario, {
		from: (this.getNodeParameter('from', 0) as string).trim(),
		to: (this.getNodeParameter('to', 0) as string).trim(),
		maxContactsPerWeek: options.maxContactsPerWeek,
		startFresh: options.startFresh,
	});
	const csv = await this.helpers.prepareBinaryData(
		Buffer.from(simulationToCsv(simulation), 'utf8'),
		`dunning-simulation-${simulation.scenarioId}-${simulation.from}-${simulation.to}.csv`,
		'text/csv',
	);
	const outputs: INodeExecutionData[][] = [[], []];
	outputs[SUMMARY].push({
		json: {
			simulation: simulation as unknown as IDataObject,
			html: renderSimulationHtml(simulation),
			errors: book.errors,
		},
		binary: { [options.binaryPropertyName?.trim() || 'data']: csv },
		pairedItem: allItems(this),
	});
	if (this.getNodeParameter('outputEvents', 0, false) as boolean) {
		outputs[ITEMS].push(
			...simulation.calendar.flatMap((day) =>
				day.events.map((event) => ({
					json: { date: day.date, ...event } as IDataObject,
					pairedItem: { item: book.source(event).itemIndex },
				})),
			),
		);
	}
	outputs[ITEMS].push(...book.failed);
	return outputs;
}

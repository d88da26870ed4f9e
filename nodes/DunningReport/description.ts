import type { INodeProperties } from 'n8n-workflow';

import { invoiceInputProperties } from '../common/invoice-input';
import { timeZoneOption } from '../common/properties';
import { scenarioChoices, scenarioJsonProperty } from '../common/scenario-parameters';

const BUILD_REPORT = 'buildReport';
const SIMULATE_POLICY = 'simulatePolicy';
const PREVIEW = 'preview';
const scenarioOptions = scenarioChoices({
	custom: false,
	jsonDescription: 'A whole scenario object, e.g. the one your Dunning Scenario node uses',
});

const scenarioProperties: INodeProperties[] = [
	{
		displayName: 'Scenario',
		name: 'scenario',
		type: 'options',
		default: 'classic-7-14-21',
		displayOptions: { show: { operation: [SIMULATE_POLICY, PREVIEW] } },
		options: scenarioOptions,
		description: 'The scenario to replay or preview, as the Dunning Scenario node runs it',
	},
	scenarioJsonProperty({ operation: [SIMULATE_POLICY, PREVIEW] }),
];

/** The properties every operation shares; each operation file adds its own. */
export const dunningReportProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: BUILD_REPORT,
		options: [
			{
				name: 'Build Report',
				value: BUILD_REPORT,
				action: 'Build an aging and KPI report with a prioritised worklist',
				description:
					'Aging by currency, DSO, payment after each reminder, promises, disputes and a worklist, as JSON, HTML and CSV',
			},
			{
				name: 'Preview',
				value: PREVIEW,
				action: 'Preview the reminders a run would send now',
				description:
					'List the reminders and escalations a run would make now, without sending anything',
			},
			{
				name: 'Simulate Policy',
				value: SIMULATE_POLICY,
				action: 'Simulate a scenario over past invoices',
				description:
					'Replay a scenario day by day over a date range: what would have been sent, when, and to whom',
			},
		],
	},
	...scenarioProperties,
	timeZoneOption(
		"IANA time zone in which today and Stripe dates are read. Empty: the scenario's zone, else the workflow's.",
	),
	...invoiceInputProperties,
];

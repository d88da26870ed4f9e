import type { INodeProperties } from 'n8n-workflow';

import { invoiceInputProperties } from '../common/invoice-input';
import { SCENARIO_PRESETS } from '../shared/internal';

export const BUILD_REPORT = 'buildReport';
export const SIMULATE_POLICY = 'simulatePolicy';
export const PREVIEW = 'preview';
export const SCENARIO_JSON = 'json';

const forOperations = (...operation: string[]) => ({ show: { operation } });

const label = (value: string) =>
	value.replace(/_/g, ' ').replace(/^\w/, (first) => first.toUpperCase());

const scenarioOptions = [
	...Object.values(SCENARIO_PRESETS).map((preset) => ({
		name: preset.name,
		value: preset.id,
		description: preset.steps
			.map((step) => `${step.offsetDays < 0 ? 'J' : 'J+'}${step.offsetDays} ${label(step.tone)}`)
			.join(', '),
	})),
	{
		name: 'JSON Scenario',
		value: SCENARIO_JSON,
		description: 'A whole scenario object, e.g. the one your Dunning Scenario node uses',
	},
];

const scenarioProperties: INodeProperties[] = [
	{
		displayName: 'Scenario',
		name: 'scenario',
		type: 'options',
		default: 'classic-7-14-21',
		displayOptions: forOperations(SIMULATE_POLICY, PREVIEW),
		options: scenarioOptions,
		description: 'The scenario to replay or preview, as the Dunning Scenario node runs it',
	},
	{
		displayName: 'Scenario (JSON)',
		name: 'scenarioJson',
		type: 'json',
		default:
			'{\n  "id": "my-scenario",\n  "timezone": "Europe/Paris",\n  "steps": [\n    { "id": "d7", "offsetDays": 7, "tone": "friendly" },\n    { "id": "d14", "offsetDays": 14, "tone": "reminder" }\n  ]\n}',
		displayOptions: { show: { operation: [SIMULATE_POLICY, PREVIEW], scenario: [SCENARIO_JSON] } },
		description: 'A scenario object as documented in the README',
	},
];

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
	{
		displayName: 'From',
		name: 'from',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 2026-07-01',
		displayOptions: forOperations(SIMULATE_POLICY),
		description: 'First day of the replay (YYYY-MM-DD)',
	},
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 2026-09-30',
		displayOptions: forOperations(SIMULATE_POLICY),
		description: 'Last day of the replay (YYYY-MM-DD), at most two years after From',
	},
	{
		displayName: 'As Of',
		name: 'asOf',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2026-11-26',
		displayOptions: forOperations(BUILD_REPORT),
		description: 'Day the report describes (YYYY-MM-DD). Empty: today in the time zone below.',
	},
	{
		displayName: 'Time Zone',
		name: 'timezone',
		type: 'string',
		default: '',
		placeholder: 'e.g. Europe/Paris',
		description:
			"IANA time zone in which today and Stripe dates are read. Empty: the scenario's zone, else the workflow's.",
	},
	{
		displayName: 'Output Worklist Items',
		name: 'outputWorklist',
		type: 'boolean',
		default: false,
		displayOptions: forOperations(BUILD_REPORT),
		description:
			'Whether to also output one item per open invoice on the Items output, highest priority first',
	},
	{
		displayName: 'Output Calendar Items',
		name: 'outputEvents',
		type: 'boolean',
		default: false,
		displayOptions: forOperations(SIMULATE_POLICY),
		description:
			'Whether to also output one item per simulated send, escalation or stop on the Items output',
	},
	...invoiceInputProperties,
	{
		displayName: 'History Field',
		name: 'historyField',
		type: 'string',
		default: 'history',
		displayOptions: forOperations(BUILD_REPORT),
		description:
			"Item field (dot path) holding the dated reminder history, a list of { stepId, sentOn }; else the invoice's dunning.history. Needed for the per-step KPIs of Stripe invoices (QuickBooks notes carry the dates).",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: forOperations(BUILD_REPORT),
		options: [
			{
				displayName: 'CSV File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'e.g. dunning-report.csv',
				description:
					'Name of the CSV attachment. Empty: dunning-report-YYYY-MM-DD.csv (the As Of day).',
			},
			{
				displayName: 'DSO Period (Days)',
				name: 'dsoDays',
				type: 'number',
				default: 90,
				typeOptions: { minValue: 1 },
				description:
					'Days sales outstanding (average method: receivables at As Of ÷ credit sales of the period × days) is measured over this many days ending on As Of. No figure when nothing was invoiced in the period or no invoice read shows a payment.',
			},
			{
				displayName: 'Put CSV in Field',
				name: 'binaryPropertyName',
				type: 'string',
				default: 'data',
				description:
					'Binary field of the summary item that holds the CSV attachment (the DSO per currency, with its definition, is in the same name followed by _dso)',
			},
			{
				displayName: 'Recovery Window (Days)',
				name: 'recoveryWindowDays',
				type: 'number',
				default: 14,
				typeOptions: { minValue: 0 },
				description:
					'A reminder counts as recovered when the invoice is paid in full within this many days',
			},
			{
				displayName: 'Report Title',
				name: 'title',
				type: 'string',
				default: 'Dunning report',
			},
			{
				displayName: 'VIP Tags',
				name: 'vipTags',
				type: 'string',
				default: 'vip, strategic',
				description: 'Comma-separated customer tags that add 10 points to the priority score',
			},
			{
				displayName: 'Worklist Lines in HTML',
				name: 'worklistLimit',
				type: 'number',
				default: 25,
				typeOptions: { minValue: 0 },
				description: 'How many worklist lines the HTML report shows (the CSV has them all)',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'simulationOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: forOperations(SIMULATE_POLICY),
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
	{
		displayName: 'Options',
		name: 'previewOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: forOperations(PREVIEW),
		options: [
			{
				displayName: 'Now',
				name: 'now',
				type: 'string',
				default: '',
				placeholder: 'e.g. 2026-11-26T09:00:00Z or 2026-11-26',
				description: 'Preview the run at this instant or date. Empty: the current time.',
			},
		],
	},
];

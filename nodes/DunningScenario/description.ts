import type { INodeProperties } from 'n8n-workflow';

import { invoiceInputProperties } from '../common/invoice-input';
import { optionsCollection, timeZoneOption } from '../common/properties';
import {
	SCENARIO_CUSTOM,
	optionLabel,
	scenarioChoices,
	scenarioJsonProperty,
} from '../common/scenario-parameters';
import { AUDIENCES, CHANNELS, TONES, holidayCountries } from '../shared/internal';

const scenarioOptions = scenarioChoices({
	custom: true,
	jsonDescription: 'A whole scenario object, e.g. from an expression or a Data Table',
});

const stepFields: INodeProperties[] = [
	{
		displayName: 'Step ID',
		name: 'id',
		type: 'string',
		default: '',
		placeholder: 'e.g. d7',
		description: 'Unique name of the step, recorded in the invoice once it is sent',
	},
	{
		displayName: 'Days From Due Date',
		name: 'offsetDays',
		type: 'number',
		default: 7,
		description: 'When the step is due, relative to the due date (negative: before it)',
	},
	{
		displayName: 'Day Count',
		name: 'dayCount',
		type: 'options',
		default: 'calendar',
		options: [
			{ name: 'Calendar Days', value: 'calendar' },
			{ name: 'Business Days', value: 'business' },
		],
	},
	{
		displayName: 'Audience',
		name: 'audience',
		type: 'options',
		default: 'customer',
		options: AUDIENCES.map((value) => ({ name: optionLabel(value), value })),
		description: 'Customer steps go to the Send output; internal steps to Escalate',
	},
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'options',
		default: 'email',
		options: CHANNELS.map((value) => ({ name: optionLabel(value), value })),
	},
	{
		displayName: 'Tone',
		name: 'tone',
		type: 'options',
		default: 'friendly',
		options: TONES.map((value) => ({ name: optionLabel(value), value })),
		description: 'Picks the built-in template of the Reminder Composer',
	},
	{
		displayName: 'Requires Approval',
		name: 'requiresApproval',
		type: 'boolean',
		default: false,
		description:
			'Whether a person approves the message before it goes out (formal notice): the item leaves on Needs Approval, never on Send, and Claim Step refuses it without the approval',
	},
	{
		displayName: 'Include Penalty',
		name: 'includePenalty',
		type: 'boolean',
		default: false,
		description: 'Whether the message states late-payment penalties',
	},
];

export const dunningScenarioProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'evaluate',
		options: [
			{
				name: 'Evaluate',
				value: 'evaluate',
				action: 'Evaluate invoices against a scenario',
				description: 'Decide for each invoice which reminder step is due today, or why none is',
			},
		],
	},
	{
		displayName: 'Scenario',
		name: 'scenario',
		type: 'options',
		default: 'classic-7-14-21',
		options: scenarioOptions,
		description: 'The reminder steps and their timing',
	},
	{
		displayName: 'Steps',
		name: 'steps',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Step',
		default: {},
		displayOptions: { show: { scenario: [SCENARIO_CUSTOM] } },
		options: [{ displayName: 'Step', name: 'step', values: stepFields }],
		description: 'Steps in the order they are sent',
	},
	scenarioJsonProperty(),
	timeZoneOption(
		'IANA time zone in which "today" and due dates are read. Empty: the scenario\'s zone (Europe/Paris for the presets), else the workflow\'s.',
	),
	...invoiceInputProperties,
	optionsCollection([
		{
			displayName: 'Catch-Up Mode',
			name: 'catchUp',
			type: 'options',
			default: 'sequential',
			options: [
				{
					name: 'Sequential',
					value: 'sequential',
					description: 'Send missed steps one after the other, in order',
				},
				{
					name: 'Latest',
					value: 'latest',
					description: 'Jump to the latest step whose day has come',
				},
			],
		},
		{
			displayName: 'Escalate After',
			name: 'escalateAfter',
			type: 'number',
			default: 2,
			typeOptions: { minValue: 0 },
			description:
				'Number of customer-facing reminders sent before a customer with an escalate tag goes to a human',
		},
		{
			displayName: 'Escalate Tags',
			name: 'escalateTags',
			type: 'string',
			default: '',
			placeholder: 'e.g. vip, strategic',
			description: 'Comma-separated customer tags handed to an account manager',
		},
		{
			displayName: 'Exclude Tags',
			name: 'excludeTags',
			type: 'string',
			default: '',
			placeholder: 'e.g. no-dunning',
			description: 'Comma-separated customer tags never chased automatically',
		},
		{
			displayName: 'Gap Between Messages (Days)',
			name: 'minDaysBetween',
			type: 'number',
			default: 5,
			typeOptions: { minValue: 0 },
			description: 'At least this many days after the last reminder sent for the invoice',
		},
		{
			displayName: 'Gap Per Customer (Days)',
			name: 'minDaysBetweenCustomer',
			type: 'number',
			default: 7,
			typeOptions: { minValue: 0 },
			description:
				"At least this many days after the last reminder to the same customer, about any of its invoices in this run's input (the newest one counts). 0: off.",
		},
		{
			displayName: 'Holidays Country',
			name: 'holidays',
			type: 'options',
			default: '',
			options: [
				{
					name: "Scenario's Setting",
					value: '',
					description: 'France (FR) for the presets, none for Custom Steps',
				},
				{ name: 'None (Weekends Only)', value: 'none' },
				...holidayCountries().map(({ code, name }) => ({
					name: `${name} (${code})`,
					value: code,
				})),
			],
			description:
				'Country whose public holidays are not business days. Scenario\'s Setting: France (FR) for the presets, none (weekends only) for Custom Steps, the "holidays" field of a JSON Scenario.',
		},
		{
			displayName: 'Minimum Amount Due',
			name: 'minimumDue',
			type: 'string',
			default: '',
			placeholder: 'e.g. 10.00',
			description:
				"Below this amount still due (in the invoice's currency), the invoice is not chased",
		},
		{
			displayName: 'Now',
			name: 'now',
			type: 'string',
			default: '',
			placeholder: 'e.g. 2026-11-26T09:00:00Z or 2026-11-26',
			description:
				'Evaluate as if it were this instant or date (for tests and back-dating). Empty: the current time.',
		},
		{
			displayName: 'Send On Non-Business Days',
			name: 'sendOnNonBusinessDays',
			type: 'boolean',
			default: false,
			description: 'Whether steps may fire on weekends and public holidays',
		},
	]),
];

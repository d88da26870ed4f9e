import type { INodeProperties } from 'n8n-workflow';

import { invoiceInputProperties } from '../common/invoice-input';
import { optionsCollection, timeZoneOption } from '../common/properties';

export const SOURCE_INVOICE = 'invoice';
export const SOURCE_FIELDS = 'fields';
export const LANGUAGE_CUSTOMER = 'customer';

const fromInvoice = { show: { source: [SOURCE_INVOICE] } };
const fromFields = { show: { source: [SOURCE_FIELDS] } };

/** The properties of Calculate (the node's only operation). */
export const calculateProperties: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		default: SOURCE_INVOICE,
		options: [
			{
				name: 'Invoice in Item',
				value: SOURCE_INVOICE,
				description: 'A normalised, Stripe or QuickBooks invoice held by each item',
			},
			{
				name: 'Fields',
				value: SOURCE_FIELDS,
				description: 'Amount, currency, due date and payments given below (or by expressions)',
			},
		],
		description: 'Where the amount, currency, due date and payments come from',
	},
	...invoiceInputProperties.map((property) => ({ ...property, displayOptions: fromInvoice })),
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 1187.34',
		displayOptions: fromFields,
		description:
			'Amount unpaid at the due date, tax included, as a decimal in major units (1187.34, not cents)',
	},
	{
		displayName: 'Currency',
		name: 'currency',
		type: 'string',
		default: 'EUR',
		required: true,
		placeholder: 'e.g. EUR',
		displayOptions: fromFields,
		description: 'ISO 4217 code of the amount',
	},
	{
		displayName: 'Due Date',
		name: 'dueDate',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 2026-10-31',
		displayOptions: fromFields,
		description:
			'Last day on time, as YYYY-MM-DD (a date-time with an offset is read in the time zone below)',
	},
	{
		displayName: 'Payments',
		name: 'payments',
		type: 'json',
		default: '[]',
		displayOptions: fromFields,
		description:
			'Payments received, as a JSON list of { "date": "YYYY-MM-DD", "amount": "250.00" } (major units) or { "date", "amountMinor" }. A payment on day p stops interest on its amount from day p + 1.',
	},
	{
		displayName: 'Rule',
		name: 'rule',
		type: 'options',
		default: 'FR',
		options: [
			{
				name: 'Custom',
				value: 'custom',
				description: 'Your own annual rate and fixed amount',
			},
			{
				name: 'EU Directive 2011/7/EU',
				value: 'EU',
				description: 'ECB rate + 8 points per half-year, 40 EUR compensation (B2B)',
			},
			{
				name: 'France (Code De Commerce L441-10)',
				value: 'FR',
				description: 'ECB rate + 10 points per half-year, 40 EUR compensation (B2B)',
			},
			{
				name: 'Germany (BGB §288)',
				value: 'DE',
				description:
					'Basiszinssatz + 9 points (businesses, 40 EUR) or + 5 points (consumers) per half-year',
			},
			{
				name: 'United Kingdom (Late Payment Act 1998)',
				value: 'UK',
				description: 'Bank of England base rate + 8 points, fixed for the debt; £40/£70/£100 (B2B)',
			},
		],
		description: 'The law (or contract) the penalty follows',
	},
	{
		displayName: 'Consumer Debtor',
		name: 'consumer',
		type: 'boolean',
		default: false,
		displayOptions: { show: { rule: ['FR', 'EU', 'DE', 'UK'] } },
		description:
			'Whether the debtor is a consumer. DE: Basiszinssatz + 5 points and no 40 EUR; the FR, EU and UK statutes cover business debtors only, so a consumer is refused.',
	},
	{
		displayName: 'Annual Rate (%)',
		name: 'customAnnualRatePercent',
		type: 'number',
		default: 10,
		typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 4 },
		displayOptions: { show: { rule: ['custom'] } },
		description: 'Simple interest per year, in percent (12.5 for 12.5 %), at most 4 decimals',
	},
	{
		displayName: 'Fixed Amount',
		name: 'customFixedAmount',
		type: 'string',
		default: '0',
		placeholder: 'e.g. 25.00',
		displayOptions: { show: { rule: ['custom'] } },
		description:
			"Fixed charge per late invoice, in the invoice's currency, as a decimal in major units",
	},
	timeZoneOption(
		'IANA time zone in which "today" and Stripe timestamps are read. Empty: the workflow\'s time zone.',
	),
	{
		displayName: 'As Of',
		name: 'asOf',
		type: 'string',
		default: '',
		placeholder: 'e.g. 2026-11-30',
		description:
			'Compute the penalty as of this date (YYYY-MM-DD, or a date-time read in the time zone above). Empty: today.',
	},
	{
		displayName: 'Summary Language',
		name: 'language',
		type: 'options',
		default: 'en',
		options: [
			{ name: 'English', value: 'en' },
			{ name: 'French', value: 'fr' },
			{
				name: "Invoice Customer's Language (Else English)",
				value: LANGUAGE_CUSTOMER,
				description: "The customer's locale when it is English or French",
			},
		],
		description: 'Language of the one-line human summary (penalty.summary)',
	},
	optionsCollection([
		{
			displayName: 'Contractual Rate (%)',
			name: 'contractualRatePercent',
			type: 'number',
			default: 12,
			typeOptions: { minValue: 0, maxValue: 100, numberPrecision: 4 },
			description:
				'Annual rate agreed in the contract, replacing the statutory default (FR: never below 3 × the taux légal, which is then applied with a warning)',
		},
		{
			displayName: 'Imputation of Partial Payments',
			name: 'imputation',
			type: 'options',
			default: 'principal',
			options: [
				{
					name: 'Principal',
					value: 'principal',
					description: 'A payment reduces the amount bearing interest (most calculators)',
				},
				{
					name: 'Interest First',
					value: 'interest-first',
					description:
						'A payment first settles accrued interest, then the principal (Code civil 1343-1, BGB §367)',
				},
			],
			description: 'How a partial payment applies',
		},
	]),
];

/** The Operation parameter: one operation, Calculate. */
export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	default: 'calculate',
	options: [
		{
			name: 'Calculate',
			value: 'calculate',
			action: 'Calculate late payment penalty',
			description:
				'Statutory or contractual late-payment interest and the fixed recovery compensation of each invoice',
		},
	],
};

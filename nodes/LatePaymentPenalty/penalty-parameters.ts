import type { IExecuteFunctions } from 'n8n-workflow';

import type { InvoiceFormat } from '../common/invoice-input';
import { assertTimeZone, type PenaltyRule } from '../shared/internal';
import { SOURCE_FIELDS } from './description';

/** Every parameter the node reads; read once per run when none of them holds an expression. */
export const PENALTY_PARAMETERS = [
	'source',
	'invoiceFormat',
	'invoiceField',
	'amount',
	'currency',
	'dueDate',
	'payments',
	'rule',
	'consumer',
	'customAnnualRatePercent',
	'customFixedAmount',
	'timezone',
	'asOf',
	'language',
	'options',
];

export interface PenaltyOptions {
	contractualRatePercent?: number;
	imputation?: 'principal' | 'interest-first';
}

/** The explicit fields, as given: validated against the item's currency once it is known. */
export interface PenaltyFields {
	amount: unknown;
	currency: unknown;
	dueDate: unknown;
	payments: unknown;
}

export interface PenaltyParameters {
	source:
		| { kind: 'invoice'; format: InvoiceFormat; field: string }
		| ({ kind: 'fields' } & PenaltyFields);
	/** Unchecked: the core refuses an unknown rule with a message naming `penalty.rule`. */
	rule: PenaltyRule;
	/** Checked by the core (`penalty.consumer` must be true or false). */
	consumer: unknown;
	customAnnualRatePercent: unknown;
	customFixedAmount: unknown;
	timezone: string;
	/** Empty: today in `timezone`. */
	asOf: unknown;
	language: unknown;
	options: PenaltyOptions;
}

const isEmpty = (value: unknown): boolean =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** Reads the node's parameters for one item; hidden parameters are never read. */
export function readPenaltyParameters(
	context: IExecuteFunctions,
	itemIndex: number,
): PenaltyParameters {
	const parameter = (name: string, fallback: unknown) =>
		context.getNodeParameter(name, itemIndex, fallback as never) as unknown;
	const source: PenaltyParameters['source'] =
		parameter('source', 'invoice') === SOURCE_FIELDS
			? {
					kind: 'fields',
					amount: parameter('amount', ''),
					currency: parameter('currency', 'EUR'),
					dueDate: parameter('dueDate', ''),
					payments: parameter('payments', '[]'),
				}
			: {
					kind: 'invoice',
					format: parameter('invoiceFormat', 'auto') as InvoiceFormat,
					field: String(parameter('invoiceField', '') ?? ''),
				};
	const rule = parameter('rule', 'FR') as PenaltyRule;
	const custom = rule === 'custom';
	const zone = parameter('timezone', '');
	return {
		source,
		rule,
		consumer: custom ? false : parameter('consumer', false),
		customAnnualRatePercent: custom ? parameter('customAnnualRatePercent', 10) : undefined,
		customFixedAmount: custom ? parameter('customFixedAmount', '0') : undefined,
		timezone: assertTimeZone(
			isEmpty(zone) ? context.getTimezone() : String(zone).trim(),
			'timezone',
		),
		asOf: isEmpty(parameter('asOf', '')) ? null : parameter('asOf', ''),
		language: parameter('language', 'en'),
		options: parameter('options', {}) as PenaltyOptions,
	};
}

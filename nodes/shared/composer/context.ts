import { DunningInputError, describeValue } from '../errors';
import type { Invoice } from '../invoice';
import type { PenaltyResult } from '../penalty/types';
import { assertShape, type Shape } from '../shape';
import { formatDate, formatMoney } from './format';
import type { SenderView } from './helpers';
import {
	DEFAULT_SENDER_NAMES,
	penaltyView,
	recipientLines,
	salutationFor,
	type PenaltyView,
} from './letter';
import type { ComposerLanguage } from './language';
import type { ComposeSender, ComposerTone } from './types';

/**
 * The variables a template sees (listed in the README). Shortcuts come already formatted for the
 * language, so a user's template can say `{{amountDue}}` instead of `{{money invoice.dueMinor}}`.
 */
export interface TemplateData {
	customerName: string | null;
	/** Invoice number, or its id when it has none. */
	number: string;
	amountDue: string;
	totalAmount: string;
	paidAmount: string;
	dueDate: string | null;
	issueDate: string;
	/** Only http(s) links; anything else (`javascript:`) becomes null. */
	paymentUrl: string | null;
	pdfUrl: string | null;
	daysOverdue: number | null;
	stepId: string | null;
	tone: ComposerTone;
	language: ComposerLanguage;
	/** Steps already sent, oldest first (`invoice.dunning.sentStepIds`). */
	sentStepIds: string[];
	/** Amount due plus the penalty total, formatted; null without a penalty. */
	amountWithPenalty: string | null;
	invoice: Omit<Invoice, 'raw'>;
	customer: Invoice['customer'];
	sender: SenderView;
	penalty: PenaltyResult | null;
	/** Issue 19: the impersonal salutation of the language and tone (`Madame, Monsieur,`). */
	salutation: string;
	/** The letter's recipient block: company name, then the postal address when known. */
	recipientLines: string[];
	/** The date the customer had promised to pay by, formatted, when that promise was broken; else null. */
	brokenPromiseOn: string | null;
	/** Penalty parts (null without a penalty): see `PenaltyView`. */
	penaltyInterest: string | null;
	penaltyCompensation: string | null;
	compensationSeparate: boolean;
	penaltyAsOf: string | null;
	legalReference: string | null;
	interestReference: string | null;
	compensationReference: string | null;
}

/** The penalty variables of a message without a penalty. */
export const NO_PENALTY_VIEW: { [K in keyof PenaltyView]: PenaltyView[K] | null } & {
	compensationSeparate: boolean;
} = {
	penaltyInterest: null,
	penaltyCompensation: null,
	compensationSeparate: false,
	penaltyAsOf: null,
	legalReference: null,
	interestReference: null,
	compensationReference: null,
};

const ROOT_KEYS: readonly (keyof TemplateData)[] = [
	'customerName',
	'number',
	'amountDue',
	'totalAmount',
	'paidAmount',
	'dueDate',
	'issueDate',
	'paymentUrl',
	'pdfUrl',
	'daysOverdue',
	'stepId',
	'tone',
	'language',
	'sentStepIds',
	'amountWithPenalty',
	'invoice',
	'customer',
	'sender',
	'penalty',
	'salutation',
	'recipientLines',
	'brokenPromiseOn',
	'penaltyInterest',
	'penaltyCompensation',
	'compensationSeparate',
	'penaltyAsOf',
	'legalReference',
	'interestReference',
	'compensationReference',
];
export const ROOT_VARIABLES: ReadonlySet<string> = new Set(ROOT_KEYS);

export function safeLink(url: string | null): string | null {
	return url !== null && /^https?:\/\/[^\s]+$/i.test(url.trim()) ? url.trim() : null;
}

export interface DataInput {
	invoice: Invoice;
	stepId: string | null;
	tone: ComposerTone;
	language: ComposerLanguage;
	sender: SenderView;
	penalty: PenaltyResult | null;
	daysOverdue: number | null;
	brokenPromiseOn: string | null;
}

export function buildTemplateData(input: DataInput): TemplateData {
	const { invoice, language, penalty } = input;
	// `raw` is the untouched source object: hostile, unvalidated and not for templates.
	const visible: Omit<Invoice, 'raw'> & { raw?: object } = { ...invoice };
	delete visible.raw;
	const money = (minor: number) => formatMoney(minor, invoice.currency, language);
	return {
		customerName: invoice.customer.name,
		number: invoice.number ?? invoice.id,
		amountDue: money(invoice.dueMinor),
		totalAmount: money(invoice.totalMinor),
		paidAmount: money(invoice.paidMinor),
		dueDate: invoice.dueDate === null ? null : formatDate(invoice.dueDate, language),
		issueDate: formatDate(invoice.issueDate, language),
		paymentUrl: safeLink(invoice.paymentUrl),
		pdfUrl: safeLink(invoice.pdfUrl),
		daysOverdue: input.daysOverdue,
		stepId: input.stepId,
		tone: input.tone,
		language,
		sentStepIds: invoice.dunning.sentStepIds,
		amountWithPenalty: penalty ? money(invoice.dueMinor + penalty.totalMinor) : null,
		invoice: visible,
		customer: invoice.customer,
		sender: input.sender,
		penalty,
		salutation: salutationFor(language, input.tone),
		recipientLines: recipientLines(invoice),
		brokenPromiseOn:
			input.brokenPromiseOn === null ? null : formatDate(input.brokenPromiseOn, language),
		...(penalty ? penaltyView(penalty, invoice.currency, language) : NO_PENALTY_VIEW),
	};
}

function optionalText(value: unknown, field: string): string | null {
	if (value === undefined || value === null || value === '') return null;
	if (typeof value !== 'string') {
		throw new DunningInputError(field, `${describeValue(value)} is not a string`);
	}
	return value;
}

/** The sender; without a name, the department name of the letter's language (`DEFAULT_SENDER_NAMES`). */
export function validateSender(
	value: unknown,
	language: ComposerLanguage,
	field = 'sender',
): SenderView {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new DunningInputError(field, `${describeValue(value)} is not an object`);
	}
	const sender = value as Partial<Record<keyof ComposeSender, unknown>>;
	const name = optionalText(sender.name, `${field}.name`);
	return {
		name: name === null || name.trim() === '' ? DEFAULT_SENDER_NAMES[language] : name,
		email: optionalText(sender.email, `${field}.email`),
		phone: optionalText(sender.phone, `${field}.phone`),
		signature: optionalText(sender.signature, `${field}.signature`),
	};
}

function isInteger(value: unknown): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value);
}

/** The fields of a penalty's periods and notices that the letter and the approver's warnings read. */
const PENALTY_PERIOD: Shape = { from: 'date', to: 'date', annualRatePercent: 'number' };
const PENALTY_NOTICE: Shape = { code: 'string', message: 'string', periodIndex: 'number?' };
const FIXED_COMPENSATION: Shape = { currency: 'currency', amountMinor: 'integer' };

/** A field that may be null or missing, else of `shape` (`notices`, `warnings`, `fixedCompensation`). */
function checkNullable(value: unknown, shape: Shape, field: string): void {
	if (value !== undefined && value !== null) assertShape(value, shape, field);
}

/**
 * Checks the parts of a `PenaltyResult` that the templates print and the approver's warnings read (a period
 * date that is not a date would only fail deep inside the date formatter). `field` names it in errors.
 */
export function validatePenalty(value: unknown, field = 'penalty'): PenaltyResult | null {
	if (value === undefined || value === null) return null;
	const penalty = value as Partial<Record<keyof PenaltyResult, unknown>>;
	if (typeof value !== 'object' || Array.isArray(value)) {
		throw new DunningInputError(field, `${describeValue(value)} is not a penalty result`);
	}
	for (const key of ['interestMinor', 'compensationMinor', 'totalMinor'] as const) {
		if (!isInteger(penalty[key])) {
			throw new DunningInputError(
				`${field}.${key}`,
				`${describeValue(penalty[key])} is not an integer amount in minor units`,
			);
		}
	}
	if (!Array.isArray(penalty.periods)) {
		throw new DunningInputError(
			`${field}.periods`,
			`${describeValue(penalty.periods)} is not a list`,
		);
	}
	assertShape(penalty.periods, { list: PENALTY_PERIOD }, `${field}.periods`);
	if (typeof penalty.legalBasis !== 'string') {
		throw new DunningInputError(
			`${field}.legalBasis`,
			`${describeValue(penalty.legalBasis)} is not a string`,
		);
	}
	checkNullable(penalty.warnings, { list: 'string' }, `${field}.warnings`);
	checkNullable(penalty.notices, { list: PENALTY_NOTICE }, `${field}.notices`);
	checkNullable(penalty.fixedCompensation, FIXED_COMPENSATION, `${field}.fixedCompensation`);
	return value as PenaltyResult;
}

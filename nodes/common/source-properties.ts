import type {
	IPollFunctions,
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import { assertIsoDate } from '../shared/internal';
import { chosenTimeZone, optionsCollection } from './properties';

/**
 * Node properties that the action nodes and triggers of every invoice source (Stripe, QuickBooks...) offer
 * alike: the same operation values and names, option names, units and defaults, each service filling in its
 * own words. Saved workflows of older versions keep running through the aliases read here.
 */

type Show = Record<string, Array<string | boolean>>;

/** The invoice operations every source's action node offers, in the order n8n lists them (by name). */
export function invoiceOperationOptions(service: string): INodePropertyOptions[] {
	return [
		{
			name: 'Claim Step',
			value: 'claimStep',
			action: 'Claim a reminder step for an invoice',
			description:
				'Record that a step is being sent, so that of two concurrent executions exactly one owns it',
		},
		{
			name: 'Get',
			value: 'get',
			action: 'Get an invoice',
			description: 'Read the invoice afresh (a payment made a minute ago stops the reminder)',
		},
		{
			name: 'List Overdue',
			value: 'listOverdue',
			action: 'List overdue invoices',
			description: 'Open invoices overdue by at least N days, optionally those due soon',
		},
		{
			name: 'Mark Disputed',
			value: 'markDisputed',
			action: 'Mark an invoice as disputed',
			description: 'Stop reminders while the customer disputes the invoice',
		},
		{ name: 'Mark Undisputed', value: 'markUndisputed', action: 'Mark an invoice as undisputed' },
		{ name: 'Pause', value: 'pause', action: 'Pause reminders for an invoice' },
		{
			name: 'Record Promise',
			value: 'recordPromise',
			action: 'Record a payment promise',
			description: 'The customer promised to pay by a date: reminders wait until the day after it',
		},
		{
			name: 'Record Letter',
			value: 'recordLetter',
			action: 'Record a registered letter on an invoice',
			description:
				"After the Registered Letter node: write the letter's sending and registered number on the invoice, next to the step's claim",
		},
		{
			name: 'Release Claim',
			value: 'releaseClaim',
			action: 'Release a claimed step whose message did not leave',
			description:
				'After a send failed before the mail server accepted the message: remove the step Claim Step recorded, so the next run sends it',
		},
		{ name: 'Resume', value: 'resume', action: 'Resume reminders for an invoice' },
		{
			name: 'Send Invoice Email',
			value: 'sendInvoiceEmail',
			action: `Send the invoice email from ${service}`,
			description: `Have ${service} email the invoice again, with its own template and payment link`,
		},
	];
}

/** The show rule of an operation's properties, including the old operation values that still run it. */
export function showFor(operations: string[], extra: Show = {}): { show: Show } {
	return { show: { resource: ['invoice'], operation: operations, ...extra } };
}

/** What an action node's Invoice resource holds besides its operations' own properties. */
export interface InvoiceResourceSpec {
	/** Each operation's properties, by operation value. */
	operations: Record<string, { description: INodeProperties[] }>;
	/** Old operation values that still run an operation: they show the Invoice ID too. */
	aliases: Record<string, string>;
	operationOptions: INodePropertyOptions[];
	/** The operations that read no single invoice (no Invoice ID). */
	listings: string[];
	invoiceId: Pick<INodeProperties, 'default' | 'placeholder' | 'description'>;
	options: INodeProperties[];
	/** The operation a new node starts on (default: Get). */
	defaultOperation?: string;
	/** What else names the invoice, before Invoice ID (the Dunning Ledger's Source). */
	keyProperties?: INodeProperties[];
}

/** An action node's properties: Resource, Operation, Invoice ID, the operations' own, then Options. */
export function invoiceResourceProperties(spec: InvoiceResourceSpec): INodeProperties[] {
	const oneInvoice = Object.keys(spec.operations).filter((name) => !spec.listings.includes(name));
	const show = { resource: ['invoice'] };
	const { default: invoiceIdDefault, ...invoiceId } = spec.invoiceId;
	const operationDefault = spec.defaultOperation ?? 'get';
	return [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [{ name: 'Invoice', value: 'invoice' }],
			default: 'invoice',
		},
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show },
			options: spec.operationOptions,
			default: operationDefault,
		},
		...(spec.keyProperties ?? []),
		{
			displayName: 'Invoice ID',
			name: 'invoiceId',
			type: 'string',
			required: true,
			...invoiceId,
			default: invoiceIdDefault,
			displayOptions: {
				show: { ...show, operation: [...oneInvoice, ...Object.keys(spec.aliases)] },
			},
		},
		...Object.values(spec.operations).flatMap((operation) => operation.description),
		optionsCollection(spec.options, { displayOptions: { show } }),
	];
}

/** Step ID of Claim Step: by default the step the Dunning Scenario node decided. */
export function stepIdProperty(description: string): INodeProperties {
	return {
		displayName: 'Step ID',
		name: 'stepId',
		type: 'string',
		required: true,
		default: '={{ $json.decision ? $json.decision.stepId : "" }}',
		placeholder: 'e.g. d7',
		displayOptions: showFor(['claimStep']),
		description,
	};
}

/** Allow Paid Invoices of Claim Step: which invoices besides the open ones (`never` is the source's word). */
export function allowPaidProperty(never: string): INodeProperties {
	return {
		displayName: 'Allow Paid Invoices',
		name: 'allowPaid',
		type: 'boolean',
		default: false,
		displayOptions: showFor(['claimStep']),
		description: `Whether a paid invoice can be claimed too (the thank-you once paid, step "thanks"); ${never} never is`,
	};
}

/** Promised On of Record Promise (Stripe, the Dunning Ledger). */
export const promisedOnProperty: INodeProperties = {
	displayName: 'Promised On',
	name: 'promisedOn',
	type: 'string',
	default: '',
	placeholder: 'YYYY-MM-DD',
	displayOptions: showFor(['recordPromise']),
	description: 'The date the customer promised to pay by; empty clears the promise',
};

/** The item's Promised On as a checked date (its first 10 characters), or null when empty (clear the promise). */
export function readPromisedOn(fn: IExecuteFunctions, itemIndex: number): string | null {
	const raw = String(fn.getNodeParameter('promisedOn', itemIndex, '') ?? '').trim();
	return raw === '' ? null : assertIsoDate(raw.slice(0, 10), 'promisedOn');
}

/** Minimum Days Overdue, and the hidden Grace Days of older QuickBooks workflows it replaces. */
export function minDaysOverdueProperties(show: Show, invoices: string): INodeProperties[] {
	return [
		{
			displayName: 'Minimum Days Overdue',
			name: 'minDaysOverdue',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1,
			...(Object.keys(show).length ? { displayOptions: { show } } : {}),
			description: `${invoices} overdue by at least this many calendar days`,
		},
		// Earlier versions: QuickBooks counted Grace Days (0 = overdue from the day after the due date), still read.
		{ displayName: 'Grace Days (Old)', name: 'graceDays', type: 'hidden', default: '' },
	];
}

/** The overdue window of List Overdue and of the triggers' polling: Minimum Days Overdue, Due Soon. */
export function overdueWindowProperties(
	show: Show,
	invoices: string,
	dueSoonShow: Show = show,
): INodeProperties[] {
	return [
		...minDaysOverdueProperties(show, invoices),
		{
			displayName: 'Include Invoices Due Soon',
			name: 'includeDueSoon',
			type: 'boolean',
			default: false,
			displayOptions: { show: dueSoonShow },
			description:
				'Whether to also return invoices that fall due within the next days (courtesy notices)',
		},
		{
			displayName: 'Due Within Days',
			name: 'dueWithinDays',
			type: 'number',
			typeOptions: { minValue: 0 },
			default: 3,
			displayOptions: { show: { ...dueSoonShow, includeDueSoon: [true] } },
			description: 'Invoices due today or in at most this many days',
		},
	];
}

/**
 * Minimum Days Overdue from the node's parameters: `graceDays` of an older QuickBooks workflow counts too
 * (Grace Days g = Minimum Days Overdue g + 1).
 */
export function readMinDaysOverdue(
	parameter: (name: string, fallback: unknown) => unknown,
): number {
	const grace = parameter('graceDays', '');
	if (typeof grace === 'number' && Number.isFinite(grace))
		return Math.max(0, Math.trunc(grace)) + 1;
	return Math.max(1, Math.trunc(Number(parameter('minDaysOverdue', 1)) || 1));
}

/** Also the invoices due soon: Due Within Days when Include Invoices Due Soon is on, else null. */
export function readDueWithinDays(
	parameter: (name: string, fallback: unknown) => unknown,
): number | null {
	if (parameter('includeDueSoon', false) !== true) return null;
	return Math.max(0, Math.trunc(Number(parameter('dueWithinDays', 3)) || 0));
}

/** Return All / Limit of a listing operation. */
export function returnAllProperties(show: Show): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: true,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: { show },
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { ...show, returnAll: [false] } },
		},
	];
}

/**
 * How many results a listing returns (undefined: all). `options.maxResults` of an older Stripe workflow
 * still limits it.
 */
export function readLimit(
	parameter: (name: string, fallback: unknown) => unknown,
	options: IDataObject,
): number | undefined {
	if (options.maxResults !== undefined) return Math.max(1, Number(options.maxResults) || 1);
	if (parameter('returnAll', true) !== false) return undefined;
	return Math.max(1, Math.trunc(Number(parameter('limit', 50)) || 1));
}

/** An item's parameters by name, with a fallback, as the readers here take them. */
export function itemParameter(
	fn: IExecuteFunctions,
	itemIndex: number,
): (name: string, fallback: unknown) => unknown {
	return (name, fallback) => fn.getNodeParameter(name, itemIndex, fallback);
}

/** List Overdue's window and Return All / Limit for one item (`options` for an older workflow's limit). */
export function readOverdueListing(fn: IExecuteFunctions, itemIndex: number, options: IDataObject) {
	const parameter = itemParameter(fn, itemIndex);
	return {
		window: {
			minDaysOverdue: readMinDaysOverdue(parameter),
			dueWithinDays: readDueWithinDays(parameter),
		},
		limit: readLimit(parameter, options),
	};
}

/** Customer ID of List Overdue (and Stripe's polling): one customer's invoices, in the service's own ids. */
export function customerIdFilterProperty(
	show: Show,
	service: string,
	placeholder: string,
): INodeProperties {
	return {
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		default: '',
		placeholder,
		displayOptions: { show },
		description: `Only the invoices of this ${service} customer (empty: all customers)`,
	};
}

/** List Overdue's properties: the service's filters (window, customer...), then Return All / Limit. */
export function listOverdueProperties(
	filters: (show: Show) => INodeProperties[],
): INodeProperties[] {
	const { show } = showFor(['listOverdue']);
	return [...filters(show), ...returnAllProperties(show)];
}

/** List Overdue of a source filtered by customer: the window, the Customer ID and the limit for one item. */
export function readCustomerOverdueListing(fn: IExecuteFunctions, itemIndex: number) {
	const options = fn.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const { window, limit } = readOverdueListing(fn, itemIndex, options);
	const customerId = String(fn.getNodeParameter('customerId', itemIndex, '') ?? '').trim();
	return { filter: { ...window, customerId }, limit };
}

/** The old options that saved workflows may still carry: read, never offered (shown only to those who have them). */
export const legacyOptions = {
	/** Stripe, in earlier versions of this package: Maximum Results of List Overdue. */
	maxResults: {
		displayName: 'Maximum Results (Old)',
		name: 'maxResults',
		type: 'hidden',
		default: '',
	} as INodeProperties,
	/** QuickBooks, in earlier versions of this package: Request Timeout in milliseconds. */
	timeoutMs: {
		displayName: 'Request Timeout (Ms, Old)',
		name: 'timeoutMs',
		type: 'hidden',
		default: '',
	} as INodeProperties,
};

/** One request's timeout in ms: Request Timeout (Seconds), or `timeoutMs` of an older workflow; 30 s by default. */
export function requestTimeoutMs(options: IDataObject): number {
	if (options.timeoutSeconds !== undefined && options.timeoutSeconds !== '') {
		return Math.max(1, Number(options.timeoutSeconds) || 30) * 1000;
	}
	if (typeof options.timeoutMs === 'number') return Math.max(100, options.timeoutMs);
	return 30_000;
}

// ---- the polling triggers (QuickBooks, Pennylane): the same options, read the same way ----

/**
 * Emit Existing Overdue Invoices: whether the first poll emits the invoices already overdue then. Off by
 * default (Pennylane); the QuickBooks trigger, which emitted them before the option existed, starts it on.
 */
export const emitExistingOption: INodeProperties = {
	displayName: 'Emit Existing Overdue Invoices',
	name: 'emitExisting',
	type: 'boolean',
	default: false,
	description:
		'Whether the first poll also emits the invoices already overdue then (event "overdue"); off, it only records them and later polls emit what changes. A manual run ("Execute step") always shows them.',
};

/** Emit Paid and Voided, on by default. */
export const emitSettledOption: INodeProperties = {
	displayName: 'Emit Paid and Voided',
	name: 'emitSettled',
	type: 'boolean',
	default: true,
	description:
		'Whether to also emit an invoice known as overdue once it is paid or voided (event "paid" or "voided")',
};

/** Maximum Pages per Poll: how much one poll holds in memory; the rest waits for the next poll. */
export function maxPagesOption(pageSize: string, fallback: number, read: string): INodeProperties {
	return {
		displayName: 'Maximum Pages per Poll',
		name: 'maxPages',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: fallback,
		description: `Pages of ${pageSize} invoices ${read} per poll (what one poll holds in memory); a longer read continues at the next poll from the position kept in static data`,
	};
}

/** What every polling trigger reads first: its Options, Minimum Days Overdue, the time zone and the page cap. */
export function readPollSettings<Options extends IDataObject>(
	context: IPollFunctions,
	defaultMaxPages: number,
): { options: Options; minDaysOverdue: number; timezone: string; maxPages: number } {
	const options = context.getNodeParameter('options', {}) as Options;
	return {
		options,
		minDaysOverdue: readMinDaysOverdue((name, fallback) =>
			context.getNodeParameter(name, fallback),
		),
		timezone: chosenTimeZone(options, context.getTimezone()),
		maxPages: Math.max(1, Math.floor(Number(options.maxPages ?? defaultMaxPages)) || 1),
	};
}

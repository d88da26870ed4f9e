import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { invoiceForOutput } from '../common/invoice-input';
import { failedItem, itemError } from '../common/item-errors';
import { readReleaseParameters } from '../common/release-claim';
import type { OverdueFilter } from '../common/stripe-invoices';
import {
	assertIsoDate,
	assertTimeZone,
	dateInTimeZone,
	STRIPE_METADATA_KEYS,
} from '../shared/internal';
import { stripeDunningProperties, type Operation } from './description';
import {
	assertInvoiceId,
	assertStepId,
	claimStep,
	getInvoice,
	listOverdue,
	releaseClaim,
	sendReminder,
	writeMetadata,
	type CallOptions,
	type ReadInvoice,
} from './operations';

const DONE = 0;
const NOT_CLAIMED = 1;

/** Operations that are one metadata write. */
const METADATA_WRITES: Partial<Record<Operation, Record<string, string>>> = {
	markDisputed: { [STRIPE_METADATA_KEYS.disputed]: 'true' },
	markUndisputed: { [STRIPE_METADATA_KEYS.disputed]: '' },
	pause: { [STRIPE_METADATA_KEYS.paused]: 'true' },
	resume: { [STRIPE_METADATA_KEYS.paused]: '' },
};

function output(json: IDataObject, read: ReadInvoice, extra: IDataObject = {}): IDataObject {
	return { ...json, invoice: invoiceForOutput(read.invoice), ...extra, raw: read.raw };
}

export class StripeDunning implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Stripe Dunning',
		name: 'stripeDunning',
		icon: { light: 'file:stripeDunning.svg', dark: 'file:stripeDunning.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["operation"] }}',
		description:
			'Read Stripe invoices afresh, list overdue ones, claim a reminder step exactly once, record promises, disputes and pauses',
		defaults: { name: 'Stripe Dunning' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Done', 'Not Claimed'],
		usableAsTool: true,
		credentials: [{ name: 'stripeDunningApi', required: true }],
		properties: stripeDunningProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const outputs: INodeExecutionData[][] = [[], []];
		const nowMs = Date.now();

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const json = items[itemIndex].json;
			const pairedItem = { item: itemIndex };
			try {
				const operation = this.getNodeParameter('operation', itemIndex) as Operation;
				const settings = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
				const timezone = assertTimeZone(
					(settings.timezone as string | undefined) || this.getTimezone(),
					'options.timezone',
				);
				const options: CallOptions = {
					timezone,
					timeoutMs: Math.max(1, Number(settings.timeoutSeconds ?? 30)) * 1000,
				};
				const today = dateInTimeZone(nowMs, timezone);

				if (operation === 'listOverdue') {
					const filter: OverdueFilter = {
						minDaysOverdue: this.getNodeParameter('minDaysOverdue', itemIndex, 1) as number,
						dueWithinDays: (this.getNodeParameter('includeDueSoon', itemIndex, false) as boolean)
							? (this.getNodeParameter('dueWithinDays', itemIndex, 3) as number)
							: null,
						customerId: (this.getNodeParameter('customerId', itemIndex, '') as string).trim(),
					};
					const maxResults = Number(settings.maxResults ?? 10000);
					const listed = await listOverdue(this, filter, nowMs, today, maxResults, options);
					for (const entry of listed) {
						outputs[DONE].push({
							json: output({}, entry, { window: entry.window, daysOverdue: entry.daysOverdue }),
							pairedItem,
						});
					}
					continue;
				}

				const invoiceId = assertInvoiceId(this.getNodeParameter('invoiceId', itemIndex));
				if (operation === 'claimStep') {
					const stepId = assertStepId(this.getNodeParameter('stepId', itemIndex));
					const allowPaid = this.getNodeParameter('allowPaid', itemIndex, false) as boolean;
					const result = await claimStep(this, invoiceId, stepId, today, options, json, allowPaid);
					const claim = {
						claimed: result.claimed,
						reason: result.reason,
						stepId: result.stepId,
						idempotencyKey: result.idempotencyKey,
						token: result.token,
					};
					outputs[result.claimed ? DONE : NOT_CLAIMED].push({
						json: output(json, result, { claim }),
						pairedItem,
					});
					continue;
				}

				if (operation === 'releaseClaim') {
					const request = readReleaseParameters(this, itemIndex);
					const result = await releaseClaim(
						this,
						invoiceId,
						{ ...request, stepId: assertStepId(request.stepId) },
						options,
					);
					const release = {
						released: result.released,
						reason: result.reason,
						stepId: result.stepId,
						invoiceId,
					};
					outputs[result.released ? DONE : NOT_CLAIMED].push({
						json: output(json, result, { release }),
						pairedItem,
					});
					continue;
				}

				let read: ReadInvoice;
				if (operation === 'get') {
					read = await getInvoice(this, invoiceId, options);
				} else if (operation === 'sendReminder') {
					read = await sendReminder(this, invoiceId, today, options);
				} else if (operation === 'recordPromise') {
					const raw = (this.getNodeParameter('promisedOn', itemIndex, '') as string).trim();
					const promisedOn = raw === '' ? '' : assertIsoDate(raw.slice(0, 10), 'promisedOn');
					read = await writeMetadata(
						this,
						invoiceId,
						{ [STRIPE_METADATA_KEYS.promisedOn]: promisedOn },
						options,
					);
				} else {
					const metadata = METADATA_WRITES[operation];
					if (!metadata) {
						throw new NodeOperationError(this.getNode(), `Unknown operation "${operation}"`, {
							itemIndex,
						});
					}
					read = await writeMetadata(this, invoiceId, metadata, options);
				}
				outputs[DONE].push({ json: output(json, read), pairedItem });
			} catch (error) {
				const failure = itemError(this, error, itemIndex);
				if (!this.continueOnFail()) throw failure;
				// Never on Done, which leads to sending: a failed item waits on Not Claimed.
				outputs[NOT_CLAIMED].push(failedItem(this, items[itemIndex], failure, itemIndex));
			}
		}
		return outputs;
	}
}

import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { ItemResult } from '../../common/per-item';
import type { Execute } from '../../common/router';
import type { DunningLedger } from '../../services/ledger/ledger';
import { DunningInputError, normalizeInvoice, type DunningState } from '../../shared/internal';
import { chosenTimeZone } from '../../common/properties';

export { DONE, NOT_CLAIMED } from '../../common/router';

/** What every item of one execution shares: n8n's context, the ledger on this execution's pool, one clock. */
export interface LedgerRun {
	fn: IExecuteFunctions;
	ledger: DunningLedger;
	/** The claim owner: n8n's execution id (`manual` for an unsaved manual run). */
	executionId: string;
	nowMs: number;
	/** Read State's one query per (source, time zone) for all the input's items (readState.operation.ts). */
	stateBatches: Map<string, Promise<Map<string, DunningState>>>;
}

export function itemTimezone(run: LedgerRun, itemIndex: number): string {
	const settings = run.fn.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return chosenTimeZone(settings, run.fn.getTimezone());
}

function text(run: LedgerRun, name: string, itemIndex: number): string {
	const value = run.fn.getNodeParameter(name, itemIndex, '') as unknown;
	return value === null || value === undefined ? '' : String(value).trim();
}

/** The (source, invoice) an item is about: the Source and Invoice ID parameters, by default the item's invoice. */
export function invoiceKey(
	run: LedgerRun,
	itemIndex: number,
): { source: string; invoiceId: string } {
	const source = text(run, 'source', itemIndex);
	const invoiceId = text(run, 'invoiceId', itemIndex);
	if (source === '') throw new DunningInputError('source', 'is empty (e.g. pennylane, generic)');
	if (invoiceId === '') throw new DunningInputError('invoiceId', 'is empty');
	return { source, invoiceId };
}

export type LedgerExecute = Execute<LedgerRun>;

/** What an operation on one invoice works with: the run, the item and the (source, invoice) it is about. */
export interface LedgerCall {
	run: LedgerRun;
	item: INodeExecutionData;
	itemIndex: number;
	source: string;
	invoiceId: string;
}

/** The execute of an operation on one invoice: reads the item's (source, invoice), then runs `handle`. */
export function onInvoiceKey(handle: (call: LedgerCall) => Promise<ItemResult>): LedgerExecute {
	return async (run, item, itemIndex) =>
		await handle({ run, item, itemIndex, ...invoiceKey(run, itemIndex) });
}

export function stepIdOf(run: LedgerRun, itemIndex: number): string {
	const stepId = text(run, 'stepId', itemIndex);
	if (stepId === '') throw new DunningInputError('stepId', 'is empty (e.g. d7)');
	return stepId;
}

/** The item's normalised invoice (`json.invoice`), if it has one. */
export function itemInvoice(json: IDataObject): ReturnType<typeof normalizeInvoice> | null {
	const value = json.invoice;
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
	return normalizeInvoice(value, 'invoice');
}

/** The input item with its invoice's `dunning` replaced by the ledger's state (when it has an invoice). */
export function withDunning(json: IDataObject, dunning: IDataObject): IDataObject {
	const invoice = json.invoice;
	if (typeof invoice !== 'object' || invoice === null || Array.isArray(invoice)) {
		return { ...json, dunning };
	}
	return { ...json, invoice: { ...(invoice as IDataObject), dunning } };
}

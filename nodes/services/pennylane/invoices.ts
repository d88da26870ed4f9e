import type { IDataObject } from 'n8n-workflow';

import { mapConcurrently } from '../../common/concurrency';
import { classifyInvoice, type OverdueFilter } from '../../common/overdue-window';
import type { CallOptions, ListedInvoice, ReadInvoice } from '../../common/source-call';
import { DunningInputError, normalizePennylaneInvoice } from '../../shared/internal';
import { pennylaneGet, pennylanePages, type PennylaneContext } from './transport';

export type { CallOptions, ListedInvoice, ReadInvoice } from '../../common/source-call';

/** Pennylane invoice ids are positive integers; the normalised invoice carries them as strings. */
export function assertInvoiceId(value: unknown): string {
	const id =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!/^[1-9]\d{0,17}$/.test(id)) {
		throw new DunningInputError(
			'invoiceId',
			`${JSON.stringify(value)} is not a Pennylane invoice id (a number)`,
		);
	}
	return id;
}

/**
 * Customers read at most once per node run: an invoice carries only `customer: { id, url }`, and the email,
 * name, language and address are in `GET /customers/{id}`. Concurrent reads of one customer share a request.
 */
export class CustomerCache {
	private readonly byId = new Map<string, Promise<IDataObject>>();

	constructor(
		private readonly context: PennylaneContext,
		private readonly timeoutMs: number,
	) {}

	get(id: string): Promise<IDataObject> {
		let pending = this.byId.get(id);
		if (!pending) {
			pending = pennylaneGet(this.context, {
				path: `/customers/${encodeURIComponent(id)}`,
				timeoutMs: this.timeoutMs,
			});
			// A failed read is not cached: the next invoice of the customer asks again.
			pending.catch(() => this.byId.delete(id));
			this.byId.set(id, pending);
		}
		return pending;
	}

	/** How many distinct customers were asked for (tests check "once per run"). */
	get size(): number {
		return this.byId.size;
	}
}

function customerIdOf(raw: IDataObject): string | null {
	const customer = raw.customer as IDataObject | null | undefined;
	const id = customer?.id;
	return typeof id === 'number' || typeof id === 'string' ? String(id) : null;
}

async function read(
	raw: IDataObject,
	customers: CustomerCache,
	options: CallOptions,
): Promise<ReadInvoice> {
	const customerId = customerIdOf(raw);
	const customer = customerId === null ? undefined : await customers.get(customerId);
	const invoice = normalizePennylaneInvoice(raw, { timezone: options.timezone, customer });
	return { invoice, raw };
}

/** A fresh read of one invoice, with its customer. */
export async function getInvoice(
	context: PennylaneContext,
	invoiceId: string,
	options: CallOptions,
	customers = new CustomerCache(context, options.timeoutMs),
): Promise<ReadInvoice> {
	const raw = await pennylaneGet(context, {
		path: `/customer_invoices/${encodeURIComponent(invoiceId)}`,
		timeoutMs: options.timeoutMs,
	});
	return await read(raw, customers, options);
}

/** Invoices a list returns per page, the most Pennylane allows (SOURCES.md §7). */
export const INVOICE_PAGE_SIZE = 100;

/** The invoices worth chasing: finalised (not drafts) and not credit notes (negative amounts). */
function finalisedInvoices(): IDataObject[] {
	return [
		{ field: 'draft', operator: 'eq', value: 'false' },
		{ field: 'credit_note', operator: 'eq', value: 'false' },
	];
}

/**
 * The list query: Pennylane cannot filter on paid, status or deadline (SOURCES.md §8), so it lists the
 * finalised invoices that are not credit notes (optionally of one customer) and `classifyInvoice` keeps the
 * open ones in the window.
 */
export function overdueListQuery(filter: OverdueFilter): Record<string, string> {
	const conditions = finalisedInvoices();
	if (filter.customerId) {
		conditions.push({
			field: 'customer_id',
			operator: 'eq',
			value: assertCustomerId(filter.customerId),
		});
	}
	return { filter: JSON.stringify(conditions), sort: 'id' };
}

function assertCustomerId(value: string): string {
	if (!/^[1-9]\d{0,17}$/.test(value.trim())) {
		throw new DunningInputError(
			'customerId',
			`${JSON.stringify(value)} is not a Pennylane customer id (a number)`,
		);
	}
	return value.trim();
}

/**
 * Every open invoice in the filter's window, page by page to the end (or `limit`; undefined: all). Each
 * customer is read once for the whole run, and only for invoices in the window.
 */
export async function listOverdue(
	context: PennylaneContext,
	filter: OverdueFilter,
	today: string,
	limit: number | undefined,
	options: CallOptions,
	customers = new CustomerCache(context, options.timeoutMs),
): Promise<ListedInvoice[]> {
	const results: ListedInvoice[] = [];
	for await (const page of pennylanePages(context, '/customer_invoices', overdueListQuery(filter), {
		timeoutMs: options.timeoutMs,
	})) {
		for (const raw of page) {
			// Classified first without the customer (status, amounts and deadline are on the invoice).
			const bare = normalizePennylaneInvoice(raw, { timezone: options.timezone });
			const match = classifyInvoice(bare, today, filter);
			if (!match) continue;
			results.push({ ...(await read(raw, customers, options)), ...match });
			if (limit !== undefined && results.length >= limit) return results;
		}
	}
	return results;
}

/**
 * Every finalised invoice (not a credit note) with an id above `afterId`, by id, page by page: a read that
 * stops after some pages goes on from the last id read, with no cursor to keep between polls.
 */
export function finalisedInvoicePages(
	context: PennylaneContext,
	afterId: string | null,
	timeoutMs: number,
): AsyncGenerator<IDataObject[]> {
	const conditions = finalisedInvoices();
	if (afterId !== null) conditions.push({ field: 'id', operator: 'gt', value: afterId });
	return pennylanePages(
		context,
		'/customer_invoices',
		{ filter: JSON.stringify(conditions), sort: 'id' },
		{ pageSize: INVOICE_PAGE_SIZE, timeoutMs },
	);
}

/**
 * The finalised invoices among `ids`, read afresh: one list request per 100 ids (`id in`, SOURCES.md §8)
 * rather than one per invoice, up to `concurrency` requests at once. An id not returned is a draft, a credit
 * note or deleted.
 */
export async function invoicesByIds(
	context: PennylaneContext,
	ids: readonly string[],
	options: { timeoutMs: number; concurrency: number },
): Promise<IDataObject[]> {
	const chunks: string[][] = [];
	for (let start = 0; start < ids.length; start += INVOICE_PAGE_SIZE) {
		chunks.push(ids.slice(start, start + INVOICE_PAGE_SIZE));
	}
	const pages = await mapConcurrently(chunks, options.concurrency, async (chunk) => {
		const filter = [...finalisedInvoices(), { field: 'id', operator: 'in', value: chunk }];
		const body = await pennylaneGet<{ items?: IDataObject[] }>(context, {
			path: '/customer_invoices',
			query: { filter: JSON.stringify(filter), sort: 'id', limit: INVOICE_PAGE_SIZE },
			timeoutMs: options.timeoutMs,
		});
		return Array.isArray(body.items) ? body.items : [];
	});
	return pages.flat();
}

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { mapConcurrently } from '../common/concurrency';
import { invoiceForOutput } from '../common/invoice-input';
import { classifyInvoice } from '../common/overdue-window';
import type { CustomerCache } from '../services/pennylane/invoices';
import {
	amountOwedFingerprint,
	daysBetween,
	normalizePennylaneInvoice,
	type Invoice,
} from '../shared/internal';
import { forget, knownFingerprint, track, type PollState } from './poll-state';

/** What an invoice change means for dunning: the QuickBooks trigger's events, by the same names. */
export type InvoiceEvent = 'overdue' | 'paid' | 'voided';

export interface PollSettings {
	/** Today in the company's zone. */
	today: string;
	minDaysOverdue: number;
	timezone: string;
	emitSettled: boolean;
}

interface Pending {
	raw: IDataObject;
	event: InvoiceEvent;
}

function eventOf(invoice: Invoice, settings: PollSettings): InvoiceEvent | null {
	if (invoice.status === 'void') return 'voided';
	if (invoice.status === 'paid') return 'paid';
	const match = classifyInvoice(invoice, settings.today, {
		minDaysOverdue: settings.minDaysOverdue,
		dueWithinDays: null,
	});
	return match?.window === 'overdue' ? 'overdue' : null;
}

function normalize(raw: IDataObject, timezone: string, customer?: IDataObject): Invoice {
	// The normaliser's type widens `source` for older cores; the core lists "pennylane" now.
	return normalizePennylaneInvoice(raw, { timezone, customer });
}

function customerIdOf(raw: IDataObject): string | null {
	const id = (raw.customer as IDataObject | null | undefined)?.id;
	return typeof id === 'number' || typeof id === 'string' ? String(id) : null;
}

/**
 * One poll's judge: each invoice read becomes news or not (newly overdue or owing another amount, or a tracked
 * one paid or voided), and the state follows: fingerprints of the overdue ones, the due dates of the open ones
 * not overdue yet. Items are built at the end, each customer read once for the poll.
 */
export class PollRun {
	private readonly pending = new Map<string, Pending>();

	constructor(
		private readonly state: PollState,
		private readonly settings: PollSettings,
	) {}

	/** Judges one invoice as read; `emitOverdue` false records an overdue invoice without emitting it. */
	consider(raw: IDataObject, emitOverdue = true): void {
		const invoice = normalize(raw, this.settings.timezone);
		const id = invoice.id;
		const event = eventOf(invoice, this.settings);
		this.state.watched.delete(id);
		if (event === 'overdue') {
			const fingerprint = amountOwedFingerprint(invoice);
			const seen = knownFingerprint(this.state, id) === fingerprint;
			track(this.state, id, fingerprint);
			if (!seen && emitOverdue) this.pending.set(id, { raw, event });
			return;
		}
		const wasTracked = forget(this.state, id);
		// Open and owing, but not overdue yet: read again once its due date has crossed the line.
		if (invoice.status === 'open' && invoice.dueMinor > 0 && invoice.dueDate !== null) {
			this.state.watched.set(id, invoice.dueDate);
		}
		if (event && wasTracked && this.settings.emitSettled) this.pending.set(id, { raw, event });
		else this.pending.delete(id);
	}

	/** The watched invoices whose due date has crossed the line today, at most `limit`, soonest first. */
	crossed(limit: number): string[] {
		return [...this.state.watched]
			.filter(
				([, dueDate]) => daysBetween(this.settings.today, dueDate) >= this.settings.minDaysOverdue,
			)
			.sort((a, b) => a[1].localeCompare(b[1]))
			.slice(0, limit)
			.map(([id]) => id);
	}

	/**
	 * The items to emit, `{ invoice, event, raw, customer? }` as the QuickBooks trigger's: each distinct
	 * customer read once (up to `concurrency` at once), the invoice normalised with it.
	 */
	async items(customers: CustomerCache, concurrency: number): Promise<INodeExecutionData[]> {
		const pending = [...this.pending.values()];
		const ids = [...new Set(pending.map(({ raw }) => customerIdOf(raw)))].filter(
			(id): id is string => id !== null,
		);
		const records = await mapConcurrently(ids, concurrency, async (id) => await customers.get(id));
		const byId = new Map(ids.map((id, index) => [id, records[index]]));
		return pending.map(({ raw, event }) => {
			const customerId = customerIdOf(raw);
			const customer = customerId === null ? undefined : byId.get(customerId);
			const json: IDataObject = {
				invoice: invoiceForOutput(normalize(raw, this.settings.timezone, customer)),
				event,
				raw,
			};
			if (customer) json.customer = customer;
			return { json };
		});
	}
}

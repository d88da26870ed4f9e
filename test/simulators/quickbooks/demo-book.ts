// The demo book of test/simulators/stripe/demo-book.ts in QuickBooks' shapes (customers with an email, invoices
// with BillEmail, CurrencyRef and the `[dunning]` private-note line), and ageing by whole days: DueDate, TxnDate
// and every date of the `[dunning]` line move back, so workflows run with the real clock see the next day.
import { addDays, demoBook, todayIn } from '../stripe/demo-book';
import type { QbObject, QuickBooksSimulator } from './server';

export interface SeededQuickBooksBook {
	/** invoice key → QuickBooks Id */
	ids: Record<string, string>;
	/** customer key → email */
	emails: Record<string, string>;
	/** invoice key → DocNumber */
	numbers: Record<string, string>;
}

const CURRENCY_NAMES: Record<string, string> = {
	EUR: 'Euro',
	GBP: 'British Pound Sterling',
	USD: 'United States Dollar',
	CHF: 'Swiss Franc',
};

/** Adds the demo book to a simulator created with `{ fixtures: false }`. */
export function seedQuickBooksDemoBook(
	simulator: QuickBooksSimulator,
	book = demoBook(),
	timezone = 'Europe/Paris',
	today = todayIn(timezone),
): SeededQuickBooksBook {
	const seeded: SeededQuickBooksBook = { ids: {}, emails: {}, numbers: {} };
	book.customers.forEach((customer, index) => {
		const id = String(100 + index);
		seeded.emails[customer.key] = customer.email;
		simulator.customers.set(id, {
			Id: id,
			SyncToken: '0',
			DisplayName: customer.name,
			CompanyName: customer.name,
			Active: true,
			PrimaryEmailAddr: { Address: customer.email },
			// Tags live here only, where the exceptions template's sticky note says to put them: a template that
			// depends on them must read the customer record (Customer Lookup: Always), not find them on the invoice.
			Notes: customer.tags ? `[dunning] tags=${customer.tags}` : '',
		});
	});
	let sequence = 0;
	for (const entry of book.invoices) {
		sequence++;
		const index = Number(entry.customer.slice(1));
		const customer = book.customers[index];
		const dueDate = addDays(today, -entry.daysOverdue);
		const paid = entry.status === 'paid';
		const fields: string[] = [];
		if (entry.sent?.length) {
			fields.push(
				`sent=${entry.sent.map(([step, offset]) => `${step}@${addDays(dueDate, offset)}`).join(',')}`,
			);
		}
		if (entry.disputed) fields.push('disputed=yes');
		if (entry.promised !== undefined) fields.push(`promised=${addDays(today, entry.promised)}`);
		const currency = entry.currency.toUpperCase();
		const invoice: QbObject = {
			DocNumber: `QB-${String(2000 + sequence)}`,
			SyncToken: '0',
			TxnDate: addDays(dueDate, -30),
			DueDate: dueDate,
			CurrencyRef: { value: currency, name: CURRENCY_NAMES[currency] ?? currency },
			CustomerRef: { value: String(100 + index), name: customer.name },
			BillEmail: { Address: customer.email },
			Line: [
				{
					Id: '1',
					LineNum: 1,
					Description: 'Services',
					Amount: entry.amount,
					DetailType: 'SalesItemLineDetail',
					SalesItemLineDetail: { ItemRef: { value: '21', name: 'Services' }, Qty: 1 },
				},
			],
			TxnTaxDetail: { TotalTax: 0 },
			TotalAmt: entry.amount,
			Balance: paid ? 0 : entry.amount,
			EmailStatus: 'EmailSent',
			PrivateNote: fields.length ? `[dunning] ${fields.join('; ')}` : '',
		};
		const stored = simulator.putInvoice(invoice);
		seeded.ids[entry.key] = String(stored.Id);
		seeded.numbers[entry.key] = String(stored.DocNumber);
	}
	return seeded;
}

const NOTE_DATE = /(@|promised=)(\d{4}-\d{2}-\d{2})/g;

/** Moves every date of the book `days` back, without touching SyncTokens (nobody edited the invoices). */
export function ageQuickBooksBook(simulator: QuickBooksSimulator, days: number): void {
	for (const invoice of simulator.invoices.values()) {
		for (const key of ['DueDate', 'TxnDate']) {
			if (typeof invoice[key] === 'string') invoice[key] = addDays(invoice[key] as string, -days);
		}
		if (typeof invoice.PrivateNote === 'string') {
			invoice.PrivateNote = invoice.PrivateNote.replace(
				NOTE_DATE,
				(_match, prefix: string, date: string) => `${prefix}${addDays(date, -days)}`,
			);
		}
	}
}

/** A payment recorded in QuickBooks: the balance drops to zero (a new SyncToken, as for a user's edit). */
export function payQuickBooksInvoice(simulator: QuickBooksSimulator, id: string): QbObject {
	return simulator.editInvoice(id, { Balance: 0 });
}

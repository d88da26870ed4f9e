// Pennylane in the demo (issue 22): the classic ladder template against the Pennylane simulator, its state in
// the Dunning Ledger on a real PostgreSQL the demo starts. The book is the template's own (books.ts), without
// history: the ledger starts empty, so only invoices with nothing sent yet are seeded.
import { Client } from 'pg';

import type { PennylaneSimulator } from '../../test/simulators/pennylane';
import {
	addDays,
	type BookCustomer,
	type BookInvoice,
} from '../../test/simulators/stripe/demo-book';

const LANGUAGES: Record<string, string> = { 'fr-FR': 'fr_FR', 'de-CH': 'de_DE' };

/** Puts the book's invoices with no step sent yet into the simulator, dated relative to `today`. */
export function seedPennylaneBook(
	sim: PennylaneSimulator,
	book: { customers: BookCustomer[]; invoices: BookInvoice[] },
	today: string,
): void {
	const firstId = 8001;
	book.customers.forEach((customer, index) => {
		sim.putCustomer({
			id: 20_000 + index,
			name: customer.name,
			emails: [customer.email],
			billing_language: LANGUAGES[customer.locale] ?? 'en_GB',
			billing_address: {
				address: `${index + 3} boulevard Voltaire`,
				postal_code: '75011',
				city: 'Paris',
				country_alpha2: 'FR',
			},
			customer_type: 'company',
		});
	});
	book.invoices
		.filter((invoice) => !invoice.sent?.length && !invoice.disputed)
		.forEach((invoice, index) => {
			const id = firstId + index;
			const customerIndex = Number(invoice.customer.slice(1));
			const customer = book.customers[customerIndex];
			const deadline = addDays(today, -invoice.daysOverdue);
			const paid = invoice.status === 'paid';
			const amount = invoice.amount.toFixed(2);
			const issued = addDays(deadline, -30);
			sim.putInvoice({
				id,
				label: `Facture PL-${id}`,
				invoice_number: `PL-${id}`,
				currency: invoice.currency.toUpperCase(),
				amount,
				currency_amount: amount,
				date: issued,
				deadline,
				language: LANGUAGES[customer.locale] ?? 'en_GB',
				paid,
				status: paid ? 'paid' : invoice.daysOverdue > 0 ? 'late' : 'upcoming',
				remaining_amount_with_tax: paid ? '0.0' : amount,
				draft: false,
				credit_note: false,
				customer: {
					id: 20_000 + customerIndex,
					url: `https://app.pennylane.com/api/external/v2/customers/${20_000 + customerIndex}`,
				},
				public_file_url: null,
				archived_at: null,
				created_at: `${issued}T09:00:00.000Z`,
				updated_at: `${issued}T09:00:00.000Z`,
			});
		});
}

/** The Dunning Ledger's sent steps, per invoice, in the order they were sent (the proof of what went out). */
export async function ledgerSentSteps(connectionString: string): Promise<Map<string, string[]>> {
	const rows = await query<{ invoice_id: string; step_id: string }>(
		connectionString,
		"SELECT invoice_id, step_id FROM dunning_ledger_steps WHERE source = 'pennylane' AND sent_at IS NOT NULL ORDER BY sent_at, step_id",
	);
	const steps = new Map<string, string[]>();
	for (const row of rows)
		steps.set(row.invoice_id, [...(steps.get(row.invoice_id) ?? []), row.step_id]);
	return steps;
}

/** Per step: rows sent, with their channel and how many distinct addresses, from the ledger's tables. */
export async function ledgerProof(
	connectionString: string,
): Promise<
	Array<{ step_id: string; channel: string; sent: number; addresses: number; events: number }>
> {
	return await query(
		connectionString,
		`SELECT s.step_id, s.channel, count(*)::int AS sent, count(DISTINCT s.address)::int AS addresses,
			(SELECT count(*)::int FROM dunning_ledger_events e
				WHERE e.source = 'pennylane' AND e.step_id = s.step_id AND e.kind = 'sent') AS events
		FROM dunning_ledger_steps s
		WHERE s.source = 'pennylane' AND s.sent_at IS NOT NULL
		GROUP BY s.step_id, s.channel ORDER BY s.step_id`,
	);
}

async function query<T>(connectionString: string, sql: string): Promise<T[]> {
	const client = new Client({ connectionString });
	await client.connect();
	try {
		// Before the template's first run the node has not created the ledger's tables yet.
		const exists = await client.query("SELECT to_regclass('dunning_ledger_steps') AS t");
		if (!exists.rows[0]?.t) return [];
		return (await client.query(sql)).rows as T[];
	} finally {
		await client.end();
	}
}

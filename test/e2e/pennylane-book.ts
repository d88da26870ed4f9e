// Invoices for the ledger templates' end-to-end tests: overdue Pennylane invoices in the simulator (each with
// its own customer, so each reminder is one email to one address) and the same kind of rows as a spreadsheet
// gives them; the connection to the test's PostgreSQL as n8n's Dunning Ledger credential.
import type { CredentialJson, WorkflowJson } from '../../scripts/n8n/instance';
import type { TestPostgres } from '../helpers/postgres';
import { SIMULATOR_TOKEN, type PennylaneSimulator } from '../simulators/pennylane';

const ZONE = 'Europe/Paris';

/** Today's date in Paris shifted by `days`, as YYYY-MM-DD (what the templates' scenario counts from). */
export function parisDay(days: number): string {
	const today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date());
	const date = new Date(`${today}T12:00:00Z`);
	date.setUTCDate(date.getUTCDate() + days);
	return date.toISOString().slice(0, 10);
}

export interface SeededInvoice {
	id: number;
	number: string;
	email: string;
}

/**
 * `count` open invoices, `daysOverdue` days past their deadline (J+8 by default: the J+7 step is due), each
 * with a customer of its own, from id `firstId`.
 */
export function seedPennylaneInvoices(
	sim: PennylaneSimulator,
	firstId: number,
	count: number,
	daysOverdue = 8,
): SeededInvoice[] {
	return Array.from({ length: count }, (_, index) => {
		const id = firstId + index;
		const customerId = 10_000 + id;
		const email = `client-${id}@example.test`;
		sim.putCustomer({
			id: customerId,
			name: `Client ${id} SARL`,
			emails: [email],
			billing_language: 'fr_FR',
			billing_address: {
				address: '1 rue de la Paix',
				postal_code: '75002',
				city: 'Paris',
				country_alpha2: 'FR',
			},
			customer_type: 'company',
		});
		const number = `F-E2E-${id}`;
		sim.putInvoice({
			id,
			label: `Facture ${number}`,
			invoice_number: number,
			currency: 'EUR',
			amount: '1200.00',
			currency_amount: '1200.00',
			date: parisDay(-daysOverdue - 30),
			deadline: parisDay(-daysOverdue),
			language: 'fr_FR',
			paid: false,
			status: 'late',
			remaining_amount_with_tax: '1200.00',
			draft: false,
			credit_note: false,
			customer: {
				id: customerId,
				url: `https://app.pennylane.com/api/external/v2/customers/${customerId}`,
			},
			public_file_url: null,
			archived_at: null,
			created_at: `${parisDay(-daysOverdue - 30)}T09:00:00.000Z`,
			updated_at: `${parisDay(-daysOverdue - 30)}T09:00:00.000Z`,
		});
		return { id, number, email };
	});
}

/** Rows as the spreadsheet template reads them from its Google Sheet (the columns of its sticky note). */
export function sheetRows(
	firstId: number,
	count: number,
	daysOverdue = 8,
): Record<string, string>[] {
	return Array.from({ length: count }, (_, index) => {
		const id = firstId + index;
		return {
			invoice_id: `S-${id}`,
			number: `S-E2E-${id}`,
			customer_id: `cust-${id}`,
			customer_name: `Client ${id}`,
			customer_email: `sheet-${id}@example.test`,
			language: 'fr-FR',
			currency: 'EUR',
			total: '1 234,50',
			amount_due: '1234.50',
			issue_date: parisDay(-daysOverdue - 30),
			due_date: parisDay(-daysOverdue),
			status: '',
		};
	});
}

/**
 * The spreadsheet template with its Google Sheets node replaced by a Code node returning `rows` (the tests
 * cannot reach Google): the rest of the workflow, from the Edit Fields mapping on, is the file users import.
 */
export function withSheetRows(
	workflow: WorkflowJson,
	rows: Record<string, string>[],
): WorkflowJson {
	const copy = JSON.parse(JSON.stringify(workflow)) as WorkflowJson;
	const index = copy.nodes.findIndex((node) => node.type === 'n8n-nodes-base.googleSheets');
	if (index < 0) throw new Error('the spreadsheet template has no Google Sheets node');
	const sheet = copy.nodes[index];
	copy.nodes[index] = {
		id: sheet.id,
		name: sheet.name,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: sheet.position,
		parameters: { jsCode: `return ${JSON.stringify(rows)}.map((json) => ({ json }));` },
		onError: 'continueErrorOutput',
	};
	return copy;
}

export const LEDGER_CREDENTIAL = { id: 'e2eDunningLedger01', name: 'Dunning Ledger' };
export const PENNYLANE_CREDENTIAL = { id: 'e2ePennylaneSim01', name: 'Pennylane Dunning' };

export function ledgerCredential(pg: TestPostgres, tablePrefix = 'dunning_ledger'): CredentialJson {
	return {
		...LEDGER_CREDENTIAL,
		type: 'dunningLedgerPostgresApi',
		data: { connectWith: 'connectionString', connectionString: pg.connectionString, tablePrefix },
	};
}

export function pennylaneCredential(sim: PennylaneSimulator): CredentialJson {
	return {
		...PENNYLANE_CREDENTIAL,
		type: 'pennylaneDunningApi',
		data: { apiToken: SIMULATOR_TOKEN, baseUrl: sim.baseUrl },
	};
}

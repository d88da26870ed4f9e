// A realistic book of invoices for the demo and the end-to-end tests, and "time travel": ageing the whole book
// by whole days (every date the simulator holds moves back), so that workflows run with the real clock see the
// next simulated day. The claims the nodes write (`dunning_last_sent_on` = the real today) age with the book, so
// the dates stay consistent: a step claimed "today" reads as claimed yesterday after one day of ageing.
import { slugify } from 'transliteration';

import { fixture, stripeId, type StripeSimulator } from './server';

type Json = Record<string, unknown>;

export const DAY_SECONDS = 86_400;

/** Today's date (YYYY-MM-DD) in a time zone. */
export function todayIn(timezone: string, nowMs = Date.now()): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: timezone }).format(new Date(nowMs));
}

export function addDays(date: string, days: number): string {
	const ms = Date.parse(`${date}T00:00:00Z`) + days * DAY_SECONDS * 1000;
	return new Date(ms).toISOString().slice(0, 10);
}

/** Noon UTC of a date: the same calendar day in every European zone. */
export const noonUtc = (date: string) => Date.parse(`${date}T12:00:00Z`) / 1000;

export interface BookCustomer {
	key: string;
	name: string;
	email: string;
	locale: string;
	tags?: string;
}

export interface BookInvoice {
	key: string;
	customer: string;
	currency: string;
	/** Major units. */
	amount: number;
	/** Days overdue today (negative: due in that many days). */
	daysOverdue: number;
	/** Step ids already sent, each with how many days after the due date it went out. */
	sent?: [string, number][];
	status?: 'open' | 'paid';
	disputed?: boolean;
	/** A payment promise, in days from today (negative: a date already passed). */
	promised?: number;
}

export interface SeededBook {
	customers: Map<string, Json>;
	invoices: Map<string, Json>;
	/** invoice key → Stripe id */
	ids: Record<string, string>;
	/** customer key → email */
	emails: Record<string, string>;
}

/** `Kinésithérapie Morel` → `kinesitherapie-morel` (transliterated, not split at each accent). */
export const slug = (name: string) =>
	slugify(name, { lowercase: true, separator: '-', allowedChars: 'a-zA-Z0-9' });

/** `Hôtel Beauséjour` → `HOTELBEA`: the invoice-number prefix Stripe derives from a customer, 8 characters. */
export const invoicePrefix = (name: string) =>
	slugify(name, { lowercase: false, separator: '', allowedChars: 'a-zA-Z0-9' })
		.toUpperCase()
		.slice(0, 8);

const COMPANIES: [string, string, string][] = [
	['Atelier Vauclair SARL', 'fr-FR', 'eur'],
	['Boulangerie Marchal', 'fr-FR', 'eur'],
	['Cabinet Lefèvre Avocats', 'fr-FR', 'eur'],
	['Domaine des Trois Chênes', 'fr-FR', 'eur'],
	['Éditions du Quai', 'fr-FR', 'eur'],
	['Ferronnerie Giraud', 'fr-FR', 'eur'],
	['Garage Nouvel', 'fr-FR', 'eur'],
	['Hôtel Beauséjour', 'fr-FR', 'eur'],
	['Imprimerie Roussel', 'fr-FR', 'eur'],
	['Jardins de Provence SAS', 'fr-FR', 'eur'],
	['Kinésithérapie Morel', 'fr-FR', 'eur'],
	['Librairie Ancre', 'fr-FR', 'eur'],
	['Menuiserie Perrin', 'fr-FR', 'eur'],
	['Northgate Clinics plc', 'en-GB', 'gbp'],
	['Oakridge Analytics Ltd', 'en-GB', 'gbp'],
	['Pinecrest Software Inc.', 'en-US', 'usd'],
	['Quayside Logistics Ltd', 'en-GB', 'gbp'],
	['Riverside Dental LLC', 'en-US', 'usd'],
	['Studio Helvetica GmbH', 'de-CH', 'chf'],
	['Transports Vidal', 'fr-FR', 'eur'],
	['Union Maraîchère', 'fr-FR', 'eur'],
	['Verrerie Dumont', 'fr-FR', 'eur'],
	['Westbrook Media Ltd', 'en-GB', 'gbp'],
	['Xavier Conseil EURL', 'fr-FR', 'eur'],
	['Yellowfield Farms Inc.', 'en-US', 'usd'],
	['Zénith Architecture', 'fr-FR', 'eur'],
	['Alpine Outfitters AG', 'de-CH', 'chf'],
	['Brasserie du Port', 'fr-FR', 'eur'],
	['Crèche Les Petits Pas', 'fr-FR', 'eur'],
	['Delta Électricité', 'fr-FR', 'eur'],
];

/**
 * The reference book: 30 customers and 36 invoices. Named cases the tests look up by key; the rest give the
 * demo its spread (paid, not yet due, overdue by various days, several currencies).
 * - `first-d7`: 7 days overdue, nothing sent (friendly reminder due); `second-d14`: 14 days, J+7 sent;
 * - `escalate-d21`: 21 days, J+7 and J+14 sent (accounting is notified);
 * - `multi-a/b/c`: one customer with three invoices 7 to 10 days overdue (one grouped email);
 * - `paid`: paid though past its due date; `disputed`: 8 days overdue but disputed;
 * - `vip-a`: a strategic customer (tag `strategic`) 14 days overdue with J+7 sent, `vip-b` 21 days with two sent;
 * - `payer`: 7 days overdue, pays between two runs; `twin`: same as `payer` but never pays;
 * - `courtesy`: due in 3 days (J-3 notice); `late-1`: 1 day overdue; `formal`: 15 days, J+1 sent.
 */
export function demoBook(): { customers: BookCustomer[]; invoices: BookInvoice[] } {
	const customers: BookCustomer[] = COMPANIES.map(([name, locale], index) => ({
		key: `c${index}`,
		name,
		email: `accounts@${slug(name)}.example`,
		locale,
		...(index === 13 ? { tags: 'strategic' } : {}),
		...(index === 22 ? { tags: 'vip' } : {}),
	}));
	const currency = (customer: string) => COMPANIES[Number(customer.slice(1))][2];
	const named: Omit<BookInvoice, 'currency'>[] = [
		{ key: 'first-d7', customer: 'c0', amount: 1450, daysOverdue: 7 },
		{ key: 'second-d14', customer: 'c1', amount: 380.5, daysOverdue: 14, sent: [['d7', 7]] },
		{
			key: 'escalate-d21',
			customer: 'c2',
			amount: 2875,
			daysOverdue: 21,
			sent: [
				['d7', 7],
				['d14', 14],
			],
		},
		{ key: 'multi-a', customer: 'c3', amount: 640, daysOverdue: 7 },
		{ key: 'multi-b', customer: 'c3', amount: 1210.4, daysOverdue: 8 },
		{ key: 'multi-c', customer: 'c3', amount: 95, daysOverdue: 10 },
		{ key: 'paid', customer: 'c4', amount: 720, daysOverdue: 7, status: 'paid' },
		{ key: 'disputed', customer: 'c5', amount: 3300, daysOverdue: 8, disputed: true },
		{ key: 'vip-a', customer: 'c13', amount: 12_400, daysOverdue: 14, sent: [['d7', 7]] },
		{
			key: 'vip-b',
			customer: 'c22',
			amount: 5600,
			daysOverdue: 21,
			sent: [
				['d7', 7],
				['d14', 14],
			],
		},
		{ key: 'payer', customer: 'c6', amount: 410, daysOverdue: 7 },
		{ key: 'twin', customer: 'c7', amount: 415, daysOverdue: 7 },
		{ key: 'courtesy', customer: 'c8', amount: 990, daysOverdue: -3 },
		{ key: 'late-1', customer: 'c9', amount: 1875, daysOverdue: 1 },
		{ key: 'formal', customer: 'c10', amount: 4200, daysOverdue: 15, sent: [['d1', 1]] },
		{ key: 'usd-d7', customer: 'c15', amount: 2300, daysOverdue: 7 },
		{ key: 'gbp-d14', customer: 'c14', amount: 860, daysOverdue: 14, sent: [['d7', 7]] },
		{ key: 'chf-d7', customer: 'c18', amount: 1525, daysOverdue: 7 },
	];
	const spread: Omit<BookInvoice, 'currency'>[] = [];
	const days = [-20, -10, -5, 2, 3, 4, 5, 9, 11, 12, 16, 30, -15, 6, 0, 40, 18, 25];
	for (let index = 0; index < days.length; index++) {
		const customer = `c${11 + ((index * 7) % 19)}`;
		const daysOverdue = days[index];
		const sent: [string, number][] = [];
		if (daysOverdue > 7) sent.push(['d7', 7]);
		if (daysOverdue > 14) sent.push(['d14', 14]);
		if (daysOverdue > 21) sent.push(['d21', 21]);
		spread.push({
			key: `spread-${index}`,
			customer: customer === 'c13' || customer === 'c22' ? 'c12' : customer,
			amount: 150 + ((index * 137) % 2400),
			daysOverdue,
			sent,
			...(index % 6 === 5 ? { status: 'paid' as const } : {}),
		});
	}
	return {
		customers,
		invoices: [...named, ...spread].map((invoice) => ({
			...invoice,
			currency: currency(invoice.customer),
		})),
	};
}

/**
 * The seeds' ladder, one invoice at each step (the full-ladder templates): customer c0 due in 3 days (J-3
 * notice), c1 one day late (J+1), c2 7 days (J+7), c3 14 days (J+14, penalties), c4 21 days (J+21 call
 * alert), c5 30 days (J+30 formal notice, approval), each with the earlier steps already sent on their day.
 */
export function ladderBook(): { customers: BookCustomer[]; invoices: BookInvoice[] } {
	const { customers } = demoBook();
	const steps: [string, number][] = [
		['d-3', -3],
		['d1', 1],
		['d7', 7],
		['d14', 14],
		['d21', 21],
		['d30', 30],
	];
	const invoices: BookInvoice[] = steps.map(([stepId, day], index) => ({
		key: `ladder-${stepId}`,
		customer: `c${index}`,
		currency: 'eur',
		amount: 800 + index * 650,
		daysOverdue: day,
		sent: steps.slice(0, index),
	}));
	// c6 promised, after the J+7 reminder, to pay two days ago and did not: its J+14 reminder says so.
	invoices.push({
		key: 'ladder-broken-promise',
		customer: 'c6',
		currency: 'eur',
		amount: 1320,
		daysOverdue: 16,
		sent: steps.slice(0, 3),
		promised: -2,
	});
	return { customers: customers.slice(0, steps.length + 1), invoices };
}

/** Puts the book into the simulator; dates are relative to `today` (default: today in `timezone`). */
export function seedDemoBook(
	simulator: StripeSimulator,
	book = demoBook(),
	timezone = 'Europe/Paris',
	today = todayIn(timezone),
): SeededBook {
	const base = fixture('invoice-open-send-invoice');
	const customerBase = fixture('customer');
	const seeded: SeededBook = { customers: new Map(), invoices: new Map(), ids: {}, emails: {} };
	const customerIds: Record<string, string> = {};
	for (const entry of book.customers) {
		const id = stripeId('cus', 14);
		customerIds[entry.key] = id;
		seeded.emails[entry.key] = entry.email;
		const customer = simulator.addCustomer({
			...customerBase,
			id,
			name: entry.name,
			email: entry.email,
			preferred_locales: [entry.locale],
			invoice_prefix: invoicePrefix(entry.name),
			metadata: entry.tags ? { dunning_tags: entry.tags } : {},
		});
		seeded.customers.set(entry.key, customer);
	}
	let sequence = 0;
	for (const entry of book.invoices) {
		sequence++;
		const customer = book.customers.find((candidate) => candidate.key === entry.customer)!;
		const dueDate = addDays(today, -entry.daysOverdue);
		const issued = addDays(dueDate, -30);
		const amount = Math.round(entry.amount * 100);
		const paid = entry.status === 'paid';
		const metadata: Record<string, string> = {};
		if (entry.sent?.length) {
			metadata.dunning_sent_steps = entry.sent.map(([step]) => step).join(',');
			metadata.dunning_last_sent_on = addDays(dueDate, entry.sent[entry.sent.length - 1][1]);
		}
		if (entry.disputed) metadata.dunning_disputed = 'true';
		if (entry.promised !== undefined) metadata.dunning_promised_on = addDays(today, entry.promised);
		const invoice: Json = {
			...JSON.parse(JSON.stringify(base)),
			id: stripeId('in'),
			number: `${invoicePrefix(customer.name)}-${String(1000 + sequence)}`,
			customer: customerIds[entry.customer],
			customer_email: customer.email,
			customer_name: customer.name,
			currency: entry.currency,
			created: noonUtc(issued) - sequence,
			effective_at: noonUtc(issued),
			period_start: noonUtc(issued),
			period_end: noonUtc(issued),
			due_date: noonUtc(dueDate),
			amount_due: amount,
			amount_paid: paid ? amount : 0,
			amount_remaining: paid ? 0 : amount,
			total: amount,
			subtotal: amount,
			total_excluding_tax: amount,
			subtotal_excluding_tax: amount,
			status: paid ? 'paid' : 'open',
			status_transitions: {
				finalized_at: noonUtc(issued),
				marked_uncollectible_at: null,
				paid_at: paid ? noonUtc(addDays(today, -1)) : null,
				voided_at: null,
			},
			description: `Services ${issued.slice(0, 7)}`,
			metadata,
		};
		seeded.invoices.set(entry.key, simulator.addInvoice(invoice));
		seeded.ids[entry.key] = invoice.id as string;
	}
	return seeded;
}

const DATE_KEYS = ['dunning_last_sent_on', 'dunning_promised_on'];
const TIMESTAMP_KEYS = ['created', 'due_date', 'effective_at', 'period_start', 'period_end'];

/** Moves every date of the book `days` back: the next workflow run sees the book `days` later. */
export function ageBook(simulator: StripeSimulator, days: number): void {
	const shift = days * DAY_SECONDS;
	for (const invoice of simulator.invoices.values()) {
		for (const key of TIMESTAMP_KEYS) {
			if (typeof invoice[key] === 'number') invoice[key] = (invoice[key] as number) - shift;
		}
		const transitions = invoice.status_transitions as Record<string, number | null> | undefined;
		for (const key of Object.keys(transitions ?? {})) {
			if (typeof transitions![key] === 'number') transitions![key] = transitions![key]! - shift;
		}
		const metadata = (invoice.metadata ?? {}) as Record<string, string>;
		for (const key of DATE_KEYS) {
			if (/^\d{4}-\d{2}-\d{2}$/.test(metadata[key] ?? '')) {
				metadata[key] = addDays(metadata[key], -days);
			}
		}
	}
}

/** A payment as Stripe records it: the invoice becomes paid (and `invoice.paid` is emitted). */
export function payInvoice(simulator: StripeSimulator, id: string): Json {
	const invoice = simulator.invoice(id)!;
	return simulator.updateInvoice(
		id,
		{
			status: 'paid',
			amount_paid: invoice.amount_due,
			amount_remaining: 0,
			status_transitions: {
				...(invoice.status_transitions as Json),
				paid_at: simulator.now(),
			},
		},
		'invoice.paid',
	);
}

import type { IsoDate } from '../dates';
import type { Invoice } from '../invoice';
import type { Channel, DecisionAction, DecisionReason, Tone } from '../scenario/types';

/** One step of an invoice's dunning with the day it went out. */
export interface SentStep {
	stepId: string;
	sentOn: IsoDate;
}

/**
 * The proof of one reminder sent, as the Dunning Ledger keeps it (docs/ledger.md): when its step was claimed and
 * sent, by which n8n execution, through which channel, to which address, and the SHA-256 of the message.
 */
export interface ReminderProof {
	stepId: string;
	/** ISO 8601 instants, UTC. */
	claimedAt: string;
	claimedBy: string;
	sentAt: string;
	/** The day of `sentAt` in the report's time zone (what the per-step KPIs count from). */
	sentOn: IsoDate;
	sentBy: string;
	channel: string;
	address: string | null;
	messageSha256: string;
	/** Whether the ledger also keeps the message itself (Mark Sent's Keep Message). */
	messageKept: boolean;
}

/** A step claimed but not (yet) marked sent: no reminder, but it blocks a second send until a person releases it. */
export interface UnsentClaim {
	stepId: string;
	claimedAt: string;
	claimedBy: string;
}

/** What the Dunning Ledger holds about one invoice, beside the history it gives (`foldLedgerHistory`). */
export interface InvoiceLedger {
	/** Reminders sent, oldest first. */
	proofs: ReminderProof[];
	unsentClaims: UnsentClaim[];
	/** Claims given up because their message did not leave (Release Claim): never reminders sent. */
	releasedClaims: number;
}

/**
 * The report's optional extension of an invoice's dunning state (not part of the Invoice contract): the dated
 * history that per-step KPIs need, and every promise the customer made (the Invoice only holds the latest).
 */
export interface DunningHistoryExtension {
	/** Steps sent with their dates. Without it: QuickBooks `[dunning]` notes, else only `lastSentOn`. */
	history?: SentStep[];
	/** Every "pay by" date the customer gave. Without it: `promisedOn`. */
	promises?: IsoDate[];
	/** Set when the history was read from the Dunning Ledger: the proofs behind it. */
	ledger?: InvoiceLedger;
}

/** An invoice as the report reads it: the normalised invoice, optionally with the history extension. */
export type ReportInvoice = Invoice & { dunning: Invoice['dunning'] & DunningHistoryExtension };

export interface AgingBuckets {
	current: number;
	d1_30: number;
	d31_60: number;
	d61_90: number;
	over90: number;
}

export type AgingBucket = keyof AgingBuckets;

/** DESIGN.md section 6, exactly. */
export interface CurrencySummary {
	openCount: number;
	openMinor: number;
	overdueCount: number;
	overdueMinor: number;
	/** Minor units still owed, by days overdue at `asOf`. */
	aging: AgingBuckets;
}

/** DESIGN.md section 6, exactly. */
export interface WorklistEntry {
	invoiceId: string;
	source: string;
	score: number;
	reasons: string[];
}

/** The parts of a priority score (points), so that a reader can check the sum. */
export interface PriorityParts {
	amount: number;
	overdue: number;
	lateness: number;
	brokenPromises: number;
	vip: number;
	/** 0.5 while a payment promise still runs, else 1. */
	factor: number;
}

/** Everything a worklist line shows about an open invoice. */
export interface OpenInvoiceDetail {
	invoiceId: string;
	source: string;
	number: string | null;
	customerName: string | null;
	customerKey: string;
	currency: string;
	dueMinor: number;
	dueDate: IsoDate | null;
	daysOverdue: number;
	bucket: AgingBucket;
	disputed: boolean;
	promisedOn: IsoDate | null;
	lastStepId: string | null;
	score: number;
	parts: PriorityParts;
}

export interface DsoFigures {
	/** Receivables still owed at the end of the period (minor units). */
	receivablesMinor: number;
	/** Invoiced (credit sales) during the period (minor units). */
	salesMinor: number;
	/**
	 * Extension (issue 19, #12): collected by the end of the period on the invoices read (minor units). Zero
	 * means the book holds unpaid invoices only, so its sales cannot be told from its receivables.
	 */
	collectedMinor: number;
	/** receivables ÷ sales × days, one decimal; null when the data cannot give one (see `reason`). */
	dso: number | null;
	/** Extension (issue 19, #12): why `dso` is null, else null. */
	reason: DsoUnavailableReason | null;
}

/**
 * `no_sales_in_period`: nothing was invoiced in the period; `no_collections`: no invoice read shows a payment
 * by the end of the period (typically a list of overdue invoices only), so the ratio would only restate the
 * period's length.
 */
export type DsoUnavailableReason = 'no_sales_in_period' | 'no_collections';

export interface DsoReport {
	from: IsoDate;
	to: IsoDate;
	days: number;
	/** Extension (issue 19, #12): the standard method used. */
	method: 'average';
	/** Extension (issue 19, #12): the definition, as a sentence to print next to the figure. */
	definition: string;
	byCurrency: Record<string, DsoFigures>;
}

export interface StepKpi {
	stepId: string;
	/** Invoices to which the step was sent (dated or not). */
	sent: number;
	/** ... of which the sending day is known. */
	dated: number;
	/** Dated sends followed by full payment (on or after the sending day, by `asOf`). */
	paidAfter: number;
	/** Days from the step to full payment over `paidAfter` invoices: mean and median (one decimal); null if none. */
	averageDaysToPay: number | null;
	medianDaysToPay: number | null;
	/** Dated sends whose window of `windowDays` has ended by `asOf`. */
	eligible: number;
	/** ... paid in full within `windowDays` days of the step. */
	recovered: number;
	/** recovered ÷ eligible, 0..1 with 3 decimals; null if none eligible. */
	recoveryRate: number | null;
	/** Dated sends still inside their window (not yet counted either way). */
	pending: number;
	/** Sends dated after the invoice was already paid in full (should be zero). */
	sentAfterPayment: number;
}

export interface PromiseKpi {
	/** Paid in full on or before the promised day. */
	kept: number;
	/** The promised day has passed (before `asOf`) without full payment by then. */
	broken: number;
	/** The promised day is `asOf` or later and the invoice is not paid yet. */
	pending: number;
	/** kept ÷ (kept + broken), 3 decimals; null if none decided. */
	keptRate: number | null;
}

export interface DisputedKpi {
	/** Open invoices flagged as disputed. */
	count: number;
	/** Their amount still owed per currency (minor units). */
	byCurrency: Record<string, number>;
}

export interface DunningReport {
	asOf: IsoDate;
	byCurrency: Record<string, CurrencySummary>;
	worklist: WorklistEntry[];
	/** Number of open invoices per aging bucket and currency (the amounts are in `byCurrency`). */
	agingCounts: Record<string, AgingBuckets>;
	/** The open invoices in worklist order, with what the worklist line shows. */
	openInvoices: OpenInvoiceDetail[];
	dso: DsoReport;
	/** Per step, in the order the steps were first sent. */
	steps: StepKpi[];
	recoveryWindowDays: number;
	promises: PromiseKpi;
	disputed: DisputedKpi;
	/** How much of the sent history carries dates (per-step KPIs only use dated sends). */
	history: { sentSteps: number; datedSteps: number };
	/** Invoices read, by status. */
	invoiceCount: number;
	byStatus: Record<string, number>;
	/**
	 * Only when the history was read from the Dunning Ledger: per invoice with anything in the ledger, in the
	 * order of the invoices read, the proof of each reminder sent ("preuves de relance") and the claims not sent.
	 */
	proofs?: InvoiceProofs[];
}

/** One invoice's entry of `DunningReport.proofs`. */
export interface InvoiceProofs extends InvoiceLedger {
	invoiceId: string;
	source: string;
	number: string | null;
	customerName: string | null;
}

export interface ReportOptions {
	asOf: IsoDate;
	/** Recovery rate counts payment within this many days of a step (default 14). */
	recoveryWindowDays?: number;
	/** DSO period: this many days ending on `asOf` (default 90). */
	dsoDays?: number;
	/** Customer tags that add the VIP points to the priority score (default `vip`, `strategic`). */
	vipTags?: string[];
}

/** One thing the scenario would have done on one day. */
export interface CalendarEvent {
	invoiceId: string;
	source: string;
	number: string | null;
	customerKey: string;
	customerName: string | null;
	currency: string;
	dueMinor: number;
	action: Extract<DecisionAction, 'send' | 'escalate' | 'stop'>;
	reason: DecisionReason;
	stepId: string | null;
	tone: Tone | null;
	channel: Channel | null;
	daysOverdue: number;
}

export interface CalendarDay {
	date: IsoDate;
	events: CalendarEvent[];
}

export interface WeeklyContactExcess {
	customerKey: string;
	customerName: string | null;
	/** Monday of the week. */
	weekOf: IsoDate;
	contacts: number;
}

export interface SimulationTotals {
	invoices: number;
	/** Customer-facing messages (action send). */
	reminders: number;
	escalations: number;
	stops: number;
	perStep: Record<string, { send: number; escalate: number }>;
	stopsByReason: Record<string, number>;
	/** Sends or escalations dated after the day the invoice was paid in full (must be zero). */
	remindersAfterPayment: number;
	/** Customers sent more than `maxContactsPerWeek` messages in one Monday-to-Sunday week. */
	maxContactsPerWeek: number;
	customersOverWeeklyLimit: WeeklyContactExcess[];
	/** Invoices marked paid without dated payments: taken as paid from the start. */
	paidWithoutDate: number;
}

export interface Simulation {
	scenarioId: string;
	from: IsoDate;
	to: IsoDate;
	/** Only days on which something happens, in order. */
	calendar: CalendarDay[];
	totals: SimulationTotals;
}

export interface SimulationOptions {
	from: IsoDate;
	to: IsoDate;
	/** Default 2. */
	maxContactsPerWeek?: number;
	/** Default true: the sent steps recorded on the invoices are ignored, the scenario starts from scratch. */
	startFresh?: boolean;
}

export interface PreviewEntry {
	invoiceId: string;
	source: string;
	number: string | null;
	customerName: string | null;
	currency: string;
	dueMinor: number;
	action: DecisionAction;
	reason: DecisionReason;
	stepId: string | null;
	tone: Tone | null;
	channel: Channel | null;
	requiresApproval: boolean;
	daysOverdue: number;
	idempotencyKey: string | null;
	message: string;
}

export interface Preview {
	scenarioId: string;
	on: IsoDate;
	/** What would go out or to a human today: sends, then escalations. */
	planned: PreviewEntry[];
	counts: Record<DecisionAction, number>;
	byReason: Record<string, number>;
}

// Malformed input to every exported function of the core (issue 19, #10). Self-hosters call the core directly:
// whatever they pass, a function returns or throws a DunningInputError naming the field, never a TypeError or a
// RangeError from deep inside. Each function is called with a valid sample whose arguments are damaged at one or
// two random places (a field deleted, or replaced by null, NaN, Infinity, {}, [], an invalid Date, a garbage
// string...), so that the damage reaches nested fields (`invoice.customer`, `report.dso.byCurrency`) too.
import * as fc from 'fast-check';

import * as core from '../../nodes/shared/internal';
import { DunningInputError } from '../../nodes/shared/internal';
import { makeInvoice } from '../shared/invoice-factory';
import pennylaneCustomer from '../simulators/pennylane/fixtures/customer-company.json';
import pennylaneInvoice from '../simulators/pennylane/fixtures/invoice-late.json';
import { params } from '../properties/config';

/** Values a JSON payload, an expression or a careless caller can put where something else was expected. */
const JUNK: unknown[] = [
	undefined,
	null,
	Number.NaN,
	Infinity,
	-Infinity,
	0,
	-1,
	1.5,
	1e21,
	2 ** 53,
	'',
	' ',
	'garbage',
	'2026-13-01',
	'2026-11-02',
	'2026-11-02T10:00:00Z',
	'__proto__',
	'constructor',
	'x'.repeat(200),
	true,
	false,
	{},
	[],
	[null],
	[{}],
	{ length: 3 },
	new Date(Number.NaN),
	new Date('2026-11-15T09:00:00Z'),
];

const junkArb = fc.oneof(
	{ weight: 4, arbitrary: fc.constantFrom(...JUNK) },
	{ weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
	{ weight: 1, arbitrary: fc.double() },
	{ weight: 1, arbitrary: fc.integer() },
);

/** Every place in a value: [] is the value itself, ['0', 'customer'] its first argument's customer. */
function pathsOf(value: unknown, path: string[] = [], out: string[][] = [], depth = 0): string[][] {
	out.push(path);
	if (depth > 6 || typeof value !== 'object' || value === null || value instanceof Date) return out;
	for (const key of Object.keys(value)) {
		pathsOf((value as Record<string, unknown>)[key], [...path, key], out, depth + 1);
	}
	return out;
}

/** A deep copy (Dates and functions kept) so that each damage starts from an intact sample. */
function clone<T>(value: T): T {
	if (Array.isArray(value)) return value.map(clone) as T;
	if (value instanceof Date || typeof value !== 'object' || value === null) return value;
	if (Buffer.isBuffer(value)) return Buffer.from(value) as T;
	const copy: Record<string, unknown> = {};
	for (const [key, entry] of Object.entries(value)) copy[key] = clone(entry);
	return copy as T;
}

type Damage = { pick: number; junk: unknown; remove: boolean };

function damage(args: unknown[], damages: Damage[]): unknown[] {
	let root: unknown = clone(args);
	for (const { pick, junk, remove } of damages) {
		const paths = pathsOf(root);
		const path = paths[pick % paths.length];
		if (path.length === 0) {
			root = Array.isArray(junk) ? junk : [junk];
			continue;
		}
		let parent = root as Record<string, unknown>;
		for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
		const key = path[path.length - 1];
		if (remove && !Array.isArray(parent)) delete parent[key];
		else parent[key] = junk;
	}
	return root as unknown[];
}

const damageArb = fc.array(fc.record({ pick: fc.nat(), junk: junkArb, remove: fc.boolean() }), {
	minLength: 1,
	maxLength: 2,
});

// ---- valid samples, one per exported function --------------------------------------------------------------

const invoice = () =>
	makeInvoice({
		payments: [{ date: '2026-11-05', amountMinor: 1000 }],
		dunning: { sentStepIds: ['d7'], lastSentOn: '2026-11-09', promisedOn: '2026-11-20' },
		customer: { tags: ['vip'] },
	});
/** A registered letter as Record Letter takes it (issue 20). */
const letterRecord = () => ({
	stepId: 'd30',
	provider: 'maileva',
	sendingId: 'snd-1',
	registeredNumber: '1A00000000001',
	postedAt: '2026-12-01T09:30:00.000Z',
});
const paidInvoice = () =>
	makeInvoice({
		id: 'inv-2',
		status: 'paid',
		paidMinor: 120000,
		dueMinor: 0,
		payments: [{ date: '2026-11-20', amountMinor: 120000 }],
	});
const scenario = () => core.getScenarioPreset('firm-5-steps');
const penaltyInput = () => ({
	rule: 'FR',
	currency: 'EUR',
	principalMinor: 120000,
	dueDate: '2026-05-02',
	asOf: '2026-11-20',
	payments: [{ date: '2026-06-01', amountMinor: 1000 }],
	contractualRatePercent: 12,
});
const stripeRaw = () => ({
	id: 'in_1',
	object: 'invoice',
	status: 'open',
	currency: 'eur',
	total: 12000,
	amount_paid: 0,
	amount_remaining: 12000,
	created: 1_790_000_000,
	due_date: 1_792_000_000,
	customer: {
		id: 'cus_1',
		name: 'Atelier',
		email: 'a@example.com',
		preferred_locales: ['fr'],
		address: { line1: '1 rue de la Paix', city: 'Paris', postal_code: '75002', country: 'FR' },
		metadata: { dunning_tags: 'vip' },
	},
	customer_address: { line1: '1 rue de la Paix', country: 'FR' },
	metadata: { dunning_sent_steps: 'd7', dunning_last_sent_on: '2026-11-09' },
	payments: {
		data: [{ status: 'paid', amount_paid: 100, status_transitions: { paid_at: 1_791_000_000 } }],
	},
	status_transitions: { paid_at: null, finalized_at: 1_790_000_000 },
});
const quickBooksRaw = () => ({
	Invoice: {
		Id: '130',
		DocNumber: '1037',
		TxnDate: '2026-10-03',
		DueDate: '2026-11-02',
		TotalAmt: 362.07,
		Balance: '362.07',
		CurrencyRef: { value: 'USD' },
		CustomerRef: { value: '3', name: 'Cool Cars' },
		BillEmail: { Address: 'cool@example.com' },
		BillAddr: {
			Line1: '65 Ocean Dr.',
			City: 'Half Moon Bay',
			CountrySubDivisionCode: 'CA',
			PostalCode: '94213',
			Country: 'USA',
		},
		PrivateNote: '[dunning] sent=d7@2026-11-09; tags=vip',
	},
});
const quickBooksCustomer = () => ({
	Customer: {
		Id: '3',
		DisplayName: 'Cool Cars',
		PrimaryEmailAddr: { Address: 'c@example.com' },
		Notes: '[dunning] tags=key',
	},
});
const composeInput = () => ({
	invoice: invoice(),
	stepId: 'd7',
	tone: 'reminder',
	language: 'fr',
	sender: { name: 'Compta' },
	penalty: core.calculatePenalty(penaltyInput() as core.PenaltyInput),
});
const report = () =>
	core.buildDunningReport([invoice(), paidInvoice()], { asOf: '2026-11-25', dsoDays: 60 });
/** What the Dunning Ledger holds for invoice() (inv-1): d7 sent with its proof, d14 claimed, a promise, a release. */
const ledgerRows = () => ({
	steps: [
		{
			source: 'generic',
			invoiceId: 'inv-1',
			stepId: 'd7',
			claimedAt: '2026-11-09T09:00:00.123456+00:00',
			claimedBy: 'exec-1',
			sentAt: '2026-11-09T09:00:01+00:00',
			sentBy: 'exec-1',
			channel: 'email',
			address: 'compta@vauclair.example',
			messageSha256: 'a'.repeat(64),
			messageKept: true,
		},
		{
			source: 'generic',
			invoiceId: 'inv-1',
			stepId: 'd14',
			claimedAt: '2026-11-16T09:00:00Z',
			claimedBy: 'exec-2',
			sentAt: null,
			sentBy: null,
			channel: null,
			address: null,
			messageSha256: null,
		},
	],
	states: [
		{
			source: 'generic',
			invoiceId: 'inv-1',
			promisedOn: '2026-11-30',
			disputed: false,
			paused: false,
		},
	],
	events: [
		{
			id: 1,
			source: 'generic',
			invoiceId: 'inv-1',
			stepId: 'd14',
			kind: 'released',
			at: '2026-11-15T09:00:00Z',
			executionId: 'exec-0',
			detail: { claimedBy: 'exec-0', reason: null },
		},
		{
			id: 2,
			source: 'generic',
			invoiceId: 'inv-1',
			stepId: null,
			kind: 'state',
			at: '2026-11-17T09:00:00Z',
			executionId: 'exec-3',
			detail: { promisedOn: '2026-11-30' },
		},
	],
});
const ledgerReport = () =>
	core.buildDunningReport(
		core.foldLedgerHistory([invoice(), paidInvoice()], ledgerRows(), 'Europe/Paris'),
		{ asOf: '2026-11-25' },
	);
const simulation = () =>
	core.simulatePolicy([invoice(), paidInvoice()], scenario() as core.Scenario, {
		from: '2026-11-01',
		to: '2026-11-20',
	});
const preview = () =>
	core.previewRun([invoice()], scenario() as core.Scenario, '2026-11-16').preview;
const body = '{"id":"evt_1"}';
const threadKey = 'generic:inv-1:d7';
const replyInput = () => ({
	email: {
		from: 'Jean Vauclair <compta@vauclair.example>',
		to: core.reminderReplyTo('billing@example.com', threadKey),
		subject: 'Re: Facture F-2026-001',
		text: 'Bonjour, je vous règle vendredi.\n\nCordialement\n\n> Merci de régler avant le 15.',
		html: '<p>Bonjour</p>',
		headers: { 'In-Reply-To': core.reminderMessageId(threadKey, 'example.com'), References: [] },
		receivedAt: '2026-11-16T10:00:00Z',
	},
	invoices: [invoice()],
});
const approvalInput = () => {
	const input = composeInput();
	const reminder = core.composeReminder(input as core.ComposeInput);
	return { reminder, invoices: [input.invoice], penalties: [input.penalty], language: 'en' };
};

/**
 * Valid arguments for each exported function, and how many damaged calls it gets (the slow ones fewer).
 * A new export without an entry here fails the test below: every function of the public core is covered.
 */
const SAMPLES: Record<string, { args: () => unknown[]; runs?: number }> = {
	getOrCreate: { args: () => [new Map(), 'k', () => 1] },
	normalizeCurrency: { args: () => ['eur', 'currency'] },
	currencyExponent: { args: () => ['JPY'] },
	decimalToMinor: { args: () => ['12.34', 'EUR', 'amount', { allowNegative: false }] },
	minorToDecimalString: { args: () => [1234, 'EUR'] },
	assertMinorAmount: { args: () => [1234, 'amount', { allowNegative: true }] },
	isIsoDate: { args: () => ['2026-11-02'] },
	assertIsoDate: { args: () => ['2026-11-02', 'date'] },
	addCalendarDays: { args: () => ['2026-11-02', 3] },
	daysBetween: { args: () => ['2026-11-02', '2026-10-02'] },
	dateInTimeZone: { args: () => [1_790_000_000_000, 'Europe/Paris'] },
	unixSecondsToDate: { args: () => [1_790_000_000, 'Europe/Paris'] },
	assertTimeZone: { args: () => ['Europe/Paris', 'tz'] },
	getBusinessCalendar: { args: () => ['FR'] },
	supportedHolidayCountries: { args: () => [] },
	publicHolidayDates: { args: () => ['FR', 2026] },
	normalizeHolidayCountry: { args: () => ['fr', 'holidays'] },
	holidayCountries: { args: () => [] },
	normalizeInvoice: {
		args: () => [
			{ ...invoice(), customer: { ...invoice().customer, country: 'FR', address: null } },
		],
	},
	emptyDunningState: { args: () => [] },
	readPostalAddress: {
		args: () => [
			{ lines: ['12 rue de l’Église'], postalCode: '69002', city: 'Lyon', country: 'FR' },
			'invoice.customer.address',
		],
	},
	countryFromText: { args: () => ['United States'] },
	normalizeCountry: { args: () => ['fr', 'invoice.customer.country'] },
	isCountryCode: { args: () => ['FR'] },
	readStripeDunningMetadata: { args: () => [stripeRaw().metadata, 'invoice.metadata'] },
	writeStripeDunningMetadata: { args: () => [invoice().dunning] },
	parseDunningNote: { args: () => [quickBooksRaw().Invoice.PrivateNote, 'note'] },
	formatDunningNote: {
		args: () => [
			'user text',
			{
				sent: [{ stepId: 'd7', on: '2026-11-09' }],
				promisedOn: null,
				disputed: false,
				paused: false,
				tags: ['vip'],
			},
		],
	},
	normalizeStripeInvoice: { args: () => [stripeRaw(), { timezone: 'Europe/Paris' }] },
	normalizeQuickBooksInvoice: {
		args: () => [quickBooksRaw(), { timezone: 'America/New_York', customer: quickBooksCustomer() }],
	},
	normalizePennylaneInvoice: {
		args: () => [
			structuredClone(pennylaneInvoice),
			{ timezone: 'Europe/Paris', customer: structuredClone(pennylaneCustomer) },
		],
	},
	isClaimable: { args: () => [makeInvoice(), false] },
	calculatePenalty: { args: () => [penaltyInput()] },
	composeReminder: { args: () => [composeInput()], runs: 300 },
	composeSms: { args: () => [composeInput()], runs: 300 },
	smsRecipient: { args: () => ['06 12 34 56 78', 'FR'] },
	validateLetterRecord: { args: () => [letterRecord(), 'letter', 'stepId'] },
	formatLetterRecord: { args: () => [letterRecord(), 'letter'] },
	parseLetterRecord: {
		args: () => ['d30|maileva|snd-1|1A00000000001|2026-12-01T09:30:00.000Z', 'letter'],
	},
	recordLetter: {
		args: () => [
			[{ ...letterRecord(), registeredNumber: null }],
			letterRecord(),
			{ invoiceId: 'in_1', claimed: true },
		],
	},
	withLetters: { args: () => [invoice().dunning, [letterRecord()]] },
	loadLetterPdf: { args: () => [], runs: 5 },
	describeValue: { args: () => [{ any: 'value' }] },
	salutationFor: { args: () => ['fr', 'formal_notice'] },
	validateSender: { args: () => [{ name: 'Studio Lumière' }, 'fr', 'sender'] },
	renderTemplateSet: {
		args: () => [
			core.resolveTemplateSet(
				{
					subject: 'Facture {{number}}',
					text: '{{salutation}}\n{{amountDue}}{{#if daysOverdue}} ({{relativeDays daysOverdue}}){{/if}}, {{money invoice.dueMinor}}\n{{#each recipientLines}}{{this}}\n{{/each}}{{signature}}',
					html: '<p>{{salutation}} {{money invoice.dueMinor "USD"}} {{date invoice.dueDate}}</p>{{signature}}',
				},
				'fr',
				'reminder',
			),
			{
				salutation: 'Madame, Monsieur,',
				number: 'F-1',
				amountDue: '12,00 €',
				daysOverdue: 3,
				recipientLines: ['Atelier', '1 rue de la Paix'],
				invoice: { dueMinor: 1200, dueDate: '2026-11-02' },
			},
			{
				language: 'fr',
				currency: 'EUR',
				sender: { name: 'Compta', email: null, phone: null, signature: null },
			},
		],
		runs: 300,
	},
	resolveTemplateSet: {
		args: () => [{ subject: 'S {{invoiceNumber}}', text: 'T' }, 'fr', 'reminder'],
		runs: 300,
	},
	resolveLanguage: { args: () => ['fr-FR', 'language'] },
	builtinTemplateKeys: { args: () => [] },
	formatMoney: { args: () => [123456, 'EUR', 'fr'] },
	verifyStripeSignature: { args: () => [body, 't=1,v1=abc', 'whsec_x', 1, 300] },
	signStripePayload: { args: () => [body, 'whsec_x', 1_790_000_000] },
	verifyIntuitSignature: { args: () => [body, 'abc=', 'verifier'] },
	signIntuitPayload: { args: () => [body, 'verifier'] },
	parseIntuitNotifications: {
		args: () => [
			[
				{
					specversion: '1.0',
					type: 'qbo.invoice.updated.v1',
					intuitentityid: '130',
					intuitaccountid: '9',
					time: '2026-11-02T10:00:00Z',
					id: 'e1',
				},
			],
		],
	},
	quoteQueryLiteral: { args: () => ["O'Brien"] },
	overdueInvoicesQuery: {
		args: () => [{ dueBefore: '2026-11-02', dueOnOrAfter: '2026-10-01' }, 1, 100],
	},
	overdueInvoicesCountQuery: { args: () => [{ dueBefore: '2026-11-02' }] },
	invoicesByIdQuery: { args: () => [['1', '2']] },
	assertQuickBooksId: { args: () => ['130', 'Id'] },
	parseIntuitTimestamp: { args: () => ['2026-11-02T10:00:00-08:00', 'LastUpdatedTime'] },
	formatIntuitTimestamp: { args: () => [1_790_000_000_000, -480] },
	changeSyncMode: { args: () => ['2026-11-02T10:00:00-08:00', 1_790_000_000_000] },
	applyDunningNoteChange: {
		args: () => [
			'note\n[dunning] sent=d7@2026-11-09',
			{ kind: 'claim', stepId: 'd14', on: '2026-11-16' },
			'note',
		],
	},
	amountOwedFingerprint: { args: () => [invoice()] },
	composeCustomerReminder: {
		args: () => [
			{
				invoices: [invoice(), { ...invoice(), id: 'inv-3' }],
				language: 'en',
				sender: { name: 'Accounts' },
				tone: 'reminder',
			},
		],
		runs: 300,
	},
	firmestTone: { args: () => [['friendly', 'firm'], 'tones'] },
	toneAfterBrokenPromise: { args: () => ['reminder'] },
	chooseCustomerLanguage: {
		args: () => [{ locale: 'it-IT', country: 'BE', currency: 'EUR' }, 'en'],
	},
	groupCustomerMessages: {
		args: () => [
			[
				{ invoice: invoice(), tone: 'reminder' },
				{ invoice: { ...invoice(), id: 'inv-3' }, tone: 'reminder' },
				{ invoice: paidInvoice(), tone: 'formal_notice' },
			],
		],
	},
	composeApproval: { args: () => [approvalInput()], runs: 300 },
	classifyReply: {
		args: () => [
			replyInput(),
			{ timezone: 'Europe/Paris', now: '2026-11-16T10:00:00Z', language: 'fr' },
		],
		runs: 300,
	},
	reminderMessageId: { args: () => [threadKey, 'example.com'] },
	parseReminderMessageIds: { args: () => [replyInput().email.headers] },
	invoiceIdsOfIdempotencyKey: { args: () => ['generic:customer:cus-1:inv-1:d7,inv-3:d7'] },
	reminderReplyTo: { args: () => ['billing@example.com', threadKey] },
	reminderThreading: {
		args: () => [
			threadKey,
			{
				senderEmail: 'billing@example.com',
				replyToMailbox: 'billing@example.com',
				customerFacing: true,
			},
		],
	},
	invoicesOfReplyAddresses: {
		args: () => [
			`jean@example.com, ${core.reminderReplyTo('billing@example.com', threadKey)}`,
			[invoice()],
		],
	},
	matchReplyInvoices: {
		args: () => [
			[],
			'billing@example.com',
			'Re: Facture F-2026-001',
			'compta@vauclair.example',
			[invoice(), paidInvoice()],
		],
	},
	findPromisedDate: { args: () => ['je vous règle le 15 décembre', '2026-11-16'] },
	replyBody: { args: () => [replyInput().email.text] },
	customerText: { args: () => [replyInput().email.text, replyInput().email.html] },
	resolveComposerLanguage: { args: () => ['de', 'language'] },
	evaluateScenario: {
		args: () => [
			invoice(),
			scenario(),
			'2026-11-16T09:00:00Z',
			{ customerLastSentOn: '2026-11-09' },
		],
		runs: 2000,
	},
	getScenarioPreset: { args: () => ['firm-5-steps'] },
	validateScenario: { args: () => [scenario(), 'scenario'] },
	validateStep: { args: () => [scenario()!.steps[0], 'step'] },
	customerKey: { args: () => [invoice()] },
	latestSentOnByCustomer: { args: () => [[invoice(), paidInvoice()]] },
	buildDunningReport: {
		args: () => [
			[invoice(), paidInvoice()],
			{ asOf: '2026-11-25', dsoDays: 60, recoveryWindowDays: 10, vipTags: ['vip'] },
		],
		runs: 1000,
	},
	checkReportInvoice: { args: () => [invoice(), 'invoice'] },
	agingBucket: { args: () => [12] },
	historyOf: { args: () => [invoice(), 'invoice.dunning.history'] },
	settledOn: { args: () => [paidInvoice()] },
	simulatePolicy: {
		args: () => [
			[invoice(), paidInvoice()],
			scenario(),
			{ from: '2026-11-01', to: '2026-11-20', maxContactsPerWeek: 2, startFresh: true },
		],
		runs: 300,
	},
	previewRun: { args: () => [[invoice(), paidInvoice()], scenario(), '2026-11-16'], runs: 500 },
	runDate: { args: () => ['2026-11-16T09:00:00Z', 'Europe/Paris'] },
	renderReportHtml: {
		args: () => [ledgerReport(), { title: 'Report', proofLimit: 10 }],
		runs: 500,
	},
	renderSimulationHtml: { args: () => [simulation(), { title: 'Simulation' }], runs: 300 },
	renderPreviewHtml: { args: () => [preview(), { title: 'Preview' }], runs: 500 },
	foldLedgerHistory: {
		args: () => [[invoice(), paidInvoice()], ledgerRows(), 'Europe/Paris'],
		runs: 1000,
	},
	proofsToCsv: { args: () => [ledgerReport()], runs: 500 },
	reportToCsv: { args: () => [report()], runs: 500 },
	dsoToCsv: { args: () => [report()], runs: 500 },
	simulationToCsv: { args: () => [simulation()], runs: 300 },
};

/**
 * Exported only so that the letter's own bundle (nodes/shared/letter-pdf/core.ts) links to the one core: they
 * receive values composeReminder has already validated, never a user's raw input, so they are not fuzzed.
 */
const LETTER_BUNDLE_LINKS = new Set(['formatDate', 'recipientLines']);

const EXPORTED_FUNCTIONS = Object.entries(core)
	.filter(
		([name, value]) =>
			typeof value === 'function' && name !== 'DunningInputError' && !LETTER_BUNDLE_LINKS.has(name),
	)
	.map(([name]) => name)
	.sort();

/** The first few failures of one function, each with its arguments, for a readable report. */
function crashesOf(name: string): string[] {
	const fn = (core as unknown as Record<string, (...args: unknown[]) => unknown>)[name];
	const sample = SAMPLES[name];
	const crashes: string[] = [];
	fc.assert(
		fc.property(damageArb, (damages) => {
			const args = damage(sample.args(), damages);
			try {
				fn(...args);
			} catch (error) {
				if (!(error instanceof DunningInputError) && crashes.length < 3) {
					crashes.push(`${name}: ${String(error)} after ${describe(damages)}`);
				}
			}
		}),
		params(sample.runs ?? 600),
	);
	return crashes;
}

function describe(damages: Damage[]): string {
	return damages
		.map(
			(d) =>
				`${d.remove ? 'remove/' : ''}${d.pick}=${typeof d.junk === 'string' ? JSON.stringify(d.junk) : String(d.junk)}`,
		)
		.join(', ');
}

it('the malformed-input fuzz covers every function the core exports', () => {
	expect(EXPORTED_FUNCTIONS.filter((name) => !(name in SAMPLES))).toEqual([]);
});

it('every sample of the fuzz is a valid call: undamaged, it returns without an error', () => {
	const failing = EXPORTED_FUNCTIONS.filter((name) => {
		const fn = (core as unknown as Record<string, (...args: unknown[]) => unknown>)[name];
		try {
			fn(...SAMPLES[name].args());
			return false;
		} catch {
			return true;
		}
	});
	expect(failing).toEqual([]);
});

it('every exported core function, given damaged arguments, returns or throws a DunningInputError naming the field', () => {
	const crashes = EXPORTED_FUNCTIONS.flatMap(crashesOf);
	expect(crashes).toEqual([]);
}, 60_000);

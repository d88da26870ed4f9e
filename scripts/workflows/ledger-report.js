// The weekly report of the ledger templates (issue 22): every Monday, the open Pennylane invoices that are overdue
// or due within 3 days go through the Dunning Report with History From: Dunning Ledger, so the reminders counted
// per step, the last step of each invoice, the promises and disputes come from the ledger the Pennylane templates
// claim and prove their reminders in, and the email carries the proof of each reminder ("preuves de relance").
//   Every Monday At 8:00 / Run Now → List Overdue Invoices (Pennylane) → Dunning Report (ledger) → Email The
//   Finance Team (HTML report; the worklist, DSO and proofs CSVs attached); every error output → Alert Finance.
// Used by scripts/build-workflows.js (which writes workflows/*.json).
//   const { ledgerReportWorkflows } = require('./workflows/ledger-report');
//   ledgerReportWorkflows() → [{ file: 'pennylane-weekly-report.json', workflow }]
'use strict';

const { CREDENTIALS, builder, workflowJson } = require('./replies');

const PKG = 'n8n-nodes-dunning';
const INDEX = 34;
const DEFAULTS = {
	zone: 'Europe/Paris',
	from: 'Dunning workflow <billing@example.com>',
	finance: 'finance@example.com',
	alerts: 'accounting@example.com',
};

const PENNYLANE = { pennylaneDunningApi: { id: null, name: 'Pennylane Dunning' } };
const LEDGER = { dunningLedgerPostgresApi: { id: null, name: 'Dunning Ledger' } };

/** An expression's text made safe inside HTML (the alert puts invoice fields and errors into its HTML). */
const esc = (expression) =>
	`String((${expression}) || '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')`;

/**
 * The weekly Pennylane report on the ledger. `options`: `zone` (the company's time zone), `from` (the sender),
 * `finance` (who receives the report), `alerts` (who is told about a failed item).
 */
function ledgerReportWorkflow(options = {}) {
	const { zone, from, finance, alerts } = { ...DEFAULTS, ...options };
	const b = builder(INDEX);
	const sendEmail = (name, at, parameters) =>
		b.node(
			name,
			'n8n-nodes-base.emailSend',
			2.1,
			{ fromEmail: from, emailFormat: 'html', ...parameters },
			at,
			{ credentials: CREDENTIALS.smtp, onError: 'continueErrorOutput' },
		);

	const schedule = b.node(
		'Every Monday At 8:00',
		'n8n-nodes-base.scheduleTrigger',
		1.2,
		{
			rule: {
				interval: [{ field: 'weeks', weeksInterval: 1, triggerAtDay: [1], triggerAtHour: 8 }],
			},
		},
		[0, 0],
	);
	const runNow = b.node('Run Now', 'n8n-nodes-base.manualTrigger', 1, {}, [0, 1]);

	const list = b.node(
		'List Overdue Invoices',
		`${PKG}.pennylaneDunning`,
		1,
		{
			resource: 'invoice',
			operation: 'listOverdue',
			minDaysOverdue: 1,
			returnAll: true,
			includeDueSoon: true,
			dueWithinDays: 3,
			options: { timezone: zone },
		},
		[1, 0.5],
		{ credentials: PENNYLANE, onError: 'continueErrorOutput' },
	);
	b.connect(schedule, 0, list);
	b.connect(runNow, 0, list);

	const alert = sendEmail('Alert Finance: Failed Item', [4, 2], {
		fromEmail: 'Accounts receivable <billing@example.com>',
		toEmail: alerts,
		subject: '=Dunning report: an item failed ({{ $workflow.name }})',
		html: `=<p>The weekly dunning report <b>{{ $workflow.name }}</b> (execution {{ $execution.id }}) could not read an item.</p><p>Invoice: {{ $json.invoice ? ${esc('$json.invoice.number || $json.invoice.id')} : "unknown" }}</p><p>Error: {{ ${esc('$json.error ? ($json.error.message || $json.error) : "see the execution"')} }}</p><p>Nothing was sent to any customer: this workflow only reports.</p>`,
		options: { appendAttribution: false },
	});
	b.connect(list, 1, alert);

	const report = b.node(
		'Dunning Report',
		`${PKG}.dunningReport`,
		1,
		{
			operation: 'buildReport',
			scenario: 'classic-7-14-21',
			timezone: zone,
			historyFrom: 'ledger',
			options: { title: 'Unpaid invoices: weekly report', vipTags: 'vip, strategic' },
		},
		[2, 0.5],
		{ credentials: LEDGER, onError: 'continueErrorOutput' },
	);
	b.connect(list, 0, report);
	b.connect(report, 2, alert);

	const send = sendEmail('Email The Finance Team', [3, 0.5], {
		toEmail: finance,
		subject: `=Unpaid invoices (Pennylane), week of {{ $now.setZone("${zone}").toFormat("yyyy-MM-dd") }}`,
		html: '={{ $json.html }}',
		// The worklist, the DSO with its definition, and the proof of each reminder (data_proofs).
		options: { appendAttribution: false, fileAttachments: 'data,data_dso,data_proofs' },
	});
	b.connect(report, 0, send);
	b.connect(send, 1, alert);

	b.node(
		'Sticky: Report',
		'n8n-nodes-base.stickyNote',
		1,
		{
			content: [
				'## Pennylane: weekly report, history from the Dunning Ledger',
				'**Dunning Report** (*Build Report*, *History From: Dunning Ledger*) summarises the listed invoices: overdue amount by age bucket and currency, DSO, promises and disputes, a worklist ranked by amount at stake, and the reminders sent per step with what followed them. Reminders, promises and disputes come from the ledger the Pennylane templates claim and prove their reminders in.',
				'',
				'**Proof of reminders** (preuves de relance): for each reminder, when its step was claimed and sent, by which execution, through which channel, to which address, and the SHA-256 of the message; claims never marked sent are listed first (check them, then release or mark them sent). The email carries the HTML report and three CSVs: the worklist, the DSO, the proofs.',
				'',
				`Recipients: *Email The Finance Team → To Email* (now ${finance}). Title and VIP tags: *Dunning Report → Options*.`,
			].join('\n'),
			width: 900,
			height: 440,
			color: 5,
		},
		[0, -2.4],
	);
	b.node(
		'Sticky: Setup',
		'n8n-nodes-base.stickyNote',
		1,
		{
			content: [
				'## Setup',
				'**Pennylane Dunning** credential: a Company API token (Pennylane → Settings → Connectivity → Developers) with read access to customer invoices and customers.',
				'**Dunning Ledger** credential: the same PostgreSQL database and Table Prefix as your Pennylane reminder workflow (the report only reads it).',
				'**SMTP (reminders)** credential: the mailbox the report leaves from.',
				'',
				'Credentials are referenced by name: create them with these names before importing, or pick yours in each node after import.',
			].join('\n'),
			width: 620,
			height: 380,
			color: 6,
		},
		[4, -2.4],
	);

	return workflowJson(b, {
		id: 'dunPlWeeklyReport',
		name: 'Dunning: Pennylane weekly report of unpaid invoices and proof of reminders (Dunning Ledger)',
		description: `Every Monday at 8:00 (${zone}), lists the open Pennylane invoices that are overdue or due within 3 days, builds the Dunning Report with the reminder history and proofs read from the Dunning Ledger (overdue amount by age and currency, DSO, reminders per step, promises, disputes, a worklist by amount at stake, the proof of each reminder) and emails it to the finance team with its CSVs attached.`,
		zone: zone,
		tags: ['dunning', 'pennylane', 'ledger', 'report'],
		index: INDEX,
	});
}

/** The template, with the file name it is written to in workflows/. */
function ledgerReportWorkflows(options = {}) {
	return [{ file: 'pennylane-weekly-report.json', workflow: ledgerReportWorkflow(options) }];
}

module.exports = { ledgerReportWorkflows, ledgerReportWorkflow };

// The "thank-you once paid" templates of issue 21, for Stripe and QuickBooks: when an invoice that was reminded
// is paid in full, the customer gets a short thank-you, and the invoice's reminder history records it as step
// `thanks` (Stripe `dunning_sent_steps`, QuickBooks `[dunning] sent=…,thanks@<date>`), so a person reading the
// invoice sees "reminded d7, d14, paid, thanked" and a second payment event never thanks twice.
//   Trigger (Stripe invoice.paid webhook / QuickBooks poll, event "paid") → Reminded Before? → Reminder
//   Composer (tone Thanks) → Claim Step "thanks" (before the email: a redelivery ends in Already Thanked) →
//   Send Email; a send the mail server refused releases the claim. Never-reminded invoices end in a No-Op.
// Used by scripts/build-workflows.js (which writes workflows/*.json).
//   const { thankYouWorkflows } = require('./workflows/thanks');
//   thankYouWorkflows() → [{ file: 'stripe-thank-you.json', workflow }, { file: 'quickbooks-thank-you.json', workflow }]
'use strict';

const { CREDENTIALS, builder, uuid, workflowJson } = require('./replies');

const PKG = 'n8n-nodes-dunning';
const DEFAULTS = {
	zone: 'Europe/Paris',
	from: 'Accounts receivable <billing@example.com>',
	mailbox: 'billing@example.com',
	finance: 'accounting@example.com',
};
const STEP = 'thanks';

const SOURCES = {
	stripe: {
		key: 'stripe',
		label: 'Stripe',
		index: 23,
		id: 'dunStThankYou01',
		node: `${PKG}.stripeDunning`,
		credentials: CREDENTIALS.stripe,
		// Stripe pushes invoice.paid (signed webhook; the trigger drops a redelivered event id). Polling lists open
		// invoices only and never emits a payment: this template needs webhook mode.
		trigger: (b, zone) =>
			b.node(
				'Invoice Paid (Stripe)',
				`${PKG}.stripeInvoiceTrigger`,
				1,
				{
					mode: 'webhook',
					endpoint: 'register',
					events: ['invoice.paid'],
					options: { timezone: zone },
				},
				[0, 1],
				{ credentials: CREDENTIALS.stripe, webhookId: uuid(23, 0xabc) },
			),
		// A paid invoice can be claimed only with Allow Paid Invoices (any other claim refuses it: not_open).
		claim: { allowPaid: true },
		state:
			'the invoice metadata (`dunning_sent_steps` gains `thanks`, `dunning_last_sent_on` its date)',
		setup:
			"*Invoice Paid (Stripe)* registers its own Stripe webhook endpoint (event `invoice.paid`) when you activate the workflow: the **Stripe Dunning** key needs write access to Webhook Endpoints, or pick *Use Existing* and paste the endpoint's signing secret into the credential. Polling mode lists open invoices only and never sees a payment.",
	},
	quickbooks: {
		key: 'quickbooks',
		label: 'QuickBooks',
		index: 24,
		id: 'dunQbThankYou01',
		node: `${PKG}.quickBooksDunning`,
		credentials: CREDENTIALS.quickbooks,
		// QuickBooks sends no payment webhook here: the trigger polls the changes (CDC) and, with Emit Paid and
		// Voided, emits an invoice it saw overdue once it is paid (event "paid").
		trigger: (b, zone) =>
			b.node(
				'Invoice Paid Or Changed (QuickBooks)',
				`${PKG}.quickBooksInvoiceTrigger`,
				1,
				{
					pollTimes: { item: [{ mode: 'everyHour' }] },
					minDaysOverdue: 1,
					options: { emitSettled: true, timezone: zone },
				},
				[0, 1],
				{ credentials: CREDENTIALS.quickbooks },
			),
		// The claim reads the invoice afresh (the trigger's SyncToken is not a decision to hold it to), and a paid
		// invoice is claimed only with Allow Paid Invoices, as on Stripe.
		claim: { decisionVersion: '', allowPaid: true },
		state: 'the `[dunning]` line of the invoice private note (`sent=…,thanks@<date>`)',
		setup:
			'*Invoice Paid Or Changed (QuickBooks)* polls QuickBooks every hour (change data capture); with *Emit Paid and Voided* on it emits an invoice it saw overdue once it is paid (`event: "paid"`). Only payments of invoices this trigger saw overdue are thanked.',
	},
};

/** `{{ }}` of the If nodes: a step other than `thanks` was sent, or a reminder date is on the invoice. */
const REMINDED_BEFORE = `={{ ($json.invoice.dunning.sentStepIds || []).some((id) => id !== "${STEP}") || !!$json.invoice.dunning.lastSentOn }}`;

const isTrue = { type: 'boolean', operation: 'true', singleValue: true };
const equals = { type: 'string', operation: 'equals' };

const ifNode = (b, name, leftValue, operator, rightValue, at) =>
	b.node(
		name,
		'n8n-nodes-base.if',
		2.2,
		{
			conditions: {
				options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
				conditions: [
					{
						id: `c-${name.replace(/[^A-Za-z]/g, '').toLowerCase()}`,
						leftValue,
						rightValue,
						operator,
					},
				],
				combinator: 'and',
			},
			options: {},
		},
		at,
	);

/**
 * One thank-you workflow. `options`: `zone` (the company's time zone), `from` (the sender), `mailbox` (the
 * Reply-To Mailbox customers answer to), `finance` (who is told about a failed item).
 */
function thankYouWorkflow(source, options = {}) {
	const { zone, from, mailbox, finance } = { ...DEFAULTS, ...options };
	const b = builder(source.index);
	const api = (name, parameters, at) =>
		b.node(name, source.node, 1, parameters, at, {
			credentials: source.credentials,
			onError: 'continueErrorOutput',
		});
	const sendEmail = (name, at, { to, subject, html, text, replyTo }) =>
		b.node(
			name,
			'n8n-nodes-base.emailSend',
			2.1,
			{
				fromEmail: from,
				toEmail: to,
				subject,
				emailFormat: text ? 'both' : 'html',
				...(text ? { text } : {}),
				html,
				options: { appendAttribution: false, ...(replyTo ? { replyTo } : {}) },
			},
			at,
			{ credentials: CREDENTIALS.smtp, onError: 'continueErrorOutput' },
		);

	const trigger = source.trigger(b, zone);
	let paid = trigger;
	if (source.key === 'quickbooks') {
		// The trigger also emits overdue and voided invoices: only payments go on.
		paid = ifNode(b, 'Paid?', '={{ $json.event }}', equals, 'paid', [1, 1]);
		b.connect(trigger, 0, paid);
		b.connect(paid, 1, b.node('Not A Payment', 'n8n-nodes-base.noOp', 1, {}, [2, 2.4]));
	}
	const x = source.key === 'quickbooks' ? 1 : 0;

	const reminded = ifNode(b, 'Reminded Before?', REMINDED_BEFORE, isTrue, '', [x + 1, 1]);
	b.connect(paid, 0, reminded);
	b.connect(
		reminded,
		1,
		b.node('Never Reminded: No Thank-You', 'n8n-nodes-base.noOp', 1, {}, [x + 2, 2.4]),
	);

	// Tone Thanks writes only for an invoice paid in full that was reminded and not yet thanked; others are
	// passed over (no item out).
	const compose = b.node(
		'Reminder Composer',
		`${PKG}.reminderComposer`,
		1,
		{
			operation: 'compose',
			mode: 'invoice',
			language: 'customer',
			fallbackLanguage: 'fr',
			tone: 'thanks',
			senderName: '',
			senderEmail: mailbox,
			replyToMailbox: mailbox,
			timezone: zone,
		},
		[x + 2, 1],
		{ onError: 'continueErrorOutput' },
	);
	b.connect(reminded, 0, compose);

	const alert = sendEmail('Alert Finance: Failed Item', [x + 5, 3], {
		to: finance,
		subject: '=Thank-you workflow: an item failed ({{ $workflow.name }})',
		html: '=<p>A paid invoice could not be thanked by <b>{{ $workflow.name }}</b> (execution {{ $execution.id }}).</p><p>Invoice: {{ $json.invoice ? ($json.invoice.number || $json.invoice.id) : "unknown" }}</p><p>Error: {{ $json.error ? ($json.error.message || $json.error) : "see the execution" }}</p><p>{{ $json.release && $json.release.released ? "Nothing was sent: the thanks step was released." : ($json.claim && $json.claim.claimed ? "The thanks step is recorded but the message may not have gone out: check the customer inbox." : "No thank-you was sent.") }}</p>',
	});
	b.connect(compose, 1, alert);

	// The claim before the email: the step is recorded once; a second event for the same payment ends here.
	const claim = api(
		'Record Thanks On Invoice',
		{
			resource: 'invoice',
			operation: 'claimStep',
			stepId: STEP,
			...source.claim,
			options: { timezone: zone },
		},
		[x + 3, 1],
	);
	b.connect(compose, 0, claim);
	b.connect(claim, 1, b.node('Already Thanked', 'n8n-nodes-base.noOp', 1, {}, [x + 4, 2.4]));
	b.connect(claim, 2, alert);

	const send = sendEmail('Send Thank-You Email', [x + 4, 1], {
		to: '={{ $json.reminder.to }}',
		replyTo: '={{ $json.reminder.replyTo || "" }}',
		subject: '={{ $json.reminder.subject }}',
		text: '={{ $json.reminder.text }}',
		html: '={{ $json.reminder.html }}',
	});
	b.connect(claim, 0, send);

	// A send the mail server certainly refused releases the step, so the next payment event may thank.
	const release = api(
		'Release Claim If Not Sent',
		{
			resource: 'invoice',
			operation: 'releaseClaim',
			releaseWhen: 'notAccepted',
			options: { timezone: zone },
		},
		[x + 5, 1.8],
	);
	b.connect(send, 1, release);
	for (const output of [0, 1, 2]) b.connect(release, output, alert);

	b.node(
		'About This Template',
		'n8n-nodes-base.stickyNote',
		1,
		{
			content: [
				`## ${source.label}: thank-you once paid`,
				`When an invoice that was reminded is paid in full, the customer gets a short thank-you in their language (Reminder Composer, tone *Thanks (Invoice Paid)*). An invoice paid without any reminder ends in *Never Reminded: No Thank-You*.`,
				'',
				source.setup,
				'',
				`**Record Thanks On Invoice** (Claim Step, step \`${STEP}\`) writes the thank-you into ${source.state} before the email: the invoice's history then reads "reminded d7, d14, paid, thanked", and a second event for the same payment ends in *Already Thanked*. A send the mail server refused releases the step; other failures go to *Alert Finance* (now ${finance}).`,
				'',
				`Replies come back to ${mailbox} (the composer's *Reply-To Mailbox*; the Send Email node's *Reply To* is \`{{ $json.reminder.replyTo }}\`). Not wanted? Leave this workflow inactive: it is optional.`,
			].join('\n'),
			width: 760,
			height: 420,
			color: 4,
		},
		[0, -2.4],
	);

	return workflowJson(b, {
		id: source.id,
		name: `Dunning: ${source.label} thank-you once a reminded invoice is paid`,
		description: `Thanks a customer once a reminded ${source.label} invoice is paid in full, and records the thank-you (step ${STEP}) in the invoice's reminder history so it is never sent twice.`,
		zone: zone,
		tags: ['dunning', source.key, 'thank-you'],
		index: source.index,
	});
}

/** Both templates, with the file name each is written to in workflows/. */
function thankYouWorkflows(options = {}) {
	return [
		{ file: 'stripe-thank-you.json', workflow: thankYouWorkflow(SOURCES.stripe, options) },
		{ file: 'quickbooks-thank-you.json', workflow: thankYouWorkflow(SOURCES.quickbooks, options) },
	];
}

module.exports = { thankYouWorkflows, thankYouWorkflow, SOURCES, STEP };

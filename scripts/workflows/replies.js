// The "reply handling" templates of issue 21, for Stripe and QuickBooks: a customer's answer to a reminder
// is read from the billing mailbox by n8n's Email Trigger (IMAP), classified by the Customer Reply node, and
//   Promise          → Record Promise (reminders wait until the day after the promised date),
//   Dispute          → Mark Disputed (no reminder until someone marks it undisputed),
//   Payment Claimed  → Pause (until the payment is reconciled: a paid invoice stops by itself; else Resume),
//   Needs a Person   → Pause (no reminder while a reply waits for a person),
//   Ignored          → nothing (out-of-office, bounces),
// and every reply that is not ignored is emailed to the account manager with the evidence and the customer's
// words. Used by scripts/build-workflows.js (which writes workflows/*.json) and by test/e2e/replies.test.ts.
//   const { replyWorkflows } = require('./workflows/replies');
//   replyWorkflows() → [{ file: 'stripe-replies.json', workflow }, { file: 'quickbooks-replies.json', workflow }]
'use strict';

const { setupNote } = require('./setup-note');

const PKG = 'n8n-nodes-dunning';
const DEFAULTS = {
	zone: 'Europe/Paris',
	accountManager: 'account-manager@example.com',
	from: 'Accounts receivable <billing@example.com>',
	mailbox: 'INBOX',
};

/** Credential names the templates refer to (by name only: n8n binds them to yours on import). */
const CREDENTIALS = {
	stripe: { stripeDunningApi: { id: null, name: 'Stripe Dunning' } },
	quickbooks: { quickBooksDunningOAuth2Api: { id: null, name: 'QuickBooks Dunning' } },
	smtp: { smtp: { id: null, name: 'SMTP (reminders)' } },
	imap: { imap: { id: null, name: 'IMAP (billing mailbox)' } },
};

/**
 * The invoices a reply may be about, on every source: the overdue ones and those due within a week, since a
 * customer may answer the J-3 notice.
 */
const REPLY_WINDOW = { minDaysOverdue: 1, includeDueSoon: true, dueWithinDays: 7 };

const SOURCES = {
	stripe: {
		key: 'stripe',
		label: 'Stripe',
		index: 21,
		id: 'dunStRepliesLoop',
		node: `${PKG}.stripeDunning`,
		credentials: CREDENTIALS.stripe,
		list: (zone) => ({
			resource: 'invoice',
			operation: 'listOverdue',
			...REPLY_WINDOW,
			options: { timezone: zone },
		}),
		state: 'the invoice metadata (`dunning_promised_on`, `dunning_disputed`, `dunning_paused`)',
	},
	quickbooks: {
		key: 'quickbooks',
		label: 'QuickBooks',
		index: 22,
		id: 'dunQbRepliesLoop',
		node: `${PKG}.quickBooksDunning`,
		credentials: CREDENTIALS.quickbooks,
		list: (zone) => ({
			resource: 'invoice',
			operation: 'listOverdue',
			returnAll: true,
			...REPLY_WINDOW,
			options: { timezone: zone },
		}),
		state: 'the `[dunning]` line of the invoice private note',
	},
};

function uuid(workflowIndex, nodeIndex) {
	const hex = (n, width) => n.toString(16).padStart(width, '0');
	return `${hex(0xd0000000 + workflowIndex, 8)}-0000-4000-8000-${hex(nodeIndex, 12)}`;
}

function builder(index) {
	let counter = 0;
	const nodes = [];
	const connections = {};
	const node = (name, type, typeVersion, parameters, at, extra = {}) => {
		nodes.push({
			id: uuid(index, ++counter),
			name,
			type,
			typeVersion,
			position: [at[0] * 240, at[1] * 200],
			parameters,
			...extra,
		});
		return name;
	};
	const connect = (from, output, to, input = 0) => {
		const main = (connections[from] ??= { main: [] }).main;
		while (main.length <= output) main.push([]);
		main[output].push({ node: to, type: 'main', index: input });
	};
	return { nodes, connections, node, connect };
}

/** The importable workflow around a builder's nodes: the settings, metadata and ids every template shares. */
function workflowJson(b, { id, name, description, zone, tags, index }) {
	return {
		id,
		name,
		description,
		// Last, so the other nodes keep their place: the note listing every example value still to replace.
		nodes: [...b.nodes, setupNote(b.nodes, uuid(index, 0xfff))],
		connections: b.connections,
		settings: {
			executionOrder: 'v1',
			timezone: zone,
			saveManualExecutions: true,
			callerPolicy: 'workflowsFromSameOwner',
		},
		pinData: {},
		meta: { templateCredsSetupCompleted: false },
		tags: tags.map((tag) => ({ name: tag })),
		active: false,
		versionId: uuid(index, 0),
	};
}

/** What the workflow did, per kind, in the account manager's email. */
const ACTIONS = {
	// An n8n expression of its own (concatenated below): "{{" cannot nest inside the expression that picks it.
	promise:
		'"Promise recorded: no reminder until the day after " + $json.reply.promisedOn + ". If it is not paid by then, the broken-promise reminder goes out."',
	dispute:
		'Invoice marked disputed: no reminder until you mark it undisputed (Mark Undisputed) once it is sorted out.',
	payment_claimed:
		'Reminders paused until the payment is reconciled: a paid invoice stops by itself; if the money did not arrive, Resume the invoice.',
	payment_plan:
		'Reminders paused: the customer asks for a payment plan. Agree on it, record the first date (Record Promise) and Resume.',
	needs_person:
		'Reminders paused: the reply needs a person. Answer the customer, then Record Promise, Mark Disputed or Resume.',
};

const actionExpression = `{{ ({ ${Object.entries(ACTIONS)
	.map(([kind, text]) => `${kind}: ${kind === 'promise' ? text : JSON.stringify(text)}`)
	.join(', ')} })[$json.reply.kind] }}`;

const notifyHtml = [
	'=<p><b>{{ $json.reply.from }}</b> answered a reminder ({{ $json.reply.receivedAt }}).</p>',
	'<p>Read as: <b>{{ $json.reply.kind }}</b>{{ $json.reply.promisedOn ? " (pays by " + $json.reply.promisedOn + ")" : "" }}{{ $json.reply.paymentReference ? " (reference " + $json.reply.paymentReference + ")" : "" }}. Because: «&nbsp;{{ $json.reply.evidence }}&nbsp;»</p>',
	'<p>Invoices: {{ $json.reply.invoiceIds.length ? $json.reply.invoiceIds.join(", ") : "none matched: find the invoice and act on it yourself" }}</p>',
	`<p>${actionExpression}</p>`,
	'<p>Subject: {{ $json.reply.subject }}</p>',
	'<blockquote style="white-space:pre-wrap">{{ $json.reply.text }}</blockquote>',
].join('\n');

const notifyText = [
	'={{ $json.reply.from }} answered a reminder ({{ $json.reply.receivedAt }}).',
	'',
	'Read as: {{ $json.reply.kind }}{{ $json.reply.promisedOn ? " (pays by " + $json.reply.promisedOn + ")" : "" }}{{ $json.reply.paymentReference ? " (reference " + $json.reply.paymentReference + ")" : "" }}',
	'Evidence: {{ $json.reply.evidence }}',
	'Invoices: {{ $json.reply.invoiceIds.length ? $json.reply.invoiceIds.join(", ") : "none matched: find the invoice and act on it yourself" }}',
	actionExpression,
	'',
	'Subject: {{ $json.reply.subject }}',
	'',
	'{{ $json.reply.text }}',
].join('\n');

/**
 * One reply-handling workflow. `options`: `zone` (the company's time zone), `accountManager` (who is told),
 * `from` (the notification's sender), `mailbox` (the IMAP folder replies arrive in).
 */
function replyWorkflow(source, options = {}) {
	const { zone, accountManager, from, mailbox } = { ...DEFAULTS, ...options };
	const b = builder(source.index);
	const api = (name, parameters, at) =>
		b.node(name, source.node, 1, parameters, at, {
			credentials: source.credentials,
			onError: 'continueErrorOutput',
		});
	const sendEmail = (name, at, { to, subject, html, text }) =>
		b.node(
			name,
			'n8n-nodes-base.emailSend',
			2.1,
			{
				fromEmail: from,
				toEmail: to,
				subject,
				emailFormat: 'both',
				text,
				html,
				options: { appendAttribution: false },
			},
			at,
			{ credentials: CREDENTIALS.smtp, onError: 'continueErrorOutput' },
		);

	// Replies: unseen messages of the billing mailbox, read (IDLE) as they arrive, marked read once taken.
	const trigger = b.node(
		'Customer Replies (IMAP)',
		'n8n-nodes-base.emailReadImap',
		2.2,
		{ mailbox, postProcessAction: 'read', format: 'resolved', options: {} },
		[0, 1],
		{ credentials: CREDENTIALS.imap },
	);

	// The open invoices a reply may be about, listed once per batch of replies, joined to each reply.
	const list = api('Open Invoices', source.list(zone), [1, 2]);
	// Once per batch of replies; with no open invoice at all, still one (empty) item so that replies go on.
	Object.assign(
		b.nodes.find((entry) => entry.name === list),
		{ executeOnce: true, alwaysOutputData: true },
	);
	const collect = b.node(
		'Collect Open Invoices',
		'n8n-nodes-base.aggregate',
		1,
		{
			aggregate: 'aggregateIndividualFields',
			fieldsToAggregate: {
				fieldToAggregate: [
					{ fieldToAggregate: 'invoice', renameField: true, outputFieldName: 'invoices' },
				],
			},
			options: {},
		},
		[2, 2],
	);
	const join = b.node(
		'Reply With Open Invoices',
		'n8n-nodes-base.merge',
		3.2,
		{ mode: 'combine', combineBy: 'combineAll', options: {} },
		[3, 1],
	);
	b.connect(trigger, 0, join, 0);
	b.connect(trigger, 0, list);
	b.connect(list, 0, collect);
	b.connect(collect, 0, join, 1);

	const classify = b.node(
		'Customer Reply',
		`${PKG}.customerReply`,
		1,
		{ operation: 'classify', emailField: '', openInvoices: '', timezone: zone, options: {} },
		[4, 1],
		{ onError: 'continueErrorOutput' },
	);
	b.connect(join, 0, classify);

	const alert = sendEmail('Alert Finance: Failed Item', [8, 4], {
		to: accountManager,
		subject: '=Reply handling: an item failed ({{ $workflow.name }})',
		html: '=<p>A customer reply could not be handled by <b>{{ $workflow.name }}</b> (execution {{ $execution.id }}).</p><p>From: {{ $json.reply ? $json.reply.from : ($json.from ? ($json.from.text || $json.from) : "unknown") }}</p><p>Error: {{ $json.error ? ($json.error.message || $json.error) : "see the execution" }}</p><p>Nothing was recorded for it: read the reply in the mailbox.</p>',
		text: '=A customer reply could not be handled by {{ $workflow.name }} (execution {{ $execution.id }}). Error: {{ $json.error ? ($json.error.message || $json.error) : "see the execution" }}. Nothing was recorded for it: read the reply in the mailbox.',
	});
	b.connect(list, 2, alert);
	b.connect(classify, 5, alert);

	const notify = sendEmail('Notify Account Manager', [7, 0], {
		to: accountManager,
		subject:
			'=Reply from {{ $json.reply.from }}: {{ $json.reply.kind }}{{ $json.reply.invoiceIds.length ? " (" + $json.reply.invoiceIds.join(", ") + ")" : "" }}',
		html: notifyHtml,
		text: notifyText,
	});
	b.connect(notify, 1, alert);

	// Each output: one item per matched invoice (a reply may name several), then the write in the source.
	const paths = [
		{ output: 0, name: 'Record Promise', operation: 'recordPromise', row: 0 },
		{ output: 1, name: 'Mark Disputed', operation: 'markDisputed', row: 1 },
		{ output: 2, name: 'Pause Until Reconciled', operation: 'pause', row: 2 },
		{ output: 3, name: 'Pause While A Person Reads', operation: 'pause', row: 3 },
	];
	for (const path of paths) {
		const split = b.node(
			`Each Invoice (${path.name})`,
			'n8n-nodes-base.splitOut',
			1,
			{
				fieldToSplitOut: 'reply.invoiceIds',
				include: 'allOtherFields',
				options: { destinationFieldName: 'invoiceId' },
			},
			[5, path.row],
		);
		const write = api(
			path.name,
			{
				resource: 'invoice',
				operation: path.operation,
				invoiceId: '={{ $json.invoiceId }}',
				...(path.operation === 'recordPromise'
					? { promisedOn: '={{ $json.reply.promisedOn }}' }
					: {}),
				options: { timezone: zone },
			},
			[6, path.row],
		);
		b.connect(classify, path.output, notify);
		b.connect(classify, path.output, split);
		b.connect(split, 0, write);
		b.connect(write, 2, alert);
	}
	const ignored = b.node('Out Of Office Or Bounce', 'n8n-nodes-base.noOp', 1, {}, [5, 4]);
	b.connect(classify, 4, ignored);

	b.node(
		'About This Template',
		'n8n-nodes-base.stickyNote',
		1,
		{
			content: [
				`## ${source.label}: customers' replies`,
				"Reads each reply that reaches the billing mailbox (*Customer Replies (IMAP)*: point the **IMAP (billing mailbox)** credential at the mailbox your reminders ask customers to reply to; set the Reminder Composer's *Reply-To Mailbox* to it and the Send Email node's *Reply To* option to `{{ $json.reminder.replyTo }}`).",
				'',
				`**Customer Reply** reads it in French, English, German or Spanish and finds the invoices (threading headers, the plus-addressed Reply-To, the invoice number, the sender). A promise is recorded (*Record Promise*), a dispute marks the invoice (*Mark Disputed*), a payment claim pauses it until reconciled, anything unsure pauses it while a person reads (never a reminder to a customer waiting for an answer); all in ${source.state}. Out-of-office replies and bounces change nothing.`,
				'',
				`The account manager (*Notify Account Manager → To Email*, now ${accountManager}) gets every reply that is not ignored, with the sentence that decided and the customer's own words.`,
			].join('\n'),
			width: 760,
			height: 380,
			color: 5,
		},
		[0, -2.2],
	);

	return workflowJson(b, {
		id: source.id,
		name: `Dunning: ${source.label} customer replies (promises, disputes, payment claims)`,
		description: `Reads customers' replies to reminders from the billing mailbox (IMAP), records promises and disputes in ${source.label}, pauses reminders on payment claims and on replies that need a person, and tells the account manager.`,
		zone: zone,
		tags: ['dunning', source.key, 'replies'],
		index: source.index,
	});
}

/** Both templates, with the file name each is written to in workflows/. */
function replyWorkflows(options = {}) {
	return [
		{ file: 'stripe-replies.json', workflow: replyWorkflow(SOURCES.stripe, options) },
		{ file: 'quickbooks-replies.json', workflow: replyWorkflow(SOURCES.quickbooks, options) },
	];
}

module.exports = {
	replyWorkflows,
	replyWorkflow,
	SOURCES,
	CREDENTIALS,
	builder,
	uuid,
	workflowJson,
};

#!/usr/bin/env node
// Writes the importable templates of workflows/ (one JSON per reference scenario and source). The JSON files
// are the product and are committed; this script keeps their shared structure identical (the claim before
// any email, the fresh read, the error outputs, the sticky notes) so a fix lands in every template at once.
//   node scripts/build-workflows.js          # rewrite workflows/*.json
//   node scripts/build-workflows.js --check  # exit 1 if a file differs from what the script writes
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const { replyWorkflows, workflowJson } = require('./workflows/replies');
const { thankYouWorkflows } = require('./workflows/thanks');
const { ledgerReportWorkflows } = require('./workflows/ledger-report');
const { placeholders } = require('./workflows/setup-note');

const OUT = path.join(__dirname, '..', 'workflows');
const ZONE = 'Europe/Paris';
const PKG = 'n8n-nodes-dunning';

/** Credential names the templates refer to (by name only: n8n binds them to yours on import). */
const CREDENTIALS = {
	stripe: { stripeDunningApi: { id: null, name: 'Stripe Dunning' } },
	quickbooks: { quickBooksDunningOAuth2Api: { id: null, name: 'QuickBooks Dunning' } },
	smtp: { smtp: { id: null, name: 'SMTP (reminders)' } },
	maileva: { mailevaApi: { id: null, name: 'Maileva (registered letters)' } },
	twilio: { twilioApi: { id: null, name: 'Twilio (reminders)' } },
};

const SOURCES = {
	stripe: {
		label: 'Stripe',
		node: `${PKG}.stripeDunning`,
		credentials: CREDENTIALS.stripe,
		list: (extra = {}) => ({
			resource: 'invoice',
			operation: 'listOverdue',
			minDaysOverdue: 1,
			returnAll: true,
			...extra,
			options: { timezone: ZONE },
		}),
		listDueSoon: { includeDueSoon: true, dueWithinDays: 3 },
		options: { timezone: ZONE },
		setup:
			'**Stripe Dunning** credential: a restricted key (`rk_live_...`) with read and write access to Invoices and read access to Customers.',
		state: 'the invoice metadata (`dunning_sent_steps`, `dunning_last_sent_on`)',
		letterState: 'the invoice metadata (a `dunning_letter_…` key per step)',
	},
	quickbooks: {
		label: 'QuickBooks',
		node: `${PKG}.quickBooksDunning`,
		credentials: CREDENTIALS.quickbooks,
		list: (extra = {}) => ({
			resource: 'invoice',
			operation: 'listOverdue',
			minDaysOverdue: 1,
			returnAll: true,
			...extra,
			options: { timezone: ZONE },
		}),
		// The same option names and units as Stripe's (issue 19 #2: the J-3 notice on QuickBooks too).
		listDueSoon: { includeDueSoon: true, dueWithinDays: 3 },
		options: { timezone: ZONE },
		setup:
			'**QuickBooks Dunning** credential: your Intuit app (client ID and secret), then *Connect my account* to pick the company.',
		state: 'a `[dunning] sent=...` line of the invoice private note',
		letterState: 'the `letters=` list of the `[dunning]` line of the invoice private note',
	},
};

let counter = 0;
function uuid(workflowIndex, nodeIndex) {
	const hex = (n, width) => n.toString(16).padStart(width, '0');
	return `${hex(0xd0000000 + workflowIndex, 8)}-0000-4000-8000-${hex(nodeIndex, 12)}`;
}

/** A small builder: nodes, connections, positions on a grid. */
function builder(index) {
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
	const sticky = (name, content, at, size = [520, 300], color = 7) =>
		node(
			name,
			'n8n-nodes-base.stickyNote',
			1,
			{ content, width: size[0], height: size[1], color },
			at,
		);
	return { nodes, connections, node, connect, sticky };
}

const triggers = (b, schedule) => {
	b.node(
		schedule.name,
		'n8n-nodes-base.scheduleTrigger',
		1.2,
		{ rule: { interval: [schedule.interval] } },
		[0, 0],
	);
	b.node('Run Now', 'n8n-nodes-base.manualTrigger', 1, {}, [0, 1]);
};

const weekdaysAt = (hour) => ({
	field: 'weeks',
	weeksInterval: 1,
	triggerAtDay: [1, 2, 3, 4, 5],
	triggerAtHour: hour,
});

const sendEmail = (b, name, at, { to, subject, html, text, replyTo, attachments }) =>
	b.node(
		name,
		'n8n-nodes-base.emailSend',
		2.1,
		{
			fromEmail: 'Accounts receivable <billing@example.com>',
			toEmail: to,
			subject,
			emailFormat: text ? 'both' : 'html',
			...(text ? { text } : {}),
			html,
			options: {
				appendAttribution: false,
				...(replyTo ? { replyTo } : {}),
				// Regular attachments: n8n 2.41's `attachments` embeds the files inline (by Content-ID), where a mail
				// client may not list them.
				...(attachments ? { fileAttachments: attachments } : {}),
			},
		},
		at,
		{ credentials: CREDENTIALS.smtp, onError: 'continueErrorOutput' },
	);

const apiNode = (b, source, name, parameters, at) =>
	b.node(name, source.node, 1, parameters, at, {
		credentials: source.credentials,
		onError: 'continueErrorOutput',
	});

/** An action of the source's node whose Not Claimed and error outputs both go to `alert` (a read, a record). */
const alertedApiNode = (b, source, name, parameters, at, alert) => {
	apiNode(b, source, name, parameters, at);
	b.connect(name, 1, alert);
	b.connect(name, 2, alert);
	return name;
};

/**
 * The public holidays every template keeps: French ones, set in the node's options rather than left to the
 * scenario's setting, since Custom Steps have no holiday calendar of their own (a custom step would send on
 * 14 July while a preset waits).
 */
const HOLIDAYS = 'FR';

const scenarioNode = (b, name, scenario, options, at, steps) =>
	b.node(
		name,
		`${PKG}.dunningScenario`,
		1,
		{
			operation: 'evaluate',
			scenario,
			...(steps ? { steps: { step: steps } } : {}),
			timezone: ZONE,
			options: { ...options, holidays: HOLIDAYS },
		},
		at,
		{ onError: 'continueErrorOutput' },
	);

const composer = (b, name, mode, stepTones, at, extra = {}) =>
	b.node(
		name,
		`${PKG}.reminderComposer`,
		1,
		{
			operation: 'compose',
			mode,
			language: 'customer',
			fallbackLanguage: 'fr',
			tone: 'decision',
			stepTones,
			// Empty: each letter signs with its own language's department name ("Service comptabilité").
			senderName: '',
			replyToMailbox: 'billing@example.com',
			senderEmail: 'billing@example.com',
			internalRecipient: 'accounting@example.com',
			timezone: ZONE,
			...extra,
		},
		at,
		{ onError: 'continueErrorOutput' },
	);

/** Every error output leads here: one alert per failed item to the finance team, visible in the inbox. */
function errorAlert(b, at) {
	const name = 'Alert Finance: Failed Item';
	sendEmail(b, name, at, {
		to: 'accounting@example.com',
		subject: '=Dunning workflow: an item failed ({{ $workflow.name }})',
		html: `=<p>An item could not be processed by the dunning workflow <b>{{ $workflow.name }}</b> (execution {{ $execution.id }}).</p><p>Invoice: {{ $json.invoice ? ${esc('$json.invoice.number || $json.invoice.id')} : "unknown" }}</p><p>Error: {{ ${esc('$json.error ? ($json.error.message || $json.error) : "see the execution"')} }}</p><p>${OUTCOME}</p>`,
	});
	return name;
}

const noOp = (b, name, at) => b.node(name, 'n8n-nodes-base.noOp', 1, {}, at);

const emailFromReminder = {
	to: '={{ $json.reminder.to }}',
	// The plus-addressed Reply-To of the Reminder Composer (Reply-To Mailbox): a customer's answer comes back
	// to the billing mailbox carrying which invoice it is about (n8n's Send Email cannot set a Message-ID).
	replyTo: '={{ $json.reminder.replyTo || "" }}',
	subject: '={{ $json.reminder.subject }}',
	text: '={{ $json.reminder.text }}',
	html: '={{ $json.reminder.html }}',
};

/** An expression's text made safe inside HTML (the alerts put invoice fields into their HTML). */
const esc = (expression) =>
	`String((${expression}) || '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')`;

/** The amount still due, in major units, formatted for the team (minor units → major by the currency's digits). */
const AMOUNT_DUE =
	"new Intl.NumberFormat('en-GB', { style: 'currency', currency: $json.invoice.currency }).format($json.invoice.dueMinor / Math.pow(10, new Intl.NumberFormat('en', { style: 'currency', currency: $json.invoice.currency }).resolvedOptions().maximumFractionDigits))";

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

const isTrue = { type: 'boolean', operation: 'true', singleValue: true };
const STRATEGIC =
	"={{ ($json.invoice.customer.tags || []).some((tag) => ['vip', 'strategic'].includes(tag)) }}";

/**
 * Release Claim after a failure that followed the claim: a composer failure (nothing was sent: always
 * released) and a send failure (released only when the mail server certainly did not take the message, by
 * classifySendFailure). A grouped message is split back into its invoices first, each claimed on its own.
 */
function releasePath(b, source, { composeNode, sendNode, alert, suffix = '', at }) {
	const split = b.node(
		`One Item Per Claimed Invoice${suffix}`,
		'n8n-nodes-base.code',
		2,
		{
			jsCode: [
				'// A message for several invoices of one customer covers one claim per invoice: each is released on its own.',
				'return $input.all().flatMap(({ json }) =>',
				'  Array.isArray(json.invoices)',
				'    ? json.invoices.map((invoice, index) => ({ json: { invoice, decision: (json.decisions || [])[index] || null, error: json.error } }))',
				'    : [{ json }],',
				');',
			].join('\n'),
		},
		at,
	);
	const releaseNode = (name, releaseWhen, offset) => {
		apiNode(
			b,
			source,
			name,
			{ resource: 'invoice', operation: 'releaseClaim', releaseWhen, options: source.options },
			[at[0] + 1, at[1] + offset],
		);
		b.connect(name, 0, alert);
		b.connect(name, 1, alert);
		b.connect(name, 2, alert);
		return name;
	};
	b.connect(sendNode, 1, split);
	b.connect(split, 0, releaseNode(`Release Claim If Not Sent${suffix}`, 'notAccepted', 0));
	if (composeNode) {
		const notComposed = releaseNode(`Release Claim: Not Composed${suffix}`, 'always', 0.8);
		b.connect(composeNode, 1, notComposed);
	}
}

/** What the finance alert says happened to the reminder of the failed item. */
const OUTCOME_EXPRESSION =
	"$json.release ? ($json.release.released ? 'Nothing was sent for it: its step was released, and the next run sends it.' : ($json.release.reason === 'outcome_unknown' ? 'The mail server may have accepted the message: the step stays recorded as sent and is not sent again automatically. Check whether the customer received it.' : 'Its step was not released (' + $json.release.reason + '): check the invoice.')) : ($json.claim && $json.claim.claimed ? 'Its step is recorded as sent but the message may not have gone out: check the invoice and the customer inbox.' : 'No reminder was sent for it; it will be retried on the next run.')";
const OUTCOME = `{{ ${OUTCOME_EXPRESSION} }}`;

/**
 * The same, in the templates that post the approved notice by registered mail: a letter that was posted (it
 * has a sending id) but could not be recorded on the invoice is said first, since it must not be posted again.
 */
const OUTCOME_WITH_LETTER = `{{ $json.letter && $json.letter.sendingId ? 'The registered letter was posted (' + ${esc('$json.letter.provider + " sending " + $json.letter.sendingId')} + ') but is not recorded on the invoice; it will not be posted again. Record it by running Record Letter on this item, or note it on the invoice.' : (${OUTCOME_EXPRESSION}) }}`;

/**
 * The safe send path shared by every reminder template:
 * listed → scenario → Get (fresh) → re-evaluate → [penalty] → Claim Step → Reminder Composer → Send Email,
 * plus the approval request for steps that require it and the release of claims whose message did not leave.
 */
function reminderSpine(b, source, spec) {
	const { scenario, options, stepTones, grouped } = spec;
	const list = apiNode(
		b,
		source,
		'List Overdue Invoices',
		source.list(spec.dueSoon ? source.listDueSoon : {}),
		[1, 0.5],
	);
	b.connect(spec.schedule, 0, list);
	b.connect('Run Now', 0, list);
	if (spec.before) {
		// e.g. the CRM table: created once per run before the listing.
		b.connections[spec.schedule].main = [[{ node: spec.before, type: 'main', index: 0 }]];
		b.connections['Run Now'].main = [[{ node: spec.before, type: 'main', index: 0 }]];
		b.connect(spec.before, 0, list);
	}
	const alert = errorAlert(b, [10, 3.5]);
	b.connect(list, 2, alert);

	const first = scenarioNode(b, 'Dunning Scenario', scenario, options, [2, 0.5], spec.steps);
	b.connect(list, 0, first);
	const nothing = noOp(b, 'Nothing To Do Today', [3, 2]);
	b.connect(first, 2, nothing);
	b.connect(first, 4, alert);

	const fresh = alertedApiNode(
		b,
		source,
		'Read Invoice Again',
		{ resource: 'invoice', operation: 'get', options: source.options },
		[3, 0.5],
		alert,
	);
	b.connect(first, 0, fresh);
	b.connect(first, 1, fresh);
	b.connect(first, 3, fresh);

	const again = scenarioNode(b, 'Still Due Now?', scenario, options, [4, 0.5], spec.steps);
	b.connect(fresh, 0, again);
	const stopped = noOp(b, 'Paid Or Changed Since Listing', [5, 2]);
	b.connect(again, 2, stopped);
	b.connect(again, 4, alert);

	const claim = apiNode(
		b,
		source,
		'Claim Step',
		{ resource: 'invoice', operation: 'claimStep', options: source.options },
		[6, 0],
	);
	if (spec.penalty) {
		const penalty = penaltyNode(b, 'Late Payment Penalty', [5, 0]);
		b.connect(again, 0, penalty);
		b.connect(penalty, 0, claim);
		b.connect(penalty, 1, alert);
	} else {
		b.connect(again, 0, claim);
	}
	const notClaimed = noOp(b, 'Not Claimed (Already Sent Or Paid)', [7, 1.2]);
	b.connect(claim, 1, notClaimed);
	b.connect(claim, 2, alert);
	brokenPromiseAlert(b, claim, alert);

	const compose = composer(
		b,
		'Reminder Composer',
		grouped ? 'customer' : 'invoice',
		stepTones,
		[7, 0],
		spec.composerExtra,
	);
	b.connect(claim, 0, compose);
	const send = sendEmail(b, 'Send Reminder Email', [8, 0], emailFromReminder);
	if (spec.sms) smsRoute(b, source, { compose, send, alert });
	else b.connect(compose, 0, send);
	releasePath(b, source, { composeNode: compose, sendNode: send, alert, at: [8.6, 1.4] });

	approvalRequest(b, source, spec, again, alert);
	approvalExecution(b, source, spec);
	return { again, alert };
}

const penaltyNode = (b, name, at) =>
	b.node(
		name,
		`${PKG}.latePaymentPenalty`,
		1,
		{ operation: 'calculate', source: 'invoice', rule: 'FR', timezone: ZONE, language: 'fr' },
		at,
		{ onError: 'continueErrorOutput' },
	);

/**
 * Issue 19 #5: a reminder sent because a payment promise was broken also alerts the account manager, once
 * (after the claim, so a second run the same day does not alert again).
 */
function brokenPromiseAlert(b, claim, alert, at = [7, -1]) {
	const broken = ifNode(
		b,
		'Promise Broken?',
		'={{ $json.decision.reason }}',
		{ type: 'string', operation: 'equals' },
		'promise_broken',
		at,
	);
	b.connect(claim, 0, broken);
	const name = 'Alert Account Manager: Broken Promise';
	sendEmail(b, name, [at[0] + 1, at[1]], {
		to: 'account-manager@example.com',
		subject: `={{ ${esc('$json.invoice.customer.name')} }}: payment promise broken (invoice {{ $json.invoice.number || $json.invoice.id }})`,
		html: `=<p><b>{{ ${esc('$json.invoice.customer.name')} }}</b> promised to pay invoice {{ ${esc('$json.invoice.number || $json.invoice.id')} }} by <b>{{ $json.decision.brokenPromiseOn || $json.invoice.dunning.promisedOn }}</b> and has not paid: {{ ${AMOUNT_DUE} }} still due, {{ $json.decision.daysOverdue }} days after the due date ({{ $json.invoice.dueDate }}).</p><p>A firm reminder naming the broken promise is going out today (step {{ $json.decision.stepId }}). Call them: ask why the promise was not kept and for a new date, then record it (Record Promise).</p><p>Contact: {{ ${esc('$json.invoice.customer.email')} }}</p>`,
	});
	b.connect(broken, 0, name);
	b.connect(name, 1, alert);
}

/**
 * Needs Approval, in the run itself: the penalty and the message are computed first, so the approver sees the
 * notice as the customer will read it; then one execution of this workflow per notice asks for the approval
 * (Execute Workflow, once per item, without waiting). The run goes on at once: its other reminders and its
 * finance alerts never wait for a person.
 */
function approvalRequest(b, source, spec, again, alert) {
	const penalty = penaltyNode(b, 'Late Payment Penalty (To Approve)', [5, 4.6]);
	b.connect(again, 3, penalty);
	b.connect(penalty, 1, alert);
	const compose = composer(b, 'Compose Notice To Approve', 'invoice', spec.stepTones, [6, 4.6], {
		...spec.composerExtra,
		// The customer-facing message in the step's own tone, also for a strategic customer's escalation.
		tone: '={{ $json.step.tone }}',
	});
	b.connect(penalty, 0, compose);
	b.connect(compose, 1, alert);
	const ask = b.node(
		'Ask Approval For Each Notice',
		'n8n-nodes-base.executeWorkflow',
		1,
		{
			source: 'database',
			workflowId: '={{ $workflow.id }}',
			mode: 'each',
			options: { waitForSubWorkflow: false },
		},
		[7, 4.6],
		{ onError: 'continueErrorOutput' },
	);
	b.connect(compose, 0, ask);
	b.connect(ask, 0, noOp(b, 'Approval Requested', [8, 4.6]));
	b.connect(ask, 1, alert);
}

const approvalEmail = (b, name, to, at) =>
	b.node(
		name,
		'n8n-nodes-base.emailSend',
		2.1,
		{
			operation: 'sendAndWait',
			fromEmail: 'Dunning workflow <billing@example.com>',
			toEmail: to,
			subject:
				"={{ $json.reminder.approval ? $json.reminder.approval.subject : 'Approval needed: ' + $json.reminder.subject }}",
			// n8n shows this field as text (it escapes HTML): the approval's text version, warnings first.
			message: '={{ ($json.reminder.approval || $json.reminder).text }}',
			responseType: 'approval',
			approvalOptions: { values: { approvalType: 'double' } },
			options: { appendAttribution: false },
		},
		at,
		{ credentials: CREDENTIALS.smtp },
	);

/**
 * The execution of one notice: the approval email (Send and Wait for Response), then, approved, the claim and
 * the send of the message the approver saw. Declined, nothing is claimed and the notice comes up again on the
 * next run. Its failures have their own alert: the run's alert never waits here.
 */
function approvalExecution(b, source, spec) {
	const trigger = b.node(
		'When Approval Is Asked',
		'n8n-nodes-base.executeWorkflowTrigger',
		1,
		{},
		[4, 6.4],
	);
	let asked;
	if (spec.strategicApprover) {
		const strategic = ifNode(b, 'Strategic Customer? (Approval)', STRATEGIC, isTrue, '', [5, 6.4]);
		b.connect(trigger, 0, strategic);
		const manager = approvalEmail(
			b,
			"Ask The Account Manager's Approval",
			spec.strategicApprover,
			[6, 6],
		);
		const finance = approvalEmail(b, 'Ask Approval By Email', spec.approver, [6, 6.8]);
		b.connect(strategic, 0, manager);
		b.connect(strategic, 1, finance);
		asked = [manager, finance];
	} else {
		const finance = approvalEmail(b, 'Ask Approval By Email', spec.approver, [5, 6.4]);
		b.connect(trigger, 0, finance);
		asked = [finance];
	}
	const record = b.node(
		'Record The Answer',
		'n8n-nodes-base.code',
		2,
		{
			jsCode: [
				'// The approval email answers { data: { approved } } only: put the answer on the notice it was asked for.',
				"const notice = $('When Approval Is Asked').first().json;",
				'const answer = $input.first().json.data || {};',
				'return [{ json: { ...notice, approval: { approved: answer.approved === true, respondedAt: answer.respondedAt || null } } }];',
			].join('\n'),
		},
		[7, 6.4],
	);
	for (const node of asked) b.connect(node, 0, record);
	const approved = ifNode(b, 'Approved?', '={{ $json.approval.approved }}', isTrue, '', [8, 6.4]);
	b.connect(record, 0, approved);
	b.connect(approved, 1, noOp(b, 'Declined: Nothing Sent', [9, 7.4]));
	const alert = 'Alert Finance: Approved Notice Failed';
	sendEmail(b, alert, [12, 7.6], {
		to: 'accounting@example.com',
		subject: '=Dunning workflow: an approved notice failed ({{ $workflow.name }})',
		html: `=<p>An approved notice could not be sent by <b>{{ $workflow.name }}</b> (execution {{ $execution.id }}).</p><p>Invoice: {{ $json.invoice ? ${esc('$json.invoice.number || $json.invoice.id')} : "unknown" }}</p><p>Error: {{ ${esc('$json.error ? ($json.error.message || $json.error) : "see the execution"')} }}</p><p>${spec.letter ? OUTCOME_WITH_LETTER : OUTCOME}</p>`,
	});
	const claim = apiNode(
		b,
		source,
		'Claim Approved Step',
		{ resource: 'invoice', operation: 'claimStep', options: source.options },
		[9, 6.4],
	);
	b.connect(approved, 0, claim);
	b.connect(claim, 1, noOp(b, 'Approved But Not Claimed (Paid Or Sent)', [10, 7.4]));
	b.connect(claim, 2, alert);
	if (spec.letter) {
		letterBranch(b, source, spec, { claim, alert });
		return;
	}
	const send = sendEmail(b, 'Send Approved Notice', [10, 6.4], emailFromReminder);
	b.connect(claim, 0, send);
	releasePath(b, source, { sendNode: send, alert, suffix: ' (Approved)', at: [10.6, 7.6] });
}

// ---- issue 20: the letter and the SMS ---------------------------------------------------------------------

/**
 * The sender's postal address on the letters (Reminder Composer → Letter Options), shipped empty: the composer
 * refuses a letter without a sender city, so no letter leaves with an example address; the *Before you
 * activate* note lists these fields. The letter date is left empty: today, in the workflow's time zone.
 */
const LETTER_OPTIONS = {
	senderCompany: '',
	senderStreet: '',
	senderPostalCode: '',
	senderCity: '',
	senderCountry: 'FR',
	delivery: 'registered',
};

/** The letter's tracking, for the team: La Poste's registered number once assigned, else the Maileva sending. */
const TRACKING =
	"{{ $json.letter.registeredNumber ? 'registered number ' + $json.letter.registeredNumber : 'Maileva sending ' + $json.letter.sendingId + ' (the registered number is assigned once La Poste processes it: Registered Letter → Get Status)' }}";

/**
 * Issue 20, after the approval and the claim of a formal notice: the composer renders the approved notice again
 * with its letter (binary `letter`, the email's own text and amounts), the email goes out with the PDF
 * attached, and the Registered Letter node posts the same PDF by LRAR through Maileva, once per idempotency key
 * (a retried or concurrent execution posts nothing more). *Record Letter On Invoice* (the source's node, or the
 * Dunning Ledger) then writes the letter — its Maileva sending and, once known, La Poste's registered number —
 * on the invoice next to the step's claim, so whoever opens the invoice sees which letter went out; finance is
 * told last (*Letter Posted*). A letter posted but not recorded goes to the alert, which says so.
 */
function letterBranch(b, source, spec, { claim, alert }) {
	const compose = composer(b, 'Compose Notice With Letter', 'invoice', spec.stepTones, [10, 6.4], {
		...spec.composerExtra,
		tone: '={{ $json.step.tone }}',
		attachLetter: true,
		letterOptions: LETTER_OPTIONS,
	});
	b.connect(claim, 0, compose);
	const send = sendEmail(b, 'Send Approved Notice', [11, 6], {
		...emailFromReminder,
		attachments: 'letter',
	});
	b.connect(compose, 0, send);
	releasePath(b, source, {
		composeNode: compose,
		sendNode: send,
		alert,
		suffix: ' (Approved)',
		at: [11.6, 8.2],
	});
	const post = b.node(
		'Post Registered Letter',
		`${PKG}.registeredLetter`,
		1,
		{
			resource: 'letter',
			operation: 'send',
			binaryPropertyName: 'letter',
			options: { acknowledgementOfReceipt: true },
		},
		[11, 7],
		{ credentials: CREDENTIALS.maileva, onError: 'continueErrorOutput' },
	);
	b.connect(compose, 0, post);
	b.connect(post, 1, alert);
	const recorded = alertedApiNode(
		b,
		source,
		'Record Letter On Invoice',
		{ resource: 'invoice', operation: 'recordLetter', options: source.options },
		[12, 6.8],
		alert,
	);
	b.connect(post, 0, recorded);
	const posted = 'Tell Finance: Letter Posted';
	sendEmail(b, posted, [13, 6.8], {
		to: 'accounting@example.com',
		subject: `=Formal notice posted by registered mail: invoice {{ ${esc('$json.invoice.number || $json.invoice.id')} }}`,
		html: `=<p>The approved formal notice of invoice <b>{{ ${esc('$json.invoice.number || $json.invoice.id')} }}</b> ({{ ${esc('$json.invoice.customer.name')} }}) was posted by registered mail with acknowledgement of receipt: ${TRACKING}.</p><p>Step {{ $json.decision.stepId }} is recorded in ${source.state}, and the letter in ${source.letterState}; the letter's key is {{ ${esc('$json.letter.idempotencyKey')} }}. Keep this email with the invoice: it is the proof of the notice.</p>`,
	});
	b.connect(recorded, 0, posted);
	b.connect(posted, 1, alert);
}

/**
 * Issue 20: an SMS step goes through n8n's own Twilio node; the composer falls back to the email when the
 * customer has no mobile number (`reminder.fallback`), and the email path takes those. A failed SMS keeps its
 * claim unless Twilio certainly refused it (Release Claim If Not Sent), as a failed email does.
 */
function smsRoute(b, source, { compose, send, alert }) {
	const bySms = ifNode(
		b,
		'By SMS?',
		'={{ $json.reminder.channel }}',
		{ type: 'string', operation: 'equals' },
		'sms',
		[7.6, -0.6],
	);
	b.connect(compose, 0, bySms);
	b.connect(bySms, 1, send);
	const sms = b.node(
		'Send Reminder SMS',
		'n8n-nodes-base.twilio',
		1,
		{
			resource: 'sms',
			operation: 'send',
			from: '+33757000000',
			to: '={{ $json.reminder.sms.to }}',
			toWhatsapp: false,
			message: '={{ $json.reminder.sms.text }}',
			options: {},
		},
		[8.4, -0.9],
		{ credentials: CREDENTIALS.twilio, onError: 'continueErrorOutput' },
	);
	b.connect(bySms, 0, sms);
	releasePath(b, source, { sendNode: sms, alert, suffix: ' (SMS)', at: [9.2, -0.9] });
}

/** The sticky note of the letter and SMS channels. */
const channelsNote = (spec, source) =>
	[
		`## ${spec.sms ? 'Letter and SMS' : 'The letter'} (issue 20)`,
		'**Approved formal notice**: *Compose Notice With Letter* renders the approved message again with its A4 PDF letter (binary `letter`, same text and amounts as the email). *Send Approved Notice* attaches it; **Post Registered Letter** posts it by registered mail with acknowledgement of receipt (La Poste LRAR through Maileva), once per letter key: a retried or concurrent execution posts nothing more.',
		`**Record Letter On Invoice** writes the letter (Maileva sending, La Poste's registered number once known, posting time) in ${source.letterState}, next to the step's claim: whoever opens the invoice sees which letter went out. Recording it again changes nothing; the registered number, assigned later, is added by running *Registered Letter → Get Status* then *Record Letter* on the item. *Tell Finance: Letter Posted* sends the tracking number.`,
		'Set your postal address in *Letter Options* of the Reminder Composer nodes (the letter is refused without a sender city).',
		...(spec.sms
			? [
					"**SMS (J+1)**: *By SMS?* sends `reminder.sms` through n8n's **Twilio** node; a customer without a mobile number (`customer.phone`: Stripe customer phone, QuickBooks Mobile or PrimaryPhone) gets the email instead (`reminder.fallback.reason`). Set the *From* number of *Send Reminder SMS*.",
				]
			: []),
		'',
		`Credentials: **Maileva (registered letters)** (Maileva API, client and sandbox or production)${spec.sms ? ', **Twilio (reminders)** (Account SID and Auth Token)' : ''}.`,
	].join('\n');

/** The seeds' ladder with its channels (issue 20): a friendly SMS at J+1, the formal notice by letter at J+30. */
const withChannels = (steps) =>
	steps.map((step) =>
		step.id === 'd1'
			? { ...step, channel: 'sms' }
			: step.id === 'd30'
				? { ...step, channel: 'letter' }
				: step,
	);

/**
 * Escalate path: Claim the internal step, compose the case summary, email it. `strategic` splits it: a vip or
 * strategic customer's case goes to the account manager, the others' to `name` (issue 19 #6). `callScript`
 * adds the suggested call script to the email (J+21).
 */
function escalatePath(
	b,
	source,
	spec,
	again,
	alert,
	{ name, recipient, after, strategic, callScript },
) {
	const claim = apiNode(
		b,
		source,
		'Claim Escalation',
		{ resource: 'invoice', operation: 'claimStep', options: source.options },
		[6, 2.2],
	);
	b.connect(again, 1, claim);
	b.connect(claim, 1, 'Not Claimed (Already Sent Or Paid)');
	b.connect(claim, 2, alert);
	const targets = strategic
		? [
				{ node: 'Compose Case Summary', recipient, send: name, at: 3.2 },
				{
					node: 'Compose Handover To Account Manager',
					recipient: 'account-manager@example.com',
					send: 'Hand Over To Account Manager',
					at: 2.2,
				},
			]
		: [{ node: 'Compose Case Summary', recipient, send: name, at: 2.4 }];
	if (strategic) {
		const split = ifNode(b, 'Strategic Customer?', STRATEGIC, isTrue, '', [7, 2.7]);
		b.connect(claim, 0, split);
		b.connect(split, 1, targets[0].node);
		b.connect(split, 0, targets[1].node);
	} else {
		b.connect(claim, 0, targets[0].node);
	}
	for (const target of targets) {
		composer(b, target.node, 'invoice', spec.stepTones, [strategic ? 8 : 7, target.at], {
			...spec.composerExtra,
			internalRecipient: target.recipient,
		});
		sendEmail(b, target.send, [strategic ? 9 : 8, target.at], {
			...emailFromReminder,
			text: undefined,
			html: callScript ? CALL_SCRIPT : emailFromReminder.html,
		});
		b.connect(target.node, 0, target.send);
		releasePath(b, source, {
			composeNode: target.node,
			sendNode: target.send,
			alert,
			suffix: ` (${target.send})`,
			at: [strategic ? 9.6 : 8.6, target.at + 0.6],
		});
	}
	if (after) after(targets[0].node);
}

/**
 * J+21 (issue 19 #2): the call alert carries a suggested call script, mapped from the item's fields by
 * expressions (no Code): who to call, what is owed, the history, the promises, what to ask; the composer's
 * case summary follows it.
 */
const CALL_SCRIPT = [
	'=<h3>Suggested call script</h3>',
	`<p><b>Who to call:</b> {{ ${esc("$json.invoice.customer.name || 'the customer'")} }}{{ $json.invoice.customer.email ? ' — ' + ${esc('$json.invoice.customer.email')} : '' }}{{ $json.invoice.customer.tags && $json.invoice.customer.tags.length ? ' (tags: ' + ${esc("$json.invoice.customer.tags.join(', ')")} + ')' : '' }}</p>`,
	`<p><b>What is owed:</b> invoice {{ ${esc('$json.invoice.number || $json.invoice.id')} }}, <b>{{ ${AMOUNT_DUE} }}</b> still due since {{ $json.invoice.dueDate }} ({{ $json.decision.daysOverdue }} days late){{ $json.invoice.paymentUrl ? '; payment link: ' + ${esc('$json.invoice.paymentUrl')} : '' }}.</p>`,
	"<p><b>History:</b> steps recorded: {{ $json.invoice.dunning.sentStepIds.join(', ') || 'none' }}; last message on {{ $json.invoice.dunning.lastSentOn || '—' }}{{ $json.invoice.dunning.disputed ? '; the invoice is marked disputed' : '' }}.</p>",
	"<p><b>Promises:</b> {{ $json.invoice.dunning.promisedOn ? 'promised to pay by ' + $json.invoice.dunning.promisedOn + ($json.decision.reason === 'promise_broken' ? ', a promise they did not keep' : '') : 'no payment promise on record' }}.</p>",
	'<p><b>What to ask:</b></p><ol><li>Did you receive the invoice and our reminders, at the right address?</li><li>Is anything in it disputed (amount, delivery, purchase order)? If so, what exactly?</li><li>On what date will it be paid, and by whom? Record the date with <i>Record Promise</i>: reminders then wait for it.</li><li>If that date is not possible: what can be paid now, and when is the rest?</li></ol>',
	'<hr>{{ $json.reminder.html }}',
].join('');

const common = (source) =>
	[
		'## Setup',
		source.setup,
		'**SMTP (reminders)** credential: the mailbox the reminders leave from (replies come back to it). Change the *From* address in the Send Email nodes and the sender in the Reminder Composer nodes.',
		'',
		'Credentials are referenced by name: create them with these names before importing, or pick yours in each node after import.',
	].join('\n');

const safety = (source) =>
	[
		'## Why it never sends twice',
		`Each invoice is read again just before sending and evaluated again, so a payment recorded since the listing stops it (*Paid Or Changed Since Listing*). **Claim Step** then records the step in ${source.state} before any email: of two runs on the same day, one claims and the other ends in *Not Claimed*. Re-running the workflow the same day sends nothing new.`,
		'',
		"Errors go to their node's error output and are emailed to the finance team (*Alert Finance: Failed Item*); the other invoices carry on.",
	].join('\n');

function workflow(def) {
	counter = 0;
	const b = builder(def.index);
	def.build(b);
	return workflowJson(b, { ...def, zone: ZONE });
}

// ---- the scenarios ---------------------------------------------------------------------------------------

function classic(source, index, crm) {
	const label = source.label;
	const id = crm ? `dunQbClassicCrm01` : `dun${label.slice(0, 2)}Classic71421`;
	const spec = {
		schedule: 'Every Weekday At 9:00',
		scenario: 'classic-7-14-21',
		stepTones: 'classic-7-14-21',
		options: { minDaysBetweenCustomer: 5 },
		grouped: true,
		approver: 'finance-manager@example.com',
	};
	return workflow({
		index,
		id,
		name: crm
			? 'Dunning: QuickBooks J+7 / J+14 reminders, J+21 accounting notified and a CRM task'
			: `Dunning: ${label} J+7 / J+14 reminders, J+21 accounting notified`,
		description: `Every weekday at 9:00 (${ZONE}), lists the overdue ${label} invoices and follows the classic-7-14-21 scenario: a friendly email at J+7, a firmer one at J+14, and at J+21 the accounting team gets the case summary${crm ? ' and a follow-up task is added to the CRM tasks table (an n8n Data Table)' : ''}. Several overdue invoices of one customer at steps of the same tone go out as one email listing them all. Every step is claimed in ${label} before anything is sent, so a step goes out once, and a payment recorded in between stops the reminders.`,
		tags: ['dunning', source === SOURCES.stripe ? 'stripe' : 'quickbooks', 'reminders'],
		build: (b) => {
			triggers(b, { name: spec.schedule, interval: weekdaysAt(9) });
			if (crm) {
				spec.before = b.node(
					'Ensure CRM Tasks Table',
					'n8n-nodes-base.dataTable',
					1.1,
					{
						resource: 'table',
						operation: 'create',
						tableName: 'crm_tasks',
						columns: {
							column: [
								{ name: 'title', type: 'string' },
								{ name: 'customer', type: 'string' },
								{ name: 'email', type: 'string' },
								{ name: 'invoice', type: 'string' },
								{ name: 'amount_due', type: 'string' },
								{ name: 'due_date', type: 'string' },
								{ name: 'summary', type: 'string' },
								{ name: 'status', type: 'string' },
							],
						},
						options: { createIfNotExists: true },
					},
					[0.5, 1.6],
					{ executeOnce: true },
				);
			}
			const { again, alert } = reminderSpine(b, source, spec);
			escalatePath(b, source, spec, again, alert, {
				name: 'Notify Accounting',
				recipient: 'accounting@example.com',
				after: crm
					? (summary) => {
							const task = b.node(
								'Create CRM Task',
								'n8n-nodes-base.dataTable',
								1.1,
								{
									resource: 'row',
									operation: 'insert',
									dataTableId: { __rl: true, mode: 'name', value: 'crm_tasks' },
									columns: {
										mappingMode: 'defineBelow',
										value: {
											title:
												'=Call {{ $json.invoice.customer.name }} about invoice {{ $json.invoice.number }}',
											customer: '={{ $json.invoice.customer.name }}',
											email: '={{ $json.invoice.customer.email }}',
											invoice: '={{ $json.invoice.number || $json.invoice.id }}',
											amount_due: `={{ ${AMOUNT_DUE} }}`,
											due_date: '={{ $json.invoice.dueDate }}',
											summary: '={{ $json.reminder.text }}',
											status: 'open',
										},
										matchingColumns: [],
										schema: [],
									},
									options: {},
								},
								[7, 3.4],
								{ onError: 'continueErrorOutput' },
							);
							b.connect(summary, 0, task);
							b.connect(task, 1, alert);
						}
					: undefined,
			});
			b.sticky(
				'Sticky: Scenario',
				[
					`## ${crm ? 'QuickBooks: reminders, accounting and a CRM task' : `${label}: classic J+7 / J+14 / J+21`}`,
					'**Dunning Scenario** (preset *classic-7-14-21*, Europe/Paris, French holidays): J+7 friendly email, J+14 firmer email, J+21 internal step. At least 5 days between two messages to one customer.',
					'*Send* items are emailed to the customer, grouped: one email per customer and tone listing its invoices due for a step of that tone (Reminder Composer, mode *One Message per Customer*; a formal notice always alone).',
					`*Escalate* items (J+21) send the case summary to accounting${crm ? ' and add a row to the **crm_tasks** Data Table (created on first run). It stands for the CRM task: a table every n8n has, that your CRM sync (HubSpot, Pipedrive... node) or a person can read. Swap the *Create CRM Task* node for your CRM node to create the task there.' : '.'}`,
					'',
					'**Wording**: Reminder Composer → *Custom Template* (Handlebars), or *Language*. Steps: change the preset in both Dunning Scenario nodes and *Steps Of* in the composers. A step that requires approval (e.g. the formal notice of *firm-5-steps*) always leaves on *Needs Approval* and is sent only after a person approves it (below).',
				].join('\n'),
				[0, -2.2],
				[900, 380],
				5,
			);
			b.sticky('Sticky: Setup', common(source), [4, -2.2], [620, 380], 6);
			b.sticky('Sticky: Safety', safety(source), [6.8, -2.2], [620, 380], 4);
		},
	});
}

/** The approval, as every reminder template carries it (sticky note text). */
const approvalNote = (approver) =>
	[
		'## Approval: one notice, one person, before anything is claimed',
		`A step that **requires approval** (formal notice) leaves *Dunning Scenario* on **Needs Approval**, whatever the preset or custom steps: it can never reach the send path directly. Its penalty and message are computed first (*Compose Notice To Approve*), then **Ask Approval For Each Notice** starts one execution of this workflow per notice, without waiting: the run's other reminders and its finance alerts go out at once.`,
		`In that execution, *Ask Approval By Email* (Send Email → Send and Wait for Response) sends ${approver} the notice exactly as the customer will read it, warnings first, with Approve and Decline buttons. **Approve**: *Claim Approved Step* (refused without the approval) then *Send Approved Notice*, once. **Decline** or no answer: nothing is claimed; the notice is asked again on the next run (approving any one of the requests sends it once).`,
	].join('\n');

const releaseNote = [
	'## A send that failed',
	'The error output of each send goes to **Release Claim If Not Sent**: when the mail server certainly did not take the message (connection or login refused, recipient rejected), the claimed step is removed and the next run sends it. A timeout or dropped connection (the message may have gone out) keeps the claim; finance is told to check. A message that could not be composed is always released.',
].join('\n');

function formalNotice(source, index) {
	const label = source.label;
	const spec = {
		schedule: 'Every Weekday At 8:30',
		scenario: 'pre-due-courtesy',
		stepTones: 'pre-due-courtesy',
		options: { minDaysBetweenCustomer: 0 },
		grouped: false,
		dueSoon: true,
		penalty: true,
		approver: 'finance-manager@example.com',
		letter: true,
		composerExtra: { letterOptions: LETTER_OPTIONS },
	};
	return workflow({
		index,
		id: `dun${label.slice(0, 2)}FormalNotice1`,
		name: `Dunning: ${label} J-3 notice, reminder, formal notice approved by a human`,
		description: `Every weekday at 8:30 (${ZONE}), follows the pre-due-courtesy scenario on ${label}: a courtesy notice 3 days before the due date, a reminder the day after it stating the statutory late-payment penalties, and at J+15 a formal notice (mise en demeure) with the penalties computed by Late Payment Penalty (French rule: at least 3 × the legal rate plus 40 EUR per invoice). Each formal notice is shown to a person, as the customer will read it, and is claimed and sent only once approved: by email with its PDF letter attached, and by registered mail (Maileva, La Poste LRAR).`,
		tags: [
			'dunning',
			source === SOURCES.stripe ? 'stripe' : 'quickbooks',
			'formal notice',
			'approval',
		],
		build: (b) => {
			triggers(b, { name: spec.schedule, interval: weekdaysAt(8) });
			reminderSpine(b, source, spec);
			b.sticky(
				'Sticky: Scenario',
				[
					`## ${label}: notice, reminder, approved formal notice`,
					'**Dunning Scenario** preset *pre-due-courtesy*: J-3 courtesy notice, J+1 reminder stating penalties, J+15 formal notice (requires approval, states penalties).',
					'**Late Payment Penalty** (France, L441-10: 3 × the legal rate minimum, plus 40 EUR per invoice) adds the amounts; the composer states them.',
					'',
					'**Wording**: Reminder Composer → *Custom Template*. Approver: *To Email* of *Ask Approval By Email*.',
				].join('\n'),
				[0, -3.4],
				[900, 420],
				5,
			);
			b.sticky('Sticky: Setup', common(source), [4, -3.4], [620, 380], 6);
			b.sticky('Sticky: Safety', safety(source), [7, -3.4], [620, 380], 4);
			b.sticky('Sticky: Approval', approvalNote('the finance manager'), [0, 4.2], [760, 420], 3);
			b.sticky('Sticky: Release', releaseNote, [11, -0.2], [620, 300], 4);
			b.sticky('Sticky: Letter And SMS', channelsNote(spec, source), [13, 4.2], [680, 500], 6);
			if (source !== SOURCES.stripe) readCustomerRecords(b);
		},
	});
}

/**
 * The seeds' ladder (issue 19 #2), as Custom Steps of the Dunning Scenario node: a courtesy notice before the
 * due date, friendly then firmer reminders, a call at J+21 and the formal notice at J+30, approved by a person.
 */
const LADDER_STEPS = [
	{ id: 'd-3', offsetDays: -3, tone: 'notice' },
	{ id: 'd1', offsetDays: 1, tone: 'friendly' },
	{ id: 'd7', offsetDays: 7, tone: 'reminder' },
	{ id: 'd14', offsetDays: 14, tone: 'firm', includePenalty: true },
	{ id: 'd21', offsetDays: 21, tone: 'internal', audience: 'internal', channel: 'call' },
	{
		id: 'd30',
		offsetDays: 30,
		tone: 'formal_notice',
		requiresApproval: true,
		includePenalty: true,
	},
].map((step) => ({
	dayCount: 'calendar',
	audience: 'customer',
	channel: 'email',
	requiresApproval: false,
	includePenalty: false,
	...step,
}));

const stepToneMap = (steps) => steps.map((step) => `${step.id}=${step.tone}`).join(', ');

function ladder(source, index) {
	const label = source.label;
	const spec = {
		schedule: 'Every Weekday At 8:30',
		scenario: 'custom',
		steps: withChannels(LADDER_STEPS),
		stepTones: 'custom',
		composerExtra: { stepToneMap: stepToneMap(LADDER_STEPS), letterOptions: LETTER_OPTIONS },
		// J-3 to J+1 is 4 days: the gap allows it; every later step is a week apart.
		options: { minDaysBetween: 4, minDaysBetweenCustomer: 0 },
		grouped: false,
		dueSoon: true,
		penalty: true,
		approver: 'finance-manager@example.com',
		sms: true,
		letter: true,
	};
	return workflow({
		index,
		id: `dun${label.slice(0, 2)}FullLadder01`,
		name: `Dunning: ${label} full ladder J-3 to J+30 (call at J+21, formal notice approved by a human)`,
		description: `Every weekday at 8:30 (${ZONE}), the whole ladder of the seeds on ${label}: a courtesy notice 3 days before the due date, a friendly SMS at J+1 (by email when the customer has no mobile number), a reminder at J+7, a firm one at J+14 stating the statutory penalties, at J+21 a call alert to the account manager with a suggested call script, and at J+30 a formal notice with the statutory penalties (French rule) that a person approves, as the customer will read it, before it is claimed, emailed with its PDF letter and posted by registered mail. A broken payment promise also alerts the account manager.`,
		tags: ['dunning', source === SOURCES.stripe ? 'stripe' : 'quickbooks', 'ladder', 'approval'],
		build: (b) => {
			triggers(b, { name: spec.schedule, interval: weekdaysAt(8) });
			const { again, alert } = reminderSpine(b, source, spec);
			escalatePath(b, source, spec, again, alert, {
				name: 'Call Alert To Account Manager',
				recipient: 'account-manager@example.com',
				callScript: true,
			});
			b.sticky(
				'Sticky: Scenario',
				[
					`## ${label}: the full ladder, J-3 to J+30`,
					`**Dunning Scenario** (*Custom Steps*, both scenario nodes): ${LADDER_STEPS.map((step) => `${step.id} ${step.tone}${step.requiresApproval ? ' (approval)' : ''}${step.includePenalty ? ' + penalties' : ''}`).join(', ')}. At least 4 days between two messages of one invoice.`,
					'**List Overdue Invoices** includes the invoices due within 3 days (*Include Invoices Due Soon*) for the J-3 notice.',
					'**J+21**: *Call Alert To Account Manager* — who to call, what is owed, the history, the promises and what to ask, then the case summary.',
					'**Broken promise**: the reminder says so (firm tone) and *Alert Account Manager: Broken Promise* tells the account manager.',
					'',
					'**Wording**: the Reminder Composer nodes (*Custom Template*, *Language*). Steps: edit them in both Dunning Scenario nodes, and *Step Tones* in the composers.',
				].join('\n'),
				[0, -3.4],
				[900, 460],
				5,
			);
			b.sticky('Sticky: Setup', common(source), [4, -3.4], [620, 380], 6);
			b.sticky('Sticky: Safety', safety(source), [7, -3.4], [620, 380], 4);
			b.sticky('Sticky: Approval', approvalNote('the finance manager'), [0, 4.2], [760, 420], 3);
			b.sticky('Sticky: Release', releaseNote, [11, -0.2], [620, 300], 4);
			b.sticky('Sticky: Letter And SMS', channelsNote(spec, source), [13, 4.2], [680, 500], 6);
			if (source !== SOURCES.stripe) readCustomerRecords(b);
		},
	});
}

/**
 * QuickBooks keeps a customer's tags (`vip`, `strategic`, in the customer note), mobile number and, often, postal
 * address on the customer record, not on the invoice, and its node reads that record only for an invoice
 * without BillEmail unless Customer Lookup is Always. Every QuickBooks template that depends on them sets it on
 * each of its QuickBooks nodes: the exceptions (tags), the ladder (tags, SMS, letter), the formal notice (the
 * letter's address) and the weekly report (VIP tags); without it a tagged customer would be chased as any other.
 */
function readCustomerRecords(b) {
	for (const node of b.nodes) {
		if (!node.type.endsWith('.quickBooksDunning')) continue;
		node.parameters.options = { ...node.parameters.options, customerLookup: 'always' };
	}
}

/** The exceptions ladder: the classic steps, then a formal notice at J+30 that a person approves. */
const EXCEPTION_STEPS = LADDER_STEPS.filter((step) =>
	['d7', 'd14', 'd21', 'd30'].includes(step.id),
).map((step) => (step.id === 'd14' ? { ...step, tone: 'reminder', includePenalty: false } : step));

function exceptions(source, index) {
	const label = source.label;
	const spec = {
		schedule: 'Every Weekday At 9:00',
		scenario: 'custom',
		steps: EXCEPTION_STEPS,
		stepTones: 'custom',
		composerExtra: { stepToneMap: stepToneMap(EXCEPTION_STEPS) },
		options: { escalateTags: 'vip, strategic', escalateAfter: 2, minDaysBetweenCustomer: 5 },
		grouped: true,
		approver: 'finance-manager@example.com',
		strategicApprover: 'account-manager@example.com',
	};
	return workflow({
		index,
		id: `dun${label.slice(0, 2)}Exceptions01`,
		name: `Dunning: ${label} exceptions (disputes, strategic customers to an account manager)`,
		description: `Every weekday at 9:00 (${ZONE}), J+7 / J+14 reminders on ${label} with the exceptions a finance team keeps: disputed invoices are never chased (the scenario skips them); customers tagged vip or strategic are handed to their account manager, with the history of what was sent, after two unanswered reminders instead of receiving a third one, and no formal notice goes to them unless their account manager approves it. Other customers' J+21 cases go to accounting and their J+30 formal notices to the finance manager for approval.`,
		tags: [
			'dunning',
			source === SOURCES.stripe ? 'stripe' : 'quickbooks',
			'exceptions',
			'account manager',
		],
		build: (b) => {
			triggers(b, { name: spec.schedule, interval: weekdaysAt(9) });
			const { again, alert } = reminderSpine(b, source, spec);
			escalatePath(b, source, spec, again, alert, {
				name: 'Notify Accounting',
				recipient: 'accounting@example.com',
				strategic: true,
			});
			b.sticky(
				'Sticky: Scenario',
				[
					`## ${label}: exceptions`,
					'**Disputed invoices** (`dunning_disputed=true` in Stripe metadata, `disputed=yes` in the QuickBooks note, or set with the *Mark Disputed* operation) are skipped by the Dunning Scenario: no reminder while the dispute lasts (*Nothing To Do Today*, reason *disputed*).',
					"**Strategic customers**: tag them `vip` or `strategic` (customer metadata `dunning_tags`, or a `[dunning] tags=vip` line of the QuickBooks customer note, which the QuickBooks nodes read through *Options → Customer Lookup: Always*). After **2** unanswered reminders (*Escalate After*) they leave on *Escalate*, and **Strategic Customer?** sends their case, with the steps already sent, to the account manager (*Hand Over To Account Manager*) instead of a third reminder; other customers' J+21 cases go to accounting.",
					"**Formal notice (J+30)**: for a strategic customer, only with the account manager's approval (*Ask The Account Manager's Approval*); for the others, the finance manager's.",
					'',
					'Change the tags and the count in *Dunning Scenario → Options* (both scenario nodes) and in the two *Strategic Customer?* nodes.',
				].join('\n'),
				[0, -2.6],
				[900, 440],
				5,
			);
			b.sticky('Sticky: Setup', common(source), [4, -2.6], [620, 380], 6);
			b.sticky('Sticky: Safety', safety(source), [7, -2.6], [620, 380], 4);
			b.sticky('Sticky: Approval', approvalNote('the approver'), [0, 4.2], [760, 420], 3);
			b.sticky('Sticky: Release', releaseNote, [11, -0.2], [620, 300], 4);
			if (source !== SOURCES.stripe) readCustomerRecords(b);
		},
	});
}

function weeklyReport(source, index) {
	const label = source.label;
	return workflow({
		index,
		id: `dun${label.slice(0, 2)}WeeklyReport`,
		name: `Dunning: ${label} weekly report of unpaid invoices to the finance team`,
		description: `Every Monday at 8:00 (${ZONE}), lists the open ${label} invoices that are overdue or due within 3 days, builds the Dunning Report (overdue amount by age and currency, DSO, promises, disputes, a worklist by amount at stake) and emails it to the finance team with the CSV attached.`,
		tags: ['dunning', source === SOURCES.stripe ? 'stripe' : 'quickbooks', 'report'],
		build: (b) => {
			triggers(b, {
				name: 'Every Monday At 8:00',
				interval: { field: 'weeks', weeksInterval: 1, triggerAtDay: [1], triggerAtHour: 8 },
			});
			const list = apiNode(
				b,
				source,
				'List Overdue Invoices',
				source.list(source.listDueSoon),
				[1, 0.5],
			);
			b.connect('Every Monday At 8:00', 0, list);
			b.connect('Run Now', 0, list);
			const alert = errorAlert(b, [4, 2]);
			b.connect(list, 2, alert);
			const report = b.node(
				'Dunning Report',
				`${PKG}.dunningReport`,
				1,
				{
					operation: 'buildReport',
					scenario: 'classic-7-14-21',
					timezone: ZONE,
					options: { title: 'Unpaid invoices: weekly report', vipTags: 'vip, strategic' },
				},
				[2, 0.5],
				{ onError: 'continueErrorOutput' },
			);
			b.connect(list, 0, report);
			b.connect(report, 2, alert);
			const send = b.node(
				'Email The Finance Team',
				'n8n-nodes-base.emailSend',
				2.1,
				{
					fromEmail: 'Dunning workflow <billing@example.com>',
					toEmail: 'finance@example.com',
					subject: `=Unpaid invoices (${label}), week of {{ $now.setZone("${ZONE}").toFormat("yyyy-MM-dd") }}`,
					emailFormat: 'html',
					html: '={{ $json.html }}',
					options: { appendAttribution: false, fileAttachments: 'data' },
				},
				[3, 0.5],
				{ credentials: CREDENTIALS.smtp, onError: 'continueErrorOutput' },
			);
			b.connect(report, 0, send);
			b.connect(send, 1, alert);
			b.sticky(
				'Sticky: Report',
				[
					`## ${label}: weekly report`,
					'**Dunning Report** (*Build Report*) summarises the listed invoices: overdue amount by age bucket and currency, DSO, share of open invoices in dispute or under a promise, and a worklist ranked by amount at stake. The email carries the HTML report and the CSV.',
					'',
					'Recipients: *Email The Finance Team → To Email*. Title and VIP tags: *Dunning Report → Options*.',
					common(source),
				].join('\n'),
				[0, -2.4],
				[900, 440],
				5,
			);
			if (source !== SOURCES.stripe) readCustomerRecords(b);
		},
	});
}

// ---- the ledger templates (issue 22): Pennylane and a spreadsheet, state and proofs in the Dunning Ledger ----

const LEDGER = {
	node: `${PKG}.dunningLedger`,
	credentials: { dunningLedgerPostgresApi: { id: null, name: 'Dunning Ledger' } },
	options: { timezone: ZONE },
	state: 'the Dunning Ledger (`dunning_ledger_steps`)',
	letterState: "the Dunning Ledger (the step row's `letter`, and a `letter` event in its history)",
};

const ledgerSetup = [
	"**Dunning Ledger** credential: a PostgreSQL database (n8n's own in queue mode, or another). The node creates its tables (`dunning_ledger_steps`, `_state`, `_events`) on first use.",
	'**SMTP (reminders)** credential: the mailbox the reminders leave from.',
].join('\n');

const ledgerSafety = [
	'## Why it never sends twice, and the proof',
	"**Read Dunning State** adds what the ledger holds (steps sent, promise, dispute, pause) before the scenario decides. **Claim Step** inserts the step in the ledger before the email: PostgreSQL's unique key lets exactly one of two concurrent runs (or queue-mode workers) claim it; the other ends in *Not Claimed*.",
	'After the email, **Mark Sent** records the proof: when, to which address, by which execution, the SHA-256 of the message and (*Keep Message*) the message itself. The Dunning Ledger *History* operation shows it per invoice.',
	'A send the mail server refused releases the claim (*Release Claim If Not Sent*); the next run sends it.',
].join('\n');

/** Mark Sent after a Send Email node: the claim and the message come from the claim's item (Send Email replaces $json). */
function markSentNode(b, name, claimNode, at, alert) {
	const from = `$('${claimNode}').item.json`;
	b.node(
		name,
		LEDGER.node,
		1,
		{
			resource: 'invoice',
			operation: 'markSent',
			source: `={{ ${from}.invoice.source }}`,
			invoiceId: `={{ ${from}.invoice.id }}`,
			stepId: `={{ ${from}.claim.stepId }}`,
			channel: 'email',
			address: `={{ ${from}.reminder.to }}`,
			message: `={{ ${from}.reminder.subject + "\\n\\n" + ${from}.reminder.text }}`,
			keepMessage: true,
			claimMark: `={{ ${from}.claim.token }}`,
			options: LEDGER.options,
		},
		at,
		{ credentials: LEDGER.credentials, onError: 'continueErrorOutput' },
	);
	b.connect(name, 1, alert);
	b.connect(name, 2, alert);
	return name;
}

/**
 * Compose → Claim (ledger) → Send Email → Mark Sent (ledger), with the release of a claim whose message the
 * mail server refused. The message is composed before the claim, so a composer failure leaves nothing claimed.
 */
function ledgerSendChain(b, { from, output, compose, claim, send, mark, alert, suffix = '', at }) {
	b.connect(from, output, compose);
	b.connect(compose, 1, alert);
	apiNode(
		b,
		LEDGER,
		claim,
		{ resource: 'invoice', operation: 'claimStep', options: LEDGER.options },
		[at[0] + 1, at[1]],
	);
	b.connect(compose, 0, claim);
	b.connect(claim, 1, 'Not Claimed (Already Sent Or Paid)');
	b.connect(claim, 2, alert);
	sendEmail(b, send.name, [at[0] + 2, at[1]], send.email);
	b.connect(claim, 0, send.name);
	b.connect(send.name, 0, markSentNode(b, mark, claim, [at[0] + 3, at[1]], alert));
	releasePath(b, LEDGER, { sendNode: send.name, alert, suffix, at: [at[0] + 2.6, at[1] + 1] });
	return claim;
}

/**
 * The fresh read of every reminder template, on a source the ledger templates can read again (Pennylane):
 * each invoice the scenario would act on is read again from the source, its ledger state added again, and
 * the scenario evaluated again (*Still Due Now?*), so a payment, a promise or a dispute recorded since the
 * listing stops it before the claim. Returns the node whose outputs are the decision to act on.
 */
function freshDecision(b, spec, scenario, alert, x) {
	const fresh = b.node(spec.fresh.name, spec.fresh.type, 1, spec.fresh.parameters, [x - 2, 0.5], {
		credentials: spec.fresh.credentials,
		onError: 'continueErrorOutput',
	});
	for (const output of [0, 1, 3]) b.connect(scenario, output, fresh);
	b.connect(fresh, 1, alert);
	const state = alertedApiNode(
		b,
		LEDGER,
		'Read Dunning State Again',
		{ resource: 'invoice', operation: 'readState', options: LEDGER.options },
		[x - 1, 0.5],
		alert,
	);
	b.connect(fresh, 0, state);
	const again = scenarioNode(
		b,
		'Still Due Now?',
		spec.scenario,
		spec.options,
		[x, 0.5],
		spec.steps,
	);
	b.connect(state, 0, again);
	b.connect(again, 2, noOp(b, 'Paid Or Changed Since Listing', [x + 1, 2.2]));
	b.connect(again, 4, alert);
	return again;
}

/**
 * The reminder spine on the ledger, after `feed` (the node whose output 0 carries normalised invoices):
 * Read Dunning State → Dunning Scenario → [penalty] → Reminder Composer → Claim Step → Send Email → Mark Sent;
 * Escalate → case summary to accounting, claimed and proved the same way; Needs Approval → the approval
 * sub-flow of every template, then Claim Approved Step → Send Approved Notice → Mark Approved Notice Sent.
 */
function ledgerSpine(b, feed, spec) {
	const alert = errorAlert(b, [12, 3.5]);
	const read = apiNode(
		b,
		LEDGER,
		'Read Dunning State',
		{ resource: 'invoice', operation: 'readState', options: LEDGER.options },
		[spec.feedEnd + 1, 0.5],
	);
	b.connect(feed, 0, read);
	b.connect(read, 1, alert);
	b.connect(read, 2, alert);
	const first = spec.feedEnd + 2;
	const scenario = scenarioNode(
		b,
		'Dunning Scenario',
		spec.scenario,
		spec.options,
		[first, 0.5],
		spec.steps,
	);
	b.connect(read, 0, scenario);
	b.connect(scenario, 2, noOp(b, 'Nothing To Do Today', [first + 1, 2.2]));
	b.connect(scenario, 4, alert);
	// With a fresh read, the nodes after the decision move right to make room for it.
	const x = spec.fresh ? first + 3 : first;
	const decide = spec.fresh ? freshDecision(b, spec, scenario, alert, x) : scenario;
	noOp(b, 'Not Claimed (Already Sent Or Paid)', [x + 3, 1.4]);

	let toCompose = { from: decide, output: 0 };
	if (spec.penalty) {
		const penalty = penaltyNode(b, 'Late Payment Penalty', [x + 1, 0]);
		b.connect(decide, 0, penalty);
		b.connect(penalty, 1, alert);
		toCompose = { from: penalty, output: 0 };
	}
	const compose = composer(
		b,
		'Reminder Composer',
		'invoice',
		spec.stepTones,
		[x + 2, 0],
		spec.composerExtra,
	);
	const claim = ledgerSendChain(b, {
		...toCompose,
		compose,
		claim: 'Claim Step',
		send: { name: 'Send Reminder Email', email: emailFromReminder },
		mark: 'Mark Sent',
		alert,
		at: [x + 2, 0],
	});
	brokenPromiseAlert(b, claim, alert, [x + 4, -1]);

	const summary = composer(b, 'Compose Case Summary', 'invoice', spec.stepTones, [x + 2, 2.6], {
		...spec.composerExtra,
		internalRecipient: 'accounting@example.com',
	});
	ledgerSendChain(b, {
		from: decide,
		output: 1,
		compose: summary,
		claim: 'Claim Escalation',
		send: { name: 'Notify Accounting', email: { ...emailFromReminder, text: undefined } },
		mark: 'Mark Escalation Sent',
		alert,
		suffix: ' (Notify Accounting)',
		at: [x + 2, 2.6],
	});

	approvalRequest(b, LEDGER, spec, decide, alert);
	approvalExecution(b, LEDGER, spec);
	markSentNode(
		b,
		'Mark Approved Notice Sent',
		'Claim Approved Step',
		// With the letter, the approved notice is sent at [11, 6] (letterBranch): its proof goes after it.
		spec.letter ? [12, 6] : [11, 6.4],
		'Alert Finance: Approved Notice Failed',
	);
	b.connect('Send Approved Notice', 0, 'Mark Approved Notice Sent');
	if (spec.reread) {
		// The approval may come hours later: the invoice is read again, so one paid meanwhile is not claimed.
		const approved = b.connections['Approved?'].main[0];
		const again = b.node(
			spec.reread.name,
			spec.reread.type,
			1,
			spec.reread.parameters,
			[8.5, 5.6],
			{
				credentials: spec.reread.credentials,
				onError: 'continueErrorOutput',
			},
		);
		b.connections['Approved?'].main[0] = [{ node: again, type: 'main', index: 0 }];
		for (const edge of approved) b.connect(again, 0, edge.node);
		b.connect(again, 1, 'Alert Finance: Approved Notice Failed');
	}
	return { alert };
}

const PENNYLANE = {
	label: 'Pennylane',
	node: `${PKG}.pennylaneDunning`,
	credentials: { pennylaneDunningApi: { id: null, name: 'Pennylane Dunning' } },
	setup:
		'**Pennylane Dunning** credential: a Company API token (Pennylane → Settings → Connectivity → Developers) with read access to customer invoices and customers.',
};

function pennylaneFeed(b, spec) {
	const list = b.node(
		'List Overdue Invoices',
		PENNYLANE.node,
		1,
		{
			resource: 'invoice',
			operation: 'listOverdue',
			minDaysOverdue: 1,
			returnAll: true,
			...(spec.dueSoon ? { includeDueSoon: true, dueWithinDays: 3 } : {}),
			options: { timezone: ZONE },
		},
		[1, 0.5],
		{ credentials: PENNYLANE.credentials, onError: 'continueErrorOutput' },
	);
	b.connect(spec.schedule, 0, list);
	b.connect('Run Now', 0, list);
	return list;
}

/** The fresh read before the claim (every reminder template's), and the one after an approval. */
const pennylaneFresh = {
	name: 'Read Invoice Again',
	type: PENNYLANE.node,
	parameters: {
		resource: 'invoice',
		operation: 'get',
		invoiceId: '={{ $json.invoice.id }}',
		options: { timezone: ZONE },
	},
	credentials: PENNYLANE.credentials,
};
const pennylaneReread = { ...pennylaneFresh, name: 'Read Invoice Again (Approved)' };

function pennylaneClassic(index) {
	const spec = {
		schedule: 'Every Weekday At 9:00',
		scenario: 'classic-7-14-21',
		stepTones: 'classic-7-14-21',
		options: { minDaysBetweenCustomer: 0 },
		approver: 'finance-manager@example.com',
		feedEnd: 1,
		fresh: pennylaneFresh,
		reread: pennylaneReread,
	};
	return workflow({
		index,
		id: 'dunPlClassic71421',
		name: 'Dunning: Pennylane J+7 / J+14 reminders, J+21 accounting notified (state in the Dunning Ledger)',
		description: `Every weekday at 9:00 (${ZONE}), lists the overdue Pennylane customer invoices and follows the classic-7-14-21 scenario: a friendly email at J+7, a firmer one at J+14, and at J+21 the accounting team gets the case summary. Pennylane keeps no dunning state: each step is claimed in the Dunning Ledger (PostgreSQL) before anything is sent, so it goes out once even with concurrent runs or queue-mode workers, and the ledger keeps the proof of each message (when, to whom, its digest and text).`,
		tags: ['dunning', 'pennylane', 'ledger', 'reminders'],
		build: (b) => {
			triggers(b, { name: spec.schedule, interval: weekdaysAt(9) });
			ledgerSpine(b, pennylaneFeed(b, spec), spec);
			b.connect('List Overdue Invoices', 1, 'Alert Finance: Failed Item');
			b.sticky(
				'Sticky: Scenario',
				[
					'## Pennylane: classic J+7 / J+14 / J+21, state in the ledger',
					'**List Overdue Invoices** (Pennylane Dunning) reads the open customer invoices past their deadline; **Read Dunning State** adds what the ledger remembers about each.',
					'**Dunning Scenario** (preset *classic-7-14-21*, Europe/Paris, French holidays): J+7 friendly email, J+14 firmer email, J+21 the case summary to accounting. One email per invoice.',
					'**Before the claim**: each invoice the scenario would act on is read again from Pennylane (*Read Invoice Again*, then *Read Dunning State Again*) and evaluated again (*Still Due Now?*): a payment, promise or dispute recorded since the listing stops it (*Paid Or Changed Since Listing*). A reminder sent for a broken payment promise also alerts the account manager (*Alert Account Manager: Broken Promise*).',
					"A step that requires approval (another preset's formal notice) leaves on *Needs Approval* and is sent only once a person approves it (below).",
					'',
					'**Wording**: Reminder Composer → *Custom Template* or *Language*.',
				].join('\n'),
				[0, -3.4],
				[900, 480],
				5,
			);
			b.sticky(
				'Sticky: Setup',
				['## Setup', PENNYLANE.setup, ledgerSetup].join('\n'),
				[4, -3.4],
				[620, 380],
				6,
			);
			b.sticky('Sticky: Safety', ledgerSafety, [7, -3.4], [680, 420], 4);
			b.sticky('Sticky: Approval', approvalNote('the finance manager'), [0, 4.2], [760, 420], 3);
		},
	});
}

/** Issue 13's formal notice on Pennylane: reminders at J+7 and J+14, then at J+30 a notice a person approves. */
const FORMAL_STEPS = LADDER_STEPS.filter((step) => ['d7', 'd14', 'd30'].includes(step.id));

function pennylaneFormalNotice(index) {
	const spec = {
		schedule: 'Every Weekday At 8:30',
		scenario: 'custom',
		steps: FORMAL_STEPS,
		stepTones: 'custom',
		composerExtra: { stepToneMap: stepToneMap(FORMAL_STEPS), letterOptions: LETTER_OPTIONS },
		options: { minDaysBetween: 4, minDaysBetweenCustomer: 0 },
		penalty: true,
		approver: 'finance-manager@example.com',
		feedEnd: 1,
		fresh: pennylaneFresh,
		reread: pennylaneReread,
		letter: true,
	};
	return workflow({
		index,
		id: 'dunPlFormalNotice1',
		name: 'Dunning: Pennylane reminders, formal notice at J+30 approved by a human (state in the Dunning Ledger)',
		description: `Every weekday at 8:30 (${ZONE}), on the overdue Pennylane customer invoices: a reminder at J+7, a firm one at J+14 stating the statutory late-payment penalties, and at J+30 a formal notice (mise en demeure) with the penalties computed by Late Payment Penalty (French rule), shown to a person as the customer will read it and claimed and sent only once approved: by email with its PDF letter attached, and by registered mail (Maileva, La Poste LRAR). Every step is claimed in the Dunning Ledger (PostgreSQL) before it is sent, and its proof recorded there, with the registered letter's sending and tracking number.`,
		tags: ['dunning', 'pennylane', 'ledger', 'formal notice', 'approval'],
		build: (b) => {
			triggers(b, { name: spec.schedule, interval: weekdaysAt(8) });
			ledgerSpine(b, pennylaneFeed(b, spec), spec);
			b.connect('List Overdue Invoices', 1, 'Alert Finance: Failed Item');
			b.sticky(
				'Sticky: Scenario',
				[
					'## Pennylane: reminders and an approved formal notice',
					`**Dunning Scenario** (*Custom Steps*): ${FORMAL_STEPS.map((step) => `${step.id} ${step.tone}${step.requiresApproval ? ' (approval)' : ''}${step.includePenalty ? ' + penalties' : ''}`).join(', ')}.`,
					'**Late Payment Penalty** (France, L441-10: 3 × the legal rate minimum, plus 40 EUR per invoice) adds the amounts; the composer states them.',
					'**Before the claim**: each invoice the scenario would act on is read again from Pennylane (*Read Invoice Again*, then *Read Dunning State Again*) and evaluated again (*Still Due Now?*): a payment, promise or dispute recorded since the listing stops it (*Paid Or Changed Since Listing*). A reminder sent for a broken payment promise also alerts the account manager (*Alert Account Manager: Broken Promise*).',
					'At J+30 the notice, composed, goes to the finance manager for approval; approved, the invoice is read again from Pennylane, the step claimed in the ledger, the notice sent with its PDF letter and its proof recorded; the letter is posted by registered mail and recorded in the ledger (*Record Letter On Invoice*).',
				].join('\n'),
				[0, -3.4],
				[900, 480],
				5,
			);
			b.sticky(
				'Sticky: Setup',
				['## Setup', PENNYLANE.setup, ledgerSetup].join('\n'),
				[4, -3.4],
				[620, 380],
				6,
			);
			b.sticky('Sticky: Safety', ledgerSafety, [7, -3.4], [680, 420], 4);
			b.sticky('Sticky: Approval', approvalNote('the finance manager'), [0, 4.2], [760, 420], 3);
			b.sticky('Sticky: Letter', channelsNote(spec, LEDGER), [13, 4.2], [680, 460], 6);
		},
	});
}

/** A spreadsheet amount in major units ("1234.5", "1 234,50") → minor units of the row's currency, rounded. */
const minorUnits = (column) =>
	`Math.round(Number(String($json.${column} ?? '0').replace(/\\s/g, '').replace(',', '.')) * Math.pow(10, new Intl.NumberFormat('en', { style: 'currency', currency: String($json.currency || 'EUR').toUpperCase() }).resolvedOptions().maximumFractionDigits))`;

/** The columns of the sheet, mapped to the normalised invoice by one Edit Fields expression (no Code). */
const SHEET_COLUMNS =
	'invoice_id, number, customer_id, customer_name, customer_email, language, currency, total, amount_due, issue_date, due_date, status';

const SHEET_INVOICE = [
	'={{ {',
	"id: String($json.invoice_id), source: 'generic',",
	'number: $json.number ? String($json.number) : null,',
	`currency: String($json.currency || 'EUR').toUpperCase(),`,
	`totalMinor: ${minorUnits('total')},`,
	`dueMinor: ${minorUnits('amount_due')},`,
	`status: $json.status ? String($json.status).trim().toLowerCase() : (${minorUnits('amount_due')} > 0 ? 'open' : 'paid'),`,
	'issueDate: String($json.issue_date), dueDate: $json.due_date ? String($json.due_date) : null,',
	'customer: { id: $json.customer_id ? String($json.customer_id) : null, name: $json.customer_name || null, email: $json.customer_email || null, locale: $json.language || null, tags: [] }',
	'} }}',
].join(' ');

function spreadsheetLadder(index) {
	const spec = {
		schedule: 'Every Weekday At 9:00',
		scenario: 'classic-7-14-21',
		stepTones: 'classic-7-14-21',
		options: { minDaysBetweenCustomer: 0 },
		approver: 'finance-manager@example.com',
		feedEnd: 2,
	};
	return workflow({
		index,
		id: 'dunSheetClassic01',
		name: 'Dunning: invoices from a Google Sheet, J+7 / J+14 reminders, J+21 accounting (state in the Dunning Ledger)',
		description: `Bring your own source: every weekday at 9:00 (${ZONE}), reads the invoices of a Google Sheet (one row per invoice: ${SHEET_COLUMNS}), maps each row to the normalised invoice with an Edit Fields node, and follows the classic-7-14-21 scenario with the state and the proof of each reminder in the Dunning Ledger (PostgreSQL): a step is claimed there before it is sent, so it goes out once even with concurrent runs or queue-mode workers.`,
		tags: ['dunning', 'spreadsheet', 'ledger', 'reminders'],
		build: (b) => {
			triggers(b, { name: spec.schedule, interval: weekdaysAt(9) });
			const sheet = b.node(
				'Read Invoices From Sheet',
				'n8n-nodes-base.googleSheets',
				4.7,
				{
					authentication: 'oAuth2',
					resource: 'sheet',
					operation: 'read',
					// A placeholder URL rather than an empty picker: the editor shows no missing parameter, and the
					// sticky note says to replace it with your sheet's address.
					documentId: {
						__rl: true,
						mode: 'url',
						value: 'https://docs.google.com/spreadsheets/d/REPLACE-WITH-YOUR-SHEET-ID/edit',
					},
					sheetName: { __rl: true, mode: 'name', value: 'Invoices' },
					options: {},
				},
				[1, 0.5],
				{
					credentials: { googleSheetsOAuth2Api: { id: null, name: 'Google Sheets (invoices)' } },
					onError: 'continueErrorOutput',
				},
			);
			b.connect(spec.schedule, 0, sheet);
			b.connect('Run Now', 0, sheet);
			const map = b.node(
				'Map Row To Invoice',
				'n8n-nodes-base.set',
				3.4,
				{
					mode: 'manual',
					assignments: {
						assignments: [
							{ id: 'a-invoice', name: 'invoice', type: 'object', value: SHEET_INVOICE },
						],
					},
					includeOtherFields: false,
					options: {},
				},
				[2, 0.5],
				{ onError: 'continueErrorOutput' },
			);
			b.connect(sheet, 0, map);
			ledgerSpine(b, map, spec);
			b.connect(sheet, 1, 'Alert Finance: Failed Item');
			b.connect(map, 1, 'Alert Finance: Failed Item');
			b.sticky(
				'Sticky: Scenario',
				[
					'## Your own invoices: a Google Sheet, state in the ledger',
					`**Read Invoices From Sheet** (Google Sheets → Get Rows): replace the placeholder *Document* URL with your spreadsheet's (or pick it from the list); the sheet *Invoices* has one row per invoice with the columns \`${SHEET_COLUMNS}\`. Amounts in major units (\`1234.50\`), dates \`YYYY-MM-DD\`, status \`open\`, \`paid\` or \`void\` (empty: open while an amount is due).`,
					'**Map Row To Invoice** (Edit Fields, one expression) builds the normalised invoice the other nodes read (source `generic`). Another source (a CSV file, an accounting tool through HTTP Request): replace the first node and adapt this mapping.',
					'**Dunning Scenario** (preset *classic-7-14-21*): J+7 friendly, J+14 firmer, J+21 the case summary to accounting.',
					'**No fresh read**: the sheet is read once per run, so a payment written into it after the run started is seen on the next run only (the Stripe, QuickBooks and Pennylane templates read each invoice again before the claim). A reminder sent for a broken payment promise (recorded with *Dunning Ledger → Record Promise*) also alerts the account manager.',
				].join('\n'),
				[0, -3.4],
				[900, 480],
				5,
			);
			b.sticky(
				'Sticky: Setup',
				[
					'## Setup',
					'**Google Sheets (invoices)** credential: your Google account (OAuth2), read access to the sheet.',
					ledgerSetup,
				].join('\n'),
				[4, -3.4],
				[620, 380],
				6,
			);
			b.sticky('Sticky: Safety', ledgerSafety, [7, -3.4], [680, 420], 4);
			b.sticky('Sticky: Approval', approvalNote('the finance manager'), [0, 4.2], [760, 420], 3);
		},
	});
}

/** Every template, with its file name. */
function all() {
	return [
		['stripe-classic-7-14-21.json', classic(SOURCES.stripe, 1, false)],
		['quickbooks-classic-crm-task.json', classic(SOURCES.quickbooks, 2, true)],
		['stripe-formal-notice-approval.json', formalNotice(SOURCES.stripe, 3)],
		['stripe-exceptions-account-manager.json', exceptions(SOURCES.stripe, 5)],
		['quickbooks-exceptions-account-manager.json', exceptions(SOURCES.quickbooks, 6)],
		['stripe-weekly-report.json', weeklyReport(SOURCES.stripe, 7)],
		['quickbooks-weekly-report.json', weeklyReport(SOURCES.quickbooks, 8)],
		['quickbooks-formal-notice-approval.json', formalNotice(SOURCES.quickbooks, 9)],
		['stripe-full-ladder.json', ladder(SOURCES.stripe, 10)],
		['quickbooks-full-ladder.json', ladder(SOURCES.quickbooks, 11)],
		...replyWorkflows().map(({ file, workflow }) => [file, workflow]),
		...thankYouWorkflows().map(({ file, workflow }) => [file, workflow]),
		['pennylane-classic-7-14-21.json', pennylaneClassic(31)],
		['pennylane-formal-notice-approval.json', pennylaneFormalNotice(32)],
		['spreadsheet-classic-7-14-21.json', spreadsheetLadder(33)],
		...ledgerReportWorkflows().map(({ file, workflow }) => [file, workflow]),
	];
}

const FILES = Object.fromEntries(all().map(([file], index) => [index + 1, file]));

const README = path.join(OUT, 'README.md');
const SETUP_START =
	'<!-- before-you-activate: written by scripts/build-workflows.js from the templates -->';
const SETUP_END = '<!-- /before-you-activate -->';

/**
 * The "Before you activate" section of workflows/README.md: what each template's sticky note lists, by example
 * value across the templates (read from the same nodes, so it cannot drift from the notes).
 */
function readmeSetupSection(templates) {
	const groups = new Map();
	for (const [file, wf] of templates) {
		for (const group of placeholders(wf.nodes)) {
			const key = group.value ?? group.what;
			if (!groups.has(key)) groups.set(key, { ...group, fields: new Set(), files: [] });
			const entry = groups.get(key);
			for (const use of group.uses) entry.fields.add(use.field);
			entry.files.push(file);
		}
	}
	const lines = [
		SETUP_START,
		'',
		'## Before you activate',
		'',
		'Each template carries a *Before you activate* sticky note listing, node by node, the example values to',
		'replace (written from the template itself). Across the templates:',
		'',
	];
	for (const group of groups.values()) {
		const files =
			group.files.length === templates.length
				? 'every template'
				: group.files.map((file) => `\`${file}\``).join(', ');
		lines.push(
			...wrap(
				`- ${group.value ? `\`${group.value}\`: ` : ''}${group.what}. Fields: ${[...group.fields].join('; ')}. In ${files}.`,
			),
		);
	}
	lines.push('', SETUP_END);
	return lines.join('\n');
}

/** A Markdown list item wrapped at 115 columns, its continuation lines indented under the text. */
function wrap(item, width = 115) {
	const lines = [];
	let line = '';
	for (const word of item.split(' ')) {
		if (line && line.length + 1 + word.length > width) {
			lines.push(line);
			line = `  ${word}`;
		} else line = line ? `${line} ${word}` : word;
	}
	lines.push(line);
	return lines;
}

/** README.md with its generated section replaced (it must already hold the two markers). */
function readmeWithSetup(text, section) {
	const start = text.indexOf(SETUP_START);
	const end = text.indexOf(SETUP_END);
	if (start < 0 || end < start)
		throw new Error(`${README}: the before-you-activate markers are missing`);
	return text.slice(0, start) + section + text.slice(end + SETUP_END.length);
}

async function main() {
	const check = process.argv.includes('--check');
	// Formatted as the repository's Prettier formats JSON, so that `npm run lint` and --check agree.
	const prettier = require('prettier');
	fs.mkdirSync(OUT, { recursive: true });
	let stale = 0;
	const templates = all();
	// Not through Prettier: the repository's Markdown is wrapped by hand (wrap() below), and Prettier would
	// rewrite the whole file.
	const readme = fs.readFileSync(README, 'utf8');
	const readmeText = readmeWithSetup(readme, readmeSetupSection(templates));
	if (check && readme !== readmeText) {
		stale++;
		process.stderr.write(`stale: ${path.relative(process.cwd(), README)}\n`);
	} else if (!check) fs.writeFileSync(README, readmeText);
	for (const [name, wf] of templates) {
		const file = path.join(OUT, name);
		const options = { ...(await prettier.resolveConfig(file)), filepath: file };
		const text = await prettier.format(JSON.stringify(wf, null, '\t'), options);
		if (check) {
			const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
			if (current !== text) {
				stale++;
				process.stderr.write(`stale: ${path.relative(process.cwd(), file)}\n`);
			}
		} else fs.writeFileSync(file, text);
	}
	if (stale) process.exit(1);
}

module.exports = { all, FILES, readmeSetupSection };
if (require.main === module) void main();

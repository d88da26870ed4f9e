#!/usr/bin/env node
// Writes the importable templates of workflows/ (one JSON per reference scenario and source). The JSON files
// are the product and are committed; this script keeps their shared structure identical (the claim before
// any email, the fresh read, the error outputs, the sticky notes) so a fix lands in every template at once.
//   node scripts/build-workflows.js          # rewrite workflows/*.json
//   node scripts/build-workflows.js --check  # exit 1 if a file differs from what the script writes
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const OUT = path.join(__dirname, '..', 'workflows');
const ZONE = 'Europe/Paris';
const PKG = 'n8n-nodes-dunning';

/** Credential names the templates refer to (by name only: n8n binds them to yours on import). */
const CREDENTIALS = {
	stripe: { stripeDunningApi: { id: null, name: 'Stripe Dunning' } },
	quickbooks: { quickBooksDunningOAuth2Api: { id: null, name: 'QuickBooks Dunning' } },
	smtp: { smtp: { id: null, name: 'SMTP (reminders)' } },
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
			...extra,
			options: { timezone: ZONE },
		}),
		listDueSoon: { includeDueSoon: true, dueWithinDays: 3 },
		options: { timezone: ZONE },
		setup:
			'**Stripe Dunning** credential: a restricted key (`rk_live_...`) with read and write access to Invoices and read access to Customers.',
		state: 'the invoice metadata (`dunning_sent_steps`, `dunning_last_sent_on`)',
	},
	quickbooks: {
		label: 'QuickBooks',
		node: `${PKG}.quickBooksDunning`,
		credentials: CREDENTIALS.quickbooks,
		list: (extra = {}) => ({
			resource: 'invoice',
			operation: 'listOverdue',
			returnAll: true,
			options: { timezone: ZONE },
		}),
		listDueSoon: {},
		options: { timezone: ZONE },
		setup:
			'**QuickBooks Dunning** credential: your Intuit app (client ID and secret), then *Connect my account* to pick the company.',
		state: 'a `[dunning] sent=...` line of the invoice private note',
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

const sendEmail = (b, name, at, { to, subject, html, text }) =>
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
			options: { appendAttribution: false },
		},
		at,
		{ credentials: CREDENTIALS.smtp, onError: 'continueErrorOutput' },
	);

const apiNode = (b, source, name, parameters, at) =>
	b.node(name, source.node, 1, parameters, at, {
		credentials: source.credentials,
		onError: 'continueErrorOutput',
	});

const scenarioNode = (b, name, scenario, options, at) =>
	b.node(
		name,
		`${PKG}.dunningScenario`,
		1,
		{ operation: 'evaluate', scenario, timezone: ZONE, options },
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
			senderName: 'Accounts receivable',
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
		html: '=<p>An item could not be processed by the dunning workflow <b>{{ $workflow.name }}</b> (execution {{ $execution.id }}).</p><p>Invoice: {{ $json.invoice ? $json.invoice.number || $json.invoice.id : "unknown" }}</p><p>Error: {{ $json.error ? ($json.error.message || $json.error) : "see the execution" }}</p><p>No reminder was sent for it; it will be retried on the next run.</p>',
	});
	return name;
}

const noOp = (b, name, at) => b.node(name, 'n8n-nodes-base.noOp', 1, {}, at);

const emailFromReminder = {
	to: '={{ $json.reminder.to }}',
	subject: '={{ $json.reminder.subject }}',
	text: '={{ $json.reminder.text }}',
	html: '={{ $json.reminder.html }}',
};

/**
 * The safe send path shared by every reminder template:
 * listed → scenario → Get (fresh) → re-evaluate → Claim Step → Reminder Composer → Send Email.
 * Returns the names to hang the escalate path on.
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
	const alert = errorAlert(b, [9, 3.5]);
	b.connect(list, 2, alert);

	const first = scenarioNode(b, 'Dunning Scenario', scenario, options, [2, 0.5]);
	b.connect(list, 0, first);
	const nothing = noOp(b, 'Nothing To Do Today', [3, 2]);
	b.connect(first, 2, nothing);
	b.connect(first, 3, alert);

	const fresh = apiNode(
		b,
		source,
		'Read Invoice Again',
		{ resource: 'invoice', operation: 'get', options: source.options },
		[3, 0.5],
	);
	b.connect(first, 0, fresh);
	b.connect(first, 1, fresh);
	b.connect(fresh, 1, alert);
	b.connect(fresh, 2, alert);

	const again = scenarioNode(b, 'Still Due Now?', scenario, options, [4, 0.5]);
	b.connect(fresh, 0, again);
	const stopped = noOp(b, 'Paid Or Changed Since Listing', [5, 2]);
	b.connect(again, 2, stopped);
	b.connect(again, 3, alert);

	const claim = apiNode(
		b,
		source,
		'Claim Step',
		{ resource: 'invoice', operation: 'claimStep', options: source.options },
		[5, 0],
	);
	b.connect(again, 0, claim);
	const notClaimed = noOp(b, 'Not Claimed (Already Sent Or Paid)', [6, 1.2]);
	b.connect(claim, 1, notClaimed);
	b.connect(claim, 2, alert);

	let toCompose = claim;
	if (spec.beforeCompose) toCompose = spec.beforeCompose(claim, alert);

	const compose = composer(
		b,
		'Reminder Composer',
		grouped ? 'customer' : 'invoice',
		stepTones,
		[7, 0],
		spec.composerExtra,
	);
	b.connect(toCompose, 0, compose);
	b.connect(compose, 1, alert);
	const send = sendEmail(b, 'Send Reminder Email', [8, 0], emailFromReminder);
	b.connect(compose, 0, send);
	b.connect(send, 1, alert);
	return { again, alert };
}

/** Escalate path: Claim the internal step, compose the case summary, email it (and more: `after`). */
function escalatePath(b, source, spec, again, alert, { name, recipient, after }) {
	const claim = apiNode(
		b,
		source,
		'Claim Escalation',
		{ resource: 'invoice', operation: 'claimStep', options: source.options },
		[5, 1],
	);
	b.connect(again, 1, claim);
	b.connect(claim, 1, 'Not Claimed (Already Sent Or Paid)');
	b.connect(claim, 2, alert);
	const summary = composer(b, 'Compose Case Summary', 'invoice', spec.stepTones, [6, 2.4], {
		internalRecipient: recipient,
	});
	b.connect(claim, 0, summary);
	b.connect(summary, 1, alert);
	const send = sendEmail(b, name, [7, 2.4], emailFromReminder);
	b.connect(summary, 0, send);
	b.connect(send, 1, alert);
	if (after) after(summary);
}

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
	return {
		id: def.id,
		name: def.name,
		description: def.description,
		nodes: b.nodes,
		connections: b.connections,
		settings: {
			executionOrder: 'v1',
			timezone: ZONE,
			saveManualExecutions: true,
			callerPolicy: 'workflowsFromSameOwner',
		},
		pinData: {},
		meta: { templateCredsSetupCompleted: false },
		tags: def.tags.map((name) => ({ name })),
		active: false,
		versionId: uuid(def.index, 0),
	};
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
	};
	return workflow({
		index,
		id,
		name: crm
			? 'Dunning: QuickBooks J+7 / J+14 reminders, J+21 accounting notified and a CRM task'
			: `Dunning: ${label} J+7 / J+14 reminders, J+21 accounting notified`,
		description: `Every weekday at 9:00 (${ZONE}), lists the overdue ${label} invoices and follows the classic-7-14-21 scenario: a friendly email at J+7, a firmer one at J+14, and at J+21 the accounting team gets the case summary${crm ? ' and a follow-up task is added to the CRM tasks table (an n8n Data Table)' : ''}. Several overdue invoices of one customer go out as one email listing them all. Every step is claimed in ${label} before anything is sent, so a step goes out once, and a payment recorded in between stops the reminders.`,
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
											amount_due:
												'={{ ($json.invoice.dueMinor / 100).toFixed(2) }} {{ $json.invoice.currency.toUpperCase() }}',
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
					'*Send* items are emailed to the customer, grouped: one email per customer listing all its due invoices (Reminder Composer, mode *One Message per Customer*).',
					`*Escalate* items (J+21) send the case summary to accounting${crm ? ' and add a row to the **crm_tasks** Data Table (created on first run). It stands for the CRM task: a table every n8n has, that your CRM sync (HubSpot, Pipedrive... node) or a person can read. Swap the *Create CRM Task* node for your CRM node to create the task there.' : '.'}`,
					'',
					'**Wording**: Reminder Composer → *Custom Template* (Handlebars), or *Language*. Steps: change the preset in both Dunning Scenario nodes and *Steps Of* in the composers.',
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

function formalNotice(source, index) {
	const label = source.label;
	const spec = {
		schedule: 'Every Weekday At 8:30',
		scenario: 'pre-due-courtesy',
		stepTones: 'pre-due-courtesy',
		options: { minDaysBetweenCustomer: 0 },
		grouped: false,
		dueSoon: true,
	};
	return workflow({
		index,
		id: `dun${label.slice(0, 2)}FormalNotice1`,
		name: `Dunning: ${label} J-3 notice, reminder, formal notice approved by a human`,
		description: `Every weekday at 8:30 (${ZONE}), follows the pre-due-courtesy scenario on ${label}: a courtesy notice 3 days before the due date, a reminder the day after it stating the statutory late-payment penalties, and at J+15 a formal notice (mise en demeure) with the penalties computed by Late Payment Penalty (French rule: at least 3 × the legal rate plus 40 EUR per invoice). Formal notices wait for a person to approve them by email before anything is claimed or sent.`,
		tags: [
			'dunning',
			source === SOURCES.stripe ? 'stripe' : 'quickbooks',
			'formal notice',
			'approval',
		],
		build: (b) => {
			triggers(b, { name: spec.schedule, interval: weekdaysAt(8) });
			spec.beforeCompose = undefined;
			const { again, alert } = reminderSpine(b, source, {
				...spec,
				beforeCompose: undefined,
			});
			// Insert: Still Due Now? → Late Payment Penalty → Formal notice? → (approval) → Claim Step.
			const claimInput = b.connections['Still Due Now?'].main[0];
			b.connections['Still Due Now?'].main[0] = [];
			const penalty = b.node(
				'Late Payment Penalty',
				`${PKG}.latePaymentPenalty`,
				1,
				{ operation: 'calculate', source: 'invoice', rule: 'FR', timezone: ZONE, language: 'fr' },
				[5, -0.8],
				{ onError: 'continueErrorOutput' },
			);
			b.connect(again, 0, penalty);
			b.connect(penalty, 1, alert);
			const isFormal = b.node(
				'Formal Notice?',
				'n8n-nodes-base.if',
				2.2,
				{
					conditions: {
						options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
						conditions: [
							{
								id: 'c1',
								leftValue: '={{ $json.decision.stepId }}',
								rightValue: 'd15',
								operator: { type: 'string', operation: 'equals' },
							},
						],
						combinator: 'and',
					},
					options: {},
				},
				[6, -0.8],
			);
			b.connect(penalty, 0, isFormal);
			// The approval chain sits below the send path on purpose: with execution order v1, n8n runs parallel
			// branches top to bottom, so today's other reminders go out before the run pauses for the approval.
			b.connect(isFormal, 1, claimInput[0].node);
			const batch = b.node(
				'Formal Notices To Approve',
				'n8n-nodes-base.code',
				2,
				{
					jsCode: [
						"// One approval request for all of today's formal notices (the approval node waits once).",
						'const notices = $input.all().map((item) => item.json);',
						'const lines = notices.map((n) => `${n.invoice.customer.name} – invoice ${n.invoice.number || n.invoice.id}: ${(n.invoice.dueMinor / 100).toFixed(2)} ${n.invoice.currency.toUpperCase()} due ${n.invoice.dueDate}, ${n.decision.daysOverdue} days late; penalties ${n.penalty ? (n.penalty.totalMinor / 100).toFixed(2) + " " + n.invoice.currency : "n/a"}`);',
						'return [{ json: { notices, count: notices.length, summary: lines.join("\\n") } }];',
					].join('\n'),
				},
				[6, 4.6],
			);
			b.connect(isFormal, 0, batch);
			const approve = b.node(
				'Ask Approval By Email',
				'n8n-nodes-base.emailSend',
				2.1,
				{
					operation: 'sendAndWait',
					fromEmail: 'Dunning workflow <billing@example.com>',
					toEmail: 'finance-manager@example.com',
					subject: '=Approve {{ $json.count }} formal notice(s) before they go out',
					message:
						'=These formal notices (mise en demeure) are due today. They are sent only if you approve:\n\n{{ $json.summary }}',
					responseType: 'approval',
					approvalOptions: { values: { approvalType: 'double' } },
					options: { appendAttribution: false },
				},
				[7, 4.6],
				{ credentials: CREDENTIALS.smtp },
			);
			b.connect(batch, 0, approve);
			const approved = b.node(
				'Approved?',
				'n8n-nodes-base.if',
				2.2,
				{
					conditions: {
						options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
						conditions: [
							{
								id: 'c2',
								leftValue: '={{ $json.data.approved }}',
								rightValue: true,
								operator: { type: 'boolean', operation: 'true', singleValue: true },
							},
						],
						combinator: 'and',
					},
					options: {},
				},
				[8, 4.6],
			);
			b.connect(approve, 0, approved);
			const split = b.node(
				'One Item Per Approved Notice',
				'n8n-nodes-base.code',
				2,
				{
					jsCode:
						"return $('Formal Notices To Approve').first().json.notices.map((json) => ({ json }));",
				},
				[9, 4.6],
			);
			b.connect(approved, 0, split);
			b.connect(split, 0, claimInput[0].node);
			noOp(b, 'Declined: Nothing Sent', [9, 5.6]);
			b.connect(approved, 1, 'Declined: Nothing Sent');
			b.sticky(
				'Sticky: Scenario',
				[
					`## ${label}: notice, reminder, approved formal notice`,
					'**Dunning Scenario** preset *pre-due-courtesy*: J-3 courtesy notice, J+1 reminder stating penalties, J+15 formal notice (requires approval, states penalties).',
					'**Late Payment Penalty** (France, L441-10: 3 × the legal rate minimum, plus 40 EUR per invoice) adds the amounts; the composer states them.',
					'Formal notices (step *d15*) wait in **Ask Approval By Email** (Send Email → *Send and Wait for Response*): the execution pauses until the finance manager clicks Approve or Decline in the email. Only approved notices are claimed and sent.',
					'',
					'**Wording**: Reminder Composer → *Custom Template*. Approver: *To Email* of *Ask Approval By Email*.',
				].join('\n'),
				[0, -3.4],
				[900, 420],
				5,
			);
			b.sticky('Sticky: Setup', common(source), [4, -3.4], [620, 380], 6);
			b.sticky('Sticky: Safety', safety(source), [11, -0.2], [620, 380], 4);
		},
	});
}

function exceptions(source, index) {
	const label = source.label;
	const spec = {
		schedule: 'Every Weekday At 9:00',
		scenario: 'classic-7-14-21',
		stepTones: 'classic-7-14-21',
		options: { escalateTags: 'vip, strategic', escalateAfter: 2, minDaysBetweenCustomer: 5 },
		grouped: true,
	};
	return workflow({
		index,
		id: `dun${label.slice(0, 2)}Exceptions01`,
		name: `Dunning: ${label} exceptions (disputes, strategic customers to an account manager)`,
		description: `Every weekday at 9:00 (${ZONE}), the classic J+7 / J+14 reminders on ${label}, with the exceptions a finance team keeps: disputed invoices are never chased (the scenario skips them), and customers tagged vip or strategic are handed to their account manager after two unanswered reminders, with the history of what was sent, instead of receiving a third one.`,
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
				name: 'Hand Over To Account Manager',
				recipient: 'account-manager@example.com',
			});
			b.sticky(
				'Sticky: Scenario',
				[
					`## ${label}: exceptions`,
					'**Disputed invoices** (`dunning_disputed=true` in Stripe metadata, `disputed=yes` in the QuickBooks note, or set with the *Mark Disputed* operation) are skipped by the Dunning Scenario: no reminder while the dispute lasts (*Nothing To Do Today*, reason *disputed*).',
					'**Strategic customers**: tag them `vip` or `strategic` (customer metadata `dunning_tags`, or the QuickBooks customer note). After **2** unanswered reminders (*Escalate After*), they go to the *Escalate* output: the case summary, with the steps already sent, goes to the account manager instead of a third reminder.',
					'',
					'Change the tags and the count in *Dunning Scenario → Options* (both scenario nodes). Account manager address: *Compose Case Summary → Internal Recipient*.',
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
					options: { appendAttribution: false, attachments: 'data' },
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
		},
	});
}

function all() {
	return [
		classic(SOURCES.stripe, 1, false),
		classic(SOURCES.quickbooks, 2, true),
		formalNotice(SOURCES.stripe, 3),
		exceptions(SOURCES.stripe, 5),
		exceptions(SOURCES.quickbooks, 6),
		weeklyReport(SOURCES.stripe, 7),
		weeklyReport(SOURCES.quickbooks, 8),
	];
}

const FILES = {
	1: 'stripe-classic-7-14-21.json',
	2: 'quickbooks-classic-crm-task.json',
	3: 'stripe-formal-notice-approval.json',
	4: 'stripe-exceptions-account-manager.json',
	5: 'quickbooks-exceptions-account-manager.json',
	6: 'stripe-weekly-report.json',
	7: 'quickbooks-weekly-report.json',
};

async function main() {
	const check = process.argv.includes('--check');
	// Formatted as the repository's Prettier formats JSON, so that `npm run lint` and --check agree.
	const prettier = require('prettier');
	fs.mkdirSync(OUT, { recursive: true });
	let stale = 0;
	const workflows = all();
	for (const [index, wf] of workflows.entries()) {
		const file = path.join(OUT, FILES[index + 1]);
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

module.exports = { all, FILES };
if (require.main === module) void main();

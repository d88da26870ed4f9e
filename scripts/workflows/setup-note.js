// The "Before you activate" sticky note of every template, and the same list for workflows/README.md: every
// node and field still holding an example value (an @example.com address, the placeholder sheet, the example
// SMS number) or left empty on purpose (the letter's sender address, refused until set). It is read from the
// template's own nodes, so a new node with an example value is listed without anyone remembering to.
'use strict';

/** What each example address stands for: the user replaces it with theirs. */
const ADDRESSES = {
	'billing@example.com':
		'your billing mailbox (the reminders leave from it and replies come back to it)',
	'accounting@example.com': 'the accounting team (failure alerts, case summaries)',
	'finance@example.com': 'the finance team (the weekly report)',
	'finance-manager@example.com': 'the finance manager (approves the formal notices)',
	'account-manager@example.com':
		'the account manager (broken promises, call alerts, strategic customers)',
	'account.manager@example.com': 'the account manager (customer replies)',
};
const EXAMPLE_ADDRESS = /[\w.+-]+@example\.com/g;
/** Other example values: what each stands for. */
const VALUES = [
	{ pattern: /\+33757000000/g, what: 'the SMS sender number of your Twilio account' },
	{ pattern: /REPLACE-WITH-YOUR-SHEET-ID/g, what: "your spreadsheet's address" },
];

/** The sender postal fields of Letter Options, shipped empty: the composer refuses a letter without a city. */
const LETTER_SENDER_FIELDS = {
	senderCompany: 'Sender Company Name',
	senderStreet: 'Sender Street',
	senderPostalCode: 'Sender Postal Code',
	senderCity: 'Sender City',
};

/** A parameter path as the editor shows it: `letterOptions.senderCity` → "Letter Options → Sender City". */
const FIELD_NAMES = {
	fromEmail: 'From Email',
	toEmail: 'To Email',
	senderEmail: 'Sender Email',
	replyToMailbox: 'Reply-To Mailbox',
	internalRecipient: 'Internal Recipient',
	documentId: 'Document',
	from: 'From',
	options: 'Options',
	letterOptions: 'Letter Options',
	...LETTER_SENDER_FIELDS,
};
const title = (key) =>
	FIELD_NAMES[key] ?? key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
const fieldName = (path) =>
	path
		.filter((key) => key !== 'value' && key !== '__rl')
		.map(title)
		.join(' → ');

/** Every string parameter of a node, with its path. */
function* strings(value, path = []) {
	if (typeof value === 'string') yield { path, value };
	else if (Array.isArray(value)) for (const entry of value) yield* strings(entry, path);
	else if (value && typeof value === 'object')
		for (const [key, entry] of Object.entries(value)) yield* strings(entry, [...path, key]);
}

/**
 * What to set in these nodes, grouped by what it stands for:
 * [{ what, value, uses: [{ node, field }] }], in a stable order (the first use in the workflow).
 */
function placeholders(nodes) {
	const groups = new Map();
	const add = (key, what, value, node, field) => {
		if (!groups.has(key)) groups.set(key, { what, value, uses: [] });
		const uses = groups.get(key).uses;
		if (!uses.some((use) => use.node === node && use.field === field)) uses.push({ node, field });
	};
	for (const node of nodes) {
		if (node.type === 'n8n-nodes-base.stickyNote') continue;
		for (const { path, value } of strings(node.parameters)) {
			// An address in an expression (a fallback, a notification text) is listed the same way.
			for (const address of value.match(EXAMPLE_ADDRESS) ?? []) {
				const what = ADDRESSES[address] ?? 'an example address';
				add(address, what, address, node.name, fieldName(path));
			}
			for (const { pattern, what } of VALUES)
				for (const found of value.match(pattern) ?? [])
					add(found, what, found, node.name, fieldName(path));
		}
		const letter = node.parameters.letterOptions;
		if (letter && typeof letter === 'object') {
			const empty = Object.keys(LETTER_SENDER_FIELDS).filter((key) => !letter[key]);
			if (empty.length)
				add(
					'letter sender',
					'your postal address on the letters (empty: the letter is refused until the city is set)',
					null,
					node.name,
					`Letter Options → ${empty.map((key) => LETTER_SENDER_FIELDS[key]).join(', ')}`,
				);
		}
		if (node.parameters.senderName === '')
			add(
				'sender name',
				"optional, the name signing the messages (empty: your accounting department's name in the message's language)",
				null,
				node.name,
				'Sender Name',
			);
	}
	return [...groups.values()];
}

/** The sticky note's text. */
function setupNoteText(nodes) {
	const lines = [
		'## Before you activate',
		'Set these in the nodes (each is an example to replace):',
	];
	for (const group of placeholders(nodes)) {
		// One entry per node, its fields together: "*Reminder Composer* → Reply-To Mailbox, Sender Email".
		const byNode = new Map();
		for (const use of group.uses)
			byNode.set(use.node, [...(byNode.get(use.node) ?? []), use.field]);
		const where = [...byNode]
			.map(([node, fields]) => `*${node}* → ${fields.join(', ')}`)
			.join('; ');
		lines.push(`- ${group.value ? `\`${group.value}\`, ` : ''}${group.what}: ${where}`);
	}
	lines.push('', 'And the credentials named in the *Setup* note.');
	return lines.join('\n');
}

const GRID = { width: 240, height: 200 };

/**
 * The sticky note node, above everything else on the canvas (left-aligned), sized to its text.
 * `id` is the node id to use (the builder's uuid for this workflow).
 */
function setupNote(nodes, id) {
	const content = setupNoteText(nodes);
	const rows = content
		.split('\n')
		.reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / 120)), 0);
	const height = 80 + rows * 24;
	const width = 1200;
	const top = Math.min(0, ...nodes.map((node) => node.position[1]));
	return {
		id,
		name: 'Sticky: Before You Activate',
		type: 'n8n-nodes-base.stickyNote',
		typeVersion: 1,
		position: [0, Math.floor((top - height - 40) / GRID.height) * GRID.height],
		parameters: { content, width, height, color: 3 },
	};
}

module.exports = { placeholders, setupNote, setupNoteText, ADDRESSES, LETTER_SENDER_FIELDS };

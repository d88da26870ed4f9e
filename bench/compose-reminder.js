#!/usr/bin/env node
'use strict';
// Reminders per second through composeReminder (the built core, as n8n loads it: text and HTML, built-in
// templates parsed at build time, custom ones parsed once and cached), against the baseline a user's Code
// node typically is: `Handlebars.compile` of the same subject, text and HTML for every item. Also the cost
// relative to copying the item with structuredClone, and one message per customer.
// Run `npm run build` first, or use `npm run bench`.
const path = require('node:path');
const Handlebars = require('handlebars');
const { generateInvoices } = require('./generate-invoices');
const { medianMs, formatRate, printTable } = require('./measure');

const core = require(path.join(__dirname, '..', 'dist', 'nodes', 'shared', 'index.js'));

const SENDER = {
	name: 'Studio Lumière',
	email: 'factures@studio-lumiere.fr',
	phone: '+33 1 84 60 12 34',
};
const AS_OF = Date.UTC(2026, 10, 26);

const CUSTOM_TEMPLATE = {
	subject: 'Facture {{number}} : {{amountDue}} en attente',
	text:
		'{{#if customerName}}Bonjour {{customerName}},{{else}}Bonjour,{{/if}}\n\n' +
		'La facture {{number}} de {{amountDue}}{{#if dueDate}} échue le {{dueDate}}{{/if}} reste due' +
		'{{#if daysOverdue}} ({{relativeDays daysOverdue}}){{/if}}.\n' +
		'{{#if paymentUrl}}Payer en ligne : {{paymentUrl}}\n{{/if}}\n{{signature}}\n',
	html:
		'<p>{{#if customerName}}Bonjour {{customerName}},{{else}}Bonjour,{{/if}}</p>' +
		'<p>La facture <b>{{number}}</b> de {{amountDue}} reste due{{#if daysOverdue}} ({{relativeDays daysOverdue}}){{/if}}.</p>' +
		'{{#if paymentUrl}}<p><a href="{{paymentUrl}}">Payer maintenant</a></p>{{/if}}<p>{{signature}}</p>',
};

function openItems(size) {
	return generateInvoices(size * 2)
		.filter((invoice) => invoice.status === 'open')
		.slice(0, size)
		.map((invoice) => ({
			invoice,
			daysOverdue: Math.round((AS_OF - Date.parse(`${invoice.dueDate}T00:00:00Z`)) / 86_400_000),
		}));
}

/**
 * What a Code node does without this package: its own formatting and helpers, and a template compiled
 * for every item (`Handlebars.compile(source)(data)` inside the loop).
 */
function codeNodeBaseline() {
	const handlebars = Handlebars.create();
	handlebars.registerHelper('relativeDays', (days) =>
		days === 0
			? "arrivée à échéance aujourd'hui"
			: `${days} jour${Math.abs(days) > 1 ? 's' : ''} de retard`,
	);
	handlebars.registerHelper('signature', () =>
		[SENDER.name, SENDER.email, SENDER.phone].join('\n'),
	);
	handlebars.registerHelper(
		'plural',
		(n, options) => `${n} ${n > 1 ? options.hash.other : options.hash.one}`,
	);
	const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });
	const money = new Map();
	return (item, template) => {
		const { invoice } = item;
		let format = money.get(invoice.currency);
		if (!format) {
			format = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: invoice.currency });
			money.set(invoice.currency, format);
		}
		const data = {
			customerName: invoice.customer.name,
			number: invoice.number,
			amountDue: format.format(invoice.dueMinor / 100),
			dueDate: dateFormat.format(new Date(`${invoice.dueDate}T00:00:00Z`)),
			paymentUrl: invoice.paymentUrl,
			daysOverdue: item.daysOverdue,
			sender: SENDER,
		};
		return {
			subject: handlebars.compile(template.subject)(data),
			text: handlebars.compile(template.text)(data),
			html: handlebars.compile(template.html)(data),
		};
	};
}

function benchComposeReminder(size = 10_000) {
	const items = openItems(size);
	const builtin = core.resolveTemplateSet(undefined, 'fr', 'friendly');
	const baseline = codeNodeBaseline();
	let sink = 0;
	const compose = (template) => () => {
		for (let i = 0; i < items.length; i++) {
			const reminder = core.composeReminder({
				invoice: items[i].invoice,
				stepId: 'd7',
				tone: 'friendly',
				language: 'fr',
				sender: SENDER,
				daysOverdue: items[i].daysOverdue,
				template,
			});
			sink += reminder.text.length + reminder.html.length;
		}
	};
	const builtinMs = medianMs(compose(undefined));
	const customMs = medianMs(compose(CUSTOM_TEMPLATE));
	// The baseline is slow: three runs are enough for a stable median.
	const baselineBuiltinMs = medianMs(() => {
		for (let i = 0; i < items.length; i++) sink += baseline(items[i], builtin).html.length;
	}, 3);
	const baselineCustomMs = medianMs(() => {
		for (let i = 0; i < items.length; i++) sink += baseline(items[i], CUSTOM_TEMPLATE).html.length;
	}, 3);
	const copyMs = medianMs(() => {
		for (let i = 0; i < items.length; i++) sink += structuredClone(items[i]).daysOverdue;
	});
	// One message per customer: groups of up to 5 open invoices of the same customer.
	const groups = new Map();
	for (const item of items) {
		const group = groups.get(item.invoice.customer.id) ?? [];
		if (group.length < 5) group.push(item);
		groups.set(item.invoice.customer.id, group);
	}
	const grouped = [...groups.values()];
	const groupedInvoices = grouped.reduce((sum, group) => sum + group.length, 0);
	const customerMs = medianMs(() => {
		for (const group of grouped) {
			const reminder = core.composeCustomerReminder({
				invoices: group.map((item) => item.invoice),
				tone: 'reminder',
				language: 'fr',
				sender: SENDER,
			});
			sink += reminder.html.length;
		}
	});
	if (sink === 0.5) console.log(sink); // keeps the loops from being optimised away
	const row = (label, ms, count = items.length) => ({
		label,
		count,
		ms,
		perSecond: (count / ms) * 1000,
		vsCopy: ms / copyMs,
	});
	return {
		size: items.length,
		rows: [
			row('built-in template (parsed at build time)', builtinMs),
			row('custom template (parsed once, cached)', customMs),
			row('baseline: Handlebars.compile per item, built-in sources', baselineBuiltinMs),
			row('baseline: Handlebars.compile per item, custom template', baselineCustomMs),
			row(`one message per customer (${grouped.length} customers)`, customerMs, groupedInvoices),
		],
		speedupBuiltin: baselineBuiltinMs / builtinMs,
		speedupCustom: baselineCustomMs / customMs,
		copyMs,
	};
}

function printComposeReminder(result) {
	printTable([
		['composeReminder, text + HTML', 'items', 'ms (median)', 'reminders/s', '× structuredClone'],
		...result.rows.map((r) => [
			r.label,
			r.count.toLocaleString('en-US'),
			r.ms.toFixed(1),
			formatRate(r.perSecond),
			r.vsCopy.toFixed(1),
		]),
	]);
	console.log(
		`Cached templates are ${result.speedupBuiltin.toFixed(0)}× (built-in) and ${result.speedupCustom.toFixed(0)}× (custom) faster than compiling per item.`,
	);
}

if (require.main === module) printComposeReminder(benchComposeReminder());

module.exports = { benchComposeReminder, printComposeReminder };

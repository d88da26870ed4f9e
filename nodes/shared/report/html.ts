import type { AgingBucket, DunningReport, Preview, Simulation } from './types';
import { assertHtmlOptions, assertPreview, assertReport, assertSimulation } from './shapes';
import { DSO_DEFINITION, DSO_UNAVAILABLE } from './kpis';
import { formatMoney } from '../composer/format';
import { escapeHtml } from '../composer/helpers';
import { formatNumber, formatRate } from './format';

const e = (value: unknown): string => escapeHtml(String(value ?? ''), 'report');

export interface HtmlOptions {
	/** Heading of the report (default "Dunning report"). */
	title?: string;
	/** Worklist lines shown (default 25; the CSV has them all). */
	worklistLimit?: number;
	/** Proof lines shown when the report read the Dunning Ledger (default 50, newest first; the proofs CSV has them all). */
	proofLimit?: number;
}

const BUCKETS: { key: AgingBucket; label: string; color: string }[] = [
	{ key: 'current', label: 'Current', color: '#2f9e44' },
	{ key: 'd1_30', label: '1–30 days', color: '#f2c94c' },
	{ key: 'd31_60', label: '31–60 days', color: '#f2994a' },
	{ key: 'd61_90', label: '61–90 days', color: '#e8590c' },
	{ key: 'over90', label: 'Over 90 days', color: '#c92a2a' },
];

const tone = (value: string | null) => (value ?? '').replace(/_/g, ' ');

const STYLE = `
body{margin:0;background:#f4f6f8;font:14px/1.45 -apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1f2933}
.page{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 10px}h3{font-size:15px;margin:0 0 8px}
.muted{color:#616e7c}.small{font-size:12px}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{background:#fff;border:1px solid #dde3ea;border-radius:8px;padding:14px 16px;min-width:180px;flex:1}
.card .value{font-size:20px;font-weight:600;white-space:nowrap}
.panel{background:#fff;border:1px solid #dde3ea;border-radius:8px;padding:16px;margin-bottom:14px}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e6eaee;vertical-align:top}
th{font-size:12px;text-transform:uppercase;letter-spacing:.03em;color:#52606d;background:#f8fafc}
td.num,th.num{text-align:right;white-space:nowrap}
.reasons{margin:0;padding-left:16px;font-size:12px;color:#3e4c59}
.badge{display:inline-block;padding:1px 6px;border-radius:9px;font-size:11px;background:#fde2e2;color:#a61e1e;margin-left:4px}
.badge.promise{background:#e3f2fd;color:#1565c0}
.row{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
svg text{font-family:inherit}
`;

function agingChart(report: DunningReport, currency: string): string {
	const summary = report.byCurrency[currency];
	const width = 520;
	const height = 220;
	const top = 28;
	const bottom = 40;
	const slot = width / BUCKETS.length;
	const max = Math.max(1, ...BUCKETS.map((bucket) => summary.aging[bucket.key]));
	const bars = BUCKETS.map((bucket, index) => {
		const value = summary.aging[bucket.key];
		const barHeight = Math.round(((height - top - bottom) * value) / max);
		const x = Math.round(index * slot + slot * 0.18);
		const barWidth = Math.round(slot * 0.64);
		const y = height - bottom - barHeight;
		const count = report.agingCounts[currency][bucket.key];
		return (
			`<rect x="${x}" y="${y}" width="${barWidth}" height="${Math.max(barHeight, value > 0 ? 2 : 0)}" rx="3" fill="${bucket.color}"/>` +
			(value > 0
				? `<text x="${x + barWidth / 2}" y="${y - 8}" text-anchor="middle" font-size="12" fill="#1f2933">${e(formatMoney(value, currency, null).replace(` ${currency}`, ''))}</text>`
				: '') +
			`<text x="${x + barWidth / 2}" y="${height - bottom + 16}" text-anchor="middle" font-size="12" fill="#52606d">${e(bucket.label)}</text>` +
			`<text x="${x + barWidth / 2}" y="${height - bottom + 32}" text-anchor="middle" font-size="11" fill="#7b8794">${count} inv.</text>`
		);
	}).join('');
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Amount owed by age, ${e(currency)}"><line x1="0" y1="${height - bottom}" x2="${width}" y2="${height - bottom}" stroke="#cbd2d9"/>${bars}</svg>`;
}

function rateBar(rate: number | null): string {
	const width = 120;
	const filled = rate === null ? 0 : Math.round(width * rate);
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="12" viewBox="0 0 ${width} 12" aria-hidden="true"><rect width="${width}" height="12" rx="3" fill="#e6eaee"/><rect width="${filled}" height="12" rx="3" fill="#1f4e79"/></svg>`;
}

function scoreBar(score: number): string {
	const width = 60;
	const filled = Math.round((width * Math.min(score, 100)) / 100);
	const color = score >= 60 ? '#c92a2a' : score >= 35 ? '#e8590c' : '#f2c94c';
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="8" viewBox="0 0 ${width} 8" aria-hidden="true"><rect width="${width}" height="8" rx="2" fill="#e6eaee"/><rect width="${filled}" height="8" rx="2" fill="${color}"/></svg>`;
}

function currencySection(report: DunningReport, currency: string): string {
	const summary = report.byCurrency[currency];
	const figures = report.dso.byCurrency[currency];
	const dso = figures?.dso ?? null;
	const noDso =
		figures?.reason && figures.reason in DSO_UNAVAILABLE
			? DSO_UNAVAILABLE[figures.reason]
			: 'No credit sales in the period.';
	const disputed = report.disputed.byCurrency[currency] ?? 0;
	const rows = BUCKETS.map((bucket) => {
		const amount = summary.aging[bucket.key];
		const share = summary.openMinor ? amount / summary.openMinor : 0;
		return `<tr><td><span style="display:inline-block;width:10px;height:10px;border-radius:2px;background:${bucket.color};margin-right:6px"></span>${e(bucket.label)}</td><td class="num">${report.agingCounts[currency][bucket.key]}</td><td class="num">${e(formatMoney(amount, currency, null))}</td><td class="num">${formatRate(share)}</td></tr>`;
	}).join('');
	return `<h2>${e(currency)}</h2>
<div class="cards">
<div class="card"><div class="muted small">Open</div><div class="value">${e(formatMoney(summary.openMinor, currency, null))}</div><div class="muted small">${summary.openCount} invoices</div></div>
<div class="card"><div class="muted small">Overdue</div><div class="value">${e(formatMoney(summary.overdueMinor, currency, null))}</div><div class="muted small">${summary.overdueCount} invoices</div></div>
<div class="card"><div class="muted small">DSO</div><div class="value">${dso === null ? 'n/a' : `${dso} days`}</div><div class="muted small">${dso === null ? e(noDso) : `Period ${e(report.dso.from)} → ${e(report.dso.to)} (${report.dso.days} days). ${e(report.dso.definition ?? DSO_DEFINITION)}`}</div></div>
<div class="card"><div class="muted small">Disputed</div><div class="value">${e(formatMoney(disputed, currency, null))}</div><div class="muted small">still owed</div></div>
</div>
<div class="panel" style="margin-top:12px"><h3>Amount owed by age</h3><div class="row"><div>${agingChart(report, currency)}</div>
<div style="flex:1;min-width:300px"><table><thead><tr><th>Age</th><th class="num">Invoices</th><th class="num">Amount</th><th class="num">Share</th></tr></thead><tbody>${rows}</tbody></table></div></div></div>`;
}

function stepsSection(report: DunningReport): string {
	if (!report.steps.length) {
		return '<h2>After each reminder</h2><div class="panel muted">No reminder history in these invoices.</div>';
	}
	const rows = report.steps
		.map(
			(step) =>
				`<tr><td>${e(step.stepId)}</td><td class="num">${step.sent}</td><td class="num">${step.dated}</td><td class="num">${step.paidAfter}</td><td class="num">${formatNumber(step.averageDaysToPay)}</td><td class="num">${formatNumber(step.medianDaysToPay)}</td><td class="num">${step.recovered}/${step.eligible}</td><td>${rateBar(step.recoveryRate)} ${formatRate(step.recoveryRate)}</td><td class="num">${step.pending}</td></tr>`,
		)
		.join('');
	const coverage = report.history.sentSteps
		? `${report.history.datedSteps} of ${report.history.sentSteps} reminders sent have a known date; only those count below.`
		: '';
	return `<h2>After each reminder</h2><div class="panel"><p class="muted small" style="margin-top:0">${e(coverage)} Recovery: paid in full within ${report.recoveryWindowDays} days of the reminder, over reminders whose ${report.recoveryWindowDays} days have passed.</p>
<table><thead><tr><th>Step</th><th class="num">Sent</th><th class="num">Dated</th><th class="num">Paid after</th><th class="num">Avg days to pay</th><th class="num">Median</th><th class="num">Recovered</th><th>Recovery rate</th><th class="num">Pending</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function promisesSection(report: DunningReport): string {
	const p = report.promises;
	return `<h2>Promises and disputes</h2><div class="cards">
<div class="card"><div class="muted small">Promises kept</div><div class="value">${p.kept}</div><div class="muted small">${formatRate(p.keptRate)} of promises due</div></div>
<div class="card"><div class="muted small">Promises broken</div><div class="value">${p.broken}</div></div>
<div class="card"><div class="muted small">Promises running</div><div class="value">${p.pending}</div></div>
<div class="card"><div class="muted small">Disputed invoices</div><div class="value">${report.disputed.count}</div></div>
</div>`;
}

function worklistSection(report: DunningReport, limit: number): string {
	const reasons = new Map(
		report.worklist.map((entry) => [`${entry.source}:${entry.invoiceId}`, entry.reasons]),
	);
	const shown = report.openInvoices.slice(0, limit);
	if (!shown.length) return '<h2>Worklist</h2><div class="panel muted">No open invoice.</div>';
	const rows = shown
		.map((line, index) => {
			const badges =
				(line.disputed ? '<span class="badge">disputed</span>' : '') +
				(line.promisedOn
					? line.promisedOn < report.asOf
						? `<span class="badge">promise of ${e(line.promisedOn)} broken</span>`
						: `<span class="badge promise">promised by ${e(line.promisedOn)}</span>`
					: '');
			const list = (reasons.get(`${line.source}:${line.invoiceId}`) ?? [])
				.map((reason) => `<li>${e(reason)}</li>`)
				.join('');
			return `<tr><td class="num">${index + 1}</td><td class="num"><strong>${line.score}</strong><br>${scoreBar(line.score)}</td><td style="white-space:nowrap">${e(line.number ?? line.invoiceId)}<div class="muted small">${e(line.source)}</div></td><td>${e(line.customerName ?? '—')}${badges}</td><td class="num">${e(formatMoney(line.dueMinor, line.currency, null))}</td><td class="num">${line.daysOverdue > 0 ? line.daysOverdue : '–'}</td><td><ul class="reasons">${list}</ul></td></tr>`;
		})
		.join('');
	const more =
		report.openInvoices.length > shown.length
			? `<p class="muted small">${report.openInvoices.length - shown.length} more in the CSV attachment.</p>`
			: '';
	return `<h2>Worklist</h2><div class="panel"><table><thead><tr><th class="num">#</th><th class="num">Score</th><th>Invoice</th><th>Customer</th><th class="num">Due</th><th class="num">Days late</th><th>Why</th></tr></thead><tbody>${rows}</tbody></table>${more}</div>`;
}

/** An instant of the ledger as the proof shows it: to the second, in UTC, said so. */
const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;

/** Newest first by an ISO instant (ISO 8601 UTC text sorts as time does). */
const newestFirst =
	<T>(at: (line: T) => string) =>
	(a: T, b: T) =>
		at(a) < at(b) ? 1 : at(a) > at(b) ? -1 : 0;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * The proof of reminders ("preuves de relance"), when the report read the Dunning Ledger: claims not sent first
 * (they block a second send until a person checks and releases them), then the reminders sent, newest first.
 */
function proofsSection(report: DunningReport, limit: number): string {
	const entries = report.proofs ?? [];
	const invoiceCells = (entry: (typeof entries)[number]) =>
		`<td style="white-space:nowrap">${e(entry.number ?? entry.invoiceId)}<div class="muted small">${e(entry.source)}</div></td><td>${e(entry.customerName ?? '—')}</td>`;
	const unsent = entries
		.flatMap((entry) => entry.unsentClaims.map((claim) => ({ entry, claim })))
		.sort(newestFirst((line) => line.claim.claimedAt))
		.map(
			({ entry, claim }) =>
				`<tr>${invoiceCells(entry)}<td>${e(claim.stepId)}</td><td><span class="badge">claimed, not sent</span><div class="muted small">claimed ${e(utc(claim.claimedAt))}</div></td><td colspan="2" class="muted small">no reminder: check whether it left, then release the claim or mark it sent</td><td class="small">${e(claim.claimedBy)}</td><td></td></tr>`,
		);
	const sent = entries
		.flatMap((entry) => entry.proofs.map((proof) => ({ entry, proof })))
		.sort(newestFirst((line) => line.proof.sentAt))
		.map(
			({ entry, proof }) =>
				`<tr>${invoiceCells(entry)}<td>${e(proof.stepId)}</td><td style="white-space:nowrap">${e(utc(proof.sentAt))}<div class="muted small">claimed ${e(utc(proof.claimedAt))}</div></td><td>${e(proof.channel)}</td><td>${e(proof.address ?? '—')}</td><td class="small">${e(proof.sentBy)}</td><td class="small" style="font-family:monospace;word-break:break-all">${e(proof.messageSha256)}${proof.messageKept ? '<div class="muted">message kept</div>' : ''}</td></tr>`,
		);
	if (!unsent.length && !sent.length) {
		return '<h2>Proof of reminders</h2><div class="panel muted">The Dunning Ledger holds no reminder for these invoices.</div>';
	}
	const released = entries.reduce((sum, entry) => sum + entry.releasedClaims, 0);
	const invoices = entries.filter((entry) => entry.proofs.length).length;
	const summary = `${plural(sent.length, 'reminder')} sent on ${plural(invoices, 'invoice')}; ${plural(unsent.length, 'claim')} not sent; ${plural(released, 'claim')} released (message not sent).`;
	const lines = [...unsent, ...sent];
	const shown = lines.slice(0, limit);
	const more =
		lines.length > shown.length
			? `<p class="muted small">${lines.length - shown.length} more in the proofs CSV attachment.</p>`
			: '';
	return `<h2>Proof of reminders</h2><div class="panel"><p class="muted small" style="margin-top:0">From the Dunning Ledger: ${e(summary)} The SHA-256 of a message proves its content against a kept copy.</p>
<table><thead><tr><th>Invoice</th><th>Customer</th><th>Step</th><th>Sent</th><th>Channel</th><th>To</th><th>Execution</th><th>Message SHA-256</th></tr></thead><tbody>${shown.join('')}</tbody></table>${more}</div>`;
}

function page(title: string, body: string): string {
	return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${e(title)}</title><style>${STYLE}</style></head><body><div class="page">${body}</div></body></html>`;
}

/** The report as one self-contained HTML page: inline CSS and SVG charts, no external resource. */
export function renderReportHtml(report: DunningReport, options: HtmlOptions = {}): string {
	assertReport(report);
	assertHtmlOptions(options);
	options ??= {};
	const title = options.title ?? 'Dunning report';
	const currencies = Object.keys(report.byCurrency).sort();
	const header = `<h1>${e(title)}</h1><div class="muted">As of ${e(report.asOf)} · ${report.invoiceCount} invoices read · ${report.openInvoices.length} open</div>`;
	const body =
		header +
		(currencies.length
			? currencies.map((currency) => currencySection(report, currency)).join('')
			: '<div class="panel muted" style="margin-top:16px">No open invoice.</div>') +
		stepsSection(report) +
		promisesSection(report) +
		worklistSection(report, options.worklistLimit ?? 25) +
		(report.proofs === undefined ? '' : proofsSection(report, options.proofLimit ?? 50));
	return page(title, body);
}

/** Sends and escalations per Monday-to-Sunday week of the simulation, as stacked bars. */
function weeklyChart(simulation: Simulation): string {
	const weeks = new Map<string, { send: number; escalate: number }>();
	const mondayOf = (date: string) => {
		const time = Date.parse(`${date}T00:00:00Z`);
		const weekday = (new Date(time).getUTCDay() + 6) % 7;
		return new Date(time - weekday * 86_400_000).toISOString().slice(0, 10);
	};
	for (
		let time = Date.parse(`${mondayOf(simulation.from)}T00:00:00Z`);
		time <= Date.parse(`${simulation.to}T00:00:00Z`);
		time += 7 * 86_400_000
	) {
		weeks.set(new Date(time).toISOString().slice(0, 10), { send: 0, escalate: 0 });
	}
	for (const day of simulation.calendar) {
		const week = weeks.get(mondayOf(day.date));
		if (!week) continue;
		for (const event of day.events) if (event.action !== 'stop') week[event.action]++;
	}
	const entries = [...weeks.entries()];
	const width = 1000;
	const height = 200;
	const bottom = 36;
	const top = 20;
	const slot = width / Math.max(entries.length, 1);
	const max = Math.max(1, ...entries.map(([, week]) => week.send + week.escalate));
	const scale = (height - top - bottom) / max;
	const bars = entries
		.map(([monday, week], index) => {
			const x = Math.round(index * slot + slot * 0.15);
			const barWidth = Math.max(2, Math.round(slot * 0.7));
			const sendHeight = Math.round(week.send * scale);
			const escalateHeight = Math.round(week.escalate * scale);
			const base = height - bottom;
			const total = week.send + week.escalate;
			return (
				`<rect x="${x}" y="${base - sendHeight}" width="${barWidth}" height="${sendHeight}" fill="#1f4e79"/>` +
				`<rect x="${x}" y="${base - sendHeight - escalateHeight}" width="${barWidth}" height="${escalateHeight}" fill="#e8590c"/>` +
				(total
					? `<text x="${x + barWidth / 2}" y="${base - sendHeight - escalateHeight - 5}" text-anchor="middle" font-size="11" fill="#1f2933">${total}</text>`
					: '') +
				`<text x="${x + barWidth / 2}" y="${base + 14}" text-anchor="middle" font-size="10" fill="#7b8794">${monday.slice(5)}</text>`
			);
		})
		.join('');
	const legend = `<text x="0" y="${height - 4}" font-size="11" fill="#1f4e79">■ reminders</text><text x="90" y="${height - 4}" font-size="11" fill="#e8590c">■ to a human</text><text x="${width}" y="${height - 4}" font-size="11" fill="#7b8794" text-anchor="end">weeks starting on Monday</text>`;
	return `<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 ${width} ${height}" role="img" aria-label="Messages per week"><line x1="0" y1="${height - bottom}" x2="${width}" y2="${height - bottom}" stroke="#cbd2d9"/>${bars}${legend}</svg>`;
}

/** The simulated calendar and its totals as one self-contained HTML page. */
export function renderSimulationHtml(simulation: Simulation, options: HtmlOptions = {}): string {
	assertSimulation(simulation);
	assertHtmlOptions(options);
	options ??= {};
	const title = options.title ?? `Policy simulation: ${simulation.scenarioId}`;
	const t = simulation.totals;
	const perStep = Object.entries(t.perStep)
		.map(
			([step, counts]) =>
				`<tr><td>${e(step)}</td><td class="num">${counts.send}</td><td class="num">${counts.escalate}</td></tr>`,
		)
		.join('');
	const over = t.customersOverWeeklyLimit
		.map(
			(entry) =>
				`<tr><td>${e(entry.customerName ?? entry.customerKey)}</td><td>${e(entry.weekOf)}</td><td class="num">${entry.contacts}</td></tr>`,
		)
		.join('');
	const days = simulation.calendar
		.map((day) =>
			day.events
				.filter((event) => event.action !== 'stop' || event.reason === 'paid')
				.map(
					(event) =>
						`<tr><td>${e(day.date)}</td><td>${e(event.action)}</td><td>${e(event.stepId ?? event.reason)}</td><td>${e(tone(event.tone))} ${e(event.channel ?? '')}</td><td>${e(event.number ?? event.invoiceId)}</td><td>${e(event.customerName ?? '—')}</td><td class="num">${event.action === 'stop' ? 'paid' : e(formatMoney(event.dueMinor, event.currency, null))}</td><td class="num">${event.daysOverdue}</td></tr>`,
				)
				.join(''),
		)
		.join('');
	const body = `<h1>${e(title)}</h1><div class="muted">${e(simulation.from)} → ${e(simulation.to)} · ${t.invoices} invoices</div>
<div class="cards" style="margin-top:16px">
<div class="card"><div class="muted small">Reminders</div><div class="value">${t.reminders}</div></div>
<div class="card"><div class="muted small">Escalations</div><div class="value">${t.escalations}</div></div>
<div class="card"><div class="muted small">Reminders after payment</div><div class="value">${t.remindersAfterPayment}</div><div class="muted small">must be 0</div></div>
<div class="card"><div class="muted small">Customers over ${t.maxContactsPerWeek}/week</div><div class="value">${t.customersOverWeeklyLimit.length}</div></div>
</div>
<h2>Messages per week</h2><div class="panel">${weeklyChart(simulation)}</div>
<h2>Per step</h2><div class="panel"><table style="width:auto;min-width:420px"><thead><tr><th>Step</th><th class="num">Sent</th><th class="num">Escalated</th></tr></thead><tbody>${perStep}</tbody></table></div>
${over ? `<h2>Customers contacted more than ${t.maxContactsPerWeek} times in a week</h2><div class="panel"><table><thead><tr><th>Customer</th><th>Week of</th><th class="num">Messages</th></tr></thead><tbody>${over}</tbody></table></div>` : ''}
<h2>Calendar</h2><div class="panel"><table><thead><tr><th>Day</th><th>Action</th><th>Step</th><th>Tone / channel</th><th>Invoice</th><th>Customer</th><th class="num">Due</th><th class="num">Days late</th></tr></thead><tbody>${days}</tbody></table></div>`;
	return page(title, body);
}

/** What today's run would send, as one page the finance team can review before it goes out. */
export function renderPreviewHtml(preview: Preview, options: HtmlOptions = {}): string {
	assertPreview(preview);
	assertHtmlOptions(options);
	options ??= {};
	const title = options.title ?? `Preview of ${preview.on}: ${preview.scenarioId}`;
	const rows = preview.planned
		.map(
			(entry) =>
				`<tr><td>${e(entry.action)}${entry.requiresApproval ? '<span class="badge promise">approval</span>' : ''}</td><td>${e(entry.stepId ?? '')}</td><td>${e(tone(entry.tone))} ${e(entry.channel ?? '')}</td><td>${e(entry.number ?? entry.invoiceId)}</td><td>${e(entry.customerName ?? '—')}</td><td class="num">${e(formatMoney(entry.dueMinor, entry.currency, null))}</td><td class="num">${entry.daysOverdue}</td></tr>`,
		)
		.join('');
	const counts = preview.counts;
	const body = `<h1>${e(title)}</h1><div class="muted">Nothing has been sent: this is what a run on ${e(preview.on)} would do.</div>
<div class="cards" style="margin-top:16px">
<div class="card"><div class="muted small">Reminders</div><div class="value">${counts.send}</div></div>
<div class="card"><div class="muted small">To a human</div><div class="value">${counts.escalate}</div></div>
<div class="card"><div class="muted small">Waiting</div><div class="value">${counts.wait}</div></div>
<div class="card"><div class="muted small">Skipped or stopped</div><div class="value">${counts.skip + counts.stop}</div></div>
</div>
<h2>Planned</h2><div class="panel">${rows ? `<table><thead><tr><th>Action</th><th>Step</th><th>Tone / channel</th><th>Invoice</th><th>Customer</th><th class="num">Due</th><th class="num">Days late</th></tr></thead><tbody>${rows}</tbody></table>` : '<span class="muted">Nothing would go out.</span>'}</div>`;
	return page(title, body);
}

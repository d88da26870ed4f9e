#!/usr/bin/env node
// Renders the Dunning Report's HTML for a sample book of invoices to PNG with headless Chromium, so a reviewer can
// look at it: .artifacts/report/{report,simulation,preview}.{html,png}. Uses Debian's chromium binary with its
// --screenshot flag (playwright-core is not a dependency); installs it with apt-get when it is missing.
//   node scripts/render-report-png.js
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { CHROMIUM_FLAGS, findChromium, loadBundled } = require('./headless-chromium');

const root = path.join(__dirname, '..');
const outDir = path.join(root, '.artifacts/report');
const AS_OF = '2026-11-26';

function loadCore() {
	return loadBundled('nodes/shared/index.ts', path.join(outDir, 'core.bundle.js'));
}

const day = (offset) =>
	new Date(Date.parse(`${AS_OF}T00:00:00Z`) + offset * 86400000).toISOString().slice(0, 10);

const CUSTOMERS = [
	{ id: 'cus_dupont', name: 'Atelier Dupont SARL', tags: [] },
	{ id: 'cus_lumiere', name: 'Studio Lumière', tags: ['vip'] },
	{ id: 'cus_wagner', name: 'Wagner Logistik GmbH', tags: [] },
	{ id: 'cus_blake', name: 'Blake & Sons Ltd', tags: [] },
	{ id: 'cus_moreau', name: 'Boulangerie Moreau', tags: [] },
	{ id: 'cus_kappa', name: 'Kappa Conseil', tags: ['strategic'] },
	{ id: 'cus_ortiz', name: 'Ortiz Design', tags: [] },
	{ id: 'cus_nord', name: 'Nordlicht AB', tags: [] },
];

/** A book of invoices an agency could have on 2026-11-26: open ones of every age, paid ones with their history. */
function sampleBook() {
	const book = [];
	let n = 0;
	const add = (
		customer,
		{ total, due, paidOn, partial, currency = 'EUR', steps = [], promised, disputed },
	) => {
		n++;
		const dueDate = day(due);
		const history = steps.map((offset, index) => ({
			stepId: ['d7', 'd14', 'd21', 'd30'][index],
			sentOn: day(due + offset),
		}));
		const payments =
			paidOn !== undefined ? [{ date: day(paidOn), amountMinor: total }] : partial ? [partial] : [];
		const paidMinor = payments.reduce((sum, payment) => sum + payment.amountMinor, 0);
		book.push({
			id: `in_${String(n).padStart(4, '0')}`,
			source: n % 3 === 0 ? 'quickbooks' : 'stripe',
			number: `F-2026-${String(100 + n).padStart(4, '0')}`,
			status: paidOn !== undefined ? 'paid' : 'open',
			currency,
			totalMinor: total,
			paidMinor,
			dueMinor: total - paidMinor,
			issueDate: day(due - 30),
			dueDate,
			customer: { ...customer, email: `${customer.id}@example.com`, locale: 'fr' },
			paymentUrl: null,
			pdfUrl: null,
			payments,
			dunning: {
				sentStepIds: history.map((entry) => entry.stepId),
				lastSentOn: history.length ? history[history.length - 1].sentOn : null,
				promisedOn: promised === undefined ? null : day(promised),
				disputed: Boolean(disputed),
				paused: false,
				history,
			},
		});
	};
	const [dupont, lumiere, wagner, blake, moreau, kappa, ortiz, nord] = CUSTOMERS;
	// paid ones, with the reminders that preceded payment
	add(dupont, { total: 184000, due: -80, paidOn: -70, steps: [7] });
	add(dupont, { total: 96000, due: -50, paidOn: -29, steps: [7, 14] });
	add(lumiere, { total: 420000, due: -75, paidOn: -73 });
	add(wagner, { total: 1250000, due: -95, paidOn: -60, steps: [7, 14, 21, 30] });
	add(blake, { total: 78000, due: -60, paidOn: -50, steps: [7], currency: 'GBP' });
	add(moreau, { total: 32000, due: -40, paidOn: -30, steps: [7], promised: -28 });
	add(nord, { total: 88000, due: -58, paidOn: -44, steps: [7, 14], promised: -43 });
	add(kappa, { total: 560000, due: -70, paidOn: -52, steps: [7, 14], promised: -55 });
	add(ortiz, { total: 145000, due: -45, paidOn: -36, steps: [7] });
	add(nord, { total: 310000, due: -35, paidOn: -33 });
	add(wagner, { total: 480000, due: -65, paidOn: -40, steps: [7, 14, 21] });
	// open ones, from not yet due to over 90 days
	add(dupont, { total: 235000, due: 12 });
	add(lumiere, { total: 890000, due: -3 });
	add(wagner, { total: 1760000, due: -44, steps: [7, 14, 21, 30] });
	add(wagner, { total: 365000, due: -16, steps: [7, 14] });
	add(blake, { total: 212000, due: -33, steps: [7, 14, 21], currency: 'GBP', promised: -10 });
	add(blake, { total: 54000, due: 5, currency: 'GBP' });
	add(moreau, { total: 18500, due: -101, steps: [7, 14, 21, 30] });
	add(kappa, { total: 1340000, due: -62, steps: [7, 14, 21], promised: 4 });
	add(ortiz, { total: 275000, due: -9, steps: [7] });
	add(ortiz, { total: 99000, due: -120, steps: [7, 14, 21, 30], disputed: true });
	add(nord, {
		total: 640000,
		due: -27,
		steps: [7, 14],
		partial: { date: day(-5), amountMinor: 200000 },
	});
	add(lumiere, { total: 150000, due: -91, steps: [7, 14, 21] });
	add(dupont, { total: 47000, due: 0 });
	return book;
}

function shoot(executablePath, htmlFile, pngFile, width, height) {
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'dunning-chromium-'));
	try {
		const result = spawnSync(
			executablePath,
			[
				...CHROMIUM_FLAGS,
				`--user-data-dir=${profile}`,
				`--window-size=${width},${height}`,
				`--screenshot=${pngFile}`,
				`file://${htmlFile}`,
			],
			{ encoding: 'utf8', timeout: 90_000 },
		);
		if (result.status !== 0) throw new Error(`chromium failed: ${result.stderr}`);
	} finally {
		fs.rmSync(profile, { recursive: true, force: true });
	}
}

function main() {
	fs.mkdirSync(outDir, { recursive: true });
	const core = loadCore();
	const book = sampleBook();
	const report = core.buildDunningReport(book, { asOf: AS_OF });
	const simulation = core.simulatePolicy(book, core.SCENARIO_PRESETS['firm-5-steps'], {
		from: day(-91),
		to: AS_OF,
	});
	const { preview } = core.previewRun(book, core.SCENARIO_PRESETS['firm-5-steps'], AS_OF);
	const pages = [
		['report', core.renderReportHtml(report), 3000],
		['simulation', core.renderSimulationHtml(simulation), 3400],
		['preview', core.renderPreviewHtml(preview), 1000],
	];
	fs.writeFileSync(path.join(outDir, 'report.json'), JSON.stringify(report, null, 2));
	fs.writeFileSync(path.join(outDir, 'report.csv'), core.reportToCsv(report));
	const executablePath = findChromium();
	for (const [name, html, height] of pages) {
		const htmlFile = path.join(outDir, `${name}.html`);
		fs.writeFileSync(htmlFile, html);
		shoot(executablePath, htmlFile, path.join(outDir, `${name}.png`), 1200, height);
	}
	console.log(`Rendered ${pages.length} pages to ${path.relative(root, outDir)}/`);
}

try {
	main();
} catch (error) {
	console.error(error.message);
	process.exit(1);
}

#!/usr/bin/env node
// Renders every built-in reminder (fr, en; every tone; the German formal notice) to PNG with headless
// Chromium so a reviewer can look at them: .artifacts/templates/<language>-<tone>[-mobile].png, next to
// the HTML that was shot. Also the cases of issue 19: a GBP formal notice under the French rule (40 € on
// its own line, provisional rate), the approver's preview of it for an English-speaking team, and a firm
// reminder after a broken promise. Issue 21: the thank-you once a reminded invoice is paid (tone thanks), in
// the four languages.
// Uses playwright-core when installed, else the chromium binary's --screenshot flag; installs Debian's
// chromium with apt-get when it is missing.
//   node scripts/render-templates-png.js
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { CHROMIUM_FLAGS, findChromium, loadBundled } = require('./headless-chromium');

const root = path.join(__dirname, '..');
const outDir = path.join(root, '.artifacts/templates');
const VIEWPORTS = [
	{ suffix: '', width: 700, height: 1400 },
	{ suffix: '-mobile', width: 390, height: 1700 },
];

function loadComposer() {
	return loadBundled('nodes/shared/composer/index.ts', path.join(outDir, 'composer.bundle.js'));
}

function sampleInput(language, tone) {
	return {
		invoice: {
			id: 'in_1QxA2bC3dE4fG5h',
			source: 'stripe',
			number: 'F-2026-0142',
			status: 'open',
			currency: 'EUR',
			totalMinor: 123456,
			paidMinor: 0,
			dueMinor: 123456,
			issueDate: '2026-10-16',
			dueDate: '2026-11-15',
			customer: {
				id: 'cus_1',
				name: 'Atelier Dupont SARL',
				email: 'compta@atelier-dupont.fr',
				locale: language,
				tags: [],
				country: 'FR',
				address: {
					lines: ['12 rue des Tanneurs'],
					postalCode: '69002',
					city: 'Lyon',
					region: null,
					country: 'FR',
				},
			},
			paymentUrl: 'https://invoice.stripe.com/i/acct_1Abc/test_YWNjdF8x',
			pdfUrl: 'https://pay.stripe.com/invoice/acct_1Abc/test_YWNjdF8x/pdf',
			payments: [],
			dunning: {
				sentStepIds: ['d7', 'd14'],
				lastSentOn: '2026-11-29',
				promisedOn: null,
				disputed: false,
				paused: false,
			},
		},
		stepId: 'd21',
		tone,
		language,
		daysOverdue: tone === 'notice' ? -3 : 21,
		sender: {
			name: 'Studio Lumière',
			email: 'factures@studio-lumiere.fr',
			phone: '+33 1 84 60 12 34',
		},
		penalty: {
			interestMinor: 883,
			compensationMinor: 4000,
			totalMinor: 4883,
			periods: [
				{
					from: '2026-11-16',
					to: '2026-12-06',
					days: 21,
					annualRatePercent: 12.4,
					baseMinor: 123456,
					interestMinor: 883,
				},
			],
			legalBasis: 'Code de commerce L441-10 II, D441-5',
			warnings: [],
		},
	};
}

/** The GBP invoice of issue 19 #3: interest in pounds, the 40 € compensation in euros, rate provisional. */
function gbpFormalNotice(language) {
	const input = sampleInput(language, 'formal_notice');
	input.invoice = { ...input.invoice, currency: 'GBP', totalMinor: 250000, dueMinor: 250000 };
	input.penalty = {
		...input.penalty,
		interestMinor: 1784,
		compensationMinor: 0,
		totalMinor: 1784,
		periods: [{ ...input.penalty.periods[0], baseMinor: 250000, interestMinor: 1784 }],
		fixedCompensation: { currency: 'EUR', amountMinor: 4000 },
	};
	input.penalty.periods[0].rateStatus = 'provisional';
	input.penalty.notices = [
		{ code: 'rate_provisional', message: 'provisional', periodIndex: 0 },
		{ code: 'compensation_other_currency', message: 'not added' },
	];
	return input;
}

/** The extra pages of issue 19, as [file base, html, text] */
function issue19Pages(composer) {
	const gbp = gbpFormalNotice('fr');
	const notice = composer.composeReminder(gbp);
	const approval = composer.composeApproval({
		reminder: notice,
		invoices: [gbp.invoice],
		penalties: [gbp.penalty],
		language: 'en',
	});
	const broken = composer.composeReminder({
		...sampleInput('fr', 'friendly'),
		penalty: undefined,
		brokenPromiseOn: '2026-11-30',
	});
	return [
		['fr-formal_notice-gbp', notice],
		['en-approval-of-fr-formal_notice', approval],
		['fr-broken-promise', broken],
	];
}

async function shootWithPlaywright(executablePath, pages) {
	const { chromium } = require('playwright-core');
	// Playwright gives the browser a fresh temporary profile (--user-data-dir) of its own.
	const browser = await chromium.launch({ executablePath, args: CHROMIUM_FLAGS.slice(1) });
	try {
		for (const { htmlFile, pngBase } of pages) {
			for (const viewport of VIEWPORTS) {
				const page = await browser.newPage({ viewport: { width: viewport.width, height: 800 } });
				// Offline on purpose: a request would mean an external resource in the email.
				await page.route('**/*', (route) =>
					route.request().url().startsWith('file:') ? route.continue() : route.abort(),
				);
				await page.goto(`file://${htmlFile}`);
				await page.screenshot({ path: `${pngBase}${viewport.suffix}.png`, fullPage: true });
				await page.close();
			}
		}
	} finally {
		await browser.close();
	}
}

function shootWithCli(executablePath, pages) {
	for (const { htmlFile, pngBase } of pages) {
		for (const viewport of VIEWPORTS) {
			const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'dunning-chromium-'));
			const result = spawnSync(
				executablePath,
				[
					...CHROMIUM_FLAGS,
					`--user-data-dir=${profile}`,
					'--hide-scrollbars',
					`--window-size=${viewport.width},${viewport.height}`,
					`--screenshot=${pngBase}${viewport.suffix}.png`,
					`file://${htmlFile}`,
				],
				{ encoding: 'utf8', timeout: 60_000 },
			);
			fs.rmSync(profile, { recursive: true, force: true });
			if (result.status !== 0) throw new Error(`chromium failed: ${result.stderr}`);
		}
	}
}

/** Issue 21: the thank-you for the sample invoice once paid in full, in every language. */
function issue21Pages(composer) {
	return ['fr', 'en', 'de', 'es'].map((language) => {
		const input = sampleInput(language, 'thanks');
		const invoice = {
			...input.invoice,
			status: 'paid',
			paidMinor: input.invoice.totalMinor,
			dueMinor: 0,
		};
		const { penalty: _penalty, daysOverdue: _days, stepId: _step, ...rest } = input;
		return [`${language}-thanks`, composer.composeReminder({ ...rest, invoice })];
	});
}

async function main() {
	fs.mkdirSync(outDir, { recursive: true });
	const composer = loadComposer();
	const { composeReminder } = composer;
	const tones = ['notice', 'friendly', 'reminder', 'firm', 'formal_notice', 'internal'];
	const pages = [];
	for (const language of ['fr', 'en']) {
		for (const tone of tones) {
			const reminder = composeReminder(sampleInput(language, tone));
			const base = path.join(outDir, `${language}-${tone}`);
			fs.writeFileSync(`${base}.html`, reminder.html);
			fs.writeFileSync(`${base}.txt`, `Subject: ${reminder.subject}\n\n${reminder.text}`);
			pages.push({ htmlFile: `${base}.html`, pngBase: base });
		}
	}
	const extras = [['de-formal_notice', composeReminder(sampleInput('de', 'formal_notice'))]];
	for (const [name, message] of [...extras, ...issue19Pages(composer), ...issue21Pages(composer)]) {
		const base = path.join(outDir, name);
		fs.writeFileSync(`${base}.html`, message.html);
		fs.writeFileSync(`${base}.txt`, `Subject: ${message.subject}\n\n${message.text}`);
		pages.push({ htmlFile: `${base}.html`, pngBase: base });
	}
	const executablePath = findChromium();
	let playwright = true;
	try {
		require.resolve('playwright-core');
	} catch {
		playwright = false;
	}
	if (playwright) await shootWithPlaywright(executablePath, pages);
	else shootWithCli(executablePath, pages);
	console.log(
		`Rendered ${pages.length * VIEWPORTS.length} PNGs to ${path.relative(root, outDir)}/`,
	);
}

main().catch((error) => {
	console.error(error.message);
	process.exit(1);
});

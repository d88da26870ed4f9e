#!/usr/bin/env node
// Renders every built-in reminder (fr, en; every tone) to PNG with headless Chromium so a reviewer can
// look at them: .artifacts/templates/<language>-<tone>[-mobile].png, next to the HTML that was shot.
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

async function main() {
	fs.mkdirSync(outDir, { recursive: true });
	const { composeReminder } = loadComposer();
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

import * as publicApi from '../../nodes/shared';

/**
 * The core's public entry is a promise to self-hosters: adding or removing a name is a decision, made by
 * changing this list and docs/core-api.md together.
 */
describe('nodes/shared/index.ts, the public API', () => {
	it('exports exactly the documented names', () => {
		expect(Object.keys(publicApi).sort()).toEqual(
			[
				// DESIGN.md section 1
				'DunningInputError',
				'SCENARIO_PRESETS',
				'buildDunningReport',
				'calculatePenalty',
				'composeCustomerReminder',
				'composeReminder',
				'evaluateScenario',
				'normalizeInvoice',
				'normalizeQuickBooksInvoice',
				'normalizeStripeInvoice',
				'verifyIntuitSignature',
				'verifyStripeSignature',
				// docs/core-api.md, docs/composer.md, docs/replies.md, docs/pennylane.md
				'RATE_TABLES',
				'normalizePennylaneInvoice',
				'classifyReply',
				'composeApproval',
				'currencyExponent',
				'dateInTimeZone',
				'decimalToMinor',
				'dsoToCsv',
				'formatDunningNote',
				'getBusinessCalendar',
				'minorToDecimalString',
				'parseDunningNote',
				'parseIntuitNotifications',
				'previewRun',
				'readStripeDunningMetadata',
				'reminderThreading',
				'renderPreviewHtml',
				'renderReportHtml',
				'renderSimulationHtml',
				'reportToCsv',
				'simulatePolicy',
				'simulationToCsv',
				'validateScenario',
				'writeStripeDunningMetadata',
			].sort(),
		);
	});

	it('normalizes a raw Pennylane invoice as docs/pennylane.md documents it', () => {
		const invoice = publicApi.normalizePennylaneInvoice(
			{
				id: 5012,
				invoice_number: 'F-2026-0112',
				currency: 'EUR',
				currency_amount: '1450.00',
				remaining_amount_with_tax: '1450.00',
				date: '2026-10-06',
				deadline: '2026-11-05',
				paid: false,
				draft: false,
				customer: { id: 801 },
			},
			{ timezone: 'Europe/Paris' },
		);
		expect(invoice).toMatchObject({
			id: '5012',
			source: 'pennylane',
			status: 'open',
			totalMinor: 145000,
			dueMinor: 145000,
			dueDate: '2026-11-05',
		});
	});

	it('throws the one DunningInputError that the nodes recognise', () => {
		expect(() => publicApi.normalizeInvoice({})).toThrow(publicApi.DunningInputError);
	});
});

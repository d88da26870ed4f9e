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
				// docs/core-api.md, docs/composer.md, docs/replies.md
				'RATE_TABLES',
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

	it('throws the one DunningInputError that the nodes recognise', () => {
		expect(() => publicApi.normalizeInvoice({})).toThrow(publicApi.DunningInputError);
	});
});

// The Late Payment Penalty node in a real n8n 2.41.1 (scripts/n8n): Manual Trigger → Code node producing
// invoices → Late Payment Penalty, run with `n8n execute`, asserting exact amounts. Runs with N8N_REAL=1 (or
// CI=true) after `npm run build`:
//   N8N_REAL=1 npx jest --selectProjects real-n8n -- test/real-n8n/late-payment-penalty
import type { N8nInstance, WorkflowJson } from '../../scripts/n8n/instance';
import {
	createInstance,
	nodeOutput,
	runError,
	type ExecutionError,
} from '../../scripts/n8n/instance';
import { quickBooksExchange, stripeFixture } from '../helpers/fixtures';
import {
	CLI_TIMEOUT,
	describeRealWithPackage,
	INSTALL_TIMEOUT,
	manualTriggerWithInvoices,
	MINUTE,
} from '../helpers/real-n8n';

const NODE = 'Late Payment Penalty';

/** Manual Trigger → Code (returns `items`) → Late Payment Penalty with `parameters` and node `settings`. */
function penaltyWorkflow(
	id: string,
	items: unknown[],
	parameters: Record<string, unknown>,
	options: { settings?: Record<string, unknown>; node?: Record<string, unknown> } = {},
): WorkflowJson {
	return {
		id,
		name: `Late Payment Penalty: ${id}`,
		active: false,
		settings: { executionOrder: 'v1', ...options.settings },
		nodes: [
			...manualTriggerWithInvoices(items),
			{
				id: 'c0000000-0000-4000-8000-000000000003',
				name: NODE,
				type: 'n8n-nodes-dunning.latePaymentPenalty',
				typeVersion: 1,
				position: [400, 0],
				parameters,
				...options.node,
			},
		],
		connections: {
			'Manual Trigger': { main: [[{ node: 'Invoices', type: 'main', index: 0 }]] },
			Invoices: { main: [[{ node: NODE, type: 'main', index: 0 }]] },
		},
	};
}

const FR_S2_WARNING =
	'FR 2026-S2: ECB rate 2.40 % is not confirmed (ECB June 2026 hike reported; the ECB rate change of 2026-06-17 is reported-unconfirmed) — check the source and update nodes/shared/rates (npm run rates:check)';

describeRealWithPackage('Late Payment Penalty in a real n8n 2.41.1', () => {
	let n8n: N8nInstance;

	beforeAll(async () => (n8n = await createInstance({ withPackage: true })), INSTALL_TIMEOUT);
	afterAll(() => n8n?.dispose(), MINUTE);

	it(
		'computes exact penalties for a normalised, a Stripe and a QuickBooks invoice',
		async () => {
			const items = [
				{
					ref: 'normalised',
					rule: 'FR',
					invoice: {
						id: 'F-1',
						status: 'open',
						currency: 'EUR',
						totalMinor: 100_200,
						paidMinor: 0,
						dueMinor: 100_200,
						issueDate: '2026-01-01',
						dueDate: '2026-01-31',
						customer: { locale: 'fr' },
					},
					asOf: '2026-03-09',
				},
				{
					ref: 'stripe',
					rule: 'FR',
					invoice: stripeFixture('invoice-open-send-invoice'),
					asOf: '2026-11-26',
				},
				{
					ref: 'quickbooks',
					rule: 'UK',
					invoice: quickBooksExchange('invoice-open-overdue').response.body,
					asOf: '2026-11-26',
				},
			];
			const id = await n8n.importWorkflow(
				penaltyWorkflow('latePenaltySources', items, {
					operation: 'calculate',
					source: 'invoice',
					invoiceField: 'invoice',
					rule: '={{ $json.rule }}',
					timezone: 'Europe/Paris',
					asOf: '={{ $json.asOf }}',
					language: 'customer',
				}),
			);
			const run = await n8n.executeWorkflow(id);
			expect(runError(run)).toBeUndefined();
			const output = nodeOutput(run, NODE);
			expect(output.map((json) => json.ref)).toEqual(['normalised', 'stripe', 'quickbooks']);
			const [normalised, stripe, quickbooks] = output.map((json) => json.penalty);

			// 100200 × 12.15 × 37 / 36500 = 1234.10 → 1234; the customer reads French.
			expect(normalised).toEqual({
				interestMinor: 1234,
				compensationMinor: 4000,
				totalMinor: 5234,
				periods: [
					{
						from: '2026-02-01',
						to: '2026-03-09',
						days: 37,
						annualRatePercent: 12.15,
						baseMinor: 100_200,
						interestMinor: 1234,
						rateStatus: 'confirmed',
					},
				],
				legalBasis: 'Code de commerce L441-10 II, D441-5',
				warnings: [],
				// Issue 19: the statutory fixed amount in its own currency, and structured notices.
				fixedCompensation: { currency: 'EUR', amountMinor: 4000 },
				notices: [],
				summary:
					"12,34\u00a0€ d'intérêts de retard (12,15\u00a0%/an, 37 jours) + 40,00\u00a0€ d'indemnité forfaitaire pour frais de recouvrement",
			});
			// Due 2026-11-05 in Paris: 21 days at 12.40 % (flagged): 145000 × 12.40 × 21 / 36500 = 1034.47 → 1034.
			expect(stripe).toMatchObject({
				interestMinor: 1034,
				compensationMinor: 4000,
				totalMinor: 5034,
				warnings: [FR_S2_WARNING],
				summary:
					'€10.34 interest (12.40 %/yr (provisional), 21 days) + €40.00 recovery compensation',
			});
			// 1187.34 GBP due 2026-10-30: 27 days at 11.75 %: 118734 × 11.75 × 27 / 36500 = 1032.01 → 1032, + £70.
			expect(quickbooks).toMatchObject({
				interestMinor: 1032,
				compensationMinor: 7000,
				totalMinor: 8032,
				periods: [
					expect.objectContaining({ from: '2026-10-31', days: 27, annualRatePercent: 11.75 }),
				],
				warnings: [],
				summary: '£10.32 interest (11.75 %/yr, 27 days) + £70.00 recovery compensation',
			});
			// The warning is shown once as an execution hint.
			expect(run.data.resultData.runData[NODE][0].hints).toEqual([
				{ message: FR_S2_WARNING, type: 'warning', location: 'outputPane' },
			]);
		},
		CLI_TIMEOUT,
	);

	it(
		"explicit fields, as of today in the workflow's time zone, with bad items on the error output",
		async () => {
			// 365.00 at 10 % earns exactly 0.10 a day: the interest counts the days from the due date to today.
			const zone = 'Pacific/Kiritimati';
			const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
			const days = (Date.parse(today) - Date.parse('2026-01-01')) / 86_400_000;
			const items = [
				{ ref: 'ok', amount: '365.00', due: '2026-01-01' },
				{ ref: 'negative', amount: '-5.00', due: '2026-01-01' },
				{ ref: 'not-a-date', amount: '365.00', due: '2026-02-30' },
			];
			const id = await n8n.importWorkflow(
				penaltyWorkflow(
					'latePenaltyFields',
					items,
					{
						source: 'fields',
						amount: '={{ $json.amount }}',
						currency: 'EUR',
						dueDate: '={{ $json.due }}',
						rule: 'custom',
						customAnnualRatePercent: 10,
						customFixedAmount: '15.00',
						language: 'fr',
					},
					{ settings: { timezone: zone }, node: { onError: 'continueErrorOutput' } },
				),
			);
			const run = await n8n.executeWorkflow(id);
			expect(runError(run)).toBeUndefined();
			const [ok] = nodeOutput(run, NODE, 0);
			expect(nodeOutput(run, NODE, 0)).toHaveLength(1);
			expect(ok.ref).toBe('ok');
			expect(ok.penalty).toMatchObject({
				interestMinor: 10 * days,
				compensationMinor: 1500,
				totalMinor: 10 * days + 1500,
				periods: [expect.objectContaining({ from: '2026-01-02', to: today, days })],
			});
			const errors = nodeOutput(run, NODE, 1);
			expect(errors.map((json) => json.error)).toEqual([
				'Item 1: amount: "-5.00" is negative',
				'Item 2: dueDate: "2026-02-30" is not a date (YYYY-MM-DD)',
			]);
		},
		CLI_TIMEOUT,
	);

	it(
		'stops on a bad item without Continue On Fail, naming the item and the field',
		async () => {
			const id = await n8n.importWorkflow(
				penaltyWorkflow(
					'latePenaltyStops',
					[
						{ amount: '1002.00', consumer: false },
						{ amount: '1002.00', consumer: true },
					],
					{
						source: 'fields',
						amount: '={{ $json.amount }}',
						currency: 'EUR',
						dueDate: '2026-01-31',
						rule: 'FR',
						consumer: '={{ $json.consumer }}',
						asOf: '2026-03-09',
					},
				),
			);
			const failure = (await n8n.executeWorkflow(id).then(
				() => undefined,
				(error: ExecutionError) => error,
			)) as ExecutionError | undefined;
			expect(failure).toBeDefined();
			expect(runError(failure?.run)).toMatchObject({
				node: NODE,
				message:
					'Item 1: penalty.consumer: true is not covered by rule FR: Code de commerce L441-10 applies between businesses only',
			});
		},
		2 * CLI_TIMEOUT,
	);
});

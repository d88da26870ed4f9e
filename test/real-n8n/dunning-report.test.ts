// The Dunning Report node inside a real n8n 2.41.1 (scripts/n8n): one workflow feeds the same invoices to the three
// operations (Build Report, Simulate Policy, Preview) and the figures are checked against hand-computed values.
// Runs with N8N_REAL=1 (or CI=true) after `npm run build`; the first run installs n8n (minutes).
import type { N8nInstance, WorkflowRun } from '../../scripts/n8n/instance';
import { createInstance, nodeOutput, runError } from '../../scripts/n8n/instance';
import { describeRealWithPackage, manualTriggerWithInvoices, MINUTE } from '../helpers/real-n8n';

function invoice(id: string, overrides: Record<string, unknown>): Record<string, unknown> {
	return {
		id,
		source: 'generic',
		number: `F-${id}`,
		status: 'open',
		currency: 'EUR',
		totalMinor: 100000,
		paidMinor: 0,
		dueMinor: 100000,
		issueDate: '2026-06-06',
		dueDate: '2026-10-12',
		customer: { id: `cus-${id}`, name: `Customer ${id}`, email: null, locale: 'fr', tags: [] },
		paymentUrl: null,
		pdfUrl: null,
		payments: [],
		dunning: {
			sentStepIds: [],
			lastSentOn: null,
			promisedOn: null,
			disputed: false,
			paused: false,
		},
		...overrides,
	};
}

// As of 2026-11-26: a 45 days overdue (1000.00), b 100 days overdue and VIP (500.00), c paid 3 days after its
// d7 reminder. Worklist: b 15 + 30 + 10 = 55, a 30 + 15 = 45.
const ITEMS = [
	{
		ref: 'A',
		invoice: invoice('a', { dunning: { sentStepIds: ['d7'], lastSentOn: '2026-10-19' } }),
		history: [{ stepId: 'd7', sentOn: '2026-10-19' }],
	},
	{
		ref: 'B',
		invoice: invoice('b', {
			totalMinor: 50000,
			dueMinor: 50000,
			dueDate: '2026-08-18',
			customer: { id: 'cus-b', name: 'Beta', email: null, locale: 'fr', tags: ['vip'] },
		}),
	},
	{
		ref: 'C',
		invoice: invoice('c', {
			status: 'paid',
			totalMinor: 20000,
			paidMinor: 20000,
			dueMinor: 0,
			dueDate: '2026-07-06',
			payments: [{ date: '2026-07-16', amountMinor: 20000 }],
			dunning: { sentStepIds: ['d7'], lastSentOn: '2026-07-13' },
		}),
	},
];

function node(
	name: string,
	x: number,
	y: number,
	parameters: Record<string, unknown>,
	index: number,
) {
	return {
		id: `c0000000-0000-4000-8000-00000000000${index}`,
		name,
		type: 'n8n-nodes-dunning.dunningReport',
		typeVersion: 1,
		position: [x, y],
		parameters,
	};
}

function binaryOf(run: WorkflowRun, nodeName: string): Record<string, unknown> | undefined {
	const items = run.data.resultData.runData[nodeName]?.[0]?.data?.main?.[0] ?? [];
	return (items[0] as { binary?: Record<string, unknown> } | undefined)?.binary;
}

describeRealWithPackage('Dunning Report in a real n8n 2.41.1', () => {
	let n8n: N8nInstance;
	let run: WorkflowRun;

	beforeAll(async () => {
		n8n = await createInstance({ withPackage: true });
		const id = await n8n.importWorkflow({
			id: 'dunningReportReal1',
			name: 'Dunning Report: report, simulation, preview',
			settings: { executionOrder: 'v1' },
			nodes: [
				...manualTriggerWithInvoices(ITEMS),
				node('Report', 400, -200, { asOf: '2026-11-26', outputWorklist: true }, 3),
				node(
					'Simulate',
					400,
					0,
					{
						operation: 'simulatePolicy',
						scenario: 'classic-7-14-21',
						from: '2026-07-01',
						to: '2026-07-31',
						outputEvents: true,
					},
					4,
				),
				node(
					'Preview',
					400,
					200,
					{
						operation: 'preview',
						scenario: 'classic-7-14-21',
						previewOptions: { now: '2026-10-19T09:00:00Z' },
					},
					5,
				),
			],
			connections: {
				'Manual Trigger': { main: [[{ node: 'Invoices', type: 'main', index: 0 }]] },
				Invoices: {
					main: [
						[
							{ node: 'Report', type: 'main', index: 0 },
							{ node: 'Simulate', type: 'main', index: 0 },
							{ node: 'Preview', type: 'main', index: 0 },
						],
					],
				},
			},
		});
		run = await n8n.executeWorkflow(id);
	}, 25 * MINUTE);

	afterAll(async () => {
		await n8n?.dispose();
	}, MINUTE);

	it('builds the report: aging, per-step recovery, worklist and the CSV attachment', () => {
		expect(runError(run)).toBeUndefined();
		const [summary] = nodeOutput(run, 'Report', 0);
		const report = summary.report as Record<string, unknown>;
		expect(report.byCurrency).toEqual({
			EUR: {
				openCount: 2,
				openMinor: 150000,
				overdueCount: 2,
				overdueMinor: 150000,
				aging: { current: 0, d1_30: 0, d31_60: 100000, d61_90: 0, over90: 50000 },
			},
		});
		expect(report.worklist).toEqual([
			{
				invoiceId: 'b',
				source: 'generic',
				score: 55,
				reasons: [
					'500.00 EUR at stake (50% of the largest open EUR amount): +15',
					'100 days overdue: +30',
					'customer tagged "vip": +10',
				],
			},
			{
				invoiceId: 'a',
				source: 'generic',
				score: 45,
				reasons: [
					'1,000.00 EUR at stake (100% of the largest open EUR amount): +30',
					'45 days overdue: +15',
				],
			},
		]);
		// d7: a (unpaid after 38 days) and c (paid 3 days after it)
		expect(report.steps).toEqual([
			expect.objectContaining({
				stepId: 'd7',
				sent: 2,
				dated: 2,
				paidAfter: 1,
				recovered: 1,
				eligible: 2,
				recoveryRate: 0.5,
			}),
		]);
		expect(summary.errors).toEqual([]);
		expect(String(summary.html)).toContain('<svg');
		expect(binaryOf(run, 'Report')?.data).toMatchObject({
			mimeType: 'text/csv',
			fileName: 'dunning-report-2026-11-26.csv',
		});
		const runData = run.data.resultData.runData.Report[0].data?.main?.[0] ?? [];
		expect(runData[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(nodeOutput(run, 'Report', 1).map((item) => item.ref)).toEqual(['B', 'A']);
	});

	it('simulates the classic scenario over July', () => {
		const [summary] = nodeOutput(run, 'Simulate', 0);
		const simulation = summary.simulation as { totals: Record<string, unknown> };
		// c (due 07-06, paid 07-16): d7 on Monday 07-13, stop on 07-16; a and b are not due in July
		expect(simulation.totals).toMatchObject({
			reminders: 1,
			escalations: 0,
			stops: 1,
			remindersAfterPayment: 0,
		});
		expect(
			nodeOutput(run, 'Simulate', 1).map(
				(event) => `${event.date} ${event.invoiceId} ${event.action}`,
			),
		).toEqual(['2026-07-13 c send', '2026-07-16 c stop']);
	});

	it('previews a run without sending', () => {
		const [summary] = nodeOutput(run, 'Preview', 0);
		// on 2026-10-19: a is 7 days overdue but d7 is already recorded → waits for d14; b is sequential at d7
		expect(summary.preview).toMatchObject({ on: '2026-10-19', counts: { send: 1 } });
		expect(nodeOutput(run, 'Preview', 1).map((item) => item.ref)).toEqual(['B']);
	});
});

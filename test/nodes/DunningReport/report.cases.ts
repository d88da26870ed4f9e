import { DunningReport } from '../../../nodes/DunningReport/DunningReport.node';
import { itemsIntoNode } from '../../helpers/items-workflow';
import { runWorkflow, type WorkflowJson } from '../../helpers/run-workflow';
import type { DunningReport as Report, Simulation } from '../../../nodes/shared/internal';
import { makeInvoice } from '../../shared/invoice-factory';

describe('report', () => {
	const nodeTypes = { 'n8n-nodes-dunning.dunningReport': new DunningReport() };

	/** Manual Trigger → items → Dunning Report, as a user would wire it in the editor. */
	function workflow(
		items: unknown[],
		parameters: Record<string, unknown>,
		settings: Record<string, unknown> = {},
	): WorkflowJson {
		return itemsIntoNode(items, {
			name: 'Dunning Report',
			type: 'n8n-nodes-dunning.dunningReport',
			parameters,
			settings,
		});
	}

	const run = (
		items: unknown[],
		parameters: Record<string, unknown>,
		settings?: Record<string, unknown>,
	) => runWorkflow(workflow(items, parameters, settings), { nodeTypes });

	const AS_OF = '2026-11-26';

	const book = [
		// 45 days overdue, 1000.00 EUR, with a dated history
		{
			ref: 'A',
			invoice: makeInvoice({
				id: 'a',
				totalMinor: 1000_00,
				dueMinor: 1000_00,
				dueDate: '2026-10-12',
				customer: { id: 'A', name: 'Alpha' },
				dunning: { sentStepIds: ['d7'], lastSentOn: '2026-10-19' },
			}),
			history: [{ stepId: 'd7', sentOn: '2026-10-19' }],
		},
		// 100 days overdue, VIP
		{
			ref: 'B',
			invoice: makeInvoice({
				id: 'b',
				totalMinor: 500_00,
				dueMinor: 500_00,
				dueDate: '2026-08-18',
				customer: { id: 'B', name: 'Beta', tags: ['vip'] },
			}),
		},
		// paid 3 days after its d7 reminder
		{
			ref: 'C',
			invoice: makeInvoice({
				id: 'c',
				status: 'paid',
				totalMinor: 200_00,
				paidMinor: 200_00,
				dueMinor: 0,
				dueDate: '2026-10-01',
				payments: [{ date: '2026-10-11', amountMinor: 200_00 }],
				customer: { id: 'C', name: 'Gamma' },
				dunning: { sentStepIds: ['d7'], lastSentOn: '2026-10-08' },
			}),
		},
	];

	describe('Dunning Report node: Build Report', () => {
		it('aggregates every item into one summary with figures, HTML and a CSV attachment', async () => {
			const result = await run(book, { asOf: AS_OF });
			expect(result.error).toBeUndefined();
			const [summary] = result.outputOf('Dunning Report', 0);
			expect(result.outputOf('Dunning Report', 0)).toHaveLength(1);
			expect(summary.pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			const report = summary.json.report as unknown as Report;
			expect(report.byCurrency).toEqual({
				EUR: {
					openCount: 2,
					openMinor: 1500_00,
					overdueCount: 2,
					overdueMinor: 1500_00,
					aging: { current: 0, d1_30: 0, d31_60: 1000_00, d61_90: 0, over90: 500_00 },
				},
			});
			expect(report.worklist.map((entry: { invoiceId: string }) => entry.invoiceId)).toEqual([
				'b',
				'a',
			]);
			// d7: a (history field, unpaid, eligible) and c (lastSentOn, paid after 3 days)
			expect(report.steps).toEqual([
				expect.objectContaining({
					stepId: 'd7',
					sent: 2,
					dated: 2,
					paidAfter: 1,
					eligible: 2,
					recovered: 1,
					recoveryRate: 0.5,
					medianDaysToPay: 3,
				}),
			]);
			expect(summary.json.errors).toEqual([]);
			expect(summary.json.html).toMatch(/^<!DOCTYPE html>/);
			expect(summary.binary?.data).toMatchObject({
				mimeType: 'text/csv',
				fileName: 'dunning-report-2026-11-26.csv',
			});
			const csv = Buffer.from(summary.binary!.data.data, 'base64').toString('utf8');
			expect(csv.split('\r\n')[1]).toMatch(/^1,55,b,generic,/);
			expect(result.outputOf('Dunning Report', 1)).toEqual([]);
		});

		it('outputs the worklist as items sorted by priority, paired to their source items', async () => {
			const result = await run(book, {
				asOf: AS_OF,
				outputWorklist: true,
				options: { fileName: 'weekly.csv', binaryPropertyName: 'report' },
			});
			const worklist = result.outputOf('Dunning Report', 1);
			expect(
				worklist.map((item) => [item.json.ref, (item.json.priority as { rank: number }).rank]),
			).toEqual([
				['B', 1],
				['A', 2],
			]);
			expect(worklist.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 0 }]);
			expect(worklist[0].json.priority).toMatchObject({
				score: 55,
				reasons: [
					'500.00 EUR at stake (50% of the largest open EUR amount): +15',
					'100 days overdue: +30',
					'customer tagged "vip": +10',
				],
				bucket: 'over90',
			});
			expect(result.outputOf('Dunning Report', 0)[0].binary?.report.fileName).toBe('weekly.csv');
		});

		it('reads raw Stripe invoices too', async () => {
			const stripe = {
				object: 'invoice',
				id: 'in_1',
				status: 'open',
				currency: 'eur',
				total: 12345,
				amount_paid: 0,
				amount_remaining: 12345,
				created: 1790000000,
				due_date: 1791000000,
				customer: 'cus_1',
				customer_name: 'Stripe Co',
				customer_email: 'a@b.example',
				metadata: {},
			};
			const result = await run([stripe], { asOf: AS_OF, timezone: 'Europe/Paris' });
			expect(result.error).toBeUndefined();
			const report = result.jsonOf('Dunning Report', 0)[0].report as unknown as Report;
			expect(report.byCurrency.EUR.openMinor).toBe(12345);
			expect(report.worklist[0]).toMatchObject({ invoiceId: 'in_1', source: 'stripe' });
		});

		it('stops on a bad item without Continue On Fail, naming the item and field', async () => {
			const result = await run(
				[...book, { invoice: { ...book[0].invoice, id: 'bad', dueDate: '2026-13-01' } }],
				{
					asOf: AS_OF,
				},
			);
			expect(result.status).toBe('error');
			expect(result.error?.message).toMatch(
				/^Item 3: invoice\.dueDate: "2026-13-01" is not a date/,
			);
		});

		it('with Continue On Fail, reports a bad item in the summary and still counts the others', async () => {
			const bad = {
				ref: 'X',
				invoice: { ...book[0].invoice, id: 'bad' },
				history: [{ stepId: 'd7', sentOn: 'yesterday' }],
			};
			const result = await run(
				[book[0], bad, book[1]],
				{ asOf: AS_OF },
				{ onError: 'continueRegularOutput' },
			);
			expect(result.error).toBeUndefined();
			const [summary] = result.outputOf('Dunning Report', 0);
			expect(summary.json.errors).toEqual([
				{
					item: 1,
					error:
						'Item 1: invoice.dunning.history[0].sentOn: "yesterday" is not a date (YYYY-MM-DD)',
				},
			]);
			expect((summary.json.report as unknown as Report).byCurrency.EUR.openCount).toBe(2);
			expect(summary.pairedItem).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
			const failed = result.outputOf('Dunning Report', 1);
			expect(failed).toHaveLength(1);
			expect(failed[0].json).toMatchObject({ ref: 'X', error: expect.stringMatching(/^Item 1:/) });
		});

		it('with the error output, sends a bad item there', async () => {
			const result = await run(
				[book[0], { ref: 'Y', invoice: { nonsense: true } }],
				{ asOf: AS_OF },
				{ onError: 'continueErrorOutput' },
			);
			expect(result.outputOf('Dunning Report', 0)).toHaveLength(1);
			const errors = result.outputOf('Dunning Report', 2);
			expect(errors).toHaveLength(1);
			expect(errors[0].json.error).toMatch(/^Item 1: invoice/);
			expect(errors[0].pairedItem).toEqual({ item: 1 });
		});

		it('refuses a bad As Of whatever the error setting', async () => {
			const result = await run(book, { asOf: '26/11/2026' }, { onError: 'continueRegularOutput' });
			expect(result.nodeError('Dunning Report')).toMatchObject({
				message: expect.stringMatching(/^options\.asOf: "26\/11\/2026" is not a date/),
			});
		});
	});

	describe('Dunning Report node: history inputs', () => {
		it('reads dunning.history and dunning.promises from the invoice object, and a history at a dot path', async () => {
			const items = [
				{
					invoice: {
						...makeInvoice({ id: 'h', dueDate: '2026-10-01', customer: { id: 'H' } }),
						dunning: {
							sentStepIds: ['d7', 'd14'],
							lastSentOn: '2026-10-15',
							promisedOn: null,
							disputed: false,
							paused: false,
							history: [
								{ stepId: 'd7', sentOn: '2026-10-08' },
								{ stepId: 'd14', sentOn: '2026-10-15' },
							],
							promises: ['2026-10-20'],
						},
					},
				},
				{
					invoice: makeInvoice({
						id: 'k',
						dueDate: '2026-10-01',
						customer: { id: 'K' },
						dunning: { sentStepIds: ['d7'] },
					}),
					crm: { reminders: [{ stepId: 'd7', sentOn: '2026-10-08' }] },
				},
			];
			const result = await run(items, { asOf: AS_OF, historyField: 'crm.reminders' });
			expect(result.error).toBeUndefined();
			const report = result.jsonOf('Dunning Report', 0)[0].report as unknown as Report;
			expect(report.history).toEqual({ sentSteps: 3, datedSteps: 3 });
			expect(report.steps.map((step) => [step.stepId, step.dated])).toEqual([
				['d7', 2],
				['d14', 1],
			]);
			expect(report.promises).toMatchObject({ broken: 1 });
		});
	});

	describe('Dunning Report node: History From (issue 22)', () => {
		it('defaults to the invoices: the same report as with History From Invoices, without proofs and without asking for the ledger credential', async () => {
			// No credential is given to these runs: reading the ledger would fail them.
			const byDefault = await run(book, { asOf: AS_OF });
			const fromInvoices = await run(book, { asOf: AS_OF, historyFrom: 'invoices' });
			expect(byDefault.error).toBeUndefined();
			expect(fromInvoices.error).toBeUndefined();
			const [summary] = byDefault.outputOf('Dunning Report', 0);
			expect(summary.json).toEqual(fromInvoices.outputOf('Dunning Report', 0)[0].json);
			expect(summary.json.report).not.toHaveProperty('proofs');
			expect(String(summary.json.html)).not.toContain('Proof of reminders');
			expect(Object.keys(summary.binary ?? {}).sort()).toEqual(['data', 'data_dso']);
			// The invoices' own history still counts (A's History Field, C's lastSentOn).
			expect((summary.json.report as unknown as Report).history).toEqual({
				sentSteps: 2,
				datedSteps: 2,
			});
		});

		it('shows the Dunning Ledger credential only for History From Dunning Ledger, and History Field only for Invoices', () => {
			const node = new DunningReport().description;
			expect(node.credentials).toEqual([
				expect.objectContaining({
					name: 'dunningLedgerPostgresApi',
					displayOptions: { show: { operation: ['buildReport'], historyFrom: ['ledger'] } },
				}),
			]);
			const historyFrom = node.properties.find((property) => property.name === 'historyFrom');
			expect(historyFrom).toMatchObject({ default: 'invoices' });
			expect(historyFrom?.options?.map((option) => (option as { value: string }).value)).toEqual([
				'invoices',
				'ledger',
			]);
			expect(
				node.properties.find((property) => property.name === 'historyField')?.displayOptions,
			).toEqual({ show: { operation: ['buildReport'], historyFrom: ['invoices'] } });
		});
	});

	describe('Dunning Report node: Simulate Policy', () => {
		const quarter = [
			{
				ref: 'W1',
				invoice: makeInvoice({
					id: 'w1',
					issueDate: '2026-06-06',
					dueDate: '2026-07-06',
					customer: { id: 'W' },
				}),
			},
			{
				ref: 'P1',
				invoice: makeInvoice({
					id: 'p1',
					issueDate: '2026-06-06',
					dueDate: '2026-07-06',
					status: 'paid',
					totalMinor: 100_00,
					paidMinor: 100_00,
					dueMinor: 0,
					payments: [{ date: '2026-07-15', amountMinor: 100_00 }],
				}),
			},
		];

		it('gives the calendar and totals, and the events as items when asked', async () => {
			const result = await run(quarter, {
				operation: 'simulatePolicy',
				scenario: 'classic-7-14-21',
				from: '2026-07-01',
				to: '2026-07-31',
				outputEvents: true,
			});
			expect(result.error).toBeUndefined();
			const [summary] = result.outputOf('Dunning Report', 0);
			expect(summary.pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
			const simulation = summary.json.simulation as unknown as Simulation;
			expect(simulation.totals).toMatchObject({
				reminders: 3,
				escalations: 1,
				remindersAfterPayment: 0,
			});
			expect(summary.binary?.data.mimeType).toBe('text/csv');
			const events = result.jsonOf('Dunning Report', 1);
			expect(
				events.map(
					(event) =>
						`${event.date} ${event.invoiceId} ${event.action} ${event.stepId ?? event.reason}`,
				),
			).toEqual([
				'2026-07-13 w1 send d7',
				'2026-07-13 p1 send d7',
				'2026-07-15 p1 stop paid',
				'2026-07-20 w1 send d14',
				'2026-07-27 w1 escalate d21',
				'2026-07-28 w1 stop sequence_complete',
			]);
			expect(result.outputOf('Dunning Report', 1)[1].pairedItem).toEqual({ item: 1 });
		});

		it('takes a JSON scenario', async () => {
			const result = await run(quarter, {
				operation: 'simulatePolicy',
				scenario: 'json',
				scenarioJson: JSON.stringify({
					id: 'one-step',
					timezone: 'Europe/Paris',
					steps: [{ id: 'd3', offsetDays: 3, tone: 'friendly' }],
				}),
				from: '2026-07-01',
				to: '2026-07-31',
			});
			const simulation = result.jsonOf('Dunning Report', 0)[0].simulation as unknown as Simulation;
			expect(simulation.scenarioId).toBe('one-step');
			expect(simulation.totals.perStep).toEqual({ d3: { send: 2, escalate: 0 } });
		});
	});

	describe('Dunning Report node: Preview', () => {
		it('lists what a run now would send, without sending', async () => {
			const items = [
				{ ref: 'S', invoice: makeInvoice({ id: 's', dueDate: '2026-11-19' }) },
				{
					ref: 'T',
					invoice: makeInvoice({
						id: 't',
						dueDate: '2026-11-05',
						dunning: { sentStepIds: ['d7', 'd14'], lastSentOn: '2026-11-19' },
					}),
				},
				{ ref: 'L', invoice: makeInvoice({ id: 'l', dueDate: '2026-11-25' }) },
			];
			const result = await run(items, {
				operation: 'preview',
				scenario: 'classic-7-14-21',
				previewOptions: { now: '2026-11-26T09:00:00Z' },
			});
			expect(result.error).toBeUndefined();
			const [summary] = result.jsonOf('Dunning Report', 0);
			expect(summary.preview).toMatchObject({
				on: '2026-11-26',
				counts: { send: 1, escalate: 1, wait: 1, skip: 0, stop: 0 },
			});
			expect(summary.html).toContain('Nothing has been sent');
			const planned = result.outputOf('Dunning Report', 1);
			expect(
				planned.map((item) => [item.json.ref, (item.json.preview as { stepId: string }).stepId]),
			).toEqual([
				['S', 'd7'],
				['T', 'd21'],
			]);
			expect(planned.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		});
	});
});

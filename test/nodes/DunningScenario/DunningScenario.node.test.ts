import { DunningScenario } from '../../../nodes/DunningScenario/DunningScenario.node';
import { SCENARIO_PRESETS } from '../../../nodes/shared/internal';
import { quickBooksExchange, stripeFixture } from '../../helpers/fixtures';
import { itemsIntoNode } from '../../helpers/items-workflow';
import { runWorkflow, type WorkflowJson } from '../../helpers/run-workflow';
import { makeInvoice } from '../../shared/invoice-factory';
import pennylaneCustomer from '../../simulators/pennylane/fixtures/customer-company.json';
import pennylaneLate from '../../simulators/pennylane/fixtures/invoice-late.json';

const nodeTypes = { 'n8n-nodes-dunning.dunningScenario': new DunningScenario() };

/** Manual Trigger → items → Dunning Scenario, as a user would wire it in the editor. */
function workflow(
	items: unknown[],
	parameters: Record<string, unknown>,
	settings: Record<string, unknown> = {},
): WorkflowJson {
	const type = 'n8n-nodes-dunning.dunningScenario';
	return itemsIntoNode(items, { name: 'Dunning Scenario', type, parameters, settings });
}

const run = (
	items: unknown[],
	parameters: Record<string, unknown>,
	settings?: Record<string, unknown>,
) => runWorkflow(workflow(items, parameters, settings), { nodeTypes });

const classicStep = (id: string) =>
	SCENARIO_PRESETS['classic-7-14-21'].steps.find((step) => step.id === id);

const invoiceItem = (id: string, overrides: Parameters<typeof makeInvoice>[0] = {}) => ({
	ref: id,
	invoice: makeInvoice({ id, ...overrides }),
});

describe('Dunning Scenario node in the n8n engine', () => {
	it('routes items to Send, Escalate and No Action, keeping their data and pairing', async () => {
		const items = [
			invoiceItem('due-d7'),
			invoiceItem('due-d21', { dunning: { sentStepIds: ['d7', 'd14'], lastSentOn: '2026-11-16' } }),
			invoiceItem('paid', { status: 'paid', dueMinor: 0 }),
			invoiceItem('disputed', { dunning: { disputed: true } }),
		];
		const result = await run(items, {
			scenario: 'classic-7-14-21',
			options: { now: '2026-11-23T09:00:00Z' },
		});
		expect(result.error).toBeUndefined();

		const send = result.outputOf('Dunning Scenario', 0);
		expect(
			send.map((item) => [item.json.ref, (item.json.decision as { stepId: string }).stepId]),
		).toEqual([['due-d7', 'd7']]);
		expect(send[0].pairedItem).toEqual({ item: 0 });
		expect(send[0].json.invoice).toMatchObject({ id: 'due-d7', dueMinor: 120000 });
		expect(send[0].json.step).toEqual(classicStep('d7'));
		expect(send[0].json.decision).toMatchObject({
			action: 'send',
			idempotencyKey: 'generic:due-d7:d7',
			daysOverdue: 21,
		});

		const escalate = result.outputOf('Dunning Scenario', 1);
		expect(
			escalate.map((item) => [item.json.ref, (item.json.decision as { reason: string }).reason]),
		).toEqual([['due-d21', 'internal_step']]);
		expect(escalate[0].pairedItem).toEqual({ item: 1 });

		expect(escalate[0].json.step).toEqual(classicStep('d21'));
		const none = result.outputOf('Dunning Scenario', 2);
		expect(
			none.map((item) => [item.json.ref, (item.json.decision as { reason: string }).reason]),
		).toEqual([
			['paid', 'paid'],
			['disputed', 'disputed'],
		]);
		expect(none.map((item) => item.pairedItem)).toEqual([{ item: 2 }, { item: 3 }]);
	});

	it('reads raw Stripe and QuickBooks invoices and Stripe events (auto-detect)', async () => {
		const items = [
			stripeFixture('invoice-with-dunning-metadata'),
			quickBooksExchange('invoice-open-overdue').response.body,
			stripeFixture('event-invoice.overdue'),
		];
		const result = await run(items, {
			scenario: 'classic-7-14-21',
			options: { now: '2026-11-26T09:00:00Z' },
		});
		expect(result.error).toBeUndefined();
		const all = [0, 1, 2].flatMap((output) => result.jsonOf('Dunning Scenario', output));
		const bySource = Object.fromEntries(
			all.map((json) => [
				(json.invoice as { id: string }).id,
				(json.decision as { reason: string }).reason,
			]),
		);
		// Stripe: d7 and d14 sent, promise to pay by 2026-11-28 still running.
		expect(bySource.in_1TVAXeLm3QvR8tXwlOLi29Az).toBe('promise');
		// QuickBooks 1042: due 2026-10-30, nothing sent: sequential catch-up starts with d7.
		expect(bySource['1042']).toBe('step_due');
		expect(Object.keys(bySource)).toHaveLength(3);
		// The raw object stays where it was in the item; the normalised invoice does not copy it again.
		expect(all.every((json) => !('raw' in (json.invoice as object)))).toBe(true);
	});

	it('reads a raw Pennylane invoice: recognised by Auto-Detect, or as Pennylane Invoice with its customer', async () => {
		const decide = async (items: unknown[], parameters: Record<string, unknown> = {}) => {
			const result = await run(items, {
				scenario: 'classic-7-14-21',
				...parameters,
				options: { now: '2026-11-26T09:00:00Z' },
			});
			expect(result.error).toBeUndefined();
			return result.jsonOf('Dunning Scenario', 0) as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
		};
		// 5012: 1,450.00 EUR due 2026-11-05, nothing sent: sequential catch-up starts with d7.
		const [auto] = await decide([pennylaneLate]);
		expect(auto.invoice).toMatchObject({ id: '5012', source: 'pennylane', dueMinor: 145000 });
		expect(auto.decision).toMatchObject({ stepId: 'd7', idempotencyKey: 'pennylane:5012:d7' });
		const [withCustomer] = await decide(
			[{ pennylane: pennylaneLate, customer: pennylaneCustomer }],
			{
				invoiceFormat: 'pennylane',
				invoiceField: 'pennylane',
			},
		);
		expect(withCustomer.invoice.customer).toMatchObject({
			id: '801',
			email: 'compta@atelier-brioche.example.fr',
			locale: 'fr-FR',
		});
	});

	it('takes the invoice from a field path', async () => {
		const result = await run([{ payload: { inv: makeInvoice({ id: 'nested' }) } }], {
			scenario: 'classic-7-14-21',
			invoiceField: 'payload.inv',
			options: { now: '2026-11-09' },
		});
		expect(result.jsonOf('Dunning Scenario', 0)[0].decision).toMatchObject({ stepId: 'd7' });
	});

	it('applies custom steps and options from the UI', async () => {
		const result = await run([invoiceItem('a'), invoiceItem('small', { dueMinor: 900 })], {
			scenario: 'custom',
			steps: {
				step: [
					{ id: 'gentle', offsetDays: 3, tone: 'friendly' },
					{ id: 'team', offsetDays: 10, audience: 'internal', tone: 'internal', channel: 'task' },
				],
			},
			timezone: 'Europe/Paris',
			options: { now: '2026-11-05T10:00:00Z', holidays: 'FR', minimumDue: '10.00' },
		});
		expect(result.error).toBeUndefined();
		expect(
			result
				.jsonOf('Dunning Scenario', 0)
				.map((json) => (json.decision as { stepId: string }).stepId),
		).toEqual(['gentle']);
		expect(
			result
				.jsonOf('Dunning Scenario', 2)
				.map((json) => (json.decision as { reason: string }).reason),
		).toEqual(['below_minimum']);
	});

	it("Holidays Country at Scenario's Setting: the presets keep French holidays, Custom Steps none (as the option says)", async () => {
		expect(Object.values(SCENARIO_PRESETS).map((preset) => preset.holidays)).toEqual(
			Object.values(SCENARIO_PRESETS).map(() => 'FR'),
		);
		// Due 4 November: J+7 is 11 November 2026, a Wednesday and a French public holiday.
		const sentOnArmistice = async (parameters: Record<string, unknown>, now = '2026-11-11') =>
			(
				await run([invoiceItem('a', { dueDate: '2026-11-04' })], {
					...parameters,
					timezone: 'Europe/Paris',
					options: { now: `${now}T10:00:00Z` },
				})
			)
				.jsonOf('Dunning Scenario', 0)
				.map((json) => (json.decision as { stepId: string }).stepId);
		expect(await sentOnArmistice({ scenario: 'classic-7-14-21' })).toEqual([]);
		expect(await sentOnArmistice({ scenario: 'classic-7-14-21' }, '2026-11-12')).toEqual(['d7']);
		expect(
			await sentOnArmistice({
				scenario: 'custom',
				steps: { step: [{ id: 'd7', offsetDays: 7, tone: 'friendly' }] },
			}),
		).toEqual(['d7']);
	});

	it('accepts a JSON scenario from an expression', async () => {
		const scenario = {
			id: 'json',
			timezone: 'UTC',
			steps: [{ id: 'j1', offsetDays: 1, tone: 'notice' }],
		};
		const result = await run([{ ...invoiceItem('a'), scenario }], {
			scenario: 'json',
			scenarioJson: '={{ $json.scenario }}',
			options: { now: '2026-11-03T12:00:00Z' },
		});
		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Dunning Scenario', 0)[0].decision).toMatchObject({ stepId: 'j1' });
	});

	it('escalates VIP customers after two unanswered reminders', async () => {
		const vip = { id: 'c', name: 'Kestrel', email: 'ap@k.example', locale: 'en', tags: ['vip'] };
		const result = await run(
			[
				invoiceItem('vip', {
					customer: vip,
					dunning: { sentStepIds: ['d1', 'd7'], lastSentOn: '2026-11-09' },
				}),
			],
			{
				scenario: 'firm-5-steps',
				options: { now: '2026-11-16T09:00:00Z', escalateTags: 'vip, strategic' },
			},
		);
		expect(result.jsonOf('Dunning Scenario', 1)[0].decision).toMatchObject({
			action: 'escalate',
			reason: 'escalation',
			stepId: 'd14',
		});
	});

	describe('Needs Approval output (issue 19 #1)', () => {
		const firm = SCENARIO_PRESETS['firm-5-steps'];
		const atFormalNotice = (id: string, tags: string[] = []) =>
			invoiceItem(id, {
				customer: { tags },
				dunning: { sentStepIds: ['d1', 'd7', 'd14', 'd21'], lastSentOn: '2026-11-23' },
			});

		it('sends the firm-5-steps J+30 formal notice to Needs Approval (output 3), never to Send', async () => {
			const result = await run(
				[
					invoiceItem('d7', { dunning: { sentStepIds: ['d1'], lastSentOn: '2026-11-03' } }),
					atFormalNotice('d30'),
				],
				{
					scenario: 'firm-5-steps',
					options: { now: '2026-12-02T09:00:00Z' },
				},
			);
			expect(result.error).toBeUndefined();
			expect(result.jsonOf('Dunning Scenario', 0).map((json) => json.ref)).toEqual(['d7']);
			const approval = result.outputOf('Dunning Scenario', 3);
			expect(approval.map((item) => item.json.ref)).toEqual(['d30']);
			expect(approval[0].pairedItem).toEqual({ item: 1 });
			expect(approval[0].json.decision).toMatchObject({ action: 'send', stepId: 'd30' });
			expect(approval[0].json.step).toEqual(firm.steps.find((step) => step.id === 'd30'));
		});

		it('sends any custom step marked Requires Approval to Needs Approval, whatever its tone', async () => {
			const result = await run([invoiceItem('a')], {
				scenario: 'custom',
				steps: {
					step: [{ id: 'j3', offsetDays: 3, tone: 'friendly', requiresApproval: true }],
				},
				timezone: 'Europe/Paris',
				options: { now: '2026-11-05T10:00:00Z' },
			});
			expect(result.jsonOf('Dunning Scenario', 0)).toEqual([]);
			expect(result.jsonOf('Dunning Scenario', 3).map((json) => json.decision)).toEqual([
				expect.objectContaining({ action: 'send', stepId: 'j3' }),
			]);
		});

		it('sends an escalation whose step requires approval to Needs Approval, not Escalate', async () => {
			const result = await run([atFormalNotice('vip', ['vip'])], {
				scenario: 'firm-5-steps',
				options: { now: '2026-12-02T09:00:00Z', escalateTags: 'vip' },
			});
			expect(result.jsonOf('Dunning Scenario', 1)).toEqual([]);
			expect(result.jsonOf('Dunning Scenario', 3)[0].decision).toMatchObject({
				action: 'escalate',
				stepId: 'd30',
			});
		});

		it('names the four outputs Send, Escalate, No Action, Needs Approval (appended: old wiring keeps its index)', () => {
			const { outputs, outputNames } = new DunningScenario().description;
			expect(outputs).toHaveLength(4);
			expect(outputNames).toEqual(['Send', 'Escalate', 'No Action', 'Needs Approval']);
		});
	});

	it('keeps a minimum gap per customer across its invoices (one rhythm for grouped messages)', async () => {
		const items = [
			invoiceItem('recent', {
				dunning: { sentStepIds: ['d7'], lastSentOn: '2026-11-20' },
				dueDate: '2026-11-13',
			}),
			invoiceItem('new', { dueDate: '2026-11-16' }),
			invoiceItem('other', { dueDate: '2026-11-16', customer: { id: 'cus-2' } }),
		];
		const parameters = {
			scenario: 'classic-7-14-21',
			options: { now: '2026-11-23', minDaysBetweenCustomer: 7 },
		};
		const result = await run(items, parameters);
		expect(result.jsonOf('Dunning Scenario', 0).map((json) => json.ref)).toEqual(['other']);
		const waiting = result.jsonOf('Dunning Scenario', 2);
		expect(
			waiting.map((json) => [json.ref, (json.decision as { nextActionOn: string }).nextActionOn]),
		).toEqual([
			['recent', '2026-11-27'],
			['new', '2026-11-27'],
		]);
		const without = await run(items, { ...parameters, options: { now: '2026-11-23' } });
		expect(without.jsonOf('Dunning Scenario', 0).map((json) => json.ref)).toEqual(['new', 'other']);
	});

	it('stops the workflow on a bad item, naming the item and the field', async () => {
		const result = await run([invoiceItem('ok'), invoiceItem('bad', { dueDate: '2026-13-01' })], {
			scenario: 'classic-7-14-21',
		});
		expect(result.status).toBe('error');
		expect(result.error).toMatchObject({
			name: 'NodeOperationError',
			message: 'Item 1: invoice.dueDate: "2026-13-01" is not a date (YYYY-MM-DD)',
			context: { itemIndex: 1 },
		});
	});

	it('with Continue (using error output), sends bad items to the error output and processes the rest', async () => {
		const items = [
			invoiceItem('ok'),
			{ ref: 'broken', invoice: { id: 'x', status: 'open' } },
			invoiceItem('ok2'),
		];
		const result = await run(
			items,
			{ scenario: 'classic-7-14-21', options: { now: '2026-11-09T09:00:00Z' } },
			{ onError: 'continueErrorOutput' },
		);
		expect(result.error).toBeUndefined();
		expect(result.jsonOf('Dunning Scenario', 0).map((json) => json.ref)).toEqual(['ok', 'ok2']);
		const errors = result.outputOf('Dunning Scenario', 4);
		expect(errors).toHaveLength(1);
		expect(errors[0].json.error).toBe(
			'Item 1: invoice: not a recognised invoice (expected a Stripe, QuickBooks or Pennylane invoice, or a normalised invoice with totalMinor, dueMinor and status)',
		);
		expect(errors[0].pairedItem).toEqual({ item: 1 });
		// n8n merges the input item back in, so the failed invoice can be handled downstream.
		expect(errors[0].json.ref).toBe('broken');
		expect(result.jsonOf('Dunning Scenario', 2)).toEqual([]);
	});

	it('with Continue (regular output), never puts a bad item on Send', async () => {
		const result = await run(
			[
				{ ref: 'broken', invoice: { totalMinor: 1, dueMinor: 1, status: 'open' } },
				invoiceItem('ok'),
			],
			{ scenario: 'classic-7-14-21', options: { now: '2026-11-09T09:00:00Z' } },
			{ onError: 'continueRegularOutput' },
		);
		expect(result.jsonOf('Dunning Scenario', 0).map((json) => json.ref)).toEqual(['ok']);
		const waiting = result.jsonOf('Dunning Scenario', 2);
		expect(waiting).toEqual([
			expect.objectContaining({
				ref: 'broken',
				error: expect.stringContaining('Item 0: invoice.currency'),
			}),
		]);
	});

	it('refuses an unknown time zone or a broken JSON scenario with a clear error', async () => {
		const zone = await run([invoiceItem('a')], {
			scenario: 'classic-7-14-21',
			timezone: 'Mars/Base',
		});
		expect(zone.error).toMatchObject({
			message: 'Item 0: timezone: "Mars/Base" is not an IANA time zone',
		});
		const json = await run([invoiceItem('a')], { scenario: 'json', scenarioJson: '{ nope' });
		expect(json.error).toMatchObject({
			message: expect.stringContaining('Item 0: scenarioJson: is not valid JSON'),
		});
	});
});

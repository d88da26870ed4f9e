// The intended wiring, end to end through n8n-core's engine: QuickBooks Invoice Trigger → Dunning Scenario →
// (Send) QuickBooks Dunning: Claim Step. The claim takes its step from the decision and its SyncToken from the
// invoice the decision was made on; the next poll does not bring the claimed invoices back.
import type { IDataObject } from 'n8n-workflow';

import { DunningScenario } from '../../../nodes/DunningScenario/DunningScenario.node';
import { startQuickBooksSimulator, type QuickBooksSimulator } from '../../simulators/quickbooks';
import { credentialFor, run, triggerWorkflow } from '../QuickBooksDunning/quickbooks-harness';
import { restoreRealDate, setFakeDate } from '../../helpers/fake-date';

describe('QuickBooks Invoice Trigger in a workflow', () => {
	type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

	let sim: QuickBooksSimulator;
	beforeEach(async () => {
		setFakeDate('2026-11-26T10:00:00Z');
		sim = await startQuickBooksSimulator({ now: () => Date.now() });
	});
	afterEach(async () => {
		await sim.stop();
		restoreRealDate();
	});

	function dunningWorkflow() {
		const workflow = triggerWorkflow({ minDaysOverdue: 1, options: { timezone: 'Europe/London' } });
		workflow.nodes.push(
			{
				id: '2',
				name: 'Dunning Scenario',
				type: 'n8n-nodes-dunning.dunningScenario',
				typeVersion: 1,
				position: [200, 0],
				parameters: { scenario: 'classic-7-14-21' },
			},
			{
				id: '3',
				name: 'Claim Step',
				type: 'n8n-nodes-dunning.quickBooksDunning',
				typeVersion: 1,
				position: [400, 0],
				parameters: { resource: 'invoice', operation: 'claimStep' },
				credentials: { quickBooksDunningOAuth2Api: { id: '1', name: 'QuickBooks sandbox' } },
			},
		);
		workflow.connections = {
			Trigger: { main: [[{ node: 'Dunning Scenario', type: 'main', index: 0 }]] },
			'Dunning Scenario': { main: [[{ node: 'Claim Step', type: 'main', index: 0 }], [], []] },
		};
		return workflow;
	}

	it('trigger → scenario → claim: each overdue invoice gets its first step claimed once', async () => {
		const credential = credentialFor(sim);
		const options = { nodeTypes: { 'n8n-nodes-dunning.dunningScenario': new DunningScenario() } };
		const first = await run(dunningWorkflow(), credential, options);
		expect(first.error).toBeUndefined();
		const claimed = first.jsonOf('Claim Step', 0) as Json[];
		expect(
			claimed.map((item) => [item.invoice.id, item.decision.stepId, item.claim.claimed]).sort(),
		).toEqual([
			['1042', 'd7', true],
			['1043', 'd7', true],
			['1045', 'd7', true],
			['1047', 'd7', true],
		]);
		expect(sim.invoices.get('1047')!.PrivateNote).toMatch(
			/^Client asked for a single invoice per quarter\. Contact: M\. Okafor, ext\. 214\.\n\[dunning\] sent=d7@2026-11-26; claim=d7:[0-9a-f]{8}$/,
		);
		// The claims came back through CDC: recognised as our own writes, nothing is emitted.
		jest.setSystemTime(new Date('2026-11-26T10:15:00Z'));
		const second = await run(dunningWorkflow(), credential, {
			...options,
			staticData: first.staticData as IDataObject,
		});
		expect(second.jsonOf('Trigger')).toEqual([]);
		expect(second.executedNodes).toEqual(['Trigger']);
	});
});

// The penalty as the next node reads it: Late Payment Penalty → Reminder Composer (attach penalty), in the
// engine, so the `penalty` field (PenaltyResult plus `summary`) is proven to be what the composer accepts.
import type { INodeParameters } from 'n8n-workflow';

import { LatePaymentPenalty } from '../../../nodes/LatePaymentPenalty/LatePaymentPenalty.node';
import { ReminderComposer } from '../../../nodes/ReminderComposer/ReminderComposer.node';
import { runWorkflow } from '../../helpers/run-workflow';
import { makeInvoice } from '../../shared/invoice-factory';

describe('chain', () => {
	const node = (id: string, name: string, type: string, parameters: Record<string, unknown>) => ({
		id,
		name,
		type,
		typeVersion: 1,
		position: [Number(id) * 200, 0] as [number, number],
		parameters: parameters as INodeParameters,
	});

	describe('Late Payment Penalty → Reminder Composer', () => {
		it('the reminder states the interest and the compensation the penalty node computed', async () => {
			const invoice = makeInvoice({
				dueDate: '2026-01-31',
				totalMinor: 100_200,
				dueMinor: 100_200,
				customer: { locale: 'fr' },
			});
			const result = await runWorkflow(
				{
					nodes: [
						node('1', 'Start', 'n8n-nodes-base.manualTrigger', {}),
						node('2', 'Invoices', 'test.items', { items: JSON.stringify([{ invoice }]) }),
						node('3', 'Penalty', 'n8n-nodes-dunning.latePaymentPenalty', {
							rule: 'FR',
							asOf: '2026-03-09',
						}),
						node('4', 'Composer', 'n8n-nodes-dunning.reminderComposer', {
							tone: 'reminder',
							attachPenalty: true,
							senderName: 'Atelier Dupont',
						}),
					],
					connections: {
						Start: { main: [[{ node: 'Invoices', type: 'main', index: 0 }]] },
						Invoices: { main: [[{ node: 'Penalty', type: 'main', index: 0 }]] },
						Penalty: { main: [[{ node: 'Composer', type: 'main', index: 0 }]] },
					},
				},
				{
					nodeTypes: {
						'n8n-nodes-dunning.latePaymentPenalty': new LatePaymentPenalty(),
						'n8n-nodes-dunning.reminderComposer': new ReminderComposer(),
					},
				},
			);
			expect(result.error).toBeUndefined();
			const [composed] = result.jsonOf('Composer');
			const { text } = composed.reminder as { text: string };
			// 12.34 EUR interest and 40.00 EUR compensation (see rules.cases.ts), in the customer's French
			// (spaces compared as plain spaces: Intl writes no-break ones).
			expect(text.replace(/\s/g, ' ')).toContain(
				'des pénalités de retard qui s’élèvent à 12,34 € au 9 mars 2026, auxquelles s’ajoute l’indemnité forfaitaire pour frais de recouvrement de 40,00 € (articles L. 441-10, II et D. 441-5 du Code de commerce).',
			);
		});
	});
});

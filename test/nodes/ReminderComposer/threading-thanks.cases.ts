import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { ReminderComposer } from '../../../nodes/ReminderComposer/ReminderComposer.node';
import { invoicesOfReplyAddresses, parseReminderMessageIds } from '../../../nodes/shared/internal';
import { runWorkflow, type WorkflowJson } from '../../helpers/run-workflow';
import { makeInvoice, type InvoiceOverrides } from '../../shared/invoice-factory';

describe('threading and thanks', () => {
	const nodeTypes = { 'n8n-nodes-dunning.reminderComposer': new ReminderComposer() };
	const SENDER = { senderName: 'Studio Lumière', senderEmail: 'factures@studio-lumiere.fr' };

	/** Manual Trigger → items → Reminder Composer. */
	function workflow(items: unknown[], parameters: INodeParameters): WorkflowJson {
		const node = (id: string, name: string, type: string, params: INodeParameters) => ({
			id,
			name,
			type,
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters: params,
		});
		return {
			nodes: [
				node('1', 'Start', 'n8n-nodes-base.manualTrigger', {}),
				node('2', 'Invoices', 'test.items', { items: JSON.stringify(items) }),
				node('3', 'Reminder Composer', 'n8n-nodes-dunning.reminderComposer', {
					...SENDER,
					...parameters,
				}),
			],
			connections: {
				Start: { main: [[{ node: 'Invoices', type: 'main', index: 0 }]] },
				Invoices: { main: [[{ node: 'Reminder Composer', type: 'main', index: 0 }]] },
			},
		};
	}

	const run = (items: unknown[], parameters: INodeParameters = {}) =>
		runWorkflow(workflow(items, parameters), { nodeTypes });

	const decision = (id: string, stepId: string, action = 'send') => ({
		action,
		reason: 'step_due',
		stepId,
		daysOverdue: 7,
		nextActionOn: null,
		idempotencyKey: `generic:${id}:${stepId}`,
		message: 'Step due.',
	});
	const item = (id: string, overrides: InvoiceOverrides = {}, extra: IDataObject = {}) => ({
		ref: id,
		invoice: makeInvoice({ id, number: `F-${id}`, ...overrides }),
		...extra,
	});
	const reminderOf = (json: IDataObject) => json.reminder as IDataObject;

	describe('Reminder Composer node: issue 21 threading (messageId, Reply-To Mailbox)', () => {
		it('each message gets a Message-ID under the sender’s domain and, with Reply-To Mailbox, a plus-addressed replyTo that leads back to its invoice', async () => {
			const items = [
				item('A', {}, { decision: decision('A', 'd7') }),
				item('B', {}, { decision: decision('B', 'd14') }),
			];
			const result = await run(items, { replyToMailbox: ' billing@studio-lumiere.fr ' });
			expect(result.error).toBeUndefined();
			const [a, b] = result.jsonOf('Reminder Composer').map(reminderOf);
			expect(
				parseReminderMessageIds({ 'in-reply-to': a.messageId as string }).idempotencyKeys,
			).toEqual(['generic:A:d7']);
			expect(a.messageId).toMatch(/@studio-lumiere\.fr>$/);
			expect(a.replyTo).toMatch(/^billing\+dunning-i[0-9a-f]{10}@studio-lumiere\.fr$/);
			expect(b.replyTo).not.toBe(a.replyTo);
			const invoices = items.map((entry) => entry.invoice);
			expect(invoicesOfReplyAddresses(a.replyTo as string, invoices).map((i) => i.id)).toEqual([
				'A',
			]);
		});

		it('one message per customer: the Message-ID carries the customer key, the Reply-To the customer tag; the internal summary no Reply-To', async () => {
			const items = [
				item('A', {}, { decision: decision('A', 'd7') }),
				item('B', {}, { decision: decision('B', 'd7') }),
				item('C', {}, { decision: decision('C', 'd21', 'escalate') }),
			];
			const result = await run(items, {
				mode: 'customer',
				replyToMailbox: 'billing@studio-lumiere.fr',
				internalRecipient: 'ar@studio-lumiere.fr',
			});
			expect(result.error).toBeUndefined();
			const [customer, internal] = result.jsonOf('Reminder Composer').map(reminderOf);
			expect(parseReminderMessageIds({ references: customer.messageId as string })).toEqual({
				idempotencyKeys: ['generic:customer:cus-1:A:d7,B:d7'],
				invoiceIds: ['A', 'B'],
			});
			expect(customer.replyTo).toMatch(/^billing\+dunning-c[0-9a-f]{10}@studio-lumiere\.fr$/);
			const invoices = items.map((entry) => entry.invoice);
			// The customer tag matches every open invoice of that customer.
			expect(invoicesOfReplyAddresses(customer.replyTo as string, invoices)).toHaveLength(3);
			expect(internal).toMatchObject({ tone: 'internal', replyTo: null });
			expect(internal.messageId).toMatch(/^<dunning\.[A-Za-z0-9_-]+@studio-lumiere\.fr>$/);
		});

		it('without a step (fixed tone, no decision) the Message-ID stands on <source>:<invoice id>:<tone>', async () => {
			const result = await run([item('A')], { tone: 'reminder' });
			const reminder = reminderOf(result.jsonOf('Reminder Composer')[0]);
			expect(reminder.idempotencyKey).toBeNull();
			expect(parseReminderMessageIds({ 'in-reply-to': reminder.messageId as string })).toEqual({
				idempotencyKeys: ['generic:A:reminder'],
				invoiceIds: ['A'],
			});
		});

		it('no Sender Email and no Reply-To Mailbox: messageId null, no error', async () => {
			const result = await run([item('A')], { tone: 'reminder', senderEmail: '' });
			expect(reminderOf(result.jsonOf('Reminder Composer')[0])).toMatchObject({
				messageId: null,
				replyTo: null,
			});
		});

		it('a Reply-To Mailbox that is not an address fails the item naming the option', async () => {
			const result = await run([item('A')], { tone: 'reminder', replyToMailbox: 'billing' });
			expect(result.error?.message).toBe(
				'Item 0: replyToMailbox: "billing" is not a bare email address',
			);
		});
	});

	describe('Reminder Composer node: issue 21 tone Thanks', () => {
		const reminded = { sentStepIds: ['d7'], lastSentOn: '2026-11-09' };
		const paid = { status: 'paid' as const, paidMinor: 120000, dueMinor: 0 };

		it('a reminded invoice paid in full gets the thank-you with the amount received; unpaid or never-reminded invoices are passed over', async () => {
			const items = [
				item('paid', { ...paid, dunning: reminded }),
				item('open', { dunning: reminded }),
				item('never-reminded', paid),
			];
			const result = await run(items, {
				tone: 'thanks',
				replyToMailbox: 'billing@studio-lumiere.fr',
			});
			expect(result.error).toBeUndefined();
			const out = result.jsonOf('Reminder Composer');
			expect(out.map((json) => json.ref)).toEqual(['paid']);
			expect(reminderOf(out[0])).toMatchObject({
				to: 'compta@vauclair.example',
				subject: 'Merci pour votre règlement de la facture n° F-paid',
				templateId: 'builtin:fr/thanks',
				tone: 'thanks',
				idempotencyKey: null,
				replyTo: expect.stringMatching(/^billing\+dunning-i/),
			});
			expect(reminderOf(out[0]).text).toContain('votre paiement de 1\u202f200,00\u00a0€');
			expect(
				parseReminderMessageIds({ 'in-reply-to': reminderOf(out[0]).messageId as string })
					.idempotencyKeys,
			).toEqual(['generic:paid:thanks']);
		});

		it('an invoice already thanked (step thanks in its history) and one whose only step is thanks are passed over', async () => {
			const items = [
				item('thanked', {
					...paid,
					dunning: { sentStepIds: ['d7', 'thanks'], lastSentOn: '2026-11-20' },
				}),
				item('only-thanks', { ...paid, dunning: { sentStepIds: ['thanks'], lastSentOn: null } }),
				item('paid', { ...paid, dunning: reminded }),
			];
			const result = await run(items, { tone: 'thanks' });
			expect(result.error).toBeUndefined();
			expect(result.jsonOf('Reminder Composer').map((json) => json.ref)).toEqual(['paid']);
		});

		it('in one-message-per-customer mode each paid invoice still gets its own thank-you', async () => {
			const items = [
				item('A', { ...paid, dunning: reminded }),
				item('B', { ...paid, dunning: reminded }),
			];
			const result = await run(items, { tone: 'thanks', mode: 'customer', language: 'en' });
			expect(result.error).toBeUndefined();
			expect(result.jsonOf('Reminder Composer').map((json) => reminderOf(json).subject)).toEqual([
				'Thank you for your payment of invoice F-A',
				'Thank you for your payment of invoice F-B',
			]);
		});
	});
});

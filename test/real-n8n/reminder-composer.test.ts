// The Reminder Composer in a real n8n 2.41.1 (scripts/n8n): Manual Trigger → Code node producing invoices →
// Dunning Scenario → Reminder Composer, run with `n8n execute`, one message per invoice and per customer.
// Runs with N8N_REAL=1 (or CI=true) after `npm run build`:
//   N8N_REAL=1 npx jest --selectProjects real-n8n -- test/real-n8n/reminder-composer
import type { N8nInstance, WorkflowJson } from '../../scripts/n8n/instance';
import { createInstance, nodeOutput, runError } from '../../scripts/n8n/instance';
import {
	CLI_TIMEOUT,
	describeRealWithPackage,
	INSTALL_TIMEOUT,
	manualTriggerWithInvoices,
	MINUTE,
} from '../helpers/real-n8n';

const COMPOSER = 'Reminder Composer';

function invoice(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		id,
		source: 'generic',
		number: `F-2026-${id}`,
		status: 'open',
		currency: 'EUR',
		totalMinor: 123456,
		paidMinor: 0,
		dueMinor: 123456,
		issueDate: '2026-10-02',
		dueDate: '2026-11-02',
		customer: {
			id: 'cus-1',
			name: 'Atelier Vauclair',
			email: 'compta@vauclair.example',
			locale: 'fr-FR',
			tags: [],
		},
		paymentUrl: `https://pay.example/${id}`,
		dunning: {},
		...overrides,
	};
}

/** Manual Trigger → Code (returns `items`) → Dunning Scenario (Send) → Reminder Composer. */
function composerWorkflow(
	id: string,
	items: unknown[],
	parameters: Record<string, unknown>,
	node: Record<string, unknown> = {},
): WorkflowJson {
	return {
		id,
		name: `Reminder Composer: ${id}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			...manualTriggerWithInvoices(items),
			{
				id: 'c0000000-0000-4000-8000-000000000003',
				name: 'Dunning Scenario',
				type: 'n8n-nodes-dunning.dunningScenario',
				typeVersion: 1,
				position: [400, 0],
				parameters: { scenario: 'classic-7-14-21', options: { now: '2026-11-09T09:00:00Z' } },
			},
			{
				id: 'c0000000-0000-4000-8000-000000000004',
				name: COMPOSER,
				type: 'n8n-nodes-dunning.reminderComposer',
				typeVersion: 1,
				position: [600, 0],
				parameters: {
					senderName: 'Studio Lumière',
					senderEmail: 'factures@studio-lumiere.fr',
					...parameters,
				},
				...node,
			},
		],
		connections: {
			'Manual Trigger': { main: [[{ node: 'Invoices', type: 'main', index: 0 }]] },
			Invoices: { main: [[{ node: 'Dunning Scenario', type: 'main', index: 0 }]] },
			'Dunning Scenario': { main: [[{ node: COMPOSER, type: 'main', index: 0 }], [], []] },
		},
	};
}

describeRealWithPackage('Reminder Composer in a real n8n 2.41.1', () => {
	let n8n: N8nInstance;

	beforeAll(async () => (n8n = await createInstance({ withPackage: true })), INSTALL_TIMEOUT);
	afterAll(() => n8n?.dispose(), MINUTE);

	it(
		'one message per invoice: the step tone, the customer language, ready for Send Email',
		async () => {
			const items = [
				invoice('0142'),
				invoice('0150', {
					customer: { id: 'cus-2', name: 'Harbour Ltd', email: 'ap@harbour.example', locale: 'en' },
				}),
				invoice('0160', { status: 'paid', paidMinor: 123456, dueMinor: 0 }),
			];
			const id = await n8n.importWorkflow(composerWorkflow('composerPerInvoice', items, {}));
			const run = await n8n.executeWorkflow(id);

			expect(runError(run)).toBeUndefined();
			const out = nodeOutput(run, COMPOSER);
			expect(out.map((json) => json.reminder)).toEqual([
				expect.objectContaining({
					to: 'compta@vauclair.example',
					subject: 'Rappel amical concernant la facture n° F-2026-0142',
					language: 'fr',
					templateId: 'builtin:fr/friendly',
					idempotencyKey: 'generic:0142:d7',
				}),
				expect.objectContaining({
					to: 'ap@harbour.example',
					subject: 'Friendly reminder about invoice F-2026-0150',
					language: 'en',
					templateId: 'builtin:en/friendly',
					idempotencyKey: 'generic:0150:d7',
				}),
			]);
			const [fr, en] = out.map((json) => json.reminder as Record<string, string>);
			expect(fr.text).toContain('1\u202f234,56\u00a0€');
			expect(fr.text).toContain('(7 jours de retard)');
			expect(fr.html).toContain('href="https://pay.example/0142"');
			expect(en.text).toContain('€1,234.56');
			expect(en.text).toContain('2 November 2026');
			// The input item is kept next to the reminder.
			expect(out[0]).toMatchObject({ decision: { stepId: 'd7' }, invoice: { id: '0142' } });
		},
		CLI_TIMEOUT,
	);

	it(
		'one message per customer: every invoice listed once, each invoice key for the claim step',
		async () => {
			const items = [
				invoice('0142'),
				invoice('0098', {
					dueDate: '2026-10-26',
					currency: 'USD',
					totalMinor: 30000,
					dueMinor: 30000,
					dunning: { sentStepIds: ['d7'], lastSentOn: '2026-11-02' },
				}),
				invoice('0150', {
					customer: { id: 'cus-2', name: 'Harbour Ltd', email: 'ap@harbour.example', locale: 'en' },
				}),
				invoice('0160', { customer: { id: 'cus-3', name: 'No Mail', locale: 'fr' } }),
			];
			const id = await n8n.importWorkflow(
				composerWorkflow(
					'composerPerCustomer',
					items,
					{ mode: 'customer' },
					{ onError: 'continueRegularOutput' },
				),
			);
			const run = await n8n.executeWorkflow(id);

			expect(runError(run)).toBeUndefined();
			const out = nodeOutput(run, COMPOSER);
			// Issue 19 #4: a customer's invoices are grouped by customer AND tone, so the J+7 (friendly) and the
			// J+14 (reminder) invoices of cus-1 are two messages, neither speaking in a firmer tone than its step.
			expect(out).toHaveLength(4);
			const about = (id: string) =>
				out.find(
					(json) =>
						(json.reminder as { invoiceIds?: string[] } | undefined)?.invoiceIds?.[0] === id,
				)?.reminder as Record<string, unknown> & { text: string };
			expect(about('0142')).toMatchObject({
				to: 'compta@vauclair.example',
				tone: 'friendly',
				invoiceIds: ['0142'],
				invoiceIdempotencyKeys: ['generic:0142:d7'],
			});
			expect(about('0142').text).toContain('1\u202f234,56\u00a0€');
			expect(about('0098')).toMatchObject({
				to: 'compta@vauclair.example',
				tone: 'reminder',
				invoiceIds: ['0098'],
				invoiceIdempotencyKeys: ['generic:0098:d14'],
			});
			expect(about('0098').text).toContain('300,00\u00a0$US');
			expect(about('0150')).toMatchObject({
				subject: 'Friendly reminder about invoice F-2026-0150',
				invoiceIds: ['0150'],
			});
			// Continue On Fail: the customer without email fails alone, with its data.
			const failed = out.find((json) => json.id === '0160');
			expect(failed?.error).toContain('has no email address');
		},
		CLI_TIMEOUT,
	);
});

import type { IDataObject, INodeParameters, IPairedItemData } from 'n8n-workflow';

import { DunningScenario } from '../../../nodes/DunningScenario/DunningScenario.node';
import { ReminderComposer } from '../../../nodes/ReminderComposer/ReminderComposer.node';
import { runWorkflow, type WorkflowJson } from '../../helpers/run-workflow';
import { frPenalty } from '../../shared/composer/fixtures';
import { makeInvoice, type InvoiceOverrides } from '../../shared/invoice-factory';
import pennylaneCustomer from '../../simulators/pennylane/fixtures/customer-company.json';
import pennylaneLate from '../../simulators/pennylane/fixtures/invoice-late.json';

describe('emails', () => {
	const nodeTypes = {
		'n8n-nodes-dunning.dunningScenario': new DunningScenario(),
		'n8n-nodes-dunning.reminderComposer': new ReminderComposer(),
	};

	const NNBSP = '\u202f';
	const NBSP = '\u00a0';
	const SENDER = { senderName: 'Studio Lumière', senderEmail: 'factures@studio-lumiere.fr' };

	interface Options {
		/** Put a Dunning Scenario node (Send output) between the items and the composer. */
		scenario?: INodeParameters;
		settings?: Record<string, unknown>;
	}

	/** Manual Trigger → items → [Dunning Scenario →] Reminder Composer, as a user wires it. */
	function workflow(
		items: unknown[],
		parameters: INodeParameters,
		options: Options = {},
	): WorkflowJson {
		const node = (id: string, name: string, type: string, x: number, params: INodeParameters) => ({
			id,
			name,
			type,
			typeVersion: 1,
			position: [x, 0] as [number, number],
			parameters: params,
		});
		const nodes = [
			node('1', 'Start', 'n8n-nodes-base.manualTrigger', 0, {}),
			node('2', 'Invoices', 'test.items', 200, { items: JSON.stringify(items) }),
			{
				...node('4', 'Reminder Composer', 'n8n-nodes-dunning.reminderComposer', 600, {
					...SENDER,
					...parameters,
				}),
				...options.settings,
			},
		];
		const connections: WorkflowJson['connections'] = {
			Start: { main: [[{ node: 'Invoices', type: 'main', index: 0 }]] },
		};
		if (options.scenario) {
			nodes.push(
				node('3', 'Dunning Scenario', 'n8n-nodes-dunning.dunningScenario', 400, options.scenario),
			);
			connections.Invoices = { main: [[{ node: 'Dunning Scenario', type: 'main', index: 0 }]] };
			connections['Dunning Scenario'] = {
				main: [[{ node: 'Reminder Composer', type: 'main', index: 0 }], [], []],
			};
		} else {
			connections.Invoices = { main: [[{ node: 'Reminder Composer', type: 'main', index: 0 }]] };
		}
		return { nodes, connections };
	}

	const run = (items: unknown[], parameters: INodeParameters = {}, options?: Options) =>
		runWorkflow(workflow(items, parameters, options), { nodeTypes });

	const item = (id: string, overrides: InvoiceOverrides = {}, extra: IDataObject = {}) => ({
		ref: id,
		invoice: makeInvoice({
			id,
			number: `F-${id}`,
			paymentUrl: `https://pay.example/${id}`,
			...overrides,
		}),
		...extra,
	});

	/** A due decision as the Dunning Scenario node writes it. */
	const due = (id: string, stepId: string, daysOverdue = 7, extra: IDataObject = {}) => ({
		decision: {
			action: 'send',
			reason: 'step_due',
			stepId,
			daysOverdue,
			nextActionOn: null,
			idempotencyKey: `generic:${id}:${stepId}`,
			message: 'Step due.',
			...extra,
		},
	});

	type Reminder = Record<string, unknown> & { text: string; html: string; subject: string };
	const reminderOf = (json: IDataObject) => json.reminder as Reminder;

	describe('Reminder Composer node: one message per invoice', () => {
		it('composes from Dunning Scenario output with the defaults: tone of the step, customer language', async () => {
			const items = [
				item('A'),
				item('B', { customer: { id: 'cus-2', locale: 'en-GB', email: 'ap@b.example' } }),
				item('paid', { status: 'paid', dueMinor: 0, paidMinor: 120000 }),
			];
			const result = await run(
				items,
				{},
				{
					scenario: { scenario: 'classic-7-14-21', options: { now: '2026-11-09T09:00:00Z' } },
				},
			);
			expect(result.error).toBeUndefined();
			const out = result.outputOf('Reminder Composer');
			expect(out.map((entry) => entry.json.ref)).toEqual(['A', 'B']);
			expect(out.map((entry) => entry.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
			const [a, b] = out.map((entry) => reminderOf(entry.json));
			expect(a).toEqual({
				to: 'compta@vauclair.example',
				subject: 'Rappel amical concernant la facture n° F-A',
				text: expect.stringContaining(`d’un montant de 1${NNBSP}200,00${NBSP}€`),
				html: expect.stringContaining('Payer maintenant'),
				language: 'fr',
				templateId: 'builtin:fr/friendly',
				idempotencyKey: 'generic:A:d7',
				// Issue 21: base64url of the key, under the Sender Email's domain; no Reply-To Mailbox set.
				messageId: '<dunning.Z2VuZXJpYzpBOmQ3@studio-lumiere.fr>',
				replyTo: null,
				tone: 'friendly',
				// Issue 20: the channel the message goes by (the step's: email here).
				channel: 'email',
			});
			expect(a.text).toContain('(7 jours de retard)');
			expect(a.text).toContain('2 novembre 2026');
			expect(b).toMatchObject({
				to: 'ap@b.example',
				subject: 'Friendly reminder about invoice F-B',
				language: 'en',
				templateId: 'builtin:en/friendly',
			});
			expect(b.text).toContain('€1,200.00');
			// The input item is kept: invoice and decision stay next to the reminder.
			expect(out[0].json.decision).toMatchObject({ stepId: 'd7' });
		});

		it('takes the tone of the step in the chosen scenario, or decision.tone, or a fixed tone', async () => {
			const items = [
				item('A', {}, due('A', 'd7')),
				item('B', {}, due('B', 'd30', 30)),
				item('C', {}, due('C', 'd7', 7, { tone: 'firm' })),
			];
			const firm = await run(items, { stepTones: 'firm-5-steps' });
			expect(firm.jsonOf('Reminder Composer').map((json) => reminderOf(json).tone)).toEqual([
				'reminder',
				'formal_notice',
				'firm',
			]);
			const classic = await run(items.slice(0, 1));
			expect(reminderOf(classic.jsonOf('Reminder Composer')[0]).tone).toBe('friendly');
			const custom = await run(items.slice(0, 2), {
				stepTones: 'custom',
				stepToneMap: 'd7=notice, d30=firm',
			});
			expect(custom.jsonOf('Reminder Composer').map((json) => reminderOf(json).tone)).toEqual([
				'notice',
				'firm',
			]);
			const fixed = await run(items, { tone: 'reminder' });
			expect(fixed.jsonOf('Reminder Composer').map((json) => reminderOf(json).tone)).toEqual([
				'reminder',
				'reminder',
				'reminder',
			]);
		});

		it('after custom steps in Dunning Scenario, takes the tone from the step it wrote, with no lookup', async () => {
			const scenario: INodeParameters = {
				scenario: 'custom',
				timezone: 'Europe/Paris',
				steps: { step: [{ id: 'gentle', offsetDays: 3, tone: 'notice' }] },
				options: { now: '2026-11-05T10:00:00Z' },
			};
			const result = await run(
				[{ invoice: makeInvoice({ id: 'A' }) }],
				{ language: 'en' },
				{ scenario },
			);
			expect(result.error).toBeUndefined();
			const [json] = result.jsonOf('Reminder Composer');
			expect(json.step).toMatchObject({ id: 'gentle', tone: 'notice' });
			expect(reminderOf(json)).toMatchObject({ tone: 'notice', templateId: 'builtin:en/notice' });
		});

		it('an escalate decision gives the internal summary, even for a customer-facing step', async () => {
			const escalated = due('A', 'd14', 14, { action: 'escalate', reason: 'escalation' });
			const result = await run([item('A', {}, escalated)], {
				internalRecipient: 'accounts@studio.example',
			});
			expect(reminderOf(result.jsonOf('Reminder Composer')[0])).toMatchObject({
				to: 'accounts@studio.example',
				tone: 'internal',
				templateId: 'builtin:fr/internal',
			});
		});

		it('an unknown step says how to fix it', async () => {
			const result = await run([item('A', {}, due('A', 'd9'))]);
			expect(result.error?.message).toBe(
				'Item 0: decision.stepId: step "d9" is not one of the steps of "Classic: J+7 friendly, J+14 reminder, J+21 accounting" (d7, d14, d21): set "Steps Of" to the scenario of the Dunning Scenario node, or choose a fixed Tone',
			);
		});

		it('an item without a decision needs a fixed tone', async () => {
			const without = await run([item('A')]);
			expect(without.error?.message).toContain('the item has no decision');
			const fixed = await run([item('A')], { tone: 'notice' });
			expect(reminderOf(fixed.jsonOf('Reminder Composer')[0])).toMatchObject({
				templateId: 'builtin:fr/notice',
				idempotencyKey: null,
			});
		});

		it.each([
			['it-IT', 'en', 'en'],
			['de-DE', 'fr', 'de'],
			['es_MX', 'fr', 'es'],
			[null, 'en', 'en'],
			['fr_CA', 'en', 'fr'],
			['en', 'fr', 'en'],
		])(
			'customer locale %s with fallback %s gives %s',
			async (locale, fallbackLanguage, expected) => {
				const result = await run([item('A', { customer: { locale } }, due('A', 'd7'))], {
					fallbackLanguage,
				});
				expect(reminderOf(result.jsonOf('Reminder Composer')[0]).language).toBe(expected);
			},
		);

		it('reads a raw Pennylane invoice (Invoice Format Pennylane Invoice) with its customer record', async () => {
			const result = await run(
				[{ pennylane: pennylaneLate, customer: pennylaneCustomer, ...due('5012', 'd7') }],
				{ invoiceFormat: 'pennylane', invoiceField: 'pennylane' },
			);
			expect(result.error).toBeUndefined();
			expect(reminderOf(result.jsonOf('Reminder Composer')[0])).toMatchObject({
				to: 'compta@atelier-brioche.example.fr',
				subject: 'Rappel amical concernant la facture n° F-2026-0112',
				language: 'fr',
				tone: 'friendly',
			});
		});

		it('a fixed language ignores the locale', async () => {
			const result = await run([item('A', { customer: { locale: 'fr' } }, due('A', 'd7'))], {
				language: 'en',
			});
			expect(reminderOf(result.jsonOf('Reminder Composer')[0]).language).toBe('en');
		});

		it('attaches the penalty of an upstream Late Payment Penalty item', async () => {
			const penalty = { ...frPenalty, summary: 'x' };
			const items = [item('A', {}, { ...due('A', 'd30', 24), penalty })];
			const params = { stepTones: 'firm-5-steps', language: 'en' };
			const withPenalty = reminderOf((await run(items, params)).jsonOf('Reminder Composer')[0]);
			expect(withPenalty.text).toContain(
				'Interest from 16 November 2026 to 26 November 2026 (11 days at 12.4% a year on €1,234.56): €4.61',
			);
			expect(withPenalty.text).toContain('Fixed compensation for recovery costs: €40.00');
			expect(withPenalty.text).toContain('Total due: €1,244.61');
			const without = reminderOf(
				(await run(items, { ...params, attachPenalty: false })).jsonOf('Reminder Composer')[0],
			);
			expect(without.text).not.toContain('€4.61');
			expect(without.text).toContain('Please note that late payment entitles us by law');
		});

		it('custom templates: subject, text, and HTML made from the text', async () => {
			const result = await run([item('A', {}, due('A', 'd7'))], {
				customTemplate: true,
				subjectTemplate: 'Facture {{number}} : {{amountDue}}',
				textTemplate:
					'{{#if customerName}}Bonjour {{customerName}}{{/if}}\n\n{{relativeDays daysOverdue}}.',
			});
			const reminder = reminderOf(result.jsonOf('Reminder Composer')[0]);
			// The subject is one line of plain spaces (the core folds every run of white space).
			expect(reminder.subject).toBe('Facture F-A : 1 200,00 €');
			expect(reminder.text).toBe('Bonjour Atelier Vauclair\n\n7 jours de retard.');
			expect(reminder.html).toContain('<p>Bonjour Atelier Vauclair</p>');
			expect(reminder.templateId).toMatch(/^custom:/);
		});

		it('a custom template error names the field and line', async () => {
			const result = await run([item('A', {}, due('A', 'd7'))], {
				customTemplate: true,
				subjectTemplate: 'x',
				textTemplate: 'ok\n{{> partial}}',
			});
			expect(result.error?.message).toBe(
				'Item 0: template.text: line 2: partials ({{> name}}) are not supported',
			);
		});

		it('hostile values are escaped in HTML and kept verbatim in text', async () => {
			// The formal notice prints the customer's name in its recipient block.
			const name = '<script>alert(1)</script>';
			const result = await run([
				item(
					'A',
					{ customer: { name }, number: '{{constructor}}' },
					due('A', 'd30', 30, { tone: 'formal_notice' }),
				),
			]);
			const reminder = reminderOf(result.jsonOf('Reminder Composer')[0]);
			expect(reminder.html).not.toContain('<script');
			expect(reminder.html).toContain('&lt;script&gt;');
			expect(reminder.text).toContain(name);
			expect(reminder.subject).toBe('Mise en demeure de payer - facture n° {{constructor}}');
		});

		it('internal summaries go to the internal recipient, else the sender', async () => {
			const items = [item('A', {}, due('A', 'd21', 21))];
			const toAccounting = await run(items, { internalRecipient: 'accounting@studio.example' });
			expect(reminderOf(toAccounting.jsonOf('Reminder Composer')[0])).toMatchObject({
				to: 'accounting@studio.example',
				templateId: 'builtin:fr/internal',
			});
			const toSender = await run(items);
			expect(reminderOf(toSender.jsonOf('Reminder Composer')[0]).to).toBe(
				'factures@studio-lumiere.fr',
			);
		});

		it('a customer without email is a clear error', async () => {
			const result = await run([item('A', { customer: { email: null } }, due('A', 'd7'))]);
			expect(result.error).toMatchObject({
				name: 'NodeOperationError',
				message:
					'Item 0: invoice.customer.email: the customer of invoice F-A has no email address: add it in the invoicing system, or filter such invoices out before this node',
				context: { itemIndex: 0 },
			});
		});

		it('Continue On Fail (regular output): the failed item keeps its data and the error', async () => {
			const items = [
				item('A', {}, due('A', 'd7')),
				item('B', { customer: { email: null } }, due('B', 'd7')),
				item('C', {}, due('C', 'd7')),
			];
			const result = await run(items, {}, { settings: { onError: 'continueRegularOutput' } });
			expect(result.error).toBeUndefined();
			const out = result.outputOf('Reminder Composer');
			expect(
				out.map((entry) => [entry.json.ref, 'reminder' in entry.json, entry.pairedItem]),
			).toEqual([
				['A', true, { item: 0 }],
				['B', false, { item: 1 }],
				['C', true, { item: 2 }],
			]);
			expect(out[1].json.error).toContain('has no email address');
		});

		it('Continue On Fail (error output): failed items go to the error output', async () => {
			const items = [
				item('A', {}, due('A', 'd7')),
				item('B', { customer: { email: '' } }, due('B', 'd7')),
			];
			const result = await run(items, {}, { settings: { onError: 'continueErrorOutput' } });
			expect(result.jsonOf('Reminder Composer', 0).map((json) => json.ref)).toEqual(['A']);
			const errors = result.outputOf('Reminder Composer', 1);
			expect(errors.map((entry) => entry.pairedItem)).toEqual([{ item: 1 }]);
			expect(errors[0].json.error).toContain('has no email address');
		});

		it('passes over items with nothing to send', async () => {
			const items = [
				item('A', {}, due('A', 'd7')),
				item(
					'B',
					{},
					{ decision: { ...due('B', 'd7').decision, action: 'wait', reason: 'too_soon' } },
				),
				item('C', { status: 'void' }, due('C', 'd7')),
			];
			const result = await run(items);
			expect(result.jsonOf('Reminder Composer').map((json) => json.ref)).toEqual(['A']);
		});
	});

	describe('Reminder Composer node: one message per customer', () => {
		const usd = { currency: 'USD', totalMinor: 30000, dueMinor: 30000, dueDate: '2026-10-20' };
		const otherCustomer = { customer: { id: 'cus-2', email: 'ap@other.example', name: 'Other' } };

		function customerItems() {
			return [
				item('A', {}, due('A', 'd7', 7)),
				item('X', otherCustomer, due('X', 'd7', 7)),
				item('B', usd, due('B', 'd14', 20)),
				item(
					'P',
					{ status: 'paid', dueMinor: 0, paidMinor: 120000 },
					{
						decision: { ...due('P', 'd7').decision, action: 'stop', reason: 'paid', stepId: null },
					},
				),
				item('C', { dueDate: '2026-10-01' }, due('C', 'd21', 39, { tone: 'formal_notice' })),
			];
		}

		it('one item per customer and tone, all its invoices listed, the formal notice alone, paired with every source item', async () => {
			const items = customerItems();
			// A (d7) and B (d14) at the same tone: one message listing both.
			items[0] = item('A', {}, due('A', 'd14', 14));
			const result = await run(items, { mode: 'customer', language: 'en' });
			expect(result.error).toBeUndefined();
			const out = result.outputOf('Reminder Composer');
			expect(out).toHaveLength(3);
			const [first, second, third] = out;
			const reminder = reminderOf(first.json);
			expect(reminder).toMatchObject({
				to: 'compta@vauclair.example',
				subject: 'Reminder: 2 invoices awaiting payment',
				language: 'en',
				templateId: 'builtin:en/customer/reminder',
				tone: 'reminder',
				// The paid invoice P is dropped from the group; the formal notice C has its own message.
				invoiceIds: ['B', 'A'],
				idempotencyKey: 'generic:customer:cus-1:A:d14,B:d14',
				invoiceIdempotencyKeys: ['generic:B:d14', 'generic:A:d14'],
			});
			expect(reminder.text).toContain('Total due in EUR: €1,200.00');
			expect(reminder.text).toContain('Total due in USD: $300.00');
			expect(reminder.text).toContain(
				'- Invoice F-B: $300.00, due on 20 October 2026 (20 days overdue)',
			);
			expect(reminder.html).toContain('https://pay.example/A');
			expect(first.pairedItem).toEqual([{ item: 0 }, { item: 2 }]);
			expect((first.json.invoices as IDataObject[]).map((invoice) => invoice.id)).toEqual([
				'B',
				'A',
			]);
			expect(first.json.customer).toMatchObject({ id: 'cus-1' });

			// A customer with one invoice gets the single-invoice wording.
			expect(reminderOf(second.json)).toMatchObject({
				to: 'ap@other.example',
				subject: 'Friendly reminder about invoice F-X',
				templateId: 'builtin:en/friendly',
				invoiceIds: ['X'],
				idempotencyKey: 'generic:customer:cus-2:X:d7',
			});
			expect(second.pairedItem).toEqual([{ item: 1 }]);

			// The formal notice is a message of its own, in the single-invoice wording.
			expect(reminderOf(third.json)).toMatchObject({
				subject: 'Formal notice to pay - invoice F-C',
				templateId: 'builtin:en/formal_notice',
				tone: 'formal_notice',
				invoiceIds: ['C'],
			});
			expect(third.pairedItem).toEqual([{ item: 4 }]);
		});

		it('groups by email when there is no customer id; internal steps apart', async () => {
			const noId = { customer: { id: null, email: 'Compta@Vauclair.example' } };
			const items = [
				item('A', noId, due('A', 'd7')),
				item('B', { customer: { id: null } }, due('B', 'd7', 9)),
				item('C', noId, due('C', 'd21', 21)),
			];
			const result = await run(items, { mode: 'customer', internalRecipient: 'ar@studio.example' });
			const out = result.jsonOf('Reminder Composer').map(reminderOf);
			expect(out.map((reminder) => [reminder.invoiceIds, reminder.tone, reminder.to])).toEqual([
				[['A', 'B'], 'friendly', 'Compta@Vauclair.example'],
				[['C'], 'internal', 'ar@studio.example'],
			]);
			expect(out[0].idempotencyKey).toBe('generic:customer:compta@vauclair.example:A:d7,B:d7');
		});

		it('from Dunning Scenario output, end to end', async () => {
			const items = [
				item('A', { dueDate: '2026-11-02' }),
				item('B', {
					dueDate: '2026-10-26',
					dunning: { sentStepIds: ['d7'], lastSentOn: '2026-11-02' },
				}),
				item('Z', { status: 'paid', dueMinor: 0, paidMinor: 120000 }),
			];
			const result = await run(
				items,
				{ mode: 'customer' },
				{
					scenario: { scenario: 'classic-7-14-21', options: { now: '2026-11-09T09:00:00Z' } },
				},
			);
			expect(result.error).toBeUndefined();
			const out = result.outputOf('Reminder Composer');
			// A is at its J+7 step, B at its J+14 step: each in its own tone.
			expect(
				out.map((entry) => {
					const reminder = reminderOf(entry.json);
					return [reminder.subject, reminder.invoiceIdempotencyKeys, entry.pairedItem];
				}),
			).toEqual([
				['Rappel amical concernant la facture n° F-A', ['generic:A:d7'], [{ item: 0 }]],
				['Relance concernant la facture n° F-B', ['generic:B:d14'], [{ item: 1 }]],
			]);
		});

		it('hostile values are escaped in the grouped HTML', async () => {
			// The internal summary prints the customer's name (a customer-facing message greets no one by name).
			const hostile = { customer: { name: '<img src=x onerror=alert(1)>' } };
			const escalate = (id: string) => due(id, 'd21', 21, { action: 'escalate' });
			const items = [item('A', hostile, escalate('A')), item('B', hostile, escalate('B'))];
			const reminder = reminderOf(
				(await run(items, { mode: 'customer', internalRecipient: 'ar@studio.example' })).jsonOf(
					'Reminder Composer',
				)[0],
			);
			expect(reminder.html).not.toContain('<img');
			expect(reminder.html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
			expect(reminder.text).toContain('<img src=x onerror=alert(1)>');
		});

		it('custom per-customer template', async () => {
			const items = [item('A', {}, due('A', 'd7')), item('B', {}, due('B', 'd7'))];
			const result = await run(items, {
				mode: 'customer',
				customTemplate: true,
				subjectTemplate: '{{invoiceCount}} factures',
				textTemplate: '{{#each invoices}}{{number}} {{/each}}= {{#each totals}}{{amount}}{{/each}}',
			});
			const reminder = reminderOf(result.jsonOf('Reminder Composer')[0]);
			expect(reminder.subject).toBe('2 factures');
			expect(reminder.text).toBe(`F-A F-B = 2${NNBSP}400,00${NBSP}€`);
		});

		it('a customer without email fails with all its items; Continue On Fail keeps the others', async () => {
			const noEmail = { customer: { id: 'cus-9', email: null } };
			const items = [
				item('A', noEmail, due('A', 'd7')),
				item('X', otherCustomer, due('X', 'd7')),
				item('B', noEmail, due('B', 'd7')),
			];
			const failing = await run(items, { mode: 'customer' });
			expect(failing.error?.message).toContain(
				'Item 0: invoice.customer.email: the customer of invoice F-A',
			);

			const regular = await run(
				items,
				{ mode: 'customer' },
				{
					settings: { onError: 'continueRegularOutput' },
				},
			);
			const out = regular.outputOf('Reminder Composer');
			expect(
				out.map((entry) => [entry.json.ref ?? null, entry.pairedItem, 'error' in entry.json]),
			).toEqual([
				['A', { item: 0 }, true],
				['B', { item: 2 }, true],
				[null, [{ item: 1 }], false],
			]);

			const errorOutput = await run(
				items,
				{ mode: 'customer' },
				{
					settings: { onError: 'continueErrorOutput' },
				},
			);
			expect(errorOutput.outputOf('Reminder Composer', 0).map((entry) => entry.pairedItem)).toEqual(
				[[{ item: 1 }]],
			);
			expect(errorOutput.outputOf('Reminder Composer', 1).map((entry) => entry.pairedItem)).toEqual(
				[{ item: 0 }, { item: 2 }],
			);
		});

		it('an unreadable item fails alone under Continue On Fail', async () => {
			const items = [{ ref: 'bad', invoice: { id: 'x' } }, item('A', {}, due('A', 'd7'))];
			const result = await run(
				items,
				{ mode: 'customer' },
				{
					settings: { onError: 'continueRegularOutput' },
				},
			);
			const out = result.outputOf('Reminder Composer');
			expect(out.map((entry) => entry.pairedItem as IPairedItemData | IPairedItemData[])).toEqual([
				{ item: 0 },
				[{ item: 1 }],
			]);
			expect(out[0].json.error).toContain('Item 0:');
		});
	});

	describe('Reminder Composer node: issue 19', () => {
		it('#4 one message per customer: a formal notice alone, the invoice 11 days late in its own tone', async () => {
			const items = [
				item('C', { dueDate: '2026-10-01' }, due('C', 'd30', 39, { tone: 'formal_notice' })),
				item('A', { dueDate: '2026-10-29' }, due('A', 'd7', 11)),
			];
			const result = await run(items, { mode: 'customer' });
			expect(result.error).toBeUndefined();
			const out = result.jsonOf('Reminder Composer').map(reminderOf);
			expect(out.map((reminder) => [reminder.subject, reminder.invoiceIds, reminder.tone])).toEqual(
				[
					['Mise en demeure de payer - facture n° F-C', ['C'], 'formal_notice'],
					['Rappel amical concernant la facture n° F-A', ['A'], 'friendly'],
				],
			);
			expect(out.map((reminder) => reminder.text).join('\n')).not.toContain('2 factures');
		});

		it('#4 invoices of one customer at the same tone still share one message', async () => {
			const items = [
				item('A', {}, due('A', 'd14', 14)),
				item('B', {}, due('B', 'd14', 20)),
				item('C', {}, due('C', 'd7', 8)),
			];
			const out = (await run(items, { mode: 'customer' }))
				.jsonOf('Reminder Composer')
				.map(reminderOf);
			expect(out.map((reminder) => [reminder.invoiceIds, reminder.tone])).toEqual([
				[['A', 'B'], 'reminder'],
				[['C'], 'friendly'],
			]);
		});

		it('#5 a promise_broken decision at a friendly step is written firmly with the promise date', async () => {
			const broken = due('A', 'd7', 12, {
				reason: 'promise_broken',
				brokenPromiseOn: '2026-11-10',
			});
			const reminder = reminderOf(
				(await run([item('A', {}, broken)])).jsonOf('Reminder Composer')[0],
			);
			expect(reminder).toMatchObject({ tone: 'firm', templateId: 'builtin:fr/firm' });
			expect(reminder.text).toContain('au plus tard le 10 novembre 2026');
			expect(reminder.text).not.toContain('simple oubli');
		});

		it('#9 a customer without locale is written in English when the invoice is in USD, French when in EUR (the fallback)', async () => {
			const items = [
				item('US', { currency: 'USD', customer: { locale: null } }, due('US', 'd7')),
				item('EU', { customer: { id: 'cus-2', locale: null } }, due('EU', 'd7')),
			];
			const out = (await run(items)).jsonOf('Reminder Composer').map(reminderOf);
			expect(out.map((reminder) => reminder.language)).toEqual(['en', 'fr']);
		});

		it('#9 a customer without locale is written in the language of the billing country (US → English on a EUR invoice)', async () => {
			const items = [
				item('US', { customer: { locale: null, country: 'US' } as never }, due('US', 'd7')),
				item(
					'DE',
					{ customer: { id: 'c2', locale: null, country: 'DE' } as never },
					due('DE', 'd7'),
				),
			];
			const out = (await run(items)).jsonOf('Reminder Composer').map(reminderOf);
			expect(out.map((reminder) => reminder.language)).toEqual(['en', 'de']);
		});

		it('#9 internal summaries are written in the Team Language, never the customer’s', async () => {
			const escalated = due('A', 'd21', 21, { action: 'escalate', reason: 'internal_step' });
			const english = { customer: { locale: 'en-US' } };
			const byDefault = reminderOf(
				(
					await run([item('A', english, escalated)], { internalRecipient: 'ar@studio.example' })
				).jsonOf('Reminder Composer')[0],
			);
			expect(byDefault).toMatchObject({ language: 'fr', templateId: 'builtin:fr/internal' });
			const german = reminderOf(
				(
					await run([item('A', english, escalated)], {
						internalRecipient: 'ar@studio.example',
						fallbackLanguage: 'es',
						teamLanguage: 'de',
					})
				).jsonOf('Reminder Composer')[0],
			);
			expect(german).toMatchObject({ language: 'de', templateId: 'builtin:de/internal' });
		});

		it('a step that requires approval carries reminder.approval: the customer’s letter with the warnings, in the team language', async () => {
			const penalty = {
				...frPenalty,
				periods: frPenalty.periods.map((period) => ({ ...period, rateStatus: 'provisional' })),
			};
			const items = [
				item(
					'A',
					{ customer: { locale: 'de-DE' } },
					{
						...due('A', 'd30', 24),
						step: { id: 'd30', tone: 'formal_notice', requiresApproval: true },
						penalty,
					},
				),
				item('B', { customer: { id: 'cus-2' } }, due('B', 'd7', 7)),
			];
			const out = (await run(items, { teamLanguage: 'en' })).jsonOf('Reminder Composer');
			const reminder = reminderOf(out[0]);
			const approval = reminder.approval as Record<string, unknown> & {
				html: string;
				text: string;
			};
			expect(reminder.language).toBe('de');
			expect(approval).toMatchObject({
				language: 'en',
				subject: `Approval needed: ${reminder.subject}`,
				warnings: [expect.stringContaining('is provisional'), expect.stringContaining('rounded')],
			});
			expect(approval.text).toContain(reminder.text);
			expect(approval.html).toContain('Sehr geehrte Damen und Herren');
			// A step without approval has none.
			expect(reminderOf(out[1]).approval).toBeUndefined();
		});

		it('a formal notice carries reminder.approval even when the step says nothing about approval', async () => {
			const items = [item('C', {}, due('C', 'd30', 39, { tone: 'formal_notice' }))];
			for (const mode of ['invoice', 'customer']) {
				const reminder = reminderOf((await run(items, { mode })).jsonOf('Reminder Composer')[0]);
				expect(reminder.approval).toMatchObject({ language: 'fr', warnings: [] });
			}
		});
	});
});

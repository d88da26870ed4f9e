// Issue 19 on QuickBooks Dunning: the step's approval and the customer's address are checked before the claim,
// Release Claim undoes a claim whose email did not leave, List Overdue can include invoices due soon (the J-3
// courtesy notice), and Send Invoice Email reaches the customer's own address when the invoice has none.
import { startQuickBooksSimulator, type QuickBooksSimulator } from '../../simulators/quickbooks';
import { actionWorkflow, credentialFor, run } from './quickbooks-harness';
import { restoreRealDate, setFakeDate } from '../../helpers/fake-date';

describe('approval and addresses', () => {
	type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

	let sim: QuickBooksSimulator;
	beforeEach(async () => {
		setFakeDate('2026-11-26T10:00:00Z');
		sim = await startQuickBooksSimulator();
	});
	afterEach(async () => {
		await sim.stop();
		restoreRealDate();
	});

	const FORMAL = {
		id: 'd30',
		audience: 'customer',
		channel: 'email',
		tone: 'formal_notice',
		requiresApproval: true,
		includePenalty: true,
	};
	const posts = () => sim.requests.filter((request) => request.method === 'POST');
	const noteOf = (id: string) => String(sim.invoices.get(id)!.PrivateNote ?? '');

	const claim = (invoiceId: string, extra: Json = {}, stepId = 'd30') =>
		run(
			actionWorkflow(
				[
					{
						invoice: { id: invoiceId },
						decision: { stepId },
						step: { ...FORMAL, id: stepId },
						...extra,
					},
				],
				{ operation: 'claimStep' },
				{ onError: 'continueErrorOutput' },
			),
			credentialFor(sim),
		);

	describe('Claim Step and approval (issue 19 #1)', () => {
		it('refuses a step that requires approval when the item carries none, naming approval, writing nothing', async () => {
			const result = await claim('1047');
			expect(result.jsonOf('QuickBooks', 0)).toEqual([]);
			expect((result.jsonOf('QuickBooks', 2)[0] as Json).error).toMatch(/approval/);
			expect(posts()).toEqual([]);
		});

		it('refuses a declined approval', async () => {
			const result = await claim('1047', {
				approval: { approved: false },
				data: { approved: false },
			});
			expect((result.jsonOf('QuickBooks', 2)[0] as Json).error).toMatch(/approval/);
			expect(posts()).toEqual([]);
		});

		it.each([
			['approval.approved === true', { approval: { approved: true } }],
			["the Send and Wait output's data.approved === true", { data: { approved: true } }],
		])('claims once the item carries %s', async (_label, extra) => {
			const result = await claim('1047', extra);
			expect((result.jsonOf('QuickBooks', 0)[0] as Json).claim).toMatchObject({ claimed: true });
			expect(noteOf('1047')).toMatch(/sent=d30@2026-11-26/);
		});
	});

	describe('Claim Step finds a missing address before the claim (issue 19 #11)', () => {
		it('claims an invoice without BillEmail whose customer has an email', async () => {
			const result = await claim(
				'1043',
				{ step: { ...FORMAL, id: 'd7', requiresApproval: false } },
				'd7',
			);
			expect((result.jsonOf('QuickBooks', 0)[0] as Json).claim).toMatchObject({ claimed: true });
		});

		it('refuses an email step when neither the invoice nor its customer has an address, writing nothing', async () => {
			delete sim.customers.get('58')!.PrimaryEmailAddr;
			const result = await claim(
				'1043',
				{ step: { ...FORMAL, id: 'd7', requiresApproval: false } },
				'd7',
			);
			expect(result.jsonOf('QuickBooks', 0)).toEqual([]);
			expect((result.jsonOf('QuickBooks', 2)[0] as Json).error).toMatch(/no email address/);
			expect(posts()).toEqual([]);
		});
	});

	describe('Send Invoice Email with Send To empty (issue 19 #11)', () => {
		const send = (invoiceId: string) =>
			run(
				actionWorkflow([{}], { operation: 'sendEmail', invoiceId, sendTo: '' }),
				credentialFor(sim),
			);

		it("sends to the customer's email when the invoice has no BillEmail (QuickBooks would answer 2050)", async () => {
			const result = await send('1043');
			expect(result.error).toBeUndefined();
			const customerEmail = (sim.customers.get('58')!.PrimaryEmailAddr as Json).Address;
			expect(sim.sentEmails).toEqual([{ invoiceId: '1043', sendTo: customerEmail }]);
			expect((result.jsonOf('QuickBooks')[0] as Json).emailed).toEqual({ to: customerEmail });
		});

		it('keeps QuickBooks sending to BillEmail when the invoice has one', async () => {
			await send('1042');
			expect(sim.sentEmails).toEqual([{ invoiceId: '1042', sendTo: null }]);
		});

		it('fails before asking QuickBooks when no address is known at all', async () => {
			delete sim.customers.get('58')!.PrimaryEmailAddr;
			const result = await send('1043');
			expect(result.error?.message).toMatch(/no email address/);
			expect(sim.sentEmails).toEqual([]);
		});
	});

	describe('Release Claim (issue 19)', () => {
		const claimD7 = async (id: string) => {
			const result = await run(
				actionWorkflow([{ invoice: { id }, decision: { stepId: 'd7' } }], {
					operation: 'claimStep',
				}),
				credentialFor(sim),
			);
			return result.jsonOf('QuickBooks', 0)[0] as Json;
		};
		const release = (item: Json, parameters: Json = {}) =>
			run(actionWorkflow([item], { operation: 'releaseClaim', ...parameters }), credentialFor(sim));

		it("after a send refused before acceptance, removes the step from the note (the user's text kept) and the next claim succeeds", async () => {
			const claimed = await claimD7('1047');
			expect(noteOf('1047')).toMatch(/sent=d7@2026-11-26/);
			const result = await release({ ...claimed, error: 'connect ECONNREFUSED 127.0.0.1:2525' });
			expect(result.error).toBeUndefined();
			const [released] = result.jsonOf('QuickBooks', 0) as Json[];
			expect(released.release).toMatchObject({
				released: true,
				stepId: 'd7',
				reason: 'not_accepted',
			});
			expect(noteOf('1047')).toBe(
				'Client asked for a single invoice per quarter. Contact: M. Okafor, ext. 214.',
			);
			expect(released.invoice.dunning.sentStepIds).toEqual([]);
			expect((await claimD7('1047')).claim).toMatchObject({ claimed: true });
		});

		it('keeps the claim when the outcome is unknown (timeout), on the second output', async () => {
			const claimed = await claimD7('1047');
			const result = await release({ ...claimed, error: 'Timeout' });
			expect(result.jsonOf('QuickBooks', 0)).toEqual([]);
			expect((result.jsonOf('QuickBooks', 1)[0] as Json).release).toMatchObject({
				released: false,
				reason: 'outcome_unknown',
			});
			expect(noteOf('1047')).toMatch(/sent=d7@2026-11-26/);
		});

		it('a step not recorded is Not Released, without a write', async () => {
			const result = await release({
				invoice: { id: '1047' },
				claim: { stepId: 'd14' },
				error: 'Invalid login: 535',
			});
			expect((result.jsonOf('QuickBooks', 1)[0] as Json).release).toMatchObject({
				released: false,
				reason: 'not_claimed',
			});
			expect(posts()).toEqual([]);
		});
	});

	describe('List Overdue: Include Due Soon (issue 19 #2, the J-3 notice)', () => {
		it('adds the invoices due today or within the given days, marked due_soon, same option names as Stripe', async () => {
			const [soon] = sim.seedInvoices(1, { dueDate: '2026-11-29' });
			const [later] = sim.seedInvoices(1, { dueDate: '2026-11-30' });
			const [today] = sim.seedInvoices(1, { dueDate: '2026-11-26' });
			const list = (parameters: Json) =>
				run(actionWorkflow([{}], { operation: 'listOverdue', ...parameters }), credentialFor(sim));
			const without = (await list({})).jsonOf('QuickBooks') as Json[];
			expect(without.map((item) => item.invoice.id)).not.toContain(soon.Id);

			const result = await list({ includeDueSoon: true, dueWithinDays: 3 });
			const items = result.jsonOf('QuickBooks') as Json[];
			const byId = new Map(items.map((item) => [item.invoice.id, item]));
			expect(byId.get(soon.Id)).toMatchObject({
				event: 'due_soon',
				window: 'due_soon',
				daysOverdue: -3,
			});
			expect(byId.get(today.Id)).toMatchObject({ event: 'due_soon', daysOverdue: 0 });
			expect(byId.has(later.Id)).toBe(false);
			expect(byId.get('1042')).toMatchObject({
				event: 'overdue',
				window: 'overdue',
				daysOverdue: 27,
			});
		});
	});
});

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { StripeDunningApi } from '../../../credentials/StripeDunningApi.credentials';
import { StripeInvoiceTrigger } from '../../../nodes/StripeInvoiceTrigger/StripeInvoiceTrigger.node';
import { runWorkflow, type WorkflowJson } from '../../helpers/run-workflow';
import { startStripeSimulator, type StripeSimulator } from '../../simulators/stripe';
import { API_KEY, runDunning } from '../StripeDunning/harness';

const DAY = 86_400;
const NODE = 'Stripe Invoice Trigger';
let stripe: StripeSimulator;

beforeEach(async () => {
	stripe = await startStripeSimulator();
});
afterEach(async () => {
	await stripe.stop();
});

function pollingWorkflow(parameters: Record<string, unknown>): WorkflowJson {
	return {
		nodes: [
			{
				id: '1',
				name: NODE,
				type: 'n8n-nodes-dunning.stripeInvoiceTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: { mode: 'polling', ...parameters } as INodeParameters,
				credentials: { stripeDunningApi: { id: '1', name: 'Stripe' } },
			},
		],
		connections: {},
		settings: { timezone: 'Europe/Paris' },
	};
}

/** One poll, as n8n runs it: the static data of the previous poll goes in, the new one comes out. */
async function poll(parameters: Record<string, unknown>, staticData: IDataObject = {}) {
	const result = await runWorkflow(pollingWorkflow(parameters), {
		nodeTypes: { 'n8n-nodes-dunning.stripeInvoiceTrigger': new StripeInvoiceTrigger() },
		credentialTypes: [new StripeDunningApi()],
		credentials: { stripeDunningApi: { apiKey: API_KEY, baseUrl: stripe.url } },
		staticData,
	});
	expect(result.error).toBeUndefined();
	const items = result.runData[NODE] ? result.jsonOf(NODE) : [];
	return { items, staticData: result.staticData, result };
}

const idsOf = (items: IDataObject[]) => items.map((item) => (item.invoice as { id: string }).id);

describe('Stripe Invoice Trigger: polling', () => {
	it('emits each overdue invoice once, and again only when its state changes', async () => {
		const now = stripe.now();
		// 600 open invoices due 0..29 days ago, 20 per day offset (several pages): 460 overdue by 7 days or more.
		const seeded = stripe.seedInvoices(600, { dueDate: (index) => now - (index % 30) * DAY });
		const first = await poll({ minDaysOverdue: 7 });
		expect(first.items).toHaveLength(460);
		expect(new Set(idsOf(first.items)).size).toBe(460);
		expect(first.items[0]).toMatchObject({
			invoice: {
				source: 'stripe',
				status: 'open',
				customer: { email: 'compta@atelier-vauclair.example.fr' },
			},
			event: { source: 'poll', type: 'invoice.overdue', change: 'new' },
			raw: { object: 'invoice' },
		});

		const second = await poll({ minDaysOverdue: 7 }, first.staticData);
		expect(second.items).toHaveLength(0);

		// A partial payment on one invoice, a full payment on another, and our own claim on a third.
		const [partial, paid, claimed] = seeded.filter(
			(invoice) => now - (invoice.due_date as number) >= 7 * DAY,
		);
		stripe.updateInvoice(partial.id as string, {
			amount_paid: 1000,
			amount_remaining: (partial.amount_remaining as number) - 1000,
		});
		stripe.updateInvoice(
			paid.id as string,
			{ status: 'paid', amount_paid: paid.amount_due, amount_remaining: 0 },
			'invoice.paid',
		);
		const claim = await runDunning(stripe, [{ id: claimed.id }], {
			operation: 'claimStep',
			stepId: 'd7',
		});
		expect(claim.jsonOf('Stripe Dunning', 0)).toHaveLength(1);

		const third = await poll({ minDaysOverdue: 7 }, second.staticData);
		expect(idsOf(third.items)).toEqual([partial.id]);
		expect(third.items[0].event).toMatchObject({ change: 'changed' });
		// The paid invoice left the list and its fingerprint was dropped: state stays bounded.
		const fingerprints = third.staticData[`node:${NODE}`] as {
			fingerprints: Record<string, string>;
		};
		expect(Object.keys(fingerprints.fingerprints)).toHaveLength(459);
		expect(fingerprints.fingerprints[paid.id as string]).toBeUndefined();

		expect((await poll({ minDaysOverdue: 7 }, third.staticData)).items).toHaveLength(0);
	}, 60_000);

	it('with Overdue Bucket Changes, emits again when an invoice enters the next bucket', async () => {
		const now = stripe.now();
		const [invoice] = stripe.seedInvoices(1, { dueDate: () => now - 7 * DAY });
		const first = await poll({ minDaysOverdue: 1, emitOn: 'bucketChange', bucketDays: 7 });
		expect(first.items).toHaveLength(1);
		// A day later it is 8 days overdue: bucket 1.
		stripe.invoice(invoice.id as string)!.due_date = now - 8 * DAY;
		const second = await poll(
			{ minDaysOverdue: 1, emitOn: 'bucketChange', bucketDays: 7 },
			first.staticData,
		);
		expect(second.items).toHaveLength(1);
		expect(second.items[0].event).toMatchObject({ change: 'changed', daysOverdue: 8 });
	});

	it('includes invoices due soon when asked', async () => {
		const now = stripe.now();
		stripe.seedInvoices(6, { dueDate: (index) => now + (index - 3) * DAY });
		const { items } = await poll({ minDaysOverdue: 2, includeDueSoon: true, dueWithinDays: 1 });
		expect(items.map((item) => (item.event as IDataObject).type).sort()).toEqual([
			'invoice.due_soon',
			'invoice.due_soon',
			'invoice.overdue',
			'invoice.overdue',
		]);
	});

	it('continues a long list at the next poll from the saved cursor, with bounded pages per poll', async () => {
		const now = stripe.now();
		stripe.seedInvoices(1000, { dueDate: () => now - 10 * DAY });
		const parameters = { minDaysOverdue: 1, options: { maxPages: 4 } };
		const first = await poll(parameters);
		expect(first.items).toHaveLength(400);
		expect((first.staticData[`node:${NODE}`] as { cursor?: string }).cursor).toBeDefined();
		const second = await poll(parameters, first.staticData);
		const third = await poll(parameters, second.staticData);
		expect(second.items).toHaveLength(400);
		expect(third.items).toHaveLength(200);
		expect((third.staticData[`node:${NODE}`] as { cursor?: string }).cursor).toBeUndefined();
		expect(new Set(idsOf([...first.items, ...second.items, ...third.items])).size).toBe(1000);
		// A new pass starts from the top and finds nothing new.
		const fourth = await poll(parameters, third.staticData);
		expect(fourth.items).toHaveLength(0);
	}, 60_000);

	it('retries a rate-limited page and does nothing in webhook mode', async () => {
		const now = stripe.now();
		stripe.seedInvoices(5, { dueDate: () => now - 10 * DAY });
		stripe.inject({ fault: { kind: 'status', status: 429 }, times: 2 });
		expect((await poll({ minDaysOverdue: 1 })).items).toHaveLength(5);
		stripe.requests.length = 0;
		const webhookMode = await poll({ mode: 'webhook' });
		expect(webhookMode.items).toHaveLength(0);
		expect(stripe.requests).toHaveLength(0);
	}, 30_000);
});

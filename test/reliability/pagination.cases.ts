// Faults in the middle of a paginated listing (issue 9, part 3: partial pages): the first page is served,
// then the next page is cut in the middle of its JSON, reset or refused; the listing is retried from that
// page and every invoice comes out exactly once.
import type { IDataObject } from 'n8n-workflow';

import { actionWorkflow, credentialFor, run } from '../nodes/QuickBooksDunning/quickbooks-harness';
import { runDunning } from '../nodes/StripeDunning/harness';
import { startQuickBooksSimulator, type QuickBooksSimulator } from '../simulators/quickbooks';
import { startStripeSimulator, type StripeSimulator } from '../simulators/stripe';

describe('pagination', () => {
	describe('a fault on a later page of a listing', () => {
		let stripe: StripeSimulator;
		let sim: QuickBooksSimulator;
		afterEach(async () => {
			await stripe?.stop();
			await sim?.stop();
		});

		it('Stripe List Overdue over 250 invoices (3 pages): page 2 cut mid-JSON, then reset, then 500: 250 invoices once each', async () => {
			stripe = await startStripeSimulator();
			const now = Math.floor(Date.now() / 1000);
			const seeded = stripe.seedInvoices(250, { dueDate: (i) => now - 86_400 * (2 + (i % 20)) });
			// The faults are armed when the second page is asked for (the simulator records a request before it
			// looks for a fault), so page 1 is served normally.
			let lists = 0;
			const record = stripe.requests.push.bind(stripe.requests);
			stripe.requests.push = (...entries) => {
				for (const entry of entries) {
					if (entry.method === 'GET' && entry.path === '/v1/invoices' && ++lists === 2) {
						stripe.inject({
							method: 'GET',
							path: /^\/v1\/invoices$/,
							fault: { kind: 'malformed' },
						});
						stripe.inject({ method: 'GET', path: /^\/v1\/invoices$/, fault: { kind: 'reset' } });
						stripe.inject({
							method: 'GET',
							path: /^\/v1\/invoices$/,
							fault: { kind: 'status', status: 500 },
						});
					}
				}
				return record(...entries);
			};
			const result = await runDunning(stripe, [{}], { operation: 'listOverdue' });
			expect(result.error).toBeUndefined();
			const ids = result
				.jsonOf('Stripe Dunning', 0)
				.map((item) => (item.invoice as IDataObject).id);
			expect(ids).toHaveLength(250);
			expect(new Set(ids).size).toBe(250);
			expect([...ids].sort()).toEqual(seeded.map((invoice) => invoice.id).sort());
			const pages = stripe.requests.filter((r) => r.method === 'GET' && r.path === '/v1/invoices');
			// 3 pages + 3 failed attempts at page 2, each retry asking for page 2 again (same cursor).
			expect(pages).toHaveLength(6);
			expect(new Set(pages.slice(1, 5).map((r) => r.query.starting_after)).size).toBe(1);
		}, 120_000);

		it('QuickBooks List Overdue over 1,050 invoices (2 pages of at most 1,000): page 2 throttled, reset and 503: 1,050 once each', async () => {
			sim = await startQuickBooksSimulator({ fixtures: false });
			const seeded = sim.seedInvoices(1050, { dueDate: '2026-10-30' });
			// Faults are taken in order: a pass-through delay consumes page 1, the others hit page 2.
			sim.injectFault({ method: 'GET', path: '/query', kind: 'delay', hangMs: 1 });
			sim.injectFault({ method: 'GET', path: '/query', kind: 'throttle' });
			sim.injectFault({ method: 'GET', path: '/query', kind: 'reset' });
			sim.injectFault({ method: 'GET', path: '/query', kind: 'server' });
			const result = await run(
				actionWorkflow([{}], { operation: 'listOverdue', options: { customerLookup: 'never' } }),
				credentialFor(sim),
			);
			expect(result.error).toBeUndefined();
			const ids = result.jsonOf('QuickBooks', 0).map((item) => (item.invoice as IDataObject).id);
			expect(ids).toHaveLength(1050);
			expect(new Set(ids).size).toBe(1050);
			expect(new Set(ids)).toEqual(new Set(seeded.map((invoice) => String(invoice.Id))));
			const queries = sim.requests
				.filter((r) => r.path === '/query')
				.map((r) => [r.status, /startposition (\d+)/i.exec(r.query.query)?.[1]]);
			expect(queries).toEqual([
				[200, '1'],
				[429, '1001'],
				[-1, '1001'],
				[503, '1001'],
				[200, '1001'],
			]);
		}, 120_000);
	});
});

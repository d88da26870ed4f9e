// Fuzzing of API answers (issue 9, part 2): invoices with missing fields, nulls, strings where numbers were,
// read through the Stripe Dunning and QuickBooks Dunning nodes from the simulators. Each invoice comes out
// normalised (integer amounts) or on the error output with a message naming the field; the run goes on;
// no API key, OAuth token or client secret appears in any output or error.
import * as fc from 'fast-check';
import type { IDataObject } from 'n8n-workflow';

import { credentialFor, run, actionWorkflow } from '../nodes/QuickBooksDunning/quickbooks-harness';
import { API_KEY, runDunning } from '../nodes/StripeDunning/harness';
import {
	SIMULATOR_CLIENT_SECRET,
	SIMULATOR_VERIFIER_TOKEN,
	startQuickBooksSimulator,
	type QuickBooksSimulator,
} from '../simulators/quickbooks';
import { startStripeSimulator, type StripeSimulator } from '../simulators/stripe';
import { leakedSecrets } from './secrets';

const SEED = 20261126;

/** A value where the API had a number, a string or an object. */
const unexpected: fc.Arbitrary<unknown> = fc.oneof(
	fc.constantFrom(null, '', '12.5', 'NaN', true, [], {}, -1, 1.5, 1e21, '1e3', '__proto__'),
	fc.string({ maxLength: 8 }),
	fc.double(),
);

const STRIPE_FIELDS = [
	'total',
	'amount_remaining',
	'amount_paid',
	'currency',
	'due_date',
	'status',
	'created',
	'effective_at',
	'metadata',
	'customer',
	'id',
];
const QB_FIELDS = [
	'TotalAmt',
	'Balance',
	'CurrencyRef',
	'DueDate',
	'TxnDate',
	'PrivateNote',
	'BillEmail',
	'CustomerRef',
	'Id',
	'SyncToken',
];

/** For each of `count` invoices: one to three fields removed or replaced by something unexpected. */
function mutations(fields: string[], count: number) {
	return fc.sample(
		fc.array(
			fc.tuple(fc.constantFrom(...fields), fc.option(unexpected, { nil: undefined, freq: 3 })),
			{
				minLength: 1,
				maxLength: 3,
			},
		),
		{ seed: SEED, numRuns: count },
	);
}

function apply(target: Record<string, unknown>, changes: [string, unknown][]): void {
	for (const [field, value] of changes) {
		if (value === undefined) delete target[field];
		else target[field] = value;
	}
}

describe('Stripe Dunning reads invoices of unexpected shapes', () => {
	let stripe: StripeSimulator;
	beforeEach(async () => {
		stripe = await startStripeSimulator();
	});
	afterEach(async () => {
		await stripe.stop();
	});

	it('Get: 150 invoices with missing or odd fields, each normalised or refused on the error output naming the field', async () => {
		const seeded = stripe.seedInvoices(150);
		const changes = mutations(
			STRIPE_FIELDS.filter((field) => field !== 'id'),
			seeded.length,
		);
		seeded.forEach((invoice, index) =>
			apply(stripe.invoice(invoice.id as string)!, changes[index]),
		);
		const result = await runDunning(
			stripe,
			seeded.map((invoice) => ({ id: invoice.id })),
			{ operation: 'get' },
			{ onError: 'continueErrorOutput' },
		);
		expect(result.error).toBeUndefined();
		const done = result.jsonOf('Stripe Dunning', 0);
		const failed = result.jsonOf('Stripe Dunning', 2);
		expect(done.length + failed.length).toBe(seeded.length);
		expect(failed.length).toBeGreaterThan(0);
		for (const item of done) {
			const invoice = item.invoice as IDataObject;
			for (const key of ['totalMinor', 'paidMinor', 'dueMinor'])
				expect(Number.isSafeInteger(invoice[key])).toBe(true);
		}
		for (const item of failed)
			expect(String(item.error)).toMatch(/^Item \d+: invoice\.[A-Za-z_.]+: /);
		expect(leakedSecrets(result.run, [API_KEY])).toEqual([]);
	}, 60_000);

	it('List Overdue: one unreadable invoice in a page fails the listing with its field named (not silently skipped)', async () => {
		const seeded = stripe.seedInvoices(5);
		stripe.invoice(seeded[2].id as string)!.total = '12.50';
		const result = await runDunning(
			stripe,
			[{}],
			{ operation: 'listOverdue' },
			{ onError: 'continueErrorOutput' },
		);
		expect(result.jsonOf('Stripe Dunning', 0)).toHaveLength(0);
		expect(result.jsonOf('Stripe Dunning', 2)).toEqual([
			expect.objectContaining({
				error: expect.stringMatching(/invoice\.total: "12\.50" is not an integer/),
			}),
		]);
		expect(leakedSecrets(result.run, [API_KEY])).toEqual([]);
	});

	it('a reset, a non-JSON answer and a 401 end in a clear error on the error output that carries no key', async () => {
		const [invoice] = stripe.seedInvoices(1);
		for (const fault of [
			{ kind: 'reset' },
			{ kind: 'malformed' },
			{ kind: 'status', status: 401 },
		] as const) {
			stripe.inject({ fault, times: 10 });
			const result = await runDunning(
				stripe,
				[{ id: invoice.id }],
				{ operation: 'get', options: { timeoutSeconds: 2 } },
				{ onError: 'continueErrorOutput' },
			);
			stripe.clearFaults();
			const [failed] = result.jsonOf('Stripe Dunning', 2);
			// n8n's NodeApiError words a reset itself ("The connection to the server was closed unexpectedly").
			expect(String(failed.error)).toMatch(/^Item 0: (Stripe|The connection)/);
			expect(leakedSecrets(result.run, [API_KEY, API_KEY.slice(8)])).toEqual([]);
		}
	}, 120_000);
});

describe('QuickBooks Dunning reads invoices of unexpected shapes', () => {
	let sim: QuickBooksSimulator;
	beforeEach(async () => {
		sim = await startQuickBooksSimulator();
	});
	afterEach(async () => {
		await sim.stop();
	});

	it('Get: 150 invoices with missing or odd fields, each normalised or refused naming the field; no token or secret anywhere', async () => {
		const seeded = sim.seedInvoices(150);
		const changes = mutations(
			QB_FIELDS.filter((field) => field !== 'Id'),
			seeded.length,
		);
		seeded.forEach((invoice, index) =>
			apply(sim.invoices.get(invoice.Id as string)!, changes[index]),
		);
		const credential = credentialFor(sim);
		const tokens = credential.oauthTokenData as IDataObject;
		const result = await run(
			actionWorkflow(
				seeded.map((invoice) => ({ Id: invoice.Id })),
				{ operation: 'get', options: { customerLookup: 'never' } },
				{ onError: 'continueErrorOutput' },
			),
			credential,
		);
		expect(result.error).toBeUndefined();
		const done = result.jsonOf('QuickBooks', 0);
		const failed = result.jsonOf('QuickBooks', 2);
		expect(done.length + failed.length).toBe(seeded.length);
		expect(failed.length).toBeGreaterThan(0);
		for (const item of done) {
			const invoice = item.invoice as IDataObject;
			for (const key of ['totalMinor', 'paidMinor', 'dueMinor'])
				expect(Number.isSafeInteger(invoice[key])).toBe(true);
		}
		for (const item of failed)
			expect(String(item.error)).toMatch(/^Item \d+: (invoice|customer)\.[A-Za-z_.]+/);
		const secrets = [
			SIMULATOR_CLIENT_SECRET,
			SIMULATOR_VERIFIER_TOKEN,
			String(tokens.access_token),
			String(tokens.refresh_token),
		];
		expect(leakedSecrets(result.run, secrets)).toEqual([]);
	}, 60_000);
});

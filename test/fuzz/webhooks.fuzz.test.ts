// Fuzzing of webhook input (issue 9, part 2): malformed bodies, headers and signatures through the two
// verifiers, the Stripe delivery handler, the Intuit notification parser, the Stripe Invoice Trigger's
// webhook() and QuickBooks' Verify and Expand Webhook. Each gives a refusal or a clear error, never an
// exception out of a verifier, never a secret in an answer, an output or an error.
import * as fc from 'fast-check';
import type { IDataObject, IHttpRequestOptions, IWebhookFunctions } from 'n8n-workflow';

import {
	DunningInputError,
	parseIntuitNotifications,
	signIntuitPayload,
	signStripePayload,
	verifyIntuitSignature,
	verifyStripeSignature,
} from '../../nodes/shared/internal';
import { handleStripeDelivery, INVOICE_EVENTS } from '../../nodes/services/stripe/webhook';
import { StripeInvoiceTrigger } from '../../nodes/StripeInvoiceTrigger/StripeInvoiceTrigger.node';
import { stripeFixture } from '../helpers/fixtures';
import { credentialFor, run, webhookWorkflow } from '../nodes/QuickBooksDunning/quickbooks-harness';
import {
	SIMULATOR_CLIENT_SECRET,
	SIMULATOR_VERIFIER_TOKEN,
	startQuickBooksSimulator,
	type QuickBooksSimulator,
} from '../simulators/quickbooks';
import { sendRequest, startStripeSimulator, type StripeSimulator } from '../simulators/stripe';
import { params } from '../properties/config';
import { leakedSecrets, serialise } from './secrets';

const STRIPE_SECRET = 'whsec_fuzzSigningSecret0123456789abcdef';
const STRIPE_KEY = 'sk_test_fuzzApiKey0123456789ABCDEFGHIJ';
const NOW = 1_795_000_000;

const event = stripeFixture('event-invoice.overdue');
const goodBody = JSON.stringify(event);

/** Hostile header values: garbage, near misses of the scheme, huge, control characters. */
const hostileStripeHeader: fc.Arbitrary<string | undefined> = fc.oneof(
	fc.string(),
	fc.string({ unit: 'binary', maxLength: 200 }),
	fc.constantFrom(
		undefined,
		'',
		't=',
		'v1=',
		't=,v1=',
		`t=${NOW}`,
		`t=${NOW},v1=`,
		`t=${NOW},v1=zz`,
		`t=${NOW},v0=${'a'.repeat(64)}`,
		`t=${NOW},t=${NOW + 1},v1=${'a'.repeat(64)}`,
		`t=-1,v1=${'a'.repeat(64)}`,
		`t=1e9,v1=${'a'.repeat(64)}`,
		`t=${'9'.repeat(400)},v1=${'a'.repeat(64)}`,
		`t=${NOW},v1=${'a'.repeat(64)}`.repeat(500),
		'=,=,=,==,',
		'\u0000\u0001t=1',
		'__proto__=1,constructor=2',
	),
	fc
		.tuple(
			fc.integer({ min: 0, max: 2_000_000_000 }),
			fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), maxLength: 70 }),
		)
		.map(([t, hex]) => `t=${t},v1=${hex}`),
);

/** A valid header changed in one place: a character of the signature, the timestamp, or a truncation. */
const nearMiss = fc
	.tuple(fc.constantFrom('flip', 'time', 'truncate', 'case', 'secret'), fc.nat(63))
	.map(([how, position]) => {
		const valid = signStripePayload(goodBody, STRIPE_SECRET, NOW);
		const signature = valid.split('v1=')[1];
		switch (how) {
			case 'flip': {
				const flipped = signature[position] === '0' ? '1' : '0';
				return `t=${NOW},v1=${signature.slice(0, position)}${flipped}${signature.slice(position + 1)}`;
			}
			case 'time':
				return `t=${NOW + 1 + position},v1=${signature}`;
			case 'truncate':
				return `t=${NOW},v1=${signature.slice(0, position)}`;
			case 'case':
				return valid.toUpperCase();
			default:
				return signStripePayload(goodBody, `${STRIPE_SECRET}x`, NOW);
		}
	});

describe('verifyStripeSignature and verifyIntuitSignature under hostile input', () => {
	it('never throw, and verify nothing they were not given a true signature for (3000 runs in CI)', () => {
		fc.assert(
			fc.property(
				fc.oneof(hostileStripeHeader, nearMiss),
				fc.oneof(
					fc.constant(goodBody),
					fc.string(),
					fc.uint8Array().map((bytes) => Buffer.from(bytes)),
				),
				fc.oneof(fc.constant(NOW), fc.double(), fc.constantFrom(Number.NaN, Infinity, -Infinity)),
				fc.oneof(fc.constant(300), fc.double(), fc.constantFrom(Number.NaN, -1, Infinity)),
				(header, body, now, tolerance) => {
					const result = verifyStripeSignature(body, header, STRIPE_SECRET, now, tolerance);
					expect(typeof result).toBe('boolean');
					// Only the one case 'case' upper-cases hex that still verifies: Stripe's hex is lower case,
					// and an upper-cased header has `T=` and `V1=`, which are not the scheme's keys.
					expect(result).toBe(false);
				},
			),
			params(3000),
		);
	});

	it('accept a genuine signature of any body, huge ones included, and reject it one second out of tolerance', () => {
		const huge = JSON.stringify({ ...event, padding: 'x'.repeat(8 * 1024 * 1024) });
		for (const body of [goodBody, huge, Buffer.from(huge), '', '\u0000', '🦄'.repeat(1000)]) {
			const header = signStripePayload(body, ['whsec_old', STRIPE_SECRET], NOW);
			expect(verifyStripeSignature(body, header, STRIPE_SECRET, NOW + 300)).toBe(true);
			expect(verifyStripeSignature(body, header, STRIPE_SECRET, NOW + 301)).toBe(false);
			expect(verifyStripeSignature(body, header, STRIPE_SECRET, NOW - 301)).toBe(false);
			const intuit = signIntuitPayload(body, SIMULATOR_VERIFIER_TOKEN);
			expect(verifyIntuitSignature(body, intuit, SIMULATOR_VERIFIER_TOKEN)).toBe(true);
			expect(verifyIntuitSignature(`${body.toString()} `, intuit, SIMULATOR_VERIFIER_TOKEN)).toBe(
				false,
			);
		}
	});

	it('Intuit: hostile headers, bodies and tokens are simply false (3000 runs in CI)', () => {
		const body = '[{"specversion":"1.0"}]';
		const valid = signIntuitPayload(body, SIMULATOR_VERIFIER_TOKEN);
		fc.assert(
			fc.property(
				fc.oneof(
					fc.string(),
					fc.base64String(),
					fc.constantFrom(
						undefined,
						'',
						'=',
						valid.slice(0, -1),
						`${valid}=`,
						valid.replace(/=$/, ''),
						` ${valid}x`,
					),
					fc
						.nat(42)
						.map((i) => `${valid.slice(0, i)}${valid[i] === 'A' ? 'B' : 'A'}${valid.slice(i + 1)}`),
					fc.constant(Buffer.from(valid, 'base64').toString('hex')),
				),
				fc.oneof(fc.constant(body), fc.string(), fc.constant(undefined), fc.constant(12)),
				fc.oneof(
					fc.constant(SIMULATOR_VERIFIER_TOKEN),
					fc.constantFrom('', undefined, null, 42, 'other'),
				),
				(header, raw, token) => {
					const result = verifyIntuitSignature(
						raw as string,
						header as string | undefined,
						token as string,
					);
					expect(typeof result).toBe('boolean');
					if (result) {
						// The only way to true: the real token over the real body, with a base64 variant of the signature.
						expect([raw, token]).toEqual([body, SIMULATOR_VERIFIER_TOKEN]);
						expect(Buffer.from(String(header).trim(), 'base64')).toEqual(
							Buffer.from(valid, 'base64'),
						);
					}
				},
			),
			params(3000),
		);
	});
});

/** JSON-ish values of any shape, hostile keys included. */
const jsonish = fc.letrec((tie) => ({
	value: fc.oneof(
		{ depthSize: 'small' },
		fc.constantFrom(null, true, 0, -1, 1e308, '', '__proto__', 'invoice', 'qbo.invoice.updated.v1'),
		fc.string(),
		fc.double(),
		fc.array(tie('value'), { maxLength: 4 }),
		fc.dictionary(
			fc.oneof(
				fc.constantFrom(
					'__proto__',
					'constructor',
					'prototype',
					'id',
					'type',
					'data',
					'object',
					'eventNotifications',
					'intuitentityid',
					'intuitaccountid',
					'dataChangeEvent',
					'entities',
				),
				fc.string(),
			),
			tie('value'),
			{ maxKeys: 5 },
		),
	),
})).value;

describe('Stripe deliveries and Intuit notifications with any body', () => {
	it('handleStripeDelivery: unsigned, forged or signed garbage is refused or ignored, never thrown, never echoing the secret (3000 runs in CI)', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					jsonish.map((value) => JSON.stringify(value) ?? 'undefined'),
					fc.string(),
				),
				fc.constantFrom('signed', 'forged', 'none', 'garbage'),
				fc.subarray([...INVOICE_EVENTS]),
				(rawBody, signing, events) => {
					const signature =
						signing === 'signed'
							? signStripePayload(rawBody, STRIPE_SECRET, NOW)
							: signing === 'forged'
								? signStripePayload(rawBody, 'whsec_attacker', NOW)
								: signing === 'garbage'
									? `t=${NOW},v1=${'f'.repeat(64)}`
									: undefined;
					const outcome = handleStripeDelivery({
						rawBody,
						signature,
						secret: STRIPE_SECRET,
						nowSeconds: NOW,
						toleranceSeconds: 300,
						events,
						recentEventIds: [],
					});
					if (signing !== 'signed') expect(outcome.action).toBe('reject');
					if (outcome.action === 'emit') {
						expect(typeof outcome.event.id).toBe('string');
						expect(outcome.invoice.object).toBe('invoice');
					}
					expect(leakedSecrets(outcome, [STRIPE_SECRET])).toEqual([]);
				},
			),
			params(3000),
		);
	});

	it('parseIntuitNotifications: any JSON gives changes with string ids or a DunningInputError (3000 runs in CI)', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					jsonish,
					jsonish.map((value) => JSON.stringify(value) ?? ''),
					fc.string(),
				),
				(body) => {
					try {
						const changes = parseIntuitNotifications(body);
						for (const change of changes) {
							expect(typeof change.id).toBe('string');
							expect(typeof change.entity).toBe('string');
							expect(typeof change.realmId).toBe('string');
						}
					} catch (error) {
						if (!(error instanceof DunningInputError)) throw error;
						expect(error.message.length).toBeLessThan(400);
					}
				},
			),
			params(3000),
		);
	});
});

describe('Stripe Invoice Trigger webhook() with hostile deliveries', () => {
	let stripe: StripeSimulator;
	beforeAll(async () => {
		stripe = await startStripeSimulator({ apiKeys: [STRIPE_KEY] });
		stripe.addInvoice((event.data as { object: IDataObject }).object);
	});
	afterAll(async () => {
		await stripe.stop();
	});

	function context(
		rawBody: string | undefined,
		signature: string | undefined,
		staticData: IDataObject,
	) {
		const answer: { status?: number; body?: unknown } = {};
		const fake = {
			getNode: () => ({
				name: 'Stripe Invoice Trigger',
				type: 'n8n-nodes-dunning.stripeInvoiceTrigger',
			}),
			getNodeParameter: (name: string, fallback?: unknown) =>
				(
					({
						mode: 'webhook',
						endpoint: 'register',
						events: [...INVOICE_EVENTS],
						options: {},
					}) as IDataObject
				)[name] ?? fallback,
			getWorkflowStaticData: () => staticData,
			getWorkflow: () => ({ id: 'wf' }),
			getTimezone: () => 'Europe/Paris',
			getCredentials: async () => ({ apiKey: STRIPE_KEY, baseUrl: stripe.url, webhookSecret: '' }),
			getRequestObject: () => ({
				rawBody: rawBody === undefined ? undefined : Buffer.from(rawBody),
			}),
			getHeaderData: () => (signature === undefined ? {} : { 'stripe-signature': signature }),
			getResponseObject: () => ({
				status(code: number) {
					answer.status = code;
					return this;
				},
				json(body: unknown) {
					answer.body = body;
					return this;
				},
			}),
			helpers: {
				async httpRequestWithAuthentication(_type: string, request: IHttpRequestOptions) {
					const response = await sendRequest(
						request.method ?? 'GET',
						request.url,
						request.body as string,
						{
							...(request.headers as Record<string, string>),
							Authorization: `Bearer ${STRIPE_KEY}`,
						},
					);
					return { statusCode: response.status, headers: response.headers, body: response.text };
				},
			},
		};
		return { fake: fake as unknown as IWebhookFunctions, answer };
	}

	const trigger = new StripeInvoiceTrigger();
	const invoice = (event.data as { object: IDataObject }).object;

	/** Signed events whose invoice has unexpected shapes: Stripe signed it, but the content is odd. */
	/** Mostly the recorded value, sometimes something odd. */
	const odd = <T>(usual: fc.Arbitrary<T>, ...unusual: fc.Arbitrary<unknown>[]) =>
		fc.oneof({ arbitrary: usual as fc.Arbitrary<unknown>, weight: 6 }, ...unusual);
	const oddInvoice = fc.record({
		total: odd(
			fc.integer({ min: 0, max: 1e9 }),
			fc.integer(),
			fc.string(),
			fc.constant(null),
			fc.double(),
		),
		amount_remaining: odd(fc.integer({ min: 0, max: 1e9 }), fc.constant(null), fc.string()),
		currency: odd(fc.constantFrom('eur', 'jpy', 'isk'), fc.constantFrom('xxx', '', null)),
		due_date: odd(
			fc.integer({ min: 1.7e9, max: 1.9e9 }),
			fc.constant(null),
			fc.string(),
			fc.double(),
		),
		status: odd(fc.constantFrom('open', 'paid', 'void'), fc.constantFrom('weird', null)),
		metadata: odd(
			fc.constant({}),
			fc.dictionary(
				fc.constantFrom('dunning_last_sent_on', 'dunning_paused', 'dunning_sent_steps'),
				fc.string(),
			),
			fc.constant(null),
		),
	});

	it('answers 400/401 to unsigned and forged deliveries and never leaks the secret (300 runs in CI)', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.oneof(
					fc.string(),
					jsonish.map((value) => JSON.stringify(value) ?? ''),
				),
				fc.oneof(hostileStripeHeader, nearMiss),
				async (rawBody, signature) => {
					const { fake, answer } = context(rawBody, signature, { webhookSecret: STRIPE_SECRET });
					const result = await trigger.webhook.call(fake);
					expect(result).toEqual({ noWebhookResponse: true });
					expect([400, 401]).toContain(answer.status);
					expect(leakedSecrets([result, answer], [STRIPE_SECRET, STRIPE_KEY])).toEqual([]);
				},
			),
			params(300),
		);
	});

	// A signed event whose invoice cannot be normalised makes webhook() throw (n8n then answers 500 and Stripe
	// retries the delivery for up to three days): the message names the field and holds no secret. Reported in
	// issue 9's closing note as a behaviour to decide on (answer 200 and drop, or emit the raw event).
	it('signed events with odd invoice shapes: emitted with integer amounts, or a clear error naming the field, never a secret (200 runs in CI)', async () => {
		const outcomes = { emitted: 0, refused: 0, ignored: 0 };
		await fc.assert(
			fc.asyncProperty(oddInvoice, fc.uuid(), async (changes, id) => {
				const body = JSON.stringify({
					...event,
					id: `evt_${id}`,
					data: { object: { ...invoice, ...changes } },
				});
				const { fake, answer } = context(
					body,
					signStripePayload(body, STRIPE_SECRET, Math.floor(Date.now() / 1000)),
					{
						webhookSecret: STRIPE_SECRET,
					},
				);
				let result: unknown;
				try {
					result = await trigger.webhook.call(fake);
				} catch (error) {
					outcomes.refused++;
					expect((error as Error).message).toMatch(/^invoice\.[a-z_.]+: /);
					expect(leakedSecrets(error, [STRIPE_SECRET, STRIPE_KEY])).toEqual([]);
					return;
				}
				const data = (result as { workflowData?: { json: IDataObject }[][] }).workflowData;
				if (!data) {
					outcomes.ignored++;
					return;
				}
				outcomes.emitted++;
				const emitted = data[0][0].json.invoice as IDataObject;
				for (const key of ['totalMinor', 'paidMinor', 'dueMinor']) {
					expect(Number.isSafeInteger(emitted[key])).toBe(true);
				}
				expect(leakedSecrets([result, answer], [STRIPE_SECRET, STRIPE_KEY])).toEqual([]);
			}),
			params(200),
		);
		// Both paths were exercised.
		expect(outcomes.emitted).toBeGreaterThan(0);
		expect(outcomes.refused).toBeGreaterThan(0);
	}, 60_000);
});

describe('QuickBooks Verify and Expand Webhook with hostile deliveries', () => {
	let sim: QuickBooksSimulator;
	beforeAll(async () => {
		sim = await startQuickBooksSimulator();
	});
	afterAll(async () => {
		await sim.stop();
	});

	it('a batch of hostile deliveries (400 in CI, 3 of 2 MB): each refused on the error output or expanded, the run completes, no secret anywhere', async () => {
		const deliveries = fc
			.sample(
				fc.tuple(
					fc.oneof(
						fc.string(),
						jsonish.map((value) => JSON.stringify(value) ?? ''),
						fc.constant(
							JSON.stringify([
								{
									type: 'qbo.invoice.updated.v1',
									intuitentityid: '__proto__',
									intuitaccountid: sim.realmId,
								},
								{
									type: 'qbo.invoice.updated.v1',
									intuitentityid: '1042 or 1=1',
									intuitaccountid: sim.realmId,
								},
							]),
						),
					),
					fc.constantFrom('signed', 'forged', 'none', 'garbage', 'list'),
				),
				params(400),
			)
			.map(([rawBody, signing]) => {
				const headers: Record<string, string> = {};
				if (signing === 'signed')
					headers['intuit-signature'] = signIntuitPayload(rawBody, SIMULATOR_VERIFIER_TOKEN);
				if (signing === 'forged')
					headers['intuit-signature'] = signIntuitPayload(rawBody, 'forger');
				if (signing === 'garbage') headers['intuit-signature'] = '%%%';
				if (signing === 'list') headers['intuit-signature'] = ['a', 'b'] as unknown as string;
				return { rawBody, headers };
			});
		// Three huge bodies (2 MB): one signed, one forged, one unsigned.
		const huge = JSON.stringify([
			{ type: 'qbo.invoice.updated.v1', padding: 'x'.repeat(2 * 1024 * 1024) },
		]);
		deliveries[1] = {
			rawBody: huge,
			headers: { 'intuit-signature': signIntuitPayload(huge, SIMULATOR_VERIFIER_TOKEN) },
		};
		deliveries[2] = {
			rawBody: huge,
			headers: { 'intuit-signature': signIntuitPayload(huge, 'forger') },
		};
		deliveries[3] = { rawBody: huge, headers: {} };
		// Every 40th delivery is a genuine, signed notification of the overdue invoice 1042.
		let genuine = 0;
		for (let index = 0; index < deliveries.length; index += 40) {
			const { body, signature } = sim.notification([
				{ entity: 'invoice', id: '1042', operation: 'updated' },
			]);
			deliveries[index] = { rawBody: body, headers: { 'intuit-signature': signature } };
			genuine++;
		}
		const credential = credentialFor(sim);
		const tokenData = credential.oauthTokenData as IDataObject;
		const result = await run(
			webhookWorkflow(deliveries, {}, { onError: 'continueErrorOutput' }),
			credential,
		);
		expect(result.error).toBeUndefined();
		const done = result.jsonOf('QuickBooks', 0);
		const refused = result.jsonOf('QuickBooks', 2);
		// The genuine notifications among the hostile ones came through: invoice 1042 (overdue), once each.
		expect(done.filter((item) => (item.invoice as IDataObject).id === '1042')).toHaveLength(
			genuine,
		);
		// Every other delivery is refused with a clear message, on the error output, none lost.
		expect(refused.length).toBeGreaterThan(deliveries.length * 0.75);
		expect(done.length + refused.length).toBeLessThanOrEqual(deliveries.length);
		for (const item of refused) {
			expect(String(item.error)).toMatch(
				/^(Refused: |Item \d+: (notification|invoiceId|The QuickBooks)|QuickBooks error)/,
			);
			expect(String(item.error).length).toBeLessThan(600);
		}
		const secrets = [
			SIMULATOR_VERIFIER_TOKEN,
			SIMULATOR_CLIENT_SECRET,
			String(tokenData.access_token),
			String(tokenData.refresh_token),
		];
		expect(leakedSecrets([done, refused, result.run.data.resultData], secrets)).toEqual([]);
		expect(serialise(result.run).length).toBeGreaterThan(0);
	}, 120_000);
});

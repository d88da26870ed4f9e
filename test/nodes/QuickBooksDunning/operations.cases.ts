import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
	SIMULATOR_REALM_ID,
	startQuickBooksSimulator,
	type QuickBooksSimulator,
} from '../../simulators/quickbooks';
import {
	actionWorkflow,
	credentialFor,
	run,
	webhookWorkflow,
	CREDENTIAL,
} from './quickbooks-harness';
import { restoreRealDate, setFakeDate } from '../../helpers/fake-date';
import { pacerWaits } from '../../helpers/retry-waits';

describe('QuickBooks Dunning operations', () => {
	const CLAIMED_D7 = /\n\[dunning\] sent=d7@2026-11-26; claim=d7:[0-9a-f]{8}$/;

	const USER_TEXT = 'Client asked for a single invoice per quarter. Contact: M. Okafor, ext. 214.';
	const SLOW = 30_000;

	let sim: QuickBooksSimulator;
	beforeEach(async () => {
		setFakeDate('2026-11-26T10:00:00Z');
		sim = await startQuickBooksSimulator();
	});
	afterEach(async () => {
		await sim.stop();
		restoreRealDate();
	});

	type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

	describe('Get', () => {
		it('reads the invoice afresh with its payment link, minorversion 75, amounts in minor units', async () => {
			const result = await run(
				actionWorkflow([{ keep: 'me' }], { operation: 'get', invoiceId: '1046' }),
				credentialFor(sim),
			);
			expect(result.error).toBeUndefined();
			const [item] = result.jsonOf('QuickBooks') as Json[];
			expect(item.keep).toBe('me');
			expect(item.invoice).toMatchObject({
				id: '1046',
				source: 'quickbooks',
				currency: 'GBP',
				paymentUrl: expect.stringMatching(/^https:\/\/connect\.intuit\.com\//),
			});
			expect(item.raw.SyncToken).toBe('0');
			expect(sim.requests.map((request) => [request.path, request.query])).toEqual([
				['/invoice/1046', { include: 'invoiceLink', minorversion: '75' }],
			]);
		});

		it('turns decimal amounts into minor units without float error (1187.34 → 118734)', async () => {
			sim.editInvoice('1042', { TotalAmt: 1187.34, Balance: 0.29 + 0.01 });
			const result = await run(
				actionWorkflow([{}], { operation: 'get', invoiceId: '1042' }),
				credentialFor(sim),
			);
			expect((result.jsonOf('QuickBooks')[0] as Json).invoice).toMatchObject({
				totalMinor: 118734,
				dueMinor: 30,
				paidMinor: 118704,
			});
		});

		it('reads the customer when BillEmail is missing, and only then', async () => {
			const result = await run(
				actionWorkflow([{}, {}], {
					operation: 'get',
					invoiceId: '={{ $itemIndex === 0 ? "1043" : "1042" }}',
				}),
				credentialFor(sim),
			);
			const [partial, full] = result.jsonOf('QuickBooks') as Json[];
			expect(partial.invoice.customer.email).toBe('accounts@harrowpike.example.co.uk');
			expect(partial.customer.Id).toBe('58');
			expect(full.customer).toBeUndefined();
			// Items run concurrently (Requests at Once): the order of the requests between items is not fixed.
			expect(sim.requests.map((request) => request.path).sort()).toEqual([
				'/customer/58',
				'/invoice/1042',
				'/invoice/1043',
			]);
		});
	});

	describe('List Overdue', () => {
		it(
			'pages past 1,000 invoices until a short page, and reads each customer once',
			async () => {
				sim.seedInvoices(2345, { dueDateOf: (index) => `2026-1${index % 2}-0${1 + (index % 9)}` });
				const result = await run(
					actionWorkflow([{}], { operation: 'listOverdue', minDaysOverdue: 1 }),
					credentialFor(sim),
				);
				expect(result.error).toBeUndefined();
				const items = result.jsonOf('QuickBooks') as Json[];
				// 2,345 seeded plus the recorded overdue invoices 1042, 1043, 1045 and 1047.
				expect(items).toHaveLength(2349);
				expect(new Set(items.map((item) => item.invoice.id)).size).toBe(2349);
				expect(
					items.every((item) => item.event === 'overdue' && item.invoice.dueDate < '2026-11-26'),
				).toBe(true);
				const queries = sim.requests
					.filter((request) => request.path === '/query')
					.map((request) => request.query.query);
				expect(queries).toEqual(
					[1, 1001, 2001].map(
						(start) =>
							`select * from Invoice where Balance > '0' and DueDate < '2026-11-26' orderby DueDate startposition ${start} maxresults 1000`,
					),
				);
				expect(sim.requests.filter((request) => request.path === '/customer/58')).toHaveLength(1);
				expect(items.every((item) => item.invoice.customer.email)).toBe(true);
			},
			SLOW,
		);

		it("with Customer ID lists only that customer's overdue invoices, asked of QuickBooks by CustomerRef", async () => {
			const list = (customerId: string) =>
				run(
					actionWorkflow([{}], {
						operation: 'listOverdue',
						customerId,
						options: { customerLookup: 'never' },
					}),
					credentialFor(sim),
				);
			const harrow = await list('58');
			expect(harrow.error).toBeUndefined();
			expect((harrow.jsonOf('QuickBooks') as Json[]).map((item) => item.invoice.id)).toEqual([
				'1042',
				'1047',
				'1043',
			]);
			const vauclair = await list(' 61 ');
			expect((vauclair.jsonOf('QuickBooks') as Json[]).map((item) => item.invoice.id)).toEqual([
				'1045',
			]);
			expect(
				sim.requests.filter((request) => request.path === '/query').map((r) => r.query.query),
			).toEqual(
				['58', '61'].map(
					(id) =>
						`select * from Invoice where Balance > '0' and DueDate < '2026-11-26' and CustomerRef = '${id}' orderby DueDate startposition 1 maxresults 1000`,
				),
			);
		});

		it('refuses a Customer ID that is not a QuickBooks id, naming the field, before any query', async () => {
			const result = await run(
				actionWorkflow([{}], { operation: 'listOverdue', customerId: "58' or Id > '0" }),
				credentialFor(sim),
			);
			expect(String(result.error?.message)).toMatch(/customerId/);
			expect(sim.requests.filter((request) => request.path === '/query')).toEqual([]);
		});

		it('reads "today" in the company time zone and honours grace days and a limit', async () => {
			sim.seedInvoices(3, { dueDate: '2026-11-25' });
			const at = async (zone: string, graceDays: number) =>
				(
					await run(
						actionWorkflow([{}], {
							operation: 'listOverdue',
							graceDays,
							returnAll: false,
							limit: 100,
							options: { timezone: zone, customerLookup: 'never' },
						}),
						credentialFor(sim),
					)
				).jsonOf('QuickBooks').length;
			setFakeDate('2026-11-26T09:30:00Z'); // 23:30 on the 26th in Kiritimati (UTC+14), 23:30 on the 25th in Honolulu
			expect(await at('Pacific/Kiritimati', 0)).toBe(7);
			expect(await at('Pacific/Honolulu', 0)).toBe(4);
			expect(await at('Pacific/Kiritimati', 15)).toBe(3); // due before 11 November: 1042, 1043, 1047
		});
	});

	describe('Claim Step', () => {
		const claim = (invoiceId: string, stepId: string, decisionVersion = '', extra = {}) =>
			actionWorkflow([{ ref: invoiceId }], {
				operation: 'claimStep',
				invoiceId,
				stepId,
				decisionVersion,
				...extra,
			});

		it("records the step with a sparse update carrying the read's SyncToken, keeping the user's note", async () => {
			const result = await run(claim('1047', 'd7', '3'), credentialFor(sim));
			expect(result.error).toBeUndefined();
			const [item] = result.jsonOf('QuickBooks', 0) as Json[];
			expect(item.claim).toEqual({
				claimed: true,
				invoiceId: '1047',
				stepId: 'd7',
				on: '2026-11-26',
				syncToken: '4',
				token: expect.stringMatching(/^[0-9a-f]{8}$/),
			});
			expect(item.invoice.dunning.sentStepIds).toEqual(['d7']);
			const update = sim.requests.find((request) => request.method === 'POST')!;
			expect(update.body).toEqual({
				Id: '1047',
				SyncToken: '3',
				sparse: true,
				// This execution's claim mark tells its own applied write from another's after a lost answer.
				PrivateNote: expect.stringMatching(CLAIMED_D7),
			});
			expect(sim.invoices.get('1047')!.PrivateNote).toMatch(CLAIMED_D7);
			expect(String(sim.invoices.get('1047')!.PrivateNote).startsWith(`${USER_TEXT}\n`)).toBe(true);
		});

		it('refuses a step already in the note, without writing', async () => {
			await run(claim('1047', 'd7'), credentialFor(sim));
			const again = await run(claim('1047', 'd7'), credentialFor(sim));
			expect(again.jsonOf('QuickBooks', 0)).toEqual([]);
			expect((again.jsonOf('QuickBooks', 1)[0] as Json).claim).toMatchObject({
				claimed: false,
				reason: 'already_claimed',
			});
			expect(sim.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
		});

		it('refuses when the invoice changed since the decision (a payment arrived)', async () => {
			sim.editInvoice('1047', { Balance: 800 });
			const result = await run(claim('1047', 'd7', '3'), credentialFor(sim));
			expect((result.jsonOf('QuickBooks', 1)[0] as Json).claim).toMatchObject({
				claimed: false,
				reason: 'changed_since_decision',
			});
			expect(sim.requests.filter((request) => request.method === 'POST')).toHaveLength(0);
		});

		it('two racing executions: exactly one claims, the other gets 5010 and claimed: false', async () => {
			// Both reads are answered before either write is served, as when two workers run at the same moment.
			sim.injectFault({ kind: 'delay', method: 'POST', path: '/invoice', times: 2, hangMs: 300 });
			const credential = credentialFor(sim);
			const [first, second] = await Promise.all([
				run(claim('1042', 'd7', '0'), credential),
				run(claim('1042', 'd7', '0'), credential),
			]);
			const claimed = [first, second].flatMap((result) => result.jsonOf('QuickBooks', 0) as Json[]);
			const refused = [first, second].flatMap((result) => result.jsonOf('QuickBooks', 1) as Json[]);
			expect(claimed).toHaveLength(1);
			expect(refused).toHaveLength(1);
			expect(refused[0].claim).toMatchObject({ claimed: false, reason: 'stale_sync_token' });
			expect(
				sim.requests
					.filter((request) => request.method === 'POST')
					.map((request) => request.status),
			).toEqual(expect.arrayContaining([200, 400]));
			expect(sim.invoices.get('1042')!.PrivateNote).toMatch(
				/^\[dunning\] sent=d7@2026-11-26; claim=d7:[0-9a-f]{8}$/,
			);
			expect(sim.invoices.get('1042')!.SyncToken).toBe('1');
		});

		it('many racing executions without a decision version: still exactly one claim', async () => {
			sim.injectFault({ kind: 'delay', method: 'POST', path: '/invoice', times: 5, hangMs: 200 });
			const credential = credentialFor(sim);
			const results = await Promise.all(
				[1, 2, 3, 4, 5].map(() => run(claim('1043', 'd14'), credential)),
			);
			expect(results.flatMap((result) => result.jsonOf('QuickBooks', 0))).toHaveLength(1);
			expect(results.flatMap((result) => result.jsonOf('QuickBooks', 1))).toHaveLength(4);
		});

		// As Stripe Dunning (`not_open`), even without a decision version to compare (the thank-you template's
		// claim); Allow Paid Invoices lets the thank-you (issue 21) claim a paid invoice.
		describe('Claim Step on a paid or voided invoice', () => {
			const posts = () => sim.requests.filter((request) => request.method === 'POST');
			const claimFresh = (invoiceId: string, stepId: string, allowPaid?: boolean) =>
				run(
					claim(invoiceId, stepId, '', allowPaid === undefined ? {} : { allowPaid }),
					credentialFor(sim),
				);

			it('refuses a paid invoice (Balance 0) with reason not_open on Not Claimed, writing nothing', async () => {
				const result = await claimFresh('1044', 'd7');
				expect(result.error).toBeUndefined();
				expect(result.jsonOf('QuickBooks', 0)).toEqual([]);
				const [item] = result.jsonOf('QuickBooks', 1) as Json[];
				expect(item.claim).toMatchObject({
					claimed: false,
					invoiceId: '1044',
					stepId: 'd7',
					reason: 'not_open',
				});
				expect(item.invoice.status).toBe('paid');
				expect(posts()).toEqual([]);
			});

			it('refuses a voided invoice with reason not_open, even with Allow Paid Invoices, writing nothing', async () => {
				for (const allowPaid of [false, true]) {
					const result = await claimFresh('1038', 'thanks', allowPaid);
					expect(result.jsonOf('QuickBooks', 0)).toEqual([]);
					const [item] = result.jsonOf('QuickBooks', 1) as Json[];
					expect(item.claim).toMatchObject({ claimed: false, reason: 'not_open' });
					expect(item.invoice.status).toBe('void');
				}
				expect(posts()).toEqual([]);
				expect(sim.invoices.get('1038')!.PrivateNote).toBe('Voided');
			});

			it('with Allow Paid Invoices claims a paid invoice and writes the step into its note', async () => {
				const result = await claimFresh('1044', 'thanks', true);
				expect(result.jsonOf('QuickBooks', 1)).toEqual([]);
				const [item] = result.jsonOf('QuickBooks', 0) as Json[];
				expect(item.claim).toMatchObject({ claimed: true, invoiceId: '1044', stepId: 'thanks' });
				expect(posts()).toHaveLength(1);
				expect(String(sim.invoices.get('1044')!.PrivateNote)).toMatch(
					/\[dunning\] sent=thanks@2026-11-26; claim=thanks:[0-9a-f]{8}$/,
				);
			});
		});
	});

	describe('Record Promise, Mark Disputed / Undisputed, Pause / Resume', () => {
		const update = (operation: string, extra: Record<string, unknown> = {}) =>
			actionWorkflow([{}], { operation, invoiceId: '1047', ...extra });

		it('writes each state in the [dunning] line under the user text, and takes it back', async () => {
			const credential = credentialFor(sim);
			await run(update('recordPromise', { promisedOn: '2026-12-05' }), credential);
			await run(update('markDisputed'), credential);
			const paused = await run(update('pause'), credential);
			expect(sim.invoices.get('1047')!.PrivateNote).toBe(
				`${USER_TEXT}\n[dunning] promised=2026-12-05; disputed=yes; paused=yes`,
			);
			expect((paused.jsonOf('QuickBooks')[0] as Json).invoice.dunning).toEqual({
				sentStepIds: [],
				lastSentOn: null,
				promisedOn: '2026-12-05',
				disputed: true,
				paused: true,
			});
			const unchanged = await run(update('pause'), credential);
			expect((unchanged.jsonOf('QuickBooks')[0] as Json).update).toMatchObject({
				operation: 'pause',
				changed: false,
			});
			await run(update('resume'), credential);
			await run(update('markUndisputed'), credential);
			await run(update('recordPromise', { promisedOn: '' }), credential);
			expect(sim.invoices.get('1047')!.PrivateNote).toBe(USER_TEXT);
			expect(sim.requests.filter((request) => request.method === 'POST')).toHaveLength(6);
		});

		it('repeats the read and write when someone else edited the invoice in between', async () => {
			// The user edits the invoice right after our read: our write gets 5010, the retry succeeds.
			sim.injectFault({ kind: 'delay', method: 'POST', path: '/invoice', times: 1, hangMs: 100 });
			const pending = run(update('pause'), credentialFor(sim));
			await new Promise((resolve) => setTimeout(resolve, 60));
			sim.editInvoice('1047', { CustomerMemo: { value: 'edited by a human' } });
			const result = await pending;
			expect(result.error).toBeUndefined();
			expect(sim.invoices.get('1047')!.PrivateNote).toBe(`${USER_TEXT}\n[dunning] paused=yes`);
			expect(sim.invoices.get('1047')!.CustomerMemo).toEqual({ value: 'edited by a human' });
		});
	});

	describe('Send Invoice Email', () => {
		it('asks QuickBooks to send its own email to the given address', async () => {
			const result = await run(
				actionWorkflow([{}], {
					operation: 'sendInvoiceEmail',
					invoiceId: '1042',
					sendTo: 'ap@harrowpike.example.co.uk',
				}),
				credentialFor(sim),
			);
			expect((result.jsonOf('QuickBooks')[0] as Json).emailed).toEqual({
				to: 'ap@harrowpike.example.co.uk',
			});
			const send = sim.requests.find((request) => request.path === '/invoice/1042/send')!;
			expect(send.method).toBe('POST');
			expect(send.query).toEqual({ sendTo: 'ap@harrowpike.example.co.uk', minorversion: '75' });
			expect(send.headers['content-type']).toBe('application/octet-stream');
			expect(sim.sentEmails).toEqual([
				{ invoiceId: '1042', sendTo: 'ap@harrowpike.example.co.uk' },
			]);
		});
	});

	describe('throttling, outages and faults', () => {
		it(
			'retries 429 / 3001 with backoff and succeeds',
			async () => {
				sim.injectFault({ kind: 'throttle', path: '/invoice/1042', times: 2 });
				const result = await run(
					actionWorkflow([{}], { operation: 'get', invoiceId: '1042' }),
					credentialFor(sim),
				);
				expect(result.error).toBeUndefined();
				expect(sim.requests.map((request) => request.status)).toEqual([429, 429, 200]);
			},
			SLOW,
		);

		it(
			'retries 5xx, connection resets and timeouts',
			async () => {
				sim.injectFault({ kind: 'server', times: 1 });
				sim.injectFault({ kind: 'reset', times: 1 });
				sim.injectFault({ kind: 'timeout', times: 1, hangMs: 5000 });
				const result = await run(
					actionWorkflow([{}], {
						operation: 'get',
						invoiceId: '1042',
						options: { timeoutMs: 300 },
					}),
					credentialFor(sim),
				);
				expect(result.error).toBeUndefined();
				expect(sim.requests.map((request) => request.status)).toEqual([503, -1, -2, 200]);
			},
			SLOW,
		);

		it(
			'waits through six throttled answers and succeeds: a 429 is not a failed attempt',
			async () => {
				sim.injectFault({ kind: 'throttle', times: 6 });
				const result = await run(
					actionWorkflow([{}], { operation: 'get', invoiceId: '1042' }),
					credentialFor(sim),
				);
				expect(result.error).toBeUndefined();
				expect(sim.requests.map((request) => request.status)).toEqual([
					429, 429, 429, 429, 429, 429, 200,
				]);
			},
			SLOW,
		);

		it(
			'gives up only after 15 minutes of nothing but 429s, with a clear error carrying intuit_tid',
			async () => {
				sim.injectFault({ kind: 'throttle', times: 1000 });
				const result = await run(
					actionWorkflow([{}], { operation: 'get', invoiceId: '1042' }),
					credentialFor(sim),
				);
				expect(result.error?.message).toMatch(
					/^Item 0: QuickBooks error 3001 \(HTTP 429\): message=ThrottleExceeded; errorCode=003001; statusCode=429: The request limit was reached\. \(intuit_tid 1-sim-[0-9a-f]+\)$/,
				);
				// The pool's gate reopened about once a minute (the per-minute window) for 15 minutes of 429s.
				expect(sim.requests.length).toBeGreaterThan(5);
				expect(sim.requests.length).toBeLessThan(40);
				expect(pacerWaits().reduce((sum, ms) => sum + ms, 0)).toBeGreaterThanOrEqual(15 * 60_000);
			},
			SLOW,
		);

		it(
			"gives up on a connection reset five times in a row with n8n's connection error",
			async () => {
				sim.injectFault({ kind: 'reset', times: 5 });
				const result = await run(
					actionWorkflow([{}], { operation: 'get', invoiceId: '1042' }),
					credentialFor(sim),
				);
				expect(result.error?.message).toMatch(/^Item 0: /);
				expect(sim.requests.map((request) => request.status)).toEqual([-1, -1, -1, -1, -1]);
			},
			SLOW,
		);

		it('does not retry a Fault such as 610 (object not found)', async () => {
			const result = await run(
				actionWorkflow([{}], { operation: 'get', invoiceId: '99999' }),
				credentialFor(sim),
			);
			expect(result.error?.message).toMatch(
				/QuickBooks error 610 \(HTTP 400\): Object Not Found : Something/,
			);
			expect(sim.requests).toHaveLength(1);
		});
	});

	describe('OAuth2 tokens', () => {
		it('refreshes an expired access token once and stores the rotated refresh token', async () => {
			const credential = credentialFor(sim);
			const before = credential.oauthTokenData as Json;
			sim.expireAccessTokens();
			const result = await run(
				actionWorkflow([{}], { operation: 'get', invoiceId: '1042' }),
				credential,
			);
			expect(result.error).toBeUndefined();
			expect(sim.requests.map((request) => request.status)).toEqual([401, 200]);
			expect(sim.tokenRequests).toEqual([
				{ grantType: 'refresh_token', refreshToken: before.refresh_token, status: 200 },
			]);
			const stored = result.credentials[CREDENTIAL].oauthTokenData as Json;
			expect(stored.refresh_token).not.toBe(before.refresh_token);
			expect(sim.isRefreshTokenValid(stored.refresh_token)).toBe(true);
			expect(sim.isRefreshTokenValid(before.refresh_token)).toBe(false);
			expect(stored.callbackQueryString.realmId).toBe(SIMULATOR_REALM_ID);
			// The next run uses the stored tokens without refreshing.
			const next = await run(
				actionWorkflow([{}], { operation: 'get', invoiceId: '1042' }),
				result.credentials[CREDENTIAL],
			);
			expect(next.error).toBeUndefined();
			expect(sim.tokenRequests).toHaveLength(1);
		});

		it('asks to reconnect when the refresh token is dead (invalid_grant)', async () => {
			const credential = credentialFor(sim);
			sim.expireAccessTokens();
			sim.revokeRefreshTokens();
			const result = await run(
				actionWorkflow([{}], { operation: 'get', invoiceId: '1042' }),
				credential,
			);
			expect(result.error?.message).toBe(
				'Item 0: The credential "QuickBooks sandbox" needs to be reconnected.',
			);
			expect(sim.tokenRequests.map((request) => request.status)).toEqual([400]);
		});

		it('refuses a credential without a realm id', async () => {
			const credential = credentialFor(sim);
			(credential.oauthTokenData as Json).callbackQueryString = {};
			const result = await run(
				actionWorkflow([{}], { operation: 'get', invoiceId: '1042' }),
				credential,
			);
			expect(result.error?.message).toBe('The QuickBooks credential has no company (realm) ID');
		});
	});

	describe('Continue On Fail', () => {
		const items = [{ id: '1042' }, { id: '99999' }, { id: '../customer/58' }];

		it('with "Continue": failed items keep their data on Not Claimed, the others go on', async () => {
			const result = await run(
				actionWorkflow(
					items,
					{ operation: 'get', invoiceId: '={{ $json.id }}' },
					{ continueOnFail: true },
				),
				credentialFor(sim),
			);
			expect(result.error).toBeUndefined();
			expect((result.jsonOf('QuickBooks', 0) as Json[]).map((item) => item.invoice.id)).toEqual([
				'1042',
			]);
			const failed = result.outputOf('QuickBooks', 1);
			expect(failed.map((item) => [item.json.id, item.pairedItem])).toEqual([
				['99999', { item: 1 }],
				['../customer/58', { item: 2 }],
			]);
			expect(failed[0].json.error).toMatch(/^Item 1: QuickBooks error 610/);
			expect(failed[1].json.error).toBe(
				'Item 2: invoiceId: "../customer/58" is not a QuickBooks id (digits)',
			);
		});

		it('with "Continue (using error output)": failed items go to the error output', async () => {
			const result = await run(
				actionWorkflow(
					items,
					{ operation: 'get', invoiceId: '={{ $json.id }}' },
					{ onError: 'continueErrorOutput' },
				),
				credentialFor(sim),
			);
			expect(result.jsonOf('QuickBooks', 0)).toHaveLength(1);
			expect(result.jsonOf('QuickBooks', 1)).toEqual([]);
			const errors = result.outputOf('QuickBooks', 2);
			expect(errors.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 2 }]);
			expect(errors[1].json.error).toBe(
				'Item 2: invoiceId: "../customer/58" is not a QuickBooks id (digits)',
			);
		});
	});

	describe('Verify and Expand Webhook', () => {
		interface SignatureCase {
			name: string;
			rawBody: string;
			signature: string | null;
		}
		const cases = JSON.parse(
			readFileSync(join(__dirname, '../../fixtures/quickbooks/signed-webhooks.json'), 'utf8'),
		) as SignatureCase[];
		const delivery = (name: string, extra: { rawBodyBinary?: boolean } = {}) => {
			const entry = cases.find((candidate) => candidate.name === name)!;
			return {
				rawBody: entry.rawBody,
				headers: (entry.signature === null
					? {}
					: { 'intuit-signature': entry.signature }) as Record<string, string>,
				...extra,
			};
		};

		it('expands a signed CloudEvents delivery into the changed invoices, once each', async () => {
			const result = await run(
				webhookWorkflow([delivery('cloudevents-valid')]),
				credentialFor(sim),
			);
			expect(result.error).toBeUndefined();
			const items = result.jsonOf('QuickBooks') as Json[];
			// invoice 1043 updated and payment 212 (which pays 1043); invoice 1039 deleted.
			expect(items.map((item) => [item.invoice.id, item.event])).toEqual([['1043', 'overdue']]);
			expect(items[0].invoice.customer.email).toBe('accounts@harrowpike.example.co.uk');
			expect(items[0].notification).toMatchObject({
				entity: 'invoice',
				operation: 'update',
				realmId: SIMULATOR_REALM_ID,
			});
			expect(sim.requests.map((request) => [request.path, request.query.include])).toEqual([
				['/payment/212', undefined],
				['/invoice/1043', 'invoiceLink'],
				['/customer/58', undefined],
			]);
		});

		it('expands the legacy format too, with voided and paid invoices', async () => {
			sim.editInvoice('1043', { Balance: 0 });
			const result = await run(webhookWorkflow([delivery('legacy-valid')]), credentialFor(sim));
			const items = result.jsonOf('QuickBooks') as Json[];
			expect(items.map((item) => [item.invoice.id, item.event]).sort()).toEqual([
				['1038', 'voided'],
				['1043', 'paid'],
			]);
		});

		it('leaves out open invoices not yet overdue and notifications of another company', async () => {
			const ours = sim.notification([{ entity: 'invoice', id: '1046', operation: 'updated' }]);
			const other = new (sim.constructor as typeof QuickBooksSimulator)({
				realmId: '123',
				fixtures: false,
			}).notification([{ entity: 'invoice', id: '1042', operation: 'updated' }]);
			const result = await run(
				webhookWorkflow([
					{ rawBody: ours.body, headers: { 'intuit-signature': ours.signature } },
					{ rawBody: other.body, headers: { 'Intuit-Signature': other.signature } },
				]),
				credentialFor(sim),
			);
			expect(result.error).toBeUndefined();
			expect(result.jsonOf('QuickBooks')).toEqual([]);
			expect(sim.requests.map((request) => request.path)).toEqual(['/invoice/1046']);
		});

		it.each([
			['tampered-body', 'Refused: the intuit-signature header does not match the body'],
			['wrong-token', 'Refused: the intuit-signature header does not match the body'],
			['reserialised-body', 'Refused: the intuit-signature header does not match the body'],
			['missing-header', 'Refused: the request has no intuit-signature header'],
			['empty-header', 'Refused: the intuit-signature header does not match the body'],
			['garbage-header', 'Refused: the intuit-signature header does not match the body'],
			['truncated-signature', 'Refused: the intuit-signature header does not match the body'],
			['hex-instead-of-base64', 'Refused: the intuit-signature header does not match the body'],
		])('refuses %s before reading anything from QuickBooks', async (name, message) => {
			const result = await run(webhookWorkflow([delivery(name)]), credentialFor(sim));
			expect(result.error?.message).toBe(message);
			expect(sim.requests).toEqual([]);
		});

		it('reads each invoice with its payment link, skipping one deleted since the notification', async () => {
			sim.editInvoice('1046', { DueDate: '2026-11-01' });
			const note = sim.notification([
				{ entity: 'invoice', id: '1046', operation: 'updated' },
				{ entity: 'invoice', id: '99999', operation: 'updated' },
			]);
			const result = await run(
				webhookWorkflow([{ rawBody: note.body, headers: { 'intuit-signature': note.signature } }]),
				credentialFor(sim),
			);
			expect(result.error).toBeUndefined();
			const items = result.jsonOf('QuickBooks') as Json[];
			expect(items.map((item) => [item.invoice.id, item.event])).toEqual([['1046', 'overdue']]);
			expect(items[0].invoice.paymentUrl).toMatch(/^https:\/\/connect\.intuit\.com\//);
		});

		it('skips a payment deleted since the notification was sent', async () => {
			sim.payments.clear();
			const note = sim.notification([
				{ entity: 'payment', id: '212', operation: 'created' },
				{ entity: 'invoice', id: '1042', operation: 'updated' },
			]);
			const result = await run(
				webhookWorkflow([{ rawBody: note.body, headers: { 'intuit-signature': note.signature } }]),
				credentialFor(sim),
			);
			expect(result.error).toBeUndefined();
			expect((result.jsonOf('QuickBooks') as Json[]).map((item) => item.invoice.id)).toEqual([
				'1042',
			]);
		});

		it('refuses a delivery whose raw body was not kept, explaining the Webhook option', async () => {
			const result = await run(
				webhookWorkflow([delivery('cloudevents-valid', { rawBodyBinary: false })]),
				credentialFor(sim),
			);
			expect(result.error?.message).toBe('Refused: no raw body in the binary field "data"');
			expect(result.error?.description).toMatch(/Options → Raw Body/);
		});

		it('refuses everything when the credential has no verifier token', async () => {
			const result = await run(
				webhookWorkflow([delivery('cloudevents-valid')]),
				credentialFor(sim, { webhookVerifierToken: '' }),
			);
			expect(result.error?.message).toBe('The QuickBooks credential has no Webhook Verifier Token');
		});

		it('with Continue On Fail, a forged delivery waits on the second output and a good one goes on', async () => {
			const forged = sim.notification([{ entity: 'invoice', id: '1042', operation: 'updated' }], {
				verifierToken: 'forged',
			});
			const result = await run(
				webhookWorkflow(
					[
						{ rawBody: forged.body, headers: { 'intuit-signature': forged.signature } },
						delivery('cloudevents-valid'),
					],
					{},
					{ continueOnFail: true },
				),
				credentialFor(sim),
			);
			expect((result.jsonOf('QuickBooks', 0) as Json[]).map((item) => item.invoice.id)).toEqual([
				'1043',
			]);
			expect((result.jsonOf('QuickBooks', 1) as Json[])[0].error).toBe(
				'Refused: the intuit-signature header does not match the body',
			);
		});
	});
});

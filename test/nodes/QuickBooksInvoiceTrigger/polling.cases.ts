import type { IDataObject } from 'n8n-workflow';

import { parseIntuitTimestamp } from '../../../nodes/shared/internal';
import { startQuickBooksSimulator, type QuickBooksSimulator } from '../../simulators/quickbooks';
import {
	actionWorkflow,
	credentialFor,
	run,
	triggerWorkflow,
} from '../QuickBooksDunning/quickbooks-harness';
import { restoreRealDate, setFakeDate } from '../../helpers/fake-date';

describe('QuickBooks Invoice Trigger polling', () => {
	type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
	const SLOW = 60_000;

	let sim: QuickBooksSimulator;
	let staticData: IDataObject;
	let credential: ReturnType<typeof credentialFor>;

	/**
	 * One poll; static data and tokens carry over to the next poll. By default run by hand ("Execute step");
	 * `trigger` runs it as n8n does on its schedule (a poll that returns null starts no execution).
	 */
	async function poll(
		parameters: Record<string, unknown> = {},
		mode: 'manual' | 'trigger' = 'manual',
	) {
		const result = await run(
			triggerWorkflow({
				graceDays: 0,
				...parameters,
				options: { timezone: 'Europe/London', ...(parameters.options as object) },
			}),
			credential,
			{ staticData, mode },
		);
		expect(result.error).toBeUndefined();
		staticData = result.staticData;
		credential = result.credentials.quickBooksDunningOAuth2Api;
		if (mode === 'trigger' && !result.started) return [];
		const items = result.runData.Trigger[0].data?.main[0] ?? [];
		return items.map((item) => item.json as Json);
	}

	const state = () => staticData['node:Trigger'] as Json;
	/** The tracked invoices, oldest first (saved as `[id, fingerprint]` pairs). */
	const trackedIds = () => (state().tracked as [string, string][]).map(([id]) => id);
	// Days pass between polls, so the hour-long access token has expired: n8n refreshes it (a 401, then the call).
	const answered = () => sim.requests.filter((request) => request.status !== 401);
	const paths = () => answered().map((request) => request.path);
	const ids = (items: Json[]) => items.map((item) => [item.invoice.id, item.event]);

	beforeEach(async () => {
		setFakeDate('2026-11-26T10:00:00Z');
		sim = await startQuickBooksSimulator({ now: () => Date.now() });
		staticData = {};
		credential = credentialFor(sim);
	});
	afterEach(async () => {
		await sim.stop();
		restoreRealDate();
	});

	describe('first poll', () => {
		it('emits every overdue invoice once, with event, raw and the customer when BillEmail is missing', async () => {
			const items = await poll();
			expect(ids(items)).toEqual([
				['1042', 'overdue'],
				['1047', 'overdue'],
				['1043', 'overdue'],
				['1045', 'overdue'],
			]);
			const partial = items.find((item) => item.invoice.id === '1043')!;
			expect(partial.invoice).toMatchObject({
				dueMinor: 228000,
				totalMinor: 288000,
				currency: 'GBP',
			});
			expect(partial.invoice.customer.email).toBe('accounts@harrowpike.example.co.uk');
			expect(partial.customer.Id).toBe('58');
			expect(partial.raw.SyncToken).toBe('2');
			expect(items.find((item) => item.invoice.id === '1045')!.invoice.currency).toBe('EUR');
			expect(paths()).toEqual(['/query', '/customer/58']);
			expect(state().watermark).toMatch(/^2026-11-26T01:5\d:\d\d-08:00$/);
			expect(trackedIds().sort()).toEqual(['1042', '1043', '1045', '1047']);
		});

		it(
			'pages past 1,000 overdue invoices',
			async () => {
				sim.seedInvoices(2500, { dueDate: '2026-11-01' });
				const items = await poll({ options: { customerLookup: 'never' } });
				expect(items).toHaveLength(2504);
				expect(
					sim.requests.map((request) => /startposition (\d+)/.exec(request.query.query)?.[1]),
				).toEqual(['1', '1001', '2001']);
			},
			SLOW,
		);
	});

	describe('first poll with Emit Existing Overdue Invoices', () => {
		const overdueNow = [
			['1042', 'overdue'],
			['1047', 'overdue'],
			['1043', 'overdue'],
			['1045', 'overdue'],
		];

		it('on a schedule, a workflow saved without the option still emits every overdue invoice', async () => {
			expect(ids(await poll({}, 'trigger'))).toEqual(overdueNow);
		});

		it('off, the scheduled first poll only records them; a later change of one is emitted', async () => {
			const quiet = { options: { emitExisting: false } };
			expect(await poll(quiet, 'trigger')).toEqual([]);
			expect(trackedIds().sort()).toEqual(['1042', '1043', '1045', '1047']);
			setFakeDate('2026-11-26T11:00:00Z');
			sim.editInvoice('1047', { Balance: 800 });
			sim.editInvoice('1042', { Balance: 0 });
			expect(ids(await poll(quiet, 'trigger')).sort()).toEqual([
				['1042', 'paid'],
				['1047', 'overdue'],
			]);
		});

		it(
			'off, a first read spread over several polls emits none of what it reads, to its end',
			async () => {
				sim.seedInvoices(1500, { dueDate: '2026-11-01' });
				const quiet = { options: { emitExisting: false, maxPages: 1, customerLookup: 'never' } };
				expect(await poll(quiet, 'trigger')).toEqual([]);
				expect(state().scan).toMatchObject({ full: true, emit: false });
				setFakeDate('2026-11-26T10:15:00Z');
				expect(await poll(quiet, 'trigger')).toEqual([]);
				expect(state().scan).toBeUndefined();
				expect(trackedIds()).toHaveLength(1504);
			},
			SLOW,
		);

		it('off, a manual run ("Execute step") still shows the overdue invoices', async () => {
			expect(ids(await poll({ options: { emitExisting: false } }))).toEqual(overdueNow);
		});
	});

	describe('later polls read changes through CDC', () => {
		it('emits nothing when nothing changed, asking CDC since the watermark', async () => {
			await poll();
			const watermark = state().watermark;
			sim.requests.length = 0;
			setFakeDate('2026-11-26T10:15:00Z');
			expect(await poll()).toEqual([]);
			expect(
				sim.requests.map((request) => [
					request.path,
					request.query.changedSince,
					request.query.entities,
				]),
			).toEqual([['/cdc', watermark, 'Invoice,Payment']]);
		});

		it('ignores our own writes: a claimed step or a pause does not emit the invoice again', async () => {
			await poll();
			await run(
				actionWorkflow([{}], { operation: 'claimStep', invoiceId: '1042', stepId: 'd7' }),
				credential,
			);
			await run(actionWorkflow([{}], { operation: 'pause', invoiceId: '1047' }), credential);
			setFakeDate('2026-11-26T10:15:00Z');
			sim.requests.length = 0;
			expect(await poll()).toEqual([]);
			// CDC did return them: they were recognised, not missed.
			expect(paths()).toEqual(['/cdc']);
			expect(sim.invoices.get('1042')!.SyncToken).toBe('1');
		});

		it('emits a partial payment again as overdue, and a full payment or a void as paid / voided', async () => {
			await poll();
			setFakeDate('2026-11-26T11:00:00Z');
			sim.editInvoice('1047', { Balance: 800 });
			sim.editInvoice('1042', { Balance: 0 });
			sim.editInvoice('1045', { TotalAmt: 0, Balance: 0, PrivateNote: 'Voided' });
			const items = await poll();
			expect(ids(items).sort()).toEqual([
				['1042', 'paid'],
				['1045', 'voided'],
				['1047', 'overdue'],
			]);
			expect(items.find((item) => item.invoice.id === '1047')!.invoice.dueMinor).toBe(80000);
			expect(trackedIds().sort()).toEqual(['1043', '1047']);
			setFakeDate('2026-11-26T11:30:00Z');
			expect(await poll()).toEqual([]);
		});

		it('forgets deleted invoices and does not emit paid invoices it never chased', async () => {
			await poll();
			setFakeDate('2026-11-26T11:00:00Z');
			sim.deleteInvoice('1043');
			sim.editInvoice('1046', { Balance: 0 });
			expect(await poll()).toEqual([]);
			expect(trackedIds().sort()).toEqual(['1042', '1045', '1047']);
		});

		it('emits invoices that became overdue by time alone, with no change in QuickBooks', async () => {
			await poll();
			setFakeDate('2026-12-05T09:00:00Z'); // 1046 was due on 4 December
			sim.requests.length = 0;
			const items = await poll();
			expect(ids(items)).toEqual([['1046', 'overdue']]);
			expect(answered().map((request) => request.query.query ?? request.path)).toEqual([
				'/cdc',
				"select * from Invoice where Balance > '0' and DueDate < '2026-12-05' and DueDate >= '2026-11-26' orderby DueDate startposition 1 maxresults 1000",
			]);
		});
	});

	describe('watermarks and the limits of CDC', () => {
		it('keeps the watermark in the server offset, winter and summer, whatever the company zone', async () => {
			setFakeDate('2026-07-15T20:00:00Z');
			await poll({ options: { timezone: 'Pacific/Auckland' } });
			expect(state().watermark).toMatch(/^2026-07-15T12:5\d:\d\d-07:00$/);
			expect(state().cutoff).toBe('2026-07-16'); // already the 16th in Auckland
			setFakeDate('2026-11-26T10:00:00Z');
			staticData = {};
			await poll({ options: { timezone: 'Pacific/Auckland' } });
			const { ms } = parseIntuitTimestamp(state().watermark, 'watermark');
			expect(ms).toBe(Date.parse('2026-11-26T09:55:00Z'));
			expect(state().watermark).toBe('2026-11-26T01:55:00-08:00');
		});

		it("reads today in the company's zone: a due date of yesterday is overdue east of UTC first", async () => {
			sim.seedInvoices(1, { dueDate: '2026-11-25' });
			setFakeDate('2026-11-26T09:30:00Z');
			expect((await poll({ options: { timezone: 'Pacific/Honolulu' } })).length).toBe(4);
			staticData = {};
			expect((await poll({ options: { timezone: 'Pacific/Kiritimati' } })).length).toBe(5);
		});

		it('falls back to a full query after more than 30 days, emitting what was paid in the gap', async () => {
			await poll();
			setFakeDate('2026-12-28T10:00:00Z');
			sim.editInvoice('1042', { Balance: 0 });
			sim.seedInvoices(1, { dueDate: '2026-12-20' });
			sim.requests.length = 0;
			const items = await poll();
			expect(ids(items).sort()).toEqual([
				['1042', 'paid'],
				['1046', 'overdue'],
				['5000', 'overdue'],
			]);
			expect(paths()).toEqual(['/query', '/query']);
			expect(answered()[1].query.query).toBe(
				"select * from Invoice where Id in ('1042') maxresults 1000",
			);
			// Back on CDC at the next poll.
			setFakeDate('2026-12-28T10:10:00Z');
			sim.requests.length = 0;
			expect(await poll()).toEqual([]);
			expect(paths()).toEqual(['/cdc']);
		});

		it(
			'falls back to a full query when CDC answers at its 1,000-object cap',
			async () => {
				await poll();
				setFakeDate('2026-11-26T12:00:00Z');
				sim.seedInvoices(1200, { dueDate: '2026-11-20' });
				sim.requests.length = 0;
				const items = await poll({ options: { customerLookup: 'never' } });
				expect(items).toHaveLength(1200);
				expect(paths().slice(0, 3)).toEqual(['/cdc', '/query', '/query']);
			},
			SLOW,
		);

		it(
			'keeps the fingerprints bounded and the state small',
			async () => {
				sim.seedInvoices(1500, { dueDate: '2026-11-01' });
				await poll({ options: { customerLookup: 'never' } });
				const size = JSON.stringify(staticData).length;
				expect(trackedIds()).toHaveLength(1504);
				expect(size).toBeLessThan(1504 * 40);
			},
			SLOW,
		);
	});

	describe('failures', () => {
		it(
			'retries a throttled poll and keeps the state untouched when QuickBooks stays down',
			async () => {
				await poll();
				const before = JSON.stringify(state());
				setFakeDate('2026-11-26T10:15:00Z');
				sim.injectFault({ kind: 'server', times: 5 });
				const result = await run(
					triggerWorkflow({ minDaysOverdue: 1, options: { timezone: 'Europe/London' } }),
					credential,
					{
						staticData,
					},
				);
				expect(result.error?.message).toMatch(/^QuickBooks error 10000 \(HTTP 503\)/);
				expect(JSON.stringify((result.staticData['node:Trigger'] as Json) ?? {})).toBe(before);
			},
			SLOW,
		);
	});

	describe('a full read spread over several polls (Maximum Pages per Poll)', () => {
		/**
		 * 2,500 overdue invoices over 5 due dates (500 a day) besides the recorded ones: 2,504 in all; last changed
		 * long ago, so that CDC does not list them.
		 */
		const seedBook = () =>
			sim.seedInvoices(2500, {
				dueDateOf: (index) => `2026-11-0${1 + (index % 5)}`,
				updatedAt: Date.parse('2026-10-01T00:00:00Z'),
			});
		const capped = { options: { maxPages: 1, customerLookup: 'never' } };
		const queries = () =>
			answered()
				.filter((request) => request.path === '/query')
				.map((request) => request.query.query);
		/** Polls (the clock moving 15 minutes each time) until the read is over; the ids emitted by each poll. */
		async function pollToEnd(between: () => void = () => {}) {
			const polls: string[][] = [];
			do {
				if (polls.length > 10) throw new Error('the read does not end');
				if (polls.length) {
					setFakeDate(new Date(Date.now() + 15 * 60_000).toISOString());
					between();
				}
				polls.push((await poll(capped)).map((item) => item.invoice.id as string));
			} while (state().scan);
			return polls;
		}

		it(
			'stops at the cap, continues at the next poll from the cursor, emits each invoice once and then resets the cursor',
			async () => {
				seedBook();
				const first = await poll(capped);
				expect(first).toHaveLength(1000);
				expect(queries()).toEqual([
					"select * from Invoice where Balance > '0' and DueDate < '2026-11-26' orderby DueDate startposition 1 maxresults 1000",
				]);
				// 1,000 read: 1042 (due in October), the 500 of the 1st of November and 499 of the 2nd.
				expect(state().scan).toEqual({
					dueOnOrAfter: '2026-11-02',
					position: 400,
					lastId: first[999].invoice.id,
					full: true,
					confirming: false,
					emit: true,
				});
				const watermark = state().watermark;

				sim.requests.length = 0;
				setFakeDate('2026-11-26T10:15:00Z');
				const second = await poll(capped);
				// The next poll starts 100 invoices before where the first stopped, on the same due date.
				expect(queries()).toEqual([
					"select * from Invoice where Balance > '0' and DueDate < '2026-11-26' and DueDate >= '2026-11-02' orderby DueDate startposition 400 maxresults 1000",
				]);
				expect(second).toHaveLength(900);
				expect(state().watermark).toBe(watermark); // CDC will start from when the read started

				const rest = await pollToEnd();
				const emitted = [first, second, ...rest].flatMap((items) =>
					items.map((item) => (typeof item === 'string' ? item : (item.invoice.id as string))),
				);
				expect(emitted).toHaveLength(2504);
				expect(new Set(emitted).size).toBe(2504);
				expect(state().scan).toBeUndefined();
				expect(state().unconfirmed).toBeUndefined();
				expect(trackedIds()).toHaveLength(2504);

				// The read is over: the next poll asks CDC, from the watermark of the first poll, and emits nothing new.
				sim.requests.length = 0;
				setFakeDate('2026-11-26T12:00:00Z');
				expect(await poll(capped)).toEqual([]);
				expect(paths()).toEqual(['/cdc']);
				expect(answered()[0].query.changedSince).toBe(watermark);
			},
			SLOW,
		);

		it(
			'continues after a restart from the static data alone',
			async () => {
				seedBook();
				const emitted: string[] = [];
				const first = await poll(capped);
				emitted.push(...first.map((item) => item.invoice.id as string));
				// A restarted n8n (or another worker in queue mode) has only the static data as it was saved.
				await sim.stop();
				const saved = JSON.parse(JSON.stringify(staticData)) as IDataObject;
				const book = [...sim.invoices.values()];
				sim = await startQuickBooksSimulator({ now: () => Date.now(), fixtures: false });
				for (const invoice of book) sim.putInvoice(invoice, { keepMetaData: true });
				credential = credentialFor(sim);
				staticData = saved;
				for (const ids of await pollToEnd()) emitted.push(...ids);
				expect(emitted).toHaveLength(2504);
				expect(new Set(emitted).size).toBe(2504);
			},
			SLOW,
		);

		it(
			'misses none when invoices already read are paid meanwhile, and reports those paid once the read is over',
			async () => {
				const seeded = seedBook();
				const first = (await poll(capped)).map((item) => item.invoice.id as string);
				// 150 invoices of the cursor's own date, already read, are paid: the unread ones move up by 150.
				const cursorDate = state().scan.dueOnOrAfter as string;
				const paid = seeded
					.filter((invoice) => invoice.DueDate === cursorDate && first.includes(String(invoice.Id)))
					.slice(0, 150)
					.map((invoice) => String(invoice.Id));
				expect(paid).toHaveLength(150);
				for (const id of paid) sim.editInvoice(id, { Balance: 0 });
				sim.requests.length = 0;
				const polls = await pollToEnd();
				const emitted = [...first, ...polls.flat()];
				expect(new Set(emitted).size).toBe(2504);
				expect(emitted).toHaveLength(2504);
				// The cursor's last invoice was no longer where it was: the date was read again from its start.
				expect(queries().slice(0, 2)).toEqual(
					[400, 1].map(
						(start) =>
							`select * from Invoice where Balance > '0' and DueDate < '2026-11-26' and DueDate >= '${cursorDate}' orderby DueDate startposition ${start} maxresults 1000`,
					),
				);
				// After the read, CDC (from when it started) reports the payments.
				setFakeDate(new Date(Date.now() + 15 * 60_000).toISOString());
				const after = await poll(capped);
				expect(after.map((item) => item.event)).toEqual(paid.map(() => 'paid'));
				expect(after.map((item) => item.invoice.id).sort()).toEqual([...paid].sort());
			},
			SLOW,
		);

		it(
			'ends a full read after a gap by reading the tracked invoices it did not see, within the cap',
			async () => {
				await poll(); // tracks 1042, 1043, 1045, 1047
				setFakeDate('2026-12-28T10:00:00Z');
				seedBook();
				sim.editInvoice('1042', { Balance: 0 });
				sim.requests.length = 0;
				const polls = await pollToEnd();
				const all = polls.flat();
				// 1043, 1045, 1047 were seen again unchanged; 1042 is read by id at the end and emitted as paid;
				// 1046 became overdue during the gap.
				expect(all.filter((id) => id === '1042')).toHaveLength(1);
				expect(all).toContain('1046');
				expect(new Set(all).size).toBe(all.length);
				expect(all).toHaveLength(2502);
				expect(queries().at(-1)).toBe("select * from Invoice where Id in ('1042') maxresults 1000");
				expect(trackedIds()).not.toContain('1042');
			},
			SLOW,
		);
	});
});

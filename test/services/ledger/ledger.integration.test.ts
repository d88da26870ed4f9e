import { createHash } from 'node:crypto';

import { Client } from 'pg';

import { DunningLedger, type LedgerQuery } from '../../../nodes/services/ledger';
import { DunningInputError } from '../../../nodes/shared/internal';
import { ledgerPostgres, queryOf } from '../../helpers/ledger-postgres';

jest.setTimeout(60_000);

const postgres = ledgerPostgres('ledger');
const { pool, freshPrefix } = postgres;

const step = { source: 'pennylane', invoiceId: '5012', stepId: 'd7' };

describe('DunningLedger on a real PostgreSQL', () => {
	it('creates its three tables once when five first uses race on five connections', async () => {
		const tablePrefix = freshPrefix();
		const clients = await Promise.all(
			Array.from({ length: 5 }, async () => {
				const client = new Client({ connectionString: postgres.server.connectionString });
				client.on('error', () => undefined);
				await client.connect();
				return client;
			}),
		);
		try {
			const ledgers = clients.map((client) => new DunningLedger(queryOf(client), { tablePrefix }));
			const results = await Promise.allSettled(ledgers.map((ledger) => ledger.ensureSchema()));
			expect(results.map((result) => result.status)).toEqual(Array(5).fill('fulfilled'));
			const tables = await clients[0].query(
				`SELECT tablename FROM pg_tables WHERE tablename LIKE $1 ORDER BY tablename`,
				[`${tablePrefix}%`],
			);
			expect(tables.rows.map((row) => row.tablename)).toEqual([
				`${tablePrefix}_events`,
				`${tablePrefix}_state`,
				`${tablePrefix}_steps`,
			]);
		} finally {
			await Promise.all(clients.map((client) => client.end()));
		}
	});

	it('gives exactly one of 20 concurrent claims of one step, each on its own connection, the claim', async () => {
		const shared = pool(20);
		const tablePrefix = freshPrefix();
		await new DunningLedger(queryOf(shared), { tablePrefix }).ensureSchema();
		// One ledger object per "execution", as separate n8n workers would have.
		const claims = await Promise.all(
			Array.from({ length: 20 }, (_, index) =>
				new DunningLedger(queryOf(shared), { tablePrefix }).claimStep(step, `exec-${index}`),
			),
		);
		const winners = claims.filter((claim) => claim.claimed);
		expect(winners).toHaveLength(1);
		const winner = winners[0].record!.claimedBy;
		expect(
			claims.filter((claim) => !claim.claimed).map((claim) => claim.record?.claimedBy),
		).toEqual(Array(19).fill(winner));
		const events = await new DunningLedger(queryOf(shared), { tablePrefix }).history();
		expect(events.map((event) => [event.kind, event.executionId])).toEqual([['claimed', winner]]);
	});

	it('lets a released unsent claim be claimed again, but never releases a sent step', async () => {
		const ledger = new DunningLedger(queryOf(pool(2)), { tablePrefix: freshPrefix() });
		expect((await ledger.claimStep(step, 'exec-a')).claimed).toBe(true);
		expect((await ledger.claimStep(step, 'exec-b')).claimed).toBe(false);
		expect(await ledger.releaseClaim(step, { executionId: 'exec-b' })).toBe(false);
		expect(await ledger.releaseClaim(step, { executionId: 'exec-a', reason: 'SMTP 451' })).toBe(
			true,
		);
		expect((await ledger.claimStep(step, 'exec-b')).claimed).toBe(true);
		await ledger.markSent(step, { executionId: 'exec-b', channel: 'email', message: 'Rappel' });
		expect(await ledger.releaseClaim(step)).toBe(false);
		expect((await ledger.claimStep(step, 'exec-c')).claimed).toBe(false);
	});

	it('keeps the proof of a sent step: who, when, channel, address and the SHA-256 of the message', async () => {
		const ledger = new DunningLedger(queryOf(pool(2)), { tablePrefix: freshPrefix() });
		const message = 'Rappel amical concernant la facture n° F-2026-0112\n\nBonjour…';
		await ledger.claimStep(step, 'exec-1');
		const record = await ledger.markSent(step, {
			executionId: 'exec-1',
			channel: 'email',
			address: 'compta@atelier-brioche.example.fr',
			message,
			sentAt: new Date('2026-11-12T08:30:00.000Z'),
		});
		expect(record).toMatchObject({
			sentAt: '2026-11-12T08:30:00.000Z',
			sentBy: 'exec-1',
			channel: 'email',
			address: 'compta@atelier-brioche.example.fr',
			messageSha256: createHash('sha256').update(message, 'utf8').digest('hex'),
			message: null,
		});
		const kept = { ...step, stepId: 'd14' };
		await ledger.claimStep(kept, 'exec-2');
		const withMessage = await ledger.markSent(kept, {
			executionId: 'exec-2',
			channel: 'email',
			message,
			keepMessage: true,
		});
		expect(withMessage.message).toBe(message);
	});

	it('refuses to mark sent a step claimed by another execution, or one already sent', async () => {
		const ledger = new DunningLedger(queryOf(pool(2)), { tablePrefix: freshPrefix() });
		await ledger.claimStep(step, 'exec-1');
		await expect(
			ledger.markSent(step, { executionId: 'exec-2', channel: 'email', message: 'x' }),
		).rejects.toThrow('stepId: "d7" of invoice 5012 is claimed by execution exec-1, not exec-2');
		await ledger.markSent(step, { executionId: 'exec-1', channel: 'email', message: 'x' });
		const again = ledger.markSent(step, { executionId: 'exec-1', channel: 'email', message: 'x' });
		await expect(again).rejects.toBeInstanceOf(DunningInputError);
		await expect(again).rejects.toThrow(/was already marked sent at .* by execution exec-1/);
	});

	it('reads the dunning state back after a reconnect, the last send dated in the given time zone', async () => {
		const tablePrefix = freshPrefix();
		const first = pool(2);
		const ledger = new DunningLedger(queryOf(first), { tablePrefix });
		await ledger.claimStep(step, 'exec-1');
		await ledger.markSent(step, {
			executionId: 'exec-1',
			channel: 'email',
			message: 'm',
			sentAt: new Date('2026-11-14T23:30:00.000Z'),
		});
		await ledger.claimStep({ ...step, stepId: 'd14' }, 'exec-2'); // claimed, not sent
		await ledger.setState('pennylane', '5012', { promisedOn: '2026-11-28', disputed: true });
		await ledger.setState('pennylane', '5012', { disputed: false, paused: true }, 'exec-3');
		await first.end();

		const reopened = new DunningLedger(queryOf(pool(2)), { tablePrefix });
		expect(await reopened.readState('pennylane', '5012', 'Europe/Paris')).toEqual({
			sentStepIds: ['d7'],
			lastSentOn: '2026-11-15',
			promisedOn: '2026-11-28',
			disputed: false,
			paused: true,
		});
		expect((await reopened.readState('pennylane', '5012', 'UTC')).lastSentOn).toBe('2026-11-14');
		const states = await reopened.readStates('pennylane', ['5012', '9999'], 'Europe/Paris');
		expect(states.get('9999')).toEqual({
			sentStepIds: [],
			lastSentOn: null,
			promisedOn: null,
			disputed: false,
			paused: false,
		});
		// Same invoice id in another source: another invoice.
		expect((await reopened.readState('stripe', '5012', 'Europe/Paris')).sentStepIds).toEqual([]);
	});

	it('returns the history oldest first, filtered by invoice, with every kind of event', async () => {
		const ledger = new DunningLedger(queryOf(pool(2)), { tablePrefix: freshPrefix() });
		const other = { ...step, invoiceId: '5013' };
		await ledger.claimStep(step, 'exec-1');
		await ledger.claimStep(other, 'exec-1');
		await ledger.markSent(step, {
			executionId: 'exec-1',
			channel: 'email',
			address: 'a@example.fr',
			message: 'm',
		});
		await ledger.releaseClaim(other, { reason: 'send failed' });
		await ledger.setState('pennylane', '5012', { promisedOn: '2026-12-01' }, 'exec-2');
		const events = await ledger.history({ source: 'pennylane', invoiceIds: ['5012'] });
		expect(events.map((event) => [event.kind, event.stepId, event.executionId])).toEqual([
			['claimed', 'd7', 'exec-1'],
			['sent', 'd7', 'exec-1'],
			['state', null, 'exec-2'],
		]);
		expect(events[1].address).toBe('a@example.fr');
		expect(events[2].detail).toEqual({ promisedOn: '2026-12-01' });
		const all = await ledger.history();
		expect(all.map((event) => event.kind)).toEqual([
			'claimed',
			'claimed',
			'sent',
			'released',
			'state',
		]);
		expect(all[3].detail).toEqual({ claimedBy: 'exec-1', reason: 'send failed' });
		expect(
			(await ledger.history({ afterId: all[2].id, limit: 1 })).map((event) => event.kind),
		).toEqual(['released']);
	});

	it.each([
		[{ ...step, invoiceId: '' }, 'invoiceId'],
		[{ ...step, stepId: 'x'.repeat(201) }, 'stepId'],
		[{ ...step, source: undefined as unknown as string }, 'source'],
	])('refuses the step key %j before touching the database, naming %s', async (bad, field) => {
		const query = jest.fn<ReturnType<LedgerQuery>, Parameters<LedgerQuery>>();
		const ledger = new DunningLedger(query);
		await expect(ledger.claimStep(bad, 'exec-1')).rejects.toMatchObject({ field });
		expect(query).not.toHaveBeenCalled();
	});

	it('refuses a table prefix that is not a plain SQL name', () => {
		expect(() => new DunningLedger(jest.fn(), { tablePrefix: 'x; DROP TABLE y' })).toThrow(
			DunningInputError,
		);
	});
});

// The ledger's Record Letter (issue 20) on a real PostgreSQL: the letter of a claimed step in the steps row's
// `letter` column with a `letter` event, the rule of the core (one letter per step, the registered number added
// later), a compare-and-set against concurrent runs, and the upgrade of a ledger created before the column.
import { Client } from 'pg';

import { DunningLedger } from '../../../nodes/services/ledger';
import { DunningInputError, type LetterRecord } from '../../../nodes/shared/internal';
import { ledgerPostgres, queryOf } from '../../helpers/ledger-postgres';

jest.setTimeout(60_000);

const postgres = ledgerPostgres('letter');
const { pool, freshPrefix } = postgres;

const step = { source: 'pennylane', invoiceId: '5012', stepId: 'd30' };
const LETTER: LetterRecord = {
	stepId: 'd30',
	provider: 'maileva',
	sendingId: '6f1c2d0e-8b7a-4c1e-9d3f-2a5b6c7d8e9f',
	registeredNumber: null,
	postedAt: '2026-12-01T09:30:00.000Z',
};
const WITH_NUMBER = { ...LETTER, registeredNumber: '1A00000000001', postedAt: null };

async function claimedLedger(tablePrefix = freshPrefix()) {
	const db = pool();
	const ledger = new DunningLedger(queryOf(db), { tablePrefix });
	await ledger.claimStep(step, 'exec-1');
	return { ledger, db, tablePrefix };
}

const letterEvents = async (ledger: DunningLedger) =>
	(await ledger.history({ invoiceIds: ['5012'] })).filter((event) => event.kind === 'letter');

function fieldOf(error: unknown): string {
	if (error instanceof DunningInputError) return error.field;
	throw error;
}

describe('DunningLedger.recordLetter', () => {
	it('writes the letter in the step’s row and a letter event, and the state reads it back', async () => {
		const { ledger, db, tablePrefix } = await claimedLedger();
		const outcome = await ledger.recordLetter(step, LETTER, 'exec-1');
		expect(outcome).toMatchObject({
			change: 'recorded',
			letter: LETTER,
			record: { ...step, claimedBy: 'exec-1', letter: LETTER },
		});
		const { rows } = await db.query(`SELECT letter FROM ${tablePrefix}_steps`);
		expect(rows).toEqual([{ letter: `d30|maileva|${LETTER.sendingId}||2026-12-01T09:30:00.000Z` }]);
		const [event] = await letterEvents(ledger);
		expect(event).toMatchObject({
			stepId: 'd30',
			executionId: 'exec-1',
			channel: 'letter',
			detail: { ...LETTER, change: 'recorded' },
		});
		expect((await ledger.readState('pennylane', '5012', 'Europe/Paris')).letters).toEqual([LETTER]);
	});

	it('changes nothing and logs nothing when the same letter is recorded again', async () => {
		const { ledger } = await claimedLedger();
		await ledger.recordLetter(step, LETTER, 'exec-1');
		const again = await ledger.recordLetter(step, { ...LETTER, postedAt: null }, 'exec-2');
		expect(again).toMatchObject({ change: 'unchanged', letter: LETTER });
		expect(await letterEvents(ledger)).toHaveLength(1);
	});

	it('adds the registered number known later, keeping the posting time, with a second event', async () => {
		const { ledger } = await claimedLedger();
		await ledger.recordLetter(step, LETTER, 'exec-1');
		const later = await ledger.recordLetter(step, WITH_NUMBER, 'exec-2');
		expect(later.letter).toEqual({ ...LETTER, registeredNumber: '1A00000000001' });
		expect((await letterEvents(ledger)).map((event) => event.detail?.change)).toEqual([
			'recorded',
			'updated',
		]);
	});

	it('refuses a second letter for the step (letter.sendingId) and keeps the first', async () => {
		const { ledger } = await claimedLedger();
		await ledger.recordLetter(step, LETTER);
		const refused = await ledger
			.recordLetter(step, { ...LETTER, sendingId: 'another-sending' })
			.catch((error: unknown) => error);
		expect(fieldOf(refused)).toBe('letter.sendingId');
		expect((await ledger.readStep(step))?.letter).toEqual(LETTER);
	});

	it('refuses a step that was never claimed (stepId) and writes no row and no event', async () => {
		const ledger = new DunningLedger(queryOf(pool()), { tablePrefix: freshPrefix() });
		const refused = await ledger.recordLetter(step, LETTER).catch((error: unknown) => error);
		expect(fieldOf(refused)).toBe('stepId');
		expect(String(refused)).toContain('"d30" is not claimed on invoice 5012');
		expect(await ledger.readStep(step)).toBeNull();
		expect(await ledger.history()).toEqual([]);
	});

	it('refuses a letter of another step than the row it is written on, before any query', async () => {
		const queries: string[] = [];
		const ledger = new DunningLedger(async (sql) => {
			queries.push(sql);
			return [];
		});
		const refused = await ledger
			.recordLetter(step, { ...LETTER, stepId: 'd15' })
			.catch((error: unknown) => error);
		expect(fieldOf(refused)).toBe('letter.stepId');
		expect(queries).toEqual([]);
	});

	it('of five concurrent runs recording the letter on five connections, one records it and one event is logged', async () => {
		const { tablePrefix } = await claimedLedger();
		const ledgers = Array.from(
			{ length: 5 },
			() => new DunningLedger(queryOf(pool(1)), { tablePrefix }),
		);
		const outcomes = await Promise.all(
			ledgers.map((ledger, index) => ledger.recordLetter(step, LETTER, `exec-${index}`)),
		);
		expect(outcomes.map((outcome) => outcome.change).sort()).toEqual([
			'recorded',
			'unchanged',
			'unchanged',
			'unchanged',
			'unchanged',
		]);
		expect(await letterEvents(ledgers[0])).toHaveLength(1);
	});

	it('keeps the registered number when a run that does not know it races one that does', async () => {
		for (let round = 0; round < 5; round++) {
			const { tablePrefix } = await claimedLedger();
			const [first, second] = [0, 1].map(
				() => new DunningLedger(queryOf(pool(1)), { tablePrefix }),
			);
			await Promise.all([first.recordLetter(step, LETTER), second.recordLetter(step, WITH_NUMBER)]);
			expect((await first.readStep(step))?.letter).toEqual({
				...LETTER,
				registeredNumber: '1A00000000001',
			});
		}
	});
});

/** The tables as the ledger created them before issue 20: no `letter` column, four event kinds. */
function schemaBeforeLetters(prefix: string): string {
	return `
	CREATE TABLE ${prefix}_steps (
		source text NOT NULL CHECK (source <> ''), invoice_id text NOT NULL CHECK (invoice_id <> ''),
		step_id text NOT NULL CHECK (step_id <> ''), claimed_at timestamptz NOT NULL DEFAULT now(),
		claimed_by text NOT NULL, sent_at timestamptz, sent_by text, channel text, address text,
		message_sha256 text CHECK (message_sha256 ~ '^[0-9a-f]{64}$'), message text,
		CONSTRAINT ${prefix}_steps_pkey PRIMARY KEY (source, invoice_id, step_id),
		CONSTRAINT ${prefix}_steps_sent_complete CHECK (
			sent_at IS NULL OR (sent_by IS NOT NULL AND channel IS NOT NULL AND message_sha256 IS NOT NULL))
	);
	CREATE TABLE ${prefix}_state (
		source text NOT NULL, invoice_id text NOT NULL, promised_on date,
		disputed boolean NOT NULL DEFAULT false, paused boolean NOT NULL DEFAULT false,
		updated_at timestamptz NOT NULL DEFAULT now(), updated_by text,
		CONSTRAINT ${prefix}_state_pkey PRIMARY KEY (source, invoice_id)
	);
	CREATE TABLE ${prefix}_events (
		id bigserial PRIMARY KEY, source text NOT NULL, invoice_id text NOT NULL, step_id text,
		kind text NOT NULL CHECK (kind IN ('claimed', 'sent', 'released', 'state')),
		at timestamptz NOT NULL DEFAULT now(), execution_id text, channel text, address text,
		message_sha256 text, detail jsonb
	);
	CREATE INDEX ${prefix}_events_invoice ON ${prefix}_events (source, invoice_id, id);
	INSERT INTO ${prefix}_steps (source, invoice_id, step_id, claimed_by) VALUES ('pennylane', '5012', 'd30', 'old');
	INSERT INTO ${prefix}_events (source, invoice_id, step_id, kind, execution_id)
		VALUES ('pennylane', '5012', 'd30', 'claimed', 'old');`;
}

describe('a ledger created before the letter column', () => {
	it('is upgraded on first use: the column and the letter event kind added, its rows kept, other kinds still refused', async () => {
		const tablePrefix = freshPrefix();
		const db = pool();
		await db.query(schemaBeforeLetters(tablePrefix));
		const ledger = new DunningLedger(queryOf(db), { tablePrefix });

		expect(await ledger.readStep(step)).toMatchObject({ claimedBy: 'old', letter: null });
		const outcome = await ledger.recordLetter(step, LETTER, 'exec-new');
		expect(outcome.change).toBe('recorded');
		expect((await ledger.history()).map((event) => event.kind)).toEqual(['claimed', 'letter']);
		await expect(
			db.query(
				`INSERT INTO ${tablePrefix}_events (source, invoice_id, kind) VALUES ('x', 'y', 'bogus')`,
			),
		).rejects.toThrow(/violates check constraint "letter_t\d+_\d+_events_kind_check"/);
	});

	it('once upgraded, a first use takes no lock that waits for a reader of the steps table', async () => {
		const tablePrefix = freshPrefix();
		const db = pool();
		await new DunningLedger(queryOf(db), { tablePrefix }).ensureSchema();
		// A report reading the steps in a long transaction holds ACCESS SHARE on the table: an ALTER TABLE, even
		// a no-op one, would wait for it (and every claim after it would queue behind the ALTER).
		const reader = new Client({ connectionString: postgres.server.connectionString });
		reader.on('error', () => undefined);
		await reader.connect();
		const user = new Client({
			connectionString: postgres.server.connectionString,
			statement_timeout: 3000,
		});
		user.on('error', () => undefined);
		await user.connect();
		try {
			await reader.query('BEGIN');
			await reader.query(`SELECT count(*) FROM ${tablePrefix}_steps`);
			await reader.query(`SELECT count(*) FROM ${tablePrefix}_events`);
			await new DunningLedger(queryOf(user), { tablePrefix }).ensureSchema();
		} finally {
			await reader.query('ROLLBACK');
			await reader.end();
			await user.end();
		}
	});
});

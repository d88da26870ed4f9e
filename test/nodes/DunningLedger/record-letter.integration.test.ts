// The Dunning Ledger node's Record Letter (issue 20), run by n8n-core's engine on a real PostgreSQL: the letter the
// Registered Letter node posted is written on the claimed step's row, and the item's invoice.dunning.letters
// shows it; the same parameters and output as Stripe and QuickBooks Dunning.
import { DunningLedgerPostgresApi } from '../../../credentials/DunningLedgerPostgresApi.credentials';
import { DunningLedger } from '../../../nodes/DunningLedger/DunningLedger.node';
import { DunningLedger as Ledger } from '../../../nodes/services/ledger';
import { startPostgres, type TestPostgres } from '../../helpers/postgres';
import { itemsIntoNode } from '../../helpers/items-workflow';
import { letterItem, POSTED_LETTER, RECORDED_LETTER } from '../../helpers/posted-letter';
import { runWorkflow } from '../../helpers/run-workflow';
import { Pool } from 'pg';

jest.setTimeout(60_000);

let server: TestPostgres;
let db: Pool;
beforeAll(async () => {
	server = await startPostgres();
	db = new Pool({ connectionString: server.connectionString, max: 2 });
	db.on('error', () => undefined);
});
afterAll(async () => {
	await db?.end();
	await server?.stop();
});

let prefixes = 0;
async function claimedLedger(...invoiceIds: string[]) {
	prefixes += 1;
	const prefix = `node_letter_t${prefixes}_${process.pid}`;
	const ledger = new Ledger(async (sql, params) => (await db.query(sql, params)).rows, {
		tablePrefix: prefix,
	});
	for (const invoiceId of invoiceIds) {
		await ledger.claimStep({ source: 'pennylane', invoiceId, stepId: 'd30' }, 'exec-claim');
	}
	return { prefix, ledger };
}

const POSTED = POSTED_LETTER;
const LETTER = RECORDED_LETTER;
const itemFor = (invoiceId: string, letter: Record<string, unknown> = POSTED, ref = 'a') =>
	letterItem({ id: invoiceId, source: 'pennylane' }, letter, ref);

const record = (prefix: string, items: unknown[], settings: Record<string, unknown> = {}) =>
	runWorkflow(
		itemsIntoNode(items, {
			name: 'Record Letter',
			type: 'n8n-nodes-dunning.dunningLedger',
			parameters: {
				resource: 'invoice',
				operation: 'recordLetter',
				options: { timezone: 'Europe/Paris' },
			},
			settings: {
				credentials: { dunningLedgerPostgresApi: { id: '1', name: 'Ledger' } },
				...settings,
			},
		}),
		{
			nodeTypes: { 'n8n-nodes-dunning.dunningLedger': new DunningLedger() },
			credentialTypes: [new DunningLedgerPostgresApi()],
			credentials: {
				dunningLedgerPostgresApi: {
					connectWith: 'connectionString',
					connectionString: server.connectionString,
					tablePrefix: prefix,
				},
			},
		},
	);

describe('Dunning Ledger node: Record Letter', () => {
	it('writes the letter on the claimed step and returns invoice.dunning.letters and letterRecord', async () => {
		const { prefix, ledger } = await claimedLedger('5012');
		const result = await record(prefix, [itemFor('5012')]);
		expect(result.error).toBeUndefined();
		const [item] = result.jsonOf('Record Letter', 0);
		expect(item.letterRecord).toEqual({
			change: 'recorded',
			invoiceId: '5012',
			stepId: 'd30',
			letter: LETTER,
		});
		expect(item.invoice).toMatchObject({ id: '5012', dunning: { letters: [LETTER] } });
		expect(item.letter).toEqual(POSTED);
		expect(
			(await ledger.readStep({ source: 'pennylane', invoiceId: '5012', stepId: 'd30' }))?.letter,
		).toEqual(LETTER);
	});

	it('records the same letter twice as one (unchanged), then adds the registered number (updated)', async () => {
		const { prefix, ledger } = await claimedLedger('5012');
		await record(prefix, [itemFor('5012')]);
		const again = await record(prefix, [itemFor('5012', { ...POSTED, postedAt: null })]);
		expect(again.jsonOf('Record Letter', 0)[0].letterRecord).toMatchObject({ change: 'unchanged' });
		const later = await record(prefix, [
			itemFor('5012', { ...POSTED, registeredNumber: '1A00000000001', postedAt: null }),
		]);
		expect(later.jsonOf('Record Letter', 0)[0].letterRecord).toMatchObject({
			change: 'updated',
			letter: { ...LETTER, registeredNumber: '1A00000000001' },
		});
		const events = await ledger.history({ invoiceIds: ['5012'] });
		expect(events.map((event) => event.kind)).toEqual(['claimed', 'letter', 'letter']);
	});

	it('refuses a second letter for the step with an error naming the item and letter.sendingId', async () => {
		const { prefix } = await claimedLedger('5012');
		await record(prefix, [itemFor('5012')]);
		const second = await record(prefix, [
			itemFor('5012', { ...POSTED, sendingId: 'another-sending' }),
		]);
		expect(second.error).toMatchObject({
			name: 'NodeOperationError',
			message: expect.stringMatching(/^Item 0: letter\.sendingId: "another-sending"/),
		});
	});

	it('refuses a step the ledger never claimed, and an item without a letter, naming the field', async () => {
		const { prefix } = await claimedLedger();
		const unclaimed = await record(prefix, [itemFor('5012')]);
		expect(unclaimed.error?.message).toBe(
			'Item 0: stepId: "d30" is not claimed on invoice 5012: a letter is recorded only for a step Claim Step claimed',
		);
		const noLetter = await record(prefix, [{ ...itemFor('5012'), letter: undefined }]);
		expect(noLetter.error?.message).toBe(
			'Item 0: letter: missing: no letter on the item (wire Record Letter after the Registered Letter node)',
		);
	});

	it('with Continue On Fail (error output), a refused item goes to the error output and the others are recorded', async () => {
		const { prefix, ledger } = await claimedLedger('A', 'C');
		const result = await record(
			prefix,
			[itemFor('A', POSTED, 'good'), itemFor('B', POSTED, 'bad'), itemFor('C', POSTED, 'other')],
			{ onError: 'continueErrorOutput' },
		);
		expect(result.jsonOf('Record Letter', 0).map((item) => item.ref)).toEqual(['good', 'other']);
		const [failed] = result.jsonOf('Record Letter', 2);
		expect(failed).toMatchObject({ ref: 'bad', error: expect.stringContaining('Item 1: stepId:') });
		const states = await ledger.readStates('pennylane', ['A', 'B', 'C'], 'Europe/Paris');
		expect([...states].map(([id, state]) => [id, state.letters?.length ?? 0])).toEqual([
			['A', 1],
			['B', 0],
			['C', 1],
		]);
	});
});

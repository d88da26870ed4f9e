// QuickBooks Dunning's Record Letter (issue 20), through n8n-core's engine against the QuickBooks simulator: the
// letter the Registered Letter node posted joins the `letters=` list of the invoice's `[dunning]` note.
import { startQuickBooksSimulator, type QuickBooksSimulator } from '../../simulators/quickbooks';
import { restoreRealDate, setFakeDate } from '../../helpers/fake-date';
import {
	letterItem,
	POSTED_LETTER,
	RECORDED_LETTER,
	RECORDED_TEXT,
} from '../../helpers/posted-letter';
import { actionWorkflow, credentialFor, run } from './quickbooks-harness';

describe('letters', () => {
	type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

	const USER_TEXT = 'Client asked for a single invoice per quarter. Contact: M. Okafor, ext. 214.';
	const CLAIMED = `${USER_TEXT}\n[dunning] sent=d14@2026-11-16,d30@2026-12-01; promised=2026-12-20`;
	const POSTED = POSTED_LETTER;
	const RECORD = RECORDED_TEXT;

	let sim: QuickBooksSimulator;
	beforeEach(async () => {
		setFakeDate('2026-12-01T10:00:00Z');
		sim = await startQuickBooksSimulator();
		sim.editInvoice('1047', { PrivateNote: CLAIMED });
	});
	afterEach(async () => {
		await sim.stop();
		restoreRealDate();
	});

	const itemFor = (invoiceId: string, letter: Json = POSTED, ref = 'a') =>
		letterItem({ id: invoiceId }, letter, ref);
	const record = (items: unknown[], settings?: Record<string, unknown>) =>
		run(actionWorkflow(items, { operation: 'recordLetter' }, settings), credentialFor(sim));
	const noteOf = (id: string) => sim.invoices.get(id)!.PrivateNote as string;
	const writes = () => sim.requests.filter((request) => request.method === 'POST');

	describe('QuickBooks Dunning: Record Letter', () => {
		it('adds the letter to the [dunning] line under the user text, keeping the rest of the line', async () => {
			const result = await record([itemFor('1047')]);
			expect(result.error).toBeUndefined();
			expect(noteOf('1047')).toBe(
				`${USER_TEXT}\n[dunning] sent=d14@2026-11-16,d30@2026-12-01; letters=${RECORD}; promised=2026-12-20`,
			);
			const [item] = result.jsonOf('QuickBooks') as Json[];
			const letter = RECORDED_LETTER;
			expect(item.letterRecord).toEqual({
				change: 'recorded',
				invoiceId: '1047',
				stepId: 'd30',
				letter,
			});
			expect(item.invoice.dunning).toMatchObject({
				sentStepIds: ['d14', 'd30'],
				letters: [letter],
			});
			expect(item.letter).toEqual(POSTED);
			expect(writes()).toHaveLength(1);
		});

		it('writes nothing when the same letter is recorded again', async () => {
			await record([itemFor('1047')]);
			const again = await record([itemFor('1047', { ...POSTED, postedAt: null })]);
			expect((again.jsonOf('QuickBooks')[0] as Json).letterRecord.change).toBe('unchanged');
			expect(writes()).toHaveLength(1);
		});

		it('adds the registered number once it is known', async () => {
			await record([itemFor('1047')]);
			const later = await record([
				itemFor('1047', { ...POSTED, registeredNumber: '1A00000000001' }),
			]);
			expect((later.jsonOf('QuickBooks')[0] as Json).letterRecord.change).toBe('updated');
			expect(noteOf('1047')).toContain(
				`letters=d30|maileva|${POSTED.sendingId}|1A00000000001|2026-12-01T09:30:00.000Z;`,
			);
		});

		it('refuses a second letter for the step, naming the item and letter.sendingId, and leaves the note', async () => {
			await record([itemFor('1047')]);
			const before = noteOf('1047');
			const second = await record([itemFor('1047', { ...POSTED, sendingId: 'another-sending' })]);
			expect(second.error).toMatchObject({
				name: 'NodeOperationError',
				message: expect.stringMatching(/^Item 0: letter\.sendingId: "another-sending"/),
			});
			expect(noteOf('1047')).toBe(before);
			expect(writes()).toHaveLength(1);
		});

		it('refuses a step that is not in the note’s sent= list, before any write', async () => {
			const result = await record([itemFor('1042')]);
			expect(result.error?.message).toBe(
				'Item 0: stepId: "d30" is not claimed on invoice 1042: a letter is recorded only for a step Claim Step claimed',
			);
			expect(writes()).toHaveLength(0);
		});

		it('reads and writes again when someone else edited the invoice in between (stale SyncToken)', async () => {
			sim.injectFault({ kind: 'delay', method: 'POST', path: '/invoice', times: 1, hangMs: 100 });
			const pending = record([itemFor('1047')]);
			await new Promise((resolve) => setTimeout(resolve, 60));
			sim.editInvoice('1047', { CustomerMemo: { value: 'edited by a human' } });
			const result = await pending;
			expect(result.error).toBeUndefined();
			expect(writes().map((request) => request.status)).toEqual([400, 200]);
			expect(noteOf('1047')).toContain(`letters=${RECORD}`);
			expect(sim.invoices.get('1047')!.CustomerMemo).toEqual({ value: 'edited by a human' });
		});

		it('with Continue On Fail (error output), a refused item goes to the error output and the others are recorded', async () => {
			sim.editInvoice('1043', { PrivateNote: '[dunning] sent=d30@2026-12-01' });
			const result = await record(
				[
					itemFor('1047', POSTED, 'good'),
					itemFor('1042', POSTED, 'bad'),
					itemFor('1043', POSTED, 'other'),
				],
				{ onError: 'continueErrorOutput' },
			);
			expect((result.jsonOf('QuickBooks', 0) as Json[]).map((item) => item.ref)).toEqual([
				'good',
				'other',
			]);
			const [failed] = result.jsonOf('QuickBooks', 2) as Json[];
			expect(failed).toMatchObject({
				ref: 'bad',
				error: expect.stringContaining('Item 1: stepId:'),
			});
			expect(noteOf('1043')).toBe(`[dunning] sent=d30@2026-12-01; letters=${RECORD}`);
			expect(writes().map((request) => request.path)).toEqual(['/invoice', '/invoice']);
		});
	});
});

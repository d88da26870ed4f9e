// The registered letter recorded on an invoice (issue 20): one text form for every store, read back by the state
// readers into invoice.dunning.letters, and the rule of Record Letter (a claimed step, one letter per step).
import {
	applyDunningNoteChange,
	DunningInputError,
	formatDunningNote,
	formatLetterRecord,
	normalizeInvoice,
	parseDunningNote,
	parseLetterRecord,
	readStripeDunningMetadata,
	recordLetter,
	validateLetterRecord,
	type LetterRecord,
} from '../../nodes/shared/internal';
import { makeInvoice } from './invoice-factory';

const LETTER: LetterRecord = {
	stepId: 'd30',
	provider: 'maileva',
	sendingId: '6f1c2d0e-8b7a-4c1e-9d3f-2a5b6c7d8e9f',
	registeredNumber: '1A00000000001',
	postedAt: '2026-12-01T09:30:00.000Z',
};
const TEXT =
	'd30|maileva|6f1c2d0e-8b7a-4c1e-9d3f-2a5b6c7d8e9f|1A00000000001|2026-12-01T09:30:00.000Z';
const CLAIMED = { invoiceId: 'in_1', claimed: true };

function fieldOf(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		if (error instanceof DunningInputError) return error.field;
		throw error;
	}
	throw new Error('no error');
}

describe('formatLetterRecord / parseLetterRecord', () => {
	it('writes the five fields joined by | and reads them back unchanged', () => {
		expect(formatLetterRecord(LETTER)).toBe(TEXT);
		expect(parseLetterRecord(TEXT)).toEqual(LETTER);
	});

	it('writes an unknown registered number and posting time as empty fields, read back as null', () => {
		const unknown = { ...LETTER, registeredNumber: null, postedAt: null };
		const text = formatLetterRecord(unknown);
		expect(text).toBe('d30|maileva|6f1c2d0e-8b7a-4c1e-9d3f-2a5b6c7d8e9f||');
		expect(parseLetterRecord(text)).toEqual(unknown);
	});

	it('keeps every record of the longest fields under Stripe’s 500 characters per metadata value', () => {
		const longest = formatLetterRecord({
			stepId: 's'.repeat(100),
			provider: 'p'.repeat(40),
			sendingId: 'x'.repeat(100),
			registeredNumber: 'n'.repeat(60),
			postedAt: '2026-12-01T09:30:00.000Z',
		});
		expect(longest.length).toBeLessThanOrEqual(330);
	});

	it('refuses a text that is not five fields, naming the field given', () => {
		expect(fieldOf(() => parseLetterRecord('d30|maileva|abc', 'invoice.metadata.x'))).toBe(
			'invoice.metadata.x',
		);
		expect(fieldOf(() => parseLetterRecord(42, 'note'))).toBe('note');
		expect(fieldOf(() => parseLetterRecord('d30|maileva||1A|', 'note'))).toBe('note.sendingId');
	});
});

describe('validateLetterRecord', () => {
	it('takes the Registered Letter node’s output: trims, lower-cases the provider, puts postedAt in UTC, drops other fields', () => {
		expect(
			validateLetterRecord({
				stepId: ' d30 ',
				provider: 'Maileva',
				sendingId: ` ${LETTER.sendingId} `,
				registeredNumber: '',
				postedAt: '2026-12-01T10:30:00+01:00',
				status: 'ACCEPTED',
				customId: 'dn-0123',
				postedByThisRun: true,
			}),
		).toEqual({ ...LETTER, registeredNumber: null });
	});

	it.each([
		['a missing sending id', { sendingId: undefined }, 'letter.sendingId'],
		['a sending id with the record’s separator', { sendingId: 'a|b' }, 'letter.sendingId'],
		[
			'a registered number with the note’s list separator',
			{ registeredNumber: '1A,2' },
			'letter.registeredNumber',
		],
		[
			'a registered number with a newline',
			{ registeredNumber: '1A\n2' },
			'letter.registeredNumber',
		],
		['a provider that is not a name', { provider: 'la poste' }, 'letter.provider'],
		['a step id with a space', { stepId: 'd 30' }, 'letter.stepId'],
		[
			'a time without its offset (the machine’s zone would decide)',
			{ postedAt: '2026-12-01T09:30:00' },
			'letter.postedAt',
		],
		['a date that does not exist', { postedAt: '2026-02-30T09:30:00Z' }, 'letter.postedAt'],
		['a sending id of 101 characters', { sendingId: 'x'.repeat(101) }, 'letter.sendingId'],
	])('refuses %s, naming the field', (_what, change, field) => {
		expect(fieldOf(() => validateLetterRecord({ ...LETTER, ...change }))).toBe(field);
	});

	it('names the step id by the field the caller gives (the node’s Step ID parameter)', () => {
		expect(fieldOf(() => validateLetterRecord({ ...LETTER, stepId: '' }, 'letter', 'stepId'))).toBe(
			'stepId',
		);
	});

	it('refuses a letter that is not an object', () => {
		expect(fieldOf(() => validateLetterRecord('d30'))).toBe('letter');
	});
});

describe('recordLetter: one letter per claimed step', () => {
	it('records a first letter after the invoice’s other letters', () => {
		const other = { ...LETTER, stepId: 'd15', sendingId: 'other' };
		expect(recordLetter([other], LETTER, CLAIMED)).toEqual({
			letter: LETTER,
			letters: [other, LETTER],
			change: 'recorded',
		});
	});

	it('changes nothing when the same letter is recorded again (a retried or concurrent run)', () => {
		const again = recordLetter(
			[LETTER],
			{ ...LETTER, registeredNumber: null, postedAt: null },
			CLAIMED,
		);
		expect(again).toEqual({ letter: LETTER, letters: [LETTER], change: 'unchanged' });
	});

	it('adds the registered number La Poste assigned since, keeping the posting time', () => {
		const first = { ...LETTER, registeredNumber: null };
		const later = { ...LETTER, postedAt: null };
		expect(recordLetter([first], later, CLAIMED)).toEqual({
			letter: LETTER,
			letters: [LETTER],
			change: 'updated',
		});
	});

	it('refuses a second letter for the step, naming letter.sendingId and both sendings', () => {
		const second = { ...LETTER, sendingId: 'another-sending' };
		expect(() => recordLetter([LETTER], second, CLAIMED)).toThrow(
			/^letter\.sendingId: "another-sending" \(maileva\) would be a second letter for step d30 of invoice in_1: maileva sending "6f1c2d0e-8b7a-4c1e-9d3f-2a5b6c7d8e9f" is already recorded/,
		);
	});

	it('refuses a registered number that contradicts the one recorded for the same sending', () => {
		expect(
			fieldOf(() => recordLetter([LETTER], { ...LETTER, registeredNumber: '1A9' }, CLAIMED)),
		).toBe('letter.registeredNumber');
	});

	it('refuses a step that was not claimed, naming stepId', () => {
		expect(() => recordLetter([], LETTER, { invoiceId: 'in_1', claimed: false })).toThrow(
			'stepId: "d30" is not claimed on invoice in_1',
		);
	});
});

describe('the letters in the stores’ own formats', () => {
	it('reads Stripe’s dunning_letter_<step> keys into dunning.letters, in the order the steps were sent', () => {
		const d15 = { ...LETTER, stepId: 'd15', sendingId: 'first' };
		const stored = readStripeDunningMetadata({
			dunning_sent_steps: 'd15,d30',
			dunning_letter_d30: TEXT,
			dunning_letter_d15: formatLetterRecord(d15),
			dunning_letter_d45: '',
		});
		expect(stored.state.letters).toEqual([d15, LETTER]);
	});

	it('leaves letters out of a Stripe state that has none, as DESIGN’s state has no such field', () => {
		expect(readStripeDunningMetadata({ dunning_sent_steps: 'd7' }).state).toEqual({
			sentStepIds: ['d7'],
			lastSentOn: null,
			promisedOn: null,
			disputed: false,
			paused: false,
		});
	});

	it('refuses a Stripe key whose record is another step’s, naming the key', () => {
		expect(fieldOf(() => readStripeDunningMetadata({ dunning_letter_d14: TEXT }))).toBe(
			'invoice.metadata.dunning_letter_d14',
		);
	});

	it('writes the QuickBooks note’s letters= list after sent= and reads it back', () => {
		const d15 = { ...LETTER, stepId: 'd15', sendingId: 'first', registeredNumber: null };
		const note = formatDunningNote('Call before noon.', {
			sent: [
				{ stepId: 'd15', on: '2026-11-16' },
				{ stepId: 'd30', on: '2026-12-01' },
			],
			promisedOn: null,
			disputed: true,
			paused: false,
			letters: [d15, LETTER],
		});
		expect(note).toBe(
			`Call before noon.\n[dunning] sent=d15@2026-11-16,d30@2026-12-01; letters=d15|maileva|first||2026-12-01T09:30:00.000Z,${TEXT}; disputed=yes`,
		);
		expect(parseDunningNote(note).state.letters).toEqual([d15, LETTER]);
	});

	it('records a letter in the note of a claimed step and keeps it through every later change', () => {
		const note = 'Call before noon.\n[dunning] sent=d30@2026-12-01; promised=2026-12-20';
		const recorded = applyDunningNoteChange(note, {
			kind: 'letter',
			letter: LETTER,
			invoiceId: '130',
		});
		expect(recorded).toMatchObject({
			changed: true,
			letter: { letter: LETTER, change: 'recorded' },
		});
		expect(recorded.note).toBe(
			`Call before noon.\n[dunning] sent=d30@2026-12-01; letters=${TEXT}; promised=2026-12-20`,
		);
		const paused = applyDunningNoteChange(recorded.note, { kind: 'paused', paused: true });
		expect(parseDunningNote(paused.note).state.letters).toEqual([LETTER]);
		const again = applyDunningNoteChange(recorded.note, {
			kind: 'letter',
			letter: LETTER,
			invoiceId: '130',
		});
		expect(again).toMatchObject({
			changed: false,
			note: recorded.note,
			letter: { change: 'unchanged' },
		});
	});

	it('refuses a letter in the note of a step that is not in sent=', () => {
		const note = '[dunning] sent=d7@2026-11-09';
		expect(
			fieldOf(() =>
				applyDunningNoteChange(note, { kind: 'letter', letter: LETTER, invoiceId: '130' }),
			),
		).toBe('stepId');
	});

	it('takes a generic invoice’s dunning.letters, checked like any other field', () => {
		const invoice = makeInvoice({});
		const withLetter = normalizeInvoice({
			...invoice,
			dunning: { ...invoice.dunning, letters: [LETTER] },
		});
		expect(withLetter.dunning.letters).toEqual([LETTER]);
		expect(normalizeInvoice(invoice).dunning).not.toHaveProperty('letters');
		expect(
			fieldOf(() =>
				normalizeInvoice({
					...invoice,
					dunning: { ...invoice.dunning, letters: [{ ...LETTER, sendingId: '' }] },
				}),
			),
		).toBe('invoice.dunning.letters[0].sendingId');
	});
});

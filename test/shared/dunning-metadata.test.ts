import {
	formatDunningNote,
	parseDunningNote,
	readStripeDunningMetadata,
	writeStripeDunningMetadata,
} from '../../nodes/shared/internal';

describe('Stripe metadata keys', () => {
	it('round-trips a dunning state', () => {
		const state = {
			sentStepIds: ['d7', 'd14'],
			lastSentOn: '2026-11-16',
			promisedOn: null,
			disputed: true,
			paused: false,
		};
		const metadata = writeStripeDunningMetadata(state);
		expect(metadata).toEqual({
			dunning_sent_steps: 'd7,d14',
			dunning_last_sent_on: '2026-11-16',
			dunning_promised_on: '',
			dunning_disputed: 'true',
			dunning_paused: '',
		});
		expect(readStripeDunningMetadata(metadata).state).toEqual(state);
	});

	it('refuses values it cannot read rather than guessing', () => {
		expect(() => readStripeDunningMetadata({ dunning_paused: 'maybe' })).toThrow(
			'invoice.metadata.dunning_paused: "maybe" is not true or false',
		);
		expect(readStripeDunningMetadata(undefined).state.sentStepIds).toEqual([]);
	});
});

describe('QuickBooks [dunning] note line', () => {
	it('writes the line under the user text and reads it back', () => {
		const note = formatDunningNote('Client asked for a single invoice per quarter.', {
			sent: [
				{ stepId: 'd7', on: '2026-11-12' },
				{ stepId: 'd14', on: '2026-11-19' },
			],
			promisedOn: '2026-12-01',
			disputed: false,
			paused: true,
		});
		expect(note).toBe(
			'Client asked for a single invoice per quarter.\n[dunning] sent=d7@2026-11-12,d14@2026-11-19; promised=2026-12-01; paused=yes',
		);
		const parsed = parseDunningNote(note);
		expect(parsed.userText).toBe('Client asked for a single invoice per quarter.');
		expect(parsed.state).toEqual({
			sentStepIds: ['d7', 'd14'],
			lastSentOn: '2026-11-19',
			promisedOn: '2026-12-01',
			disputed: false,
			paused: true,
		});
	});

	it('replaces an existing line instead of adding a second one', () => {
		const first = formatDunningNote('Hello', {
			sent: [{ stepId: 'd7', on: '2026-11-12' }],
			promisedOn: null,
			disputed: false,
			paused: false,
		});
		const { userText } = parseDunningNote(first);
		const second = formatDunningNote(userText, {
			sent: [],
			promisedOn: null,
			disputed: true,
			paused: false,
		});
		expect(second).toBe('Hello\n[dunning] disputed=yes');
		expect(
			formatDunningNote('Hello', { sent: [], promisedOn: null, disputed: false, paused: false }),
		).toBe('Hello');
	});

	it('reads the sample line format of the recorded sparse update', () => {
		const parsed = parseDunningNote(
			'Note\n[dunning] sent=reminder-1@2026-11-12,reminder-2@2026-11-26',
		);
		expect(parsed.state.sentStepIds).toEqual(['reminder-1', 'reminder-2']);
		expect(parsed.state.lastSentOn).toBe('2026-11-26');
	});

	it('names a broken date', () => {
		expect(() => parseDunningNote('[dunning] promised=someday')).toThrow(
			'invoice.PrivateNote promised: "someday" is not a date',
		);
	});
});

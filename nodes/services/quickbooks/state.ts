import { DunningInputError, describeValue } from '../../shared/errors';
import { assertObject, assertShape, type Shape } from '../../shared/shape';
import { assertIsoDate, type IsoDate } from '../../shared/dates';
import {
	formatDunningNote,
	parseDunningNote,
	readSentEntries,
	type SentStepRecord,
} from '../../shared/dunning-metadata';
import { recordLetter, type LetterChange, type LetterRecord } from '../../shared/letter-record';

/** QuickBooks refuses a `PrivateNote` longer than this (behaviour 5). */
export const PRIVATE_NOTE_MAX_LENGTH = 4000;

export type DunningNoteChange =
	| { kind: 'claim'; stepId: string; on: IsoDate }
	/** Undoes a claim whose message did not leave: the step's entry leaves `sent=` (and so the last date). */
	| { kind: 'release'; stepId: string }
	| { kind: 'promise'; promisedOn: IsoDate | null }
	| { kind: 'disputed'; disputed: boolean }
	| { kind: 'paused'; paused: boolean }
	/**
	 * Records the registered letter of a claimed step in `letters=` (issue 20): the same letter again changes
	 * nothing or adds its registered number; another letter for the step is refused (recordLetter).
	 */
	| { kind: 'letter'; letter: LetterRecord; invoiceId: string };

export interface DunningNoteChangeResult {
	/** The whole new note: the user's text untouched, then the `[dunning]` line. */
	note: string;
	/** False when the note already said so (nothing to write). */
	changed: boolean;
	/** For a claim: the step was already recorded, so it must not be sent again. */
	alreadyClaimed: boolean;
	/** For a letter: the step's letter as the note now records it, and what recording it did. */
	letter?: { letter: LetterRecord; change: LetterChange };
}

/** The `sent=` entries with their dates (parseDunningNote keeps only the ids and the last date). */
function sentRecords(note: string, fallbackOn: IsoDate): SentStepRecord[] {
	let previous: IsoDate | null = null;
	return readSentEntries(note).map(({ stepId, on: written }) => {
		// An entry written by hand without a date keeps the date of the entry before it.
		const on = written ?? previous ?? fallbackOn;
		previous = on;
		return { stepId, on };
	});
}

const CHANGE_SHAPES: Record<DunningNoteChange['kind'], Shape> = {
	claim: { stepId: 'string', on: 'date' },
	release: { stepId: 'string' },
	promise: { promisedOn: 'date?' },
	disputed: { disputed: 'boolean' },
	paused: { paused: 'boolean' },
	letter: { letter: 'any', invoiceId: 'string' },
};

function assertChange(change: unknown): asserts change is DunningNoteChange {
	const kind = assertObject(change, 'change').kind;
	if (typeof kind !== 'string' || !Object.hasOwn(CHANGE_SHAPES, kind)) {
		throw new DunningInputError(
			'change.kind',
			`${describeValue(kind)} is not one of ${Object.keys(CHANGE_SHAPES).join(', ')}`,
		);
	}
	assertShape(change, CHANGE_SHAPES[kind as DunningNoteChange['kind']], 'change');
}

/**
 * Applies one dunning action to an invoice's `PrivateNote`. QuickBooks replaces the note as a whole, so the
 * result keeps every line the user wrote and rewrites only the `[dunning]` line (README, "Where the dunning
 * state lives").
 */
export function applyDunningNoteChange(
	note: unknown,
	change: DunningNoteChange,
	field = 'invoice.PrivateNote',
): DunningNoteChangeResult {
	assertChange(change);
	const current = typeof note === 'string' ? note : '';
	const parsed = parseDunningNote(current, field);
	const state = { ...parsed.state };
	// The note's record as it is now: changed below, and formatted again unchanged to compare.
	const recordNow = () => ({
		sent: sentRecords(current, parsed.state.lastSentOn ?? '1970-01-01'),
		promisedOn: state.promisedOn,
		disputed: state.disputed,
		paused: state.paused,
		tags: parsed.tags,
		letters: state.letters ?? [],
	});
	const record = recordNow();
	let alreadyClaimed = false;
	let letter: DunningNoteChangeResult['letter'];
	switch (change.kind) {
		case 'claim': {
			const stepId = change.stepId.trim();
			if (stepId === '' || /[,;@=\s]/.test(stepId)) {
				throw new DunningInputError(
					'stepId',
					`"${change.stepId}" is not a step id (no spaces, , ; @ =)`,
				);
			}
			assertIsoDate(change.on, 'on');
			if (state.sentStepIds.includes(stepId)) {
				alreadyClaimed = true;
				break;
			}
			record.sent = [...record.sent, { stepId, on: change.on }];
			break;
		}
		case 'release':
			record.sent = record.sent.filter((entry) => entry.stepId !== change.stepId.trim());
			break;
		case 'promise':
			record.promisedOn =
				change.promisedOn === null ? null : assertIsoDate(change.promisedOn, 'promisedOn');
			break;
		case 'disputed':
			record.disputed = change.disputed;
			break;
		case 'paused':
			record.paused = change.paused;
			break;
		case 'letter': {
			const recorded = recordLetter(record.letters, change.letter, {
				invoiceId: change.invoiceId,
				claimed: state.sentStepIds.includes(String(change.letter?.stepId ?? '').trim()),
			});
			record.letters = recorded.letters;
			letter = { letter: recorded.letter, change: recorded.change };
			break;
		}
	}
	if (alreadyClaimed) return { note: current, changed: false, alreadyClaimed };
	const next = formatDunningNote(parsed.userText, record);
	const before = formatDunningNote(parsed.userText, recordNow());
	if (next.length > PRIVATE_NOTE_MAX_LENGTH) {
		throw new DunningInputError(
			field,
			`the note would be ${next.length} characters, more than QuickBooks' ${PRIVATE_NOTE_MAX_LENGTH}`,
		);
	}
	return { note: next, changed: next !== before, alreadyClaimed, ...(letter ? { letter } : {}) };
}

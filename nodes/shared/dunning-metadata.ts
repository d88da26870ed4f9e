import { DunningInputError, describeValue } from './errors';
import { assertIsoDate, type IsoDate } from './dates';
import {
	emptyDunningState,
	normalizeTags,
	parseTagList,
	validateDunningState,
	withLetters,
	type DunningState,
} from './invoice';
import { formatLetterRecord, parseLetterRecord, type LetterRecord } from './letter-record';
import { assertObject, assertShape, assertText, type Shape } from './shape';

/**
 * Where the dunning state lives in the source system, so that it survives across executions and workers
 * (n8n queue mode keeps nothing in process memory).
 *
 * Stripe: invoice `metadata` keys (strings; an empty string deletes a key). Customer tags may also be set in
 * the Stripe customer's own metadata under `dunning_tags`.
 *
 * QuickBooks: one line of the invoice's `PrivateNote`, kept apart from whatever the user wrote there:
 *   [dunning] sent=d7@2026-11-12,d14@2026-11-19; promised=2026-12-01; disputed=yes; paused=yes; tags=vip
 * Customer tags may also be set in a `[dunning] tags=vip,strategic` line of the QuickBooks customer's `Notes`.
 *
 * The registered letters of issue 20 (nodes/shared/letter-record.ts): on Stripe one key per step,
 * `dunning_letter_<step id>`, whose value is the letter record; in the QuickBooks note a `letters=` list of
 * records, comma-separated (`letters=d30|maileva|6f1c…|1A00000000001|2026-12-01T09:30:00.000Z`).
 */
/**
 * The step id under which the thank-you sent once a reminded invoice is paid (issue 21) is recorded in the
 * history above (`dunning_sent_steps` / `sent=`), so a person reads "reminded d7, d14, paid, thanked". It is
 * not a reminder: the scenario never declares it, and the report's step figures leave it out.
 */
export const THANKS_STEP_ID = 'thanks';

export const STRIPE_METADATA_KEYS = {
	sentSteps: 'dunning_sent_steps',
	lastSentOn: 'dunning_last_sent_on',
	promisedOn: 'dunning_promised_on',
	disputed: 'dunning_disputed',
	paused: 'dunning_paused',
	tags: 'dunning_tags',
} as const;

export const DUNNING_NOTE_PREFIX = '[dunning]';

/** Stripe metadata key of a step's registered letter: `dunning_letter_<step id>`. */
export const STRIPE_LETTER_METADATA_PREFIX = 'dunning_letter_';

export interface StoredDunningState {
	state: DunningState;
	tags: string[];
}

function flag(value: unknown, field: string): boolean {
	if (value === undefined || value === null || value === '') return false;
	if (typeof value === 'boolean') return value;
	const text = typeof value === 'string' ? value.trim().toLowerCase() : '';
	if (['true', 'yes', '1'].includes(text)) return true;
	if (['false', 'no', '0'].includes(text)) return false;
	throw new DunningInputError(field, `${describeValue(value)} is not true or false`);
}

function date(value: unknown, field: string): IsoDate | null {
	if (value === undefined || value === null || value === '') return null;
	return assertIsoDate(typeof value === 'string' ? value.trim() : value, field);
}

function stepList(value: unknown): string[] {
	if (typeof value !== 'string') return [];
	return value
		.split(',')
		.map((step) => step.trim())
		.filter((step) => step !== '');
}

/** Reads the dunning state from Stripe invoice metadata. */
export function readStripeDunningMetadata(
	metadata: unknown,
	field = 'invoice.metadata',
): StoredDunningState {
	if (metadata === null || metadata === undefined || typeof metadata !== 'object') {
		return { state: emptyDunningState(), tags: [] };
	}
	const values = metadata as Record<string, unknown>;
	const keys = STRIPE_METADATA_KEYS;
	const sentStepIds = stepList(values[keys.sentSteps]);
	return {
		state: withLetters(
			{
				sentStepIds,
				lastSentOn: date(values[keys.lastSentOn], `${field}.${keys.lastSentOn}`),
				promisedOn: date(values[keys.promisedOn], `${field}.${keys.promisedOn}`),
				disputed: flag(values[keys.disputed], `${field}.${keys.disputed}`),
				paused: flag(values[keys.paused], `${field}.${keys.paused}`),
			},
			inStepOrder(stripeLetters(values, field), sentStepIds),
		),
		tags: parseTagList(values[keys.tags]),
	};
}

/** The letters of `dunning_letter_<step>` keys (an empty value is a deleted key), each under its own step. */
function stripeLetters(values: Record<string, unknown>, field: string): LetterRecord[] {
	return Object.entries(values).flatMap(([key, value]) => {
		if (!key.startsWith(STRIPE_LETTER_METADATA_PREFIX) || value === '' || value === null) return [];
		const letter = parseLetterRecord(value, `${field}.${key}`);
		const stepId = key.slice(STRIPE_LETTER_METADATA_PREFIX.length);
		if (letter.stepId !== stepId) {
			throw new DunningInputError(
				`${field}.${key}`,
				`records a letter of step ${JSON.stringify(letter.stepId)}, not of step ${JSON.stringify(stepId)}`,
			);
		}
		return [letter];
	});
}

/** Letters in the order their steps were sent (metadata keys come in no order), then by step id. */
function inStepOrder(letters: LetterRecord[], sentStepIds: string[]): LetterRecord[] {
	const rank = (letter: LetterRecord) => {
		const index = sentStepIds.indexOf(letter.stepId);
		return index < 0 ? sentStepIds.length : index;
	};
	return [...letters].sort(
		(a, b) => rank(a) - rank(b) || (a.stepId < b.stepId ? -1 : a.stepId > b.stepId ? 1 : 0),
	);
}

/** The metadata to write to Stripe for a dunning state (every key, so stale values are overwritten). */
export function writeStripeDunningMetadata(input: DunningState): Record<string, string> {
	const state = validateDunningState(assertObject(input, 'state'), 'state');
	const keys = STRIPE_METADATA_KEYS;
	return {
		[keys.sentSteps]: state.sentStepIds.join(','),
		[keys.lastSentOn]: state.lastSentOn ?? '',
		[keys.promisedOn]: state.promisedOn ?? '',
		[keys.disputed]: state.disputed ? 'true' : '',
		[keys.paused]: state.paused ? 'true' : '',
	};
}

export interface ParsedDunningNote extends StoredDunningState {
	/** The rest of the note, exactly as the user wrote it. */
	userText: string;
}

function splitNote(note: unknown): { userLines: string[]; dunningLine: string | null } {
	const lines = typeof note === 'string' ? note.split(/\r?\n/) : [];
	const dunningIndex = lines.findIndex((line) => line.trim().startsWith(DUNNING_NOTE_PREFIX));
	if (dunningIndex < 0) return { userLines: lines, dunningLine: null };
	return {
		userLines: lines.filter((_, index) => index !== dunningIndex),
		dunningLine: lines[dunningIndex].trim().slice(DUNNING_NOTE_PREFIX.length),
	};
}

function parseFields(line: string): Map<string, string> {
	const fields = new Map<string, string>();
	for (const part of line.split(';')) {
		const equals = part.indexOf('=');
		if (equals > 0)
			fields.set(part.slice(0, equals).trim().toLowerCase(), part.slice(equals + 1).trim());
	}
	return fields;
}

/** One `sent=` entry as written: `d7@2026-11-12` gives `{ stepId: 'd7', on: '2026-11-12' }`; no `@`, `on` null. */
export interface WrittenSentEntry {
	stepId: string;
	/** The text after `@`, unchecked: each reader decides what a hand-edited date means. */
	on: string | null;
}

/**
 * The `sent=` entries of a note's `[dunning]` line, oldest first, exactly as written (empty without the line).
 * The one parser of that list: the state reader, the note writer and the report's history all start here.
 */
export function readSentEntries(note: unknown): WrittenSentEntry[] {
	const { dunningLine } = splitNote(note);
	if (dunningLine === null) return [];
	return stepList(parseFields(dunningLine).get('sent')).map((entry) => {
		const at = entry.lastIndexOf('@');
		return at < 0
			? { stepId: entry, on: null }
			: { stepId: entry.slice(0, at), on: entry.slice(at + 1) };
	});
}

/** Reads the `[dunning]` line of a QuickBooks note (invoice `PrivateNote` or customer `Notes`). */
export function parseDunningNote(note: unknown, field = 'invoice.PrivateNote'): ParsedDunningNote {
	const { userLines, dunningLine } = splitNote(note);
	const userText = userLines.join('\n');
	if (dunningLine === null) return { state: emptyDunningState(), tags: [], userText };
	const fields = parseFields(dunningLine);
	const sent = readSentEntries(note).map((entry, index) => ({
		stepId: entry.stepId,
		on: entry.on === null ? null : date(entry.on, `${field} sent[${index}]`),
	}));
	const sentDates = sent.map((entry) => entry.on).filter((on): on is string => on !== null);
	const letters = stepList(fields.get('letters')).map((entry, index) =>
		parseLetterRecord(entry, `${field} letters[${index}]`),
	);
	return {
		state: withLetters(
			{
				sentStepIds: sent.map((entry) => entry.stepId),
				lastSentOn: sentDates.length ? sentDates.sort()[sentDates.length - 1] : null,
				promisedOn: date(fields.get('promised'), `${field} promised`),
				disputed: flag(fields.get('disputed'), `${field} disputed`),
				paused: flag(fields.get('paused'), `${field} paused`),
			},
			letters,
		),
		tags: parseTagList(fields.get('tags')),
		userText,
	};
}

export interface SentStepRecord {
	stepId: string;
	on: IsoDate;
}

const NOTE_RECORD_SHAPE: Shape = {
	sent: { list: { stepId: 'string', on: 'date' } },
	promisedOn: 'date?',
	disputed: 'boolean',
	paused: 'boolean',
	letters: { optional: { list: 'any' } },
};

/**
 * Writes the `[dunning]` line back under the user's own text. `sent` carries the date of each step so the
 * history can be shown to a human (the accounting notification lists it).
 */
export function formatDunningNote(
	userText: string,
	record: {
		sent: SentStepRecord[];
		promisedOn: IsoDate | null;
		disputed: boolean;
		paused: boolean;
		tags?: string[];
		/** The registered letters (issue 20), each written by formatLetterRecord. */
		letters?: LetterRecord[];
	},
): string {
	assertText(userText, 'userText');
	assertShape(record, NOTE_RECORD_SHAPE, 'record');
	if (record.tags !== undefined && record.tags !== null) {
		assertShape(record.tags, { list: 'string' }, 'record.tags');
	}
	const parts = [];
	if (record.sent.length) {
		parts.push(`sent=${record.sent.map((entry) => `${entry.stepId}@${entry.on}`).join(',')}`);
	}
	if (record.letters?.length) {
		parts.push(
			`letters=${record.letters.map((letter, index) => formatLetterRecord(letter, `record.letters[${index}]`)).join(',')}`,
		);
	}
	if (record.promisedOn) parts.push(`promised=${record.promisedOn}`);
	if (record.disputed) parts.push('disputed=yes');
	if (record.paused) parts.push('paused=yes');
	const tags = normalizeTags(record.tags ?? []);
	if (tags.length) parts.push(`tags=${tags.join(',')}`);
	const text = userText.replace(/\s+$/, '');
	if (parts.length === 0) return text;
	const line = `${DUNNING_NOTE_PREFIX} ${parts.join('; ')}`;
	return text === '' ? line : `${text}\n${line}`;
}

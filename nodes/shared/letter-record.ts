import { toEpochMs } from './dates';
import { DunningInputError, describeValue } from './errors';
import { assertList, assertObject } from './shape';

/**
 * The record of a registered letter posted for a step (issue 20): which postal service, which of its sendings,
 * La Poste's registered number (the tracking id) once known, and when it was posted. It is written on the
 * invoice next to the step's claim, so a person reading the invoice in Stripe, QuickBooks or the ledger sees
 * which letter went out, and read back into `invoice.dunning.letters`.
 *
 * One text form for every store (Stripe metadata value, an entry of the QuickBooks `[dunning]` note's
 * `letters=` list, the ledger's `letter` column): the five fields joined by `|`, unknown ones empty:
 *   d30|maileva|6f1c2d0e-…|1A00000000001|2026-12-01T09:30:00.000Z
 * No field may hold `|` (the field separator), `,` (the note's list separator), `;` (the note's field
 * separator) or a control character. With the lengths below a record stays under 330 characters, within
 * Stripe's 500 per metadata value.
 */
export interface LetterRecord {
	/** The step the letter was posted for (`d30`). */
	stepId: string;
	/** The postal service, lower case (`maileva`). */
	provider: string;
	/** The service's id of the sending: what identifies the letter. */
	sendingId: string;
	/** The registered number (La Poste's tracking id); null until the service has it. */
	registeredNumber: string | null;
	/** When it was posted, ISO 8601 in UTC (`2026-12-01T09:30:00.000Z`); null when not known. */
	postedAt: string | null;
}

/** What recording a letter did: a first record, known fields added (the registered number), or nothing. */
export type LetterChange = 'recorded' | 'updated' | 'unchanged';

export interface RecordedLetter {
	/** The step's letter as it now stands. */
	letter: LetterRecord;
	/** Every letter of the invoice, the step's one in place (new ones last). */
	letters: LetterRecord[];
	change: LetterChange;
}

const SEPARATOR = '|';
const MAX_LENGTHS = { stepId: 100, provider: 40, sendingId: 100, registeredNumber: 60 } as const;
// Control characters, and the separators of the record and of the QuickBooks note line.
const FORBIDDEN = /[|,;\p{Cc}]/u;
const STEP_ID = /^[^\s|,;@=\p{Cc}]+$/u;
const PROVIDER = /^[a-z0-9][a-z0-9_.-]*$/;

function text(value: unknown, name: keyof typeof MAX_LENGTHS, field: string): string {
	const clean = typeof value === 'string' ? value.trim() : '';
	if (clean === '' || clean.length > MAX_LENGTHS[name] || FORBIDDEN.test(clean)) {
		throw new DunningInputError(
			field,
			`${describeValue(value)} is not a text of 1 to ${MAX_LENGTHS[name]} characters without | , ; or control characters`,
		);
	}
	return clean;
}

function optionalText(
	value: unknown,
	name: keyof typeof MAX_LENGTHS,
	field: string,
): string | null {
	if (value === undefined || value === null || value === '') return null;
	return text(value, name, field);
}

function stepIdOf(value: unknown, field: string): string {
	const stepId = text(value, 'stepId', field);
	if (!STEP_ID.test(stepId)) {
		throw new DunningInputError(
			field,
			`${describeValue(value)} is not a step id (no spaces, @ or =)`,
		);
	}
	return stepId;
}

function providerOf(value: unknown, field: string): string {
	const provider = text(typeof value === 'string' ? value.toLowerCase() : value, 'provider', field);
	if (!PROVIDER.test(provider)) {
		throw new DunningInputError(
			field,
			`${describeValue(value)} is not a service name (letters, digits, - _ .)`,
		);
	}
	return provider;
}

/** An instant with its offset (`Z` or `+01:00`), as UTC ISO text; a time without offset would read the machine's zone. */
function postedAtOf(value: unknown, field: string): string | null {
	if (value === undefined || value === null || value === '') return null;
	if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T.*(?:Z|[+-]\d{2}:\d{2})$/i.test(value)) {
		throw new DunningInputError(
			field,
			`${describeValue(value)} is not an instant with its offset (ISO 8601, e.g. 2026-12-01T09:30:00Z)`,
		);
	}
	return new Date(toEpochMs(value, field)).toISOString();
}

/**
 * Checks a letter given as data (an item's `letter` with its step id, a generic invoice's `dunning.letters[i]`)
 * and returns it in the record's canonical form: fields trimmed, provider in lower case, `postedAt` in UTC,
 * unknown fields null. Other fields of the value (`status`, `customId`...) are not part of the record.
 */
export function validateLetterRecord(
	value: unknown,
	field = 'letter',
	stepIdField = `${field}.stepId`,
): LetterRecord {
	const raw = assertObject(value, field);
	return {
		stepId: stepIdOf(raw.stepId, stepIdField),
		provider: providerOf(raw.provider, `${field}.provider`),
		sendingId: text(raw.sendingId, 'sendingId', `${field}.sendingId`),
		registeredNumber: optionalText(
			raw.registeredNumber,
			'registeredNumber',
			`${field}.registeredNumber`,
		),
		postedAt: postedAtOf(raw.postedAt, `${field}.postedAt`),
	};
}

/** The text written on the invoice for a letter (see LetterRecord). */
export function formatLetterRecord(letter: LetterRecord, field = 'letter'): string {
	const valid = validateLetterRecord(letter, field);
	return [
		valid.stepId,
		valid.provider,
		valid.sendingId,
		valid.registeredNumber ?? '',
		valid.postedAt ?? '',
	].join(SEPARATOR);
}

/** Reads back the text `formatLetterRecord` wrote; anything else is a DunningInputError naming `field`. */
export function parseLetterRecord(value: unknown, field = 'letter'): LetterRecord {
	const parts = typeof value === 'string' ? value.trim().split(SEPARATOR) : [];
	if (parts.length !== 5) {
		throw new DunningInputError(
			field,
			`${describeValue(value)} is not a letter record (step|provider|sending id|registered number|posted at)`,
		);
	}
	const [stepId, provider, sendingId, registeredNumber, postedAt] = parts;
	return validateLetterRecord({ stepId, provider, sendingId, registeredNumber, postedAt }, field);
}

/** The same letter: one service's one sending. */
function sameLetter(a: LetterRecord, b: LetterRecord): boolean {
	return a.provider === b.provider && a.sendingId === b.sendingId;
}

/**
 * The step's letter once `incoming` is recorded over `recorded`: what is known is kept, what was unknown is
 * added (the registered number La Poste assigns after posting). A different sending for the step would be a
 * second letter, and a different registered number for the same sending a contradiction: both are refused.
 */
function mergeLetter(
	recorded: LetterRecord,
	incoming: LetterRecord,
	invoiceId: string,
): LetterRecord {
	if (!sameLetter(recorded, incoming)) {
		throw new DunningInputError(
			'letter.sendingId',
			`${describeValue(incoming.sendingId)} (${incoming.provider}) would be a second letter for step ${incoming.stepId} of invoice ${invoiceId}: ${recorded.provider} sending ${JSON.stringify(recorded.sendingId)} is already recorded for it (one step, one letter)`,
		);
	}
	if (
		recorded.registeredNumber !== null &&
		incoming.registeredNumber !== null &&
		recorded.registeredNumber !== incoming.registeredNumber
	) {
		throw new DunningInputError(
			'letter.registeredNumber',
			`${describeValue(incoming.registeredNumber)} is not the registered number already recorded for sending ${JSON.stringify(recorded.sendingId)} of invoice ${invoiceId} (${JSON.stringify(recorded.registeredNumber)})`,
		);
	}
	return {
		...recorded,
		registeredNumber: recorded.registeredNumber ?? incoming.registeredNumber,
		postedAt: recorded.postedAt ?? incoming.postedAt,
	};
}

/**
 * Records a step's letter among an invoice's letters. The rule of every store (Stripe, QuickBooks, the
 * ledger): only a claimed step has a letter (`claimed`, as the store knows its claims); the same letter
 * recorded again is a no-op (a retried or concurrent run), or adds what became known since; another letter
 * for the step is refused.
 */
export function recordLetter(
	letters: readonly LetterRecord[],
	incoming: LetterRecord,
	claim: { invoiceId: string; claimed: boolean },
): RecordedLetter {
	const current = assertList(letters, 'letters').map((entry, index) =>
		validateLetterRecord(entry, `letters[${index}]`),
	);
	const letter = validateLetterRecord(incoming);
	const { invoiceId, claimed } = assertObject(claim, 'claim');
	if (typeof invoiceId !== 'string' || invoiceId === '') {
		throw new DunningInputError(
			'claim.invoiceId',
			`${describeValue(invoiceId)} is not an invoice id`,
		);
	}
	if (claimed !== true) {
		throw new DunningInputError(
			'stepId',
			`${JSON.stringify(letter.stepId)} is not claimed on invoice ${invoiceId}: a letter is recorded only for a step Claim Step claimed`,
		);
	}
	const index = current.findIndex((entry) => entry.stepId === letter.stepId);
	if (index < 0) return { letter, letters: [...current, letter], change: 'recorded' };
	const recorded = current[index];
	const merged = mergeLetter(recorded, letter, invoiceId);
	const unchanged =
		merged.registeredNumber === recorded.registeredNumber && merged.postedAt === recorded.postedAt;
	const next = [...current];
	next[index] = merged;
	return { letter: merged, letters: next, change: unchanged ? 'unchanged' : 'updated' };
}

import { settle } from '../../common/settle';
import { createHash, randomUUID } from 'crypto';
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isTransientNetworkError, withRetries, type RetryOptions } from '../../common/retry';
import { mailevaCodesOf, mailevaRequest, multipartBody } from './transport';
import type { MailevaRecipientLines } from './recipient';

/** Maileva's `sending_status` values; only DRAFT can still change. */
export type SendingStatus =
	| 'DRAFT'
	| 'PENDING'
	| 'BLOCKED'
	| 'ACCEPTED'
	| 'REJECTED'
	| 'CANCELED'
	| 'PREPARING'
	| 'PROCESSED'
	| 'PROCESSED_WITH_ERRORS';

export interface Sending extends IDataObject {
	id: string;
	custom_id: string | null;
	status: SendingStatus;
	documents_count?: number;
	recipients_counts?: { total?: number };
}

/** What the node records for a letter. */
export interface PostedLetter {
	provider: 'maileva';
	sendingId: string;
	customId: string | null;
	status: SendingStatus;
	registeredNumber: string | null;
	postageClass: string | null;
	/** When this run saw it submitted (ISO); null when it was found already submitted or not yet posted. */
	postedAt: string | null;
	/** False when an earlier or concurrent run had already posted it: nothing was posted by this run. */
	postedByThisRun: boolean;
}

export interface LetterToPost {
	/** The letter's idempotency key (`<source>:<invoice>:<step>`): its digest is the sending's custom_id. */
	idempotencyKey: string;
	name: string;
	pdf: Buffer;
	fileName: string;
	recipient: MailevaRecipientLines;
	acknowledgementOfReceipt: boolean;
}

export interface PostOptions {
	retry?: RetryOptions;
	/** How long to wait for another run to finish the sending it started before taking over (tests: 0). */
	patience?: RetryOptions;
	now?: () => Date;
}

const sendingPath = (id: string) => `/sendings/${encodeURIComponent(id)}`;

/** `custom_id` of a sending (≤ 38 characters): `dn-` and the first 35 hex digits of SHA-256 of the key. */
export function customIdOf(idempotencyKey: string): string {
	return `dn-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 35)}`;
}

export async function getSending(context: IExecuteFunctions, id: string, retry?: RetryOptions) {
	return await mailevaRequest<Sending>(context, {
		method: 'GET',
		path: sendingPath(id),
		idempotent: true,
		retry,
	});
}

export async function getRecipients(context: IExecuteFunctions, id: string, retry?: RetryOptions) {
	const body = await mailevaRequest<{ recipients?: IDataObject[] }>(context, {
		method: 'GET',
		path: `${sendingPath(id)}/recipients`,
		idempotent: true,
		retry,
	});
	return Array.isArray(body.recipients) ? body.recipients : [];
}

/**
 * Every sending with this custom_id, oldest first. Maileva has no filter on custom_id, so every page is read;
 * the list is in creation order (the simulator's; a `creation_date`, when given, decides).
 */
export async function sendingsWithCustomId(
	context: IExecuteFunctions,
	customId: string,
	retry?: RetryOptions,
): Promise<Sending[]> {
	const found: Sending[] = [];
	const count = 100;
	for (let start = 1; ; start += count) {
		const body = await mailevaRequest<{ sendings?: Sending[]; paging?: IDataObject }>(context, {
			method: 'GET',
			path: '/sendings',
			query: { start_index: start, count },
			idempotent: true,
			retry,
		});
		const page = Array.isArray(body.sendings) ? body.sendings : [];
		found.push(...page.filter((sending) => sending.custom_id === customId));
		const total = Number(body.paging?.total_results ?? 0);
		if (page.length < count || start + count > total) break;
	}
	const created = (sending: Sending) =>
		typeof sending.creation_date === 'string' ? sending.creation_date : '';
	// Array.prototype.sort is stable: without dates the list order stands.
	return found.sort((a, b) => created(a).localeCompare(created(b)));
}

const isDead = (sending: Sending) => sending.status === 'REJECTED' || sending.status === 'CANCELED';
const isComplete = (sending: Sending) =>
	(sending.documents_count ?? 0) > 0 && (sending.recipients_counts?.total ?? 0) > 0;

async function deleteDraft(context: IExecuteFunctions, id: string, retry?: RetryOptions) {
	const outcome = await settle(
		mailevaRequest(context, { method: 'DELETE', path: sendingPath(id), idempotent: true, retry }),
	);
	if (outcome.ok) return;
	// Already gone, or submitted meanwhile by whoever took it up: either way not ours to post.
	const codes = mailevaCodesOf(outcome.error);
	if (!codes.includes('SENDING_NOT_FOUND') && !codes.includes('SENDING_STATUS_IS_NOT_DRAFT')) {
		throw outcome.error;
	}
}

/** Adds the PDF and the recipient to our own draft, each only if it is not there yet (a lost answer). */
async function complete(
	context: IExecuteFunctions,
	id: string,
	letter: LetterToPost,
	options: PostOptions,
) {
	const sending = await getSending(context, id, options.retry);
	if ((sending.documents_count ?? 0) === 0) {
		const boundary = `----dunning${randomUUID().replace(/-/g, '')}`;
		const body = multipartBody(
			[
				{
					name: 'document',
					data: letter.pdf,
					fileName: letter.fileName,
					contentType: 'application/pdf',
				},
				{
					name: 'metadata',
					data: JSON.stringify({ priority: 1, name: letter.fileName }),
					contentType: 'application/json',
				},
			],
			boundary,
		);
		const upload = await settle(
			mailevaRequest(context, {
				method: 'POST',
				path: `${sendingPath(id)}/documents`,
				multipart: { body, boundary },
				idempotent: false,
				retry: options.retry,
			}),
		);
		// A lost answer to our own earlier upload: the document with priority 1 is there.
		if (!upload.ok && !mailevaCodesOf(upload.error).includes('DUPLICATE_PRIORITY')) {
			throw upload.error;
		}
	}
	if ((sending.recipients_counts?.total ?? 0) === 0) {
		await mailevaRequest(context, {
			method: 'POST',
			path: `${sendingPath(id)}/recipients`,
			json: { ...letter.recipient },
			idempotent: false,
			retry: options.retry,
		});
	}
}

class StillDraft extends Error {}

/**
 * Submits a complete draft; true when this call's submit was accepted. Submit is the one step that posts, and Maileva refuses a second one
 * (SENDING_STATUS_IS_NOT_DRAFT): that answer, like a lost answer followed by a read showing the sending
 * submitted, means it is posted. A lost answer is never followed by a blind second submit: the sending is read
 * first, and only a sending still in DRAFT is submitted again.
 */
async function submit(
	context: IExecuteFunctions,
	id: string,
	options: PostOptions,
): Promise<boolean> {
	for (let attempt = 1; ; attempt++) {
		const outcome = await settle(
			mailevaRequest(context, {
				method: 'POST',
				path: `${sendingPath(id)}/submit`,
				idempotent: false,
				retry: options.retry,
			}),
		);
		if (outcome.ok) return true;
		if (mailevaCodesOf(outcome.error).includes('SENDING_STATUS_IS_NOT_DRAFT')) return false;
		if (!isTransientNetworkError(outcome.error) || attempt >= 3) throw outcome.error;
		const sending = await getSending(context, id, options.retry);
		if (sending.status !== 'DRAFT') return false;
	}
}

async function record(
	context: IExecuteFunctions,
	id: string,
	postedAt: string | null,
	options: PostOptions,
): Promise<PostedLetter> {
	const sending = await getSending(context, id, options.retry);
	const recipient = (await getRecipients(context, id, options.retry))[0] ?? {};
	return {
		provider: 'maileva',
		sendingId: sending.id,
		customId: sending.custom_id ?? null,
		status: sending.status,
		registeredNumber:
			typeof recipient.registered_number === 'string' ? recipient.registered_number : null,
		postageClass: typeof recipient.postage_class === 'string' ? recipient.postage_class : null,
		postedAt: postedAt !== null && sending.status !== 'REJECTED' ? postedAt : null,
		postedByThisRun: postedAt !== null,
	};
}

const PATIENCE: RetryOptions = {
	policy: { maxAttempts: 8, baseDelayMs: 2000, maxDelayMs: 15_000 },
	random: () => 1,
};

/**
 * Posts a letter once, whatever ran before or runs at the same time with the same idempotency key
 * (README of test/simulators/postal, "Duplicate requests"). Maileva offers no idempotency key, only a
 * `custom_id` and a submit that works once, so:
 * - the sendings with our custom_id are listed first: one already submitted is the letter (recorded, nothing
 *   posted); the oldest live one is the one to post, whoever made it;
 * - a run writes only into the draft it created itself (two runs adding recipients to one draft would post
 *   two letters), and submits only the oldest live sending: a run whose own draft is not the oldest deletes it;
 * - the oldest draft of another run is submitted once it is complete (submit works once, so two runs
 *   submitting it post one letter); one that stays incomplete past `patience` was abandoned by a failed run
 *   and is deleted, then the listing starts again.
 */
export async function postLetterOnce(
	context: IExecuteFunctions,
	letter: LetterToPost,
	options: PostOptions = {},
): Promise<PostedLetter> {
	const customId = customIdOf(letter.idempotencyKey);
	const now = () => (options.now ?? (() => new Date()))().toISOString();
	let own: string | null = null;
	for (let round = 1; round <= 5; round++) {
		const live = (await sendingsWithCustomId(context, customId, options.retry)).filter(
			(sending) => !isDead(sending),
		);
		const posted = live.find((sending) => sending.status !== 'DRAFT');
		if (posted) {
			if (own !== null && own !== posted.id) await deleteDraft(context, own, options.retry);
			return await record(context, posted.id, null, options);
		}
		const oldest = live[0];
		if (!oldest) {
			const created = await mailevaRequest<Sending>(context, {
				method: 'POST',
				path: '/sendings',
				json: {
					name: letter.name.slice(0, 256),
					custom_id: customId,
					acknowledgement_of_receipt: letter.acknowledgementOfReceipt,
				},
				idempotent: false,
				retry: options.retry,
			});
			own = created.id;
			continue; // listed again: a concurrent run may have created one just before
		}
		if (own !== null && oldest.id === own) {
			const mine = own;
			const posted = await settle(
				complete(context, mine, letter, options).then(
					async () => await submit(context, mine, options),
				),
			);
			if (!posted.ok) {
				// Deleted by a run that took it for abandoned: start over from the listing.
				if (!mailevaCodesOf(posted.error).includes('SENDING_NOT_FOUND')) throw posted.error;
				own = null;
				continue;
			}
			return await record(context, own, now(), options);
		}
		if (own !== null) {
			await deleteDraft(context, own, options.retry);
			own = null;
		}
		const ready = await waitUntilComplete(context, oldest.id, options);
		if (ready === 'gone') continue;
		if (ready === 'abandoned') {
			await deleteDraft(context, oldest.id, options.retry);
			continue;
		}
		const byUs = await submit(context, oldest.id, options);
		return await record(context, oldest.id, byUs ? now() : null, options);
	}
	throw new Error(
		`the sendings with custom_id ${customId} kept changing (other runs posting the same letter): run again, nothing was posted twice`,
	);
}

/** Waits for another run's draft to be complete or submitted: 'ready', 'gone' (deleted) or 'abandoned'. */
async function waitUntilComplete(
	context: IExecuteFunctions,
	id: string,
	options: PostOptions,
): Promise<'ready' | 'gone' | 'abandoned'> {
	const outcome = await settle(
		withRetries(
			async () => {
				const sending = await getSending(context, id, options.retry);
				if (sending.status !== 'DRAFT' || isComplete(sending)) return 'ready' as const;
				throw new StillDraft();
			},
			(error) => ({ retry: error instanceof StillDraft }),
			options.patience ?? PATIENCE,
		),
	);
	if (outcome.ok) return outcome.value;
	if (outcome.error instanceof StillDraft) return 'abandoned';
	if (mailevaCodesOf(outcome.error).includes('SENDING_NOT_FOUND')) return 'gone';
	throw outcome.error;
}

/** The state of a sending and its registered number (Get Status). */
export async function letterStatus(
	context: IExecuteFunctions,
	sendingId: string,
	options: PostOptions = {},
): Promise<PostedLetter> {
	const letter = await record(context, sendingId, null, options);
	return { ...letter, postedByThisRun: false };
}

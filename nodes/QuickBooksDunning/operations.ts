import type { IDataObject, IExecuteFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { randomUUID } from 'crypto';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { assertApprovedIfRequired, assertReachable } from '../common/approval';
import { readReleaseParameters } from '../common/release-claim';
import { classifySendFailure } from '../common/send-failure';
import {
	addCalendarDays,
	DUNNING_NOTE_PREFIX,
	DunningInputError,
	applyDunningNoteChange,
	assertQuickBooksId,
	assertTimeZone,
	dateInTimeZone,
	overdueInvoicesQuery,
	parseIntuitNotifications,
	verifyIntuitSignature,
	type DunningNoteChange,
} from '../shared/internal';
import {
	fetchInvoice,
	fetchPayment,
	invoiceIdsOfPayment,
	queryPages,
	sendInvoiceEmail,
	updateInvoiceNote,
	type CustomerLookupMode,
	type RawObject,
} from './api';
import type { QuickBooksOperation } from './description';
import { invoiceEvent, invoiceJson, listedWindow, normalize, overdueCutoff } from './overdue';
import { isStaleSyncToken, quickBooksErrorCode, type QuickBooksConnection } from './transport';

export interface OperationContext {
	fn: IExecuteFunctions;
	connection: QuickBooksConnection;
	now: number;
	customerOf: (invoice: RawObject, itemIndex?: number) => Promise<RawObject | undefined>;
	/** The company's zone for an item (read once when the option holds no expression). */
	timezoneOf: (itemIndex: number) => string;
}

/** Items for one input item: on the Done output, or on the Not Claimed output. */
export interface OperationResult {
	done: IDataObject[];
	notClaimed: IDataObject[];
}

interface Options {
	customerLookup?: CustomerLookupMode;
	timeoutMs?: number;
	timezone?: string;
}

export function readOptions(fn: IExecuteFunctions, itemIndex: number): Options {
	return fn.getNodeParameter('options', itemIndex, {}) as Options;
}

export function timezoneOf(fn: IExecuteFunctions, itemIndex: number): string {
	const zone = (readOptions(fn, itemIndex).timezone ?? '').trim() || fn.getTimezone();
	return assertTimeZone(zone, 'options.timezone');
}

async function readExpanded(
	ctx: OperationContext,
	id: string,
	timezone: string,
	itemIndex: number,
) {
	const raw = await fetchInvoice(ctx.fn, ctx.connection, id, itemIndex);
	const customer = await ctx.customerOf(raw, itemIndex);
	return { raw, customer, invoice: normalize(raw, timezone, customer) };
}

function stringParameter(fn: IExecuteFunctions, name: string, itemIndex: number): string {
	const value = fn.getNodeParameter(name, itemIndex, '') as unknown;
	return value === null || value === undefined ? '' : String(value).trim();
}

async function get(ctx: OperationContext, item: INodeExecutionData, itemIndex: number) {
	const timezone = ctx.timezoneOf(itemIndex);
	const id = assertQuickBooksId(stringParameter(ctx.fn, 'invoiceId', itemIndex), 'invoiceId');
	const { raw, customer, invoice } = await readExpanded(ctx, id, timezone, itemIndex);
	return { done: [{ ...item.json, ...invoiceJson(invoice, raw, { customer }) }], notClaimed: [] };
}

async function listOverdue(ctx: OperationContext, item: INodeExecutionData, itemIndex: number) {
	const timezone = ctx.timezoneOf(itemIndex);
	const graceDays = ctx.fn.getNodeParameter('graceDays', itemIndex, 0) as number;
	const returnAll = ctx.fn.getNodeParameter('returnAll', itemIndex, true) as boolean;
	const limit = returnAll ? undefined : (ctx.fn.getNodeParameter('limit', itemIndex, 50) as number);
	const dueWithinDays = (ctx.fn.getNodeParameter('includeDueSoon', itemIndex, false) as boolean)
		? Math.max(0, Math.trunc(ctx.fn.getNodeParameter('dueWithinDays', itemIndex, 3) as number))
		: null;
	const today = dateInTimeZone(ctx.now, timezone);
	const cutoff = overdueCutoff(ctx.now, timezone, graceDays);
	// The query language has no `or`: one range up to the last due-soon day, the grace days filtered here.
	const dueBefore = dueWithinDays === null ? cutoff : addCalendarDays(today, dueWithinDays + 1);
	const done: IDataObject[] = [];
	// Page by page: each page becomes items before the next is read, and a limit asks for no more rows.
	for await (const page of queryPages(
		ctx.fn,
		ctx.connection,
		(start, maxResults) => overdueInvoicesQuery({ dueBefore }, start, maxResults),
		{ limit, itemIndex },
	)) {
		for (const raw of page.rows) {
			const customer = await ctx.customerOf(raw, itemIndex);
			const invoice = normalize(raw, timezone, customer);
			const listed = listedWindow(invoice, today, cutoff, dueWithinDays);
			if (!listed) continue;
			done.push({
				...item.json,
				...invoiceJson(invoice, raw, { event: listed.event, customer }),
				window: listed.event,
				daysOverdue: listed.daysOverdue,
			});
		}
	}
	return { done, notClaimed: [] };
}

const CHANGES: Partial<
	Record<QuickBooksOperation, (fn: IExecuteFunctions, i: number) => DunningNoteChange>
> = {
	recordPromise: (fn, i) => {
		const promisedOn = stringParameter(fn, 'promisedOn', i);
		return { kind: 'promise', promisedOn: promisedOn === '' ? null : promisedOn.slice(0, 10) };
	},
	markDisputed: () => ({ kind: 'disputed', disputed: true }),
	markUndisputed: () => ({ kind: 'disputed', disputed: false }),
	pause: () => ({ kind: 'paused', paused: true }),
	resume: () => ({ kind: 'paused', paused: false }),
};

/**
 * Promise, dispute and pause: read, change the [dunning] line, write with the SyncToken of that read. A stale
 * token here only means someone else edited the invoice meanwhile, so the read and write are repeated.
 */
async function updateState(
	ctx: OperationContext,
	operation: QuickBooksOperation,
	item: INodeExecutionData,
	itemIndex: number,
) {
	const timezone = ctx.timezoneOf(itemIndex);
	const id = assertQuickBooksId(stringParameter(ctx.fn, 'invoiceId', itemIndex), 'invoiceId');
	const change = CHANGES[operation]!(ctx.fn, itemIndex);
	for (let attempt = 1; ; attempt++) {
		const { raw, customer } = await readExpanded(ctx, id, timezone, itemIndex);
		const result = applyDunningNoteChange(raw.PrivateNote, change);
		let written = raw;
		if (result.changed) {
			try {
				written = await updateInvoiceNote(
					ctx.fn,
					ctx.connection,
					{ Id: id, SyncToken: String(raw.SyncToken) },
					result.note,
					itemIndex,
				);
			} catch (error) {
				if (isStaleSyncToken(error) && attempt < 3) continue;
				throw new NodeApiError(ctx.fn.getNode(), error as JsonObject);
			}
		}
		const invoice = normalize(written, timezone, customer);
		return {
			done: [
				{
					...item.json,
					...invoiceJson(invoice, written, { customer }),
					update: { operation, changed: result.changed, syncToken: String(written.SyncToken) },
				},
			],
			notClaimed: [],
		};
	}
}

function claimMarker(stepId: string, token: string): string {
	return `claim=${stepId}:${token}`;
}

/** Adds the claim marker to the `[dunning]` line (the parser ignores keys it does not know). */
function withClaimMarker(note: string, marker: string): string {
	return note
		.split('\n')
		.map((line) => (line.trim().startsWith(DUNNING_NOTE_PREFIX) ? `${line}; ${marker}` : line))
		.join('\n');
}

/**
 * Claim Step: the step is written into the invoice's note with a sparse update carrying the SyncToken of the
 * read. Of two executions racing for the same step, QuickBooks accepts one update and answers the other with
 * 5010 (stale object), which is reported as `claimed: false` on the Not Claimed output, never as a failure.
 */
async function claimStep(ctx: OperationContext, item: INodeExecutionData, itemIndex: number) {
	const timezone = ctx.timezoneOf(itemIndex);
	const id = assertQuickBooksId(stringParameter(ctx.fn, 'invoiceId', itemIndex), 'invoiceId');
	const stepId = stringParameter(ctx.fn, 'stepId', itemIndex);
	if (stepId === '') throw new DunningInputError('stepId', 'no step to claim');
	assertApprovedIfRequired(item.json, stepId);
	const expected = stringParameter(ctx.fn, 'decisionVersion', itemIndex);
	const on = dateInTimeZone(ctx.now, timezone);
	const { raw, customer, invoice } = await readExpanded(ctx, id, timezone, itemIndex);
	const notClaimed = (reason: string, message: string) => ({
		done: [],
		notClaimed: [
			{
				...item.json,
				...invoiceJson(invoice, raw, { customer }),
				claim: { claimed: false, invoiceId: id, stepId, reason, message },
			},
		],
	});
	const result = applyDunningNoteChange(raw.PrivateNote, { kind: 'claim', stepId, on });
	if (result.alreadyClaimed) {
		return notClaimed('already_claimed', `Step ${stepId} is already recorded on invoice ${id}.`);
	}
	if (expected !== '' && expected !== String(raw.SyncToken)) {
		return notClaimed(
			'changed_since_decision',
			`Invoice ${id} changed since the decision (SyncToken ${expected} → ${String(raw.SyncToken)}); evaluate it again.`,
		);
	}
	assertReachable(item.json, stepId, invoice);
	// This execution's mark on the claim: if the answer to our write is lost and the retry meets 5010, a fresh
	// read that still carries the mark proves the applied write was ours. The next write of the line drops it.
	const token = randomUUID().slice(0, 8);
	const marker = claimMarker(stepId, token);
	let written: RawObject | undefined;
	try {
		written = await updateInvoiceNote(
			ctx.fn,
			ctx.connection,
			{ Id: id, SyncToken: String(raw.SyncToken) },
			withClaimMarker(result.note, marker),
			itemIndex,
		);
	} catch (error) {
		if (!isStaleSyncToken(error)) throw new NodeApiError(ctx.fn.getNode(), error as JsonObject);
	}
	if (written === undefined) {
		const current = await fetchInvoice(ctx.fn, ctx.connection, id, itemIndex);
		if (!String(current.PrivateNote ?? '').includes(marker)) {
			return notClaimed(
				'stale_sync_token',
				`Another execution updated invoice ${id} first (QuickBooks 5010); step ${stepId} was not claimed here.`,
			);
		}
		written = current;
	}
	const updated = normalize(written, timezone, customer);
	return {
		done: [
			{
				...item.json,
				...invoiceJson(updated, written, { customer }),
				claim: {
					claimed: true,
					invoiceId: id,
					stepId,
					on,
					syncToken: String(written.SyncToken),
					token,
				},
			},
		],
		notClaimed: [],
	};
}

/**
 * Send Invoice Email. With *Send To* empty, QuickBooks sends to the invoice's BillEmail and answers 2050 when
 * there is none; the customer's own email (looked up) is then given as the address, and an invoice with no
 * address at all fails here, before QuickBooks is asked.
 */
async function sendEmail(ctx: OperationContext, item: INodeExecutionData, itemIndex: number) {
	const timezone = ctx.timezoneOf(itemIndex);
	const id = assertQuickBooksId(stringParameter(ctx.fn, 'invoiceId', itemIndex), 'invoiceId');
	let sendTo = stringParameter(ctx.fn, 'sendTo', itemIndex);
	if (sendTo !== '' && !/^[^\s@]+@[^\s@]+$/.test(sendTo)) {
		throw new DunningInputError('sendTo', `"${sendTo}" is not an email address`);
	}
	if (sendTo === '') {
		const current = await readExpanded(ctx, id, timezone, itemIndex);
		const billEmail = (current.raw.BillEmail as IDataObject | undefined)?.Address;
		if (typeof billEmail !== 'string' || billEmail.trim() === '') {
			const email = current.invoice.customer.email;
			if (!email) {
				throw new DunningInputError(
					'sendTo',
					`invoice ${current.invoice.number ?? id} has no email address (no BillEmail, none on its customer): give Send To`,
				);
			}
			sendTo = email;
		}
	}
	const raw = await sendInvoiceEmail(ctx.fn, ctx.connection, id, sendTo, itemIndex);
	const customer = await ctx.customerOf(raw, itemIndex);
	const invoice = normalize(raw, timezone, customer);
	const to = sendTo || invoice.customer.email;
	return {
		done: [{ ...item.json, ...invoiceJson(invoice, raw, { customer }), emailed: { to } }],
		notClaimed: [],
	};
}

/**
 * Release Claim: removes the step Claim Step wrote into the note, when the message certainly did not leave
 * (or always, if asked), so the next run sends it. A stale SyncToken only means someone edited the invoice
 * meanwhile: read and write again. A claim mark of another execution for the step is never released.
 */
async function releaseClaim(ctx: OperationContext, item: INodeExecutionData, itemIndex: number) {
	const timezone = ctx.timezoneOf(itemIndex);
	const id = assertQuickBooksId(stringParameter(ctx.fn, 'invoiceId', itemIndex), 'invoiceId');
	const request = readReleaseParameters(ctx.fn, itemIndex);
	const stepId = request.stepId;
	if (stepId === '') throw new DunningInputError('stepId', 'no step to release');
	const why =
		request.releaseWhen === 'always'
			? 'always'
			: classifySendFailure(request.sendError) === 'not_accepted'
				? 'not_accepted'
				: 'outcome_unknown';
	for (let attempt = 1; ; attempt++) {
		const { raw, customer, invoice } = await readExpanded(ctx, id, timezone, itemIndex);
		const answer = (released: boolean, reason: string, current = raw) => {
			const json = {
				...item.json,
				...invoiceJson(normalize(current, timezone, customer), current, { customer }),
				release: { released, reason, stepId, invoiceId: id },
			};
			return released ? { done: [json], notClaimed: [] } : { done: [], notClaimed: [json] };
		};
		if (why === 'outcome_unknown') return answer(false, why);
		if (!invoice.dunning.sentStepIds.includes(stepId)) return answer(false, 'not_claimed');
		const mark = new RegExp(
			`claim=${stepId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:([0-9a-f]+)`,
		).exec(String(raw.PrivateNote ?? ''));
		if (request.token !== '' && mark && mark[1] !== request.token) {
			return answer(false, 'claimed_elsewhere');
		}
		const result = applyDunningNoteChange(raw.PrivateNote, { kind: 'release', stepId });
		try {
			const written = await updateInvoiceNote(
				ctx.fn,
				ctx.connection,
				{ Id: id, SyncToken: String(raw.SyncToken) },
				result.note,
				itemIndex,
			);
			return answer(true, why, written);
		} catch (error) {
			if (isStaleSyncToken(error) && attempt < 3) continue;
			throw new NodeApiError(ctx.fn.getNode(), error as JsonObject);
		}
	}
}

function headerValue(headers: unknown, name: string): string | undefined {
	if (typeof headers !== 'object' || headers === null) return undefined;
	for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
		if (key.toLowerCase() === name) {
			const first = Array.isArray(value) ? value[0] : value;
			return typeof first === 'string' ? first : undefined;
		}
	}
	return undefined;
}

/** A read of an object named by a notification; undefined when it was deleted since (610, object not found). */
async function unlessDeleted(
	fn: IExecuteFunctions,
	read: Promise<RawObject>,
): Promise<RawObject | undefined> {
	try {
		return await read;
	} catch (error) {
		if (quickBooksErrorCode(error) === '610') return undefined;
		throw new NodeApiError(fn.getNode(), error as JsonObject);
	}
}

/**
 * Verify and Expand Webhook: the raw body as received (the Webhook node's Raw Body option) is checked against
 * `intuit-signature` with the credential's verifier token; a body that does not verify is refused. Intuit
 * sends ids only, so each changed invoice is read (payments lead to the invoices they pay), and those open and
 * overdue, paid or voided come out, once per invoice however many events named it.
 */
async function verifyWebhook(ctx: OperationContext, item: INodeExecutionData, itemIndex: number) {
	const fn = ctx.fn;
	const timezone = ctx.timezoneOf(itemIndex);
	const graceDays = fn.getNodeParameter('graceDays', itemIndex, 0) as number;
	const property = stringParameter(fn, 'binaryProperty', itemIndex) || 'data';
	if (ctx.connection.verifierToken === '') {
		throw new NodeOperationError(
			fn.getNode(),
			'The QuickBooks credential has no Webhook Verifier Token',
			{
				itemIndex,
				description:
					'Copy the verifier token from the Webhooks page of your app in the Intuit developer portal into the credential.',
			},
		);
	}
	if (!item.binary?.[property]) {
		throw new NodeOperationError(
			fn.getNode(),
			`Refused: no raw body in the binary field "${property}"`,
			{
				itemIndex,
				description:
					'Intuit signs the exact bytes it sent, and a parsed body cannot be verified. In the Webhook node, add Options → Raw Body and keep the binary field name here in step.',
			},
		);
	}
	const rawBody = await fn.helpers.getBinaryDataBuffer(itemIndex, property);
	const signature = headerValue(item.json.headers, 'intuit-signature');
	if (!verifyIntuitSignature(rawBody, signature, ctx.connection.verifierToken)) {
		throw new NodeOperationError(
			fn.getNode(),
			signature === undefined
				? 'Refused: the request has no intuit-signature header'
				: 'Refused: the intuit-signature header does not match the body',
			{
				itemIndex,
				description:
					"Only notifications signed by Intuit with the credential's webhook verifier token are accepted.",
			},
		);
	}
	const changes = parseIntuitNotifications(rawBody).filter(
		(change) => change.realmId === ctx.connection.realmId,
	);
	const invoiceIds: string[] = [];
	const notified = new Map<string, IDataObject>();
	for (const change of changes) {
		if (change.entity === 'invoice' && change.operation !== 'delete') {
			invoiceIds.push(change.id);
			notified.set(change.id, { ...change });
		} else if (change.entity === 'payment' && change.operation !== 'delete') {
			const payment = await unlessDeleted(
				fn,
				fetchPayment(fn, ctx.connection, change.id, itemIndex),
			);
			if (!payment) continue;
			for (const id of invoiceIdsOfPayment(payment)) {
				invoiceIds.push(id);
				if (!notified.has(id)) notified.set(id, { ...change });
			}
		}
	}
	const cutoff = overdueCutoff(ctx.now, timezone, graceDays);
	const done: IDataObject[] = [];
	for (const id of new Set(invoiceIds)) {
		// One read per invoice, with its payment link (a query would leave InvoiceLink out).
		const raw = await unlessDeleted(fn, fetchInvoice(fn, ctx.connection, id, itemIndex));
		if (!raw) continue;
		const customer = await ctx.customerOf(raw, itemIndex);
		const invoice = normalize(raw, timezone, customer);
		const event = invoiceEvent(invoice, cutoff);
		if (!event) continue;
		done.push({
			...invoiceJson(invoice, raw, { event, customer }),
			notification: notified.get(invoice.id) ?? null,
		});
	}
	return { done, notClaimed: [] };
}

export async function runOperation(
	ctx: OperationContext,
	operation: QuickBooksOperation,
	item: INodeExecutionData,
	itemIndex: number,
): Promise<OperationResult> {
	switch (operation) {
		case 'get':
			return await get(ctx, item, itemIndex);
		case 'listOverdue':
			return await listOverdue(ctx, item, itemIndex);
		case 'claimStep':
			return await claimStep(ctx, item, itemIndex);
		case 'sendEmail':
			return await sendEmail(ctx, item, itemIndex);
		case 'releaseClaim':
			return await releaseClaim(ctx, item, itemIndex);
		case 'verifyWebhook':
			return await verifyWebhook(ctx, item, itemIndex);
		default:
			if (CHANGES[operation]) return await updateState(ctx, operation, item, itemIndex);
			throw new NodeOperationError(ctx.fn.getNode(), `Unknown operation "${operation}"`, {
				itemIndex,
			});
	}
}

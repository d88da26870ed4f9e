import { randomUUID } from 'crypto';
import type { INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { assertApprovedIfRequired, assertReachable } from '../../../common/approval';
import { allowPaidProperty, showFor, stepIdProperty } from '../../../common/source-properties';
import {
	fetchInvoice,
	updateInvoiceNote,
	type RawObject,
} from '../../../services/quickbooks/invoices';
import { isStaleSyncToken } from '../../../services/quickbooks/transport';
import {
	applyDunningNoteChange,
	dateInTimeZone,
	DUNNING_NOTE_PREFIX,
	DunningInputError,
	isClaimable,
} from '../../../shared/internal';
import { asWritten, done, invoiceItem, onInvoice, readExpanded, stringParameter } from '../context';

export const description: INodeProperties[] = [
	stepIdProperty('The step to record, usually the decision of the Dunning Scenario node'),
	allowPaidProperty('a voided one'),
	{
		displayName: 'Invoice Version of the Decision',
		name: 'decisionVersion',
		type: 'string',
		default: '={{ $json.raw ? $json.raw.SyncToken : "" }}',
		description:
			'SyncToken of the invoice the decision was made on: if the invoice changed since (a payment, another run), the claim is refused. Empty: claim against a fresh read.',
		displayOptions: showFor(['claimStep']),
	},
];

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
 * As at Stripe, a fresh read that is not open (paid: Balance 0; voided) is refused before any write
 * (`not_open`), whatever the decision's version; with Allow Paid Invoices (the thank-you) a paid one is claimed.
 */
export const execute = onInvoice(async ({ run: ctx, itemIndex, id, timezone }, item) => {
	const stepId = stringParameter(ctx.fn, 'stepId', itemIndex);
	if (stepId === '') throw new DunningInputError('stepId', 'no step to claim');
	assertApprovedIfRequired(item.json, stepId);
	const expected = stringParameter(ctx.fn, 'decisionVersion', itemIndex);
	const allowPaid = ctx.fn.getNodeParameter('allowPaid', itemIndex, false) as boolean;
	const on = dateInTimeZone(ctx.now, timezone);
	const read = await readExpanded(ctx, id, timezone, itemIndex);
	const { raw, invoice } = read;
	const notClaimed = (reason: string, message: string) => ({
		done: [],
		notClaimed: [
			invoiceItem(item.json, read, {
				claim: { claimed: false, invoiceId: id, stepId, reason, message },
			}),
		],
	});
	if (!isClaimable(invoice, allowPaid)) {
		return notClaimed(
			'not_open',
			`Invoice ${id} is ${invoice.status}: only an open invoice is claimed (a paid one with Allow Paid Invoices).`,
		);
	}
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
	return done(
		invoiceItem(item.json, asWritten(read, written, timezone), {
			claim: {
				claimed: true,
				invoiceId: id,
				stepId,
				on,
				syncToken: String(written.SyncToken),
				token,
			},
		}),
	);
});

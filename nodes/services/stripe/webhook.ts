import type { IDataObject } from 'n8n-workflow';

import { isDataObject } from '../../common/invoice-input';
import { verifyStripeSignature } from '../../shared/internal';
import { DUNNING_METADATA_PREFIX } from './state';

/**
 * What the Stripe Invoice Trigger does with one webhook delivery, without n8n: verify the signature (always;
 * there is no switch to turn it off), parse, drop duplicates, our own metadata writes and events the user did
 * not select. The node's `webhook()` only reads the request, calls this, and answers.
 */

export const INVOICE_EVENTS = [
	'invoice.overdue',
	'invoice.will_be_due',
	'invoice.payment_failed',
	'invoice.paid',
	'invoice.payment_succeeded',
	'invoice.marked_uncollectible',
	'invoice.voided',
	'invoice.finalized',
	'invoice.updated',
] as const;

/** How many recent event ids are kept to drop Stripe's duplicate deliveries (it retries for up to 3 days). */
export const RECENT_EVENT_IDS = 1000;

export interface DeliveryInput {
	rawBody: string | Buffer | undefined;
	signature: string | undefined;
	/** The endpoint's signing secret; undefined when none is known (the delivery is then refused). */
	secret: string | undefined;
	nowSeconds: number;
	toleranceSeconds: number;
	/** The event types the user chose. */
	events: readonly string[];
	/** Recent event ids (node static data); updated in place when an event is accepted. */
	recentEventIds: string[];
}

export type DeliveryOutcome =
	| { action: 'reject'; status: 400 | 401; reason: string }
	| {
			action: 'ignore';
			status: 200;
			reason: 'duplicate' | 'own_write' | 'no_change' | 'not_selected' | 'not_invoice';
			eventId: string;
	  }
	| { action: 'emit'; status: 200; event: IDataObject; invoice: IDataObject };

export function handleStripeDelivery(input: DeliveryInput): DeliveryOutcome {
	if (input.signature === undefined || input.signature === '') {
		return { action: 'reject', status: 400, reason: 'missing Stripe-Signature header' };
	}
	if (input.rawBody === undefined) return { action: 'reject', status: 400, reason: 'empty body' };
	if (!input.secret)
		return { action: 'reject', status: 401, reason: 'no signing secret is configured' };
	const verified = verifyStripeSignature(
		input.rawBody,
		input.signature,
		input.secret,
		input.nowSeconds,
		input.toleranceSeconds,
	);
	if (!verified) return { action: 'reject', status: 401, reason: 'invalid or expired signature' };

	let event: unknown;
	try {
		event = JSON.parse(input.rawBody.toString());
	} catch {
		return { action: 'reject', status: 400, reason: 'the body is not JSON' };
	}
	if (!isDataObject(event) || typeof event.id !== 'string' || typeof event.type !== 'string') {
		return { action: 'reject', status: 400, reason: 'not a Stripe event' };
	}
	const eventId = event.id;
	const data = isDataObject(event.data) ? event.data : {};
	const invoice = data.object;
	if (!isDataObject(invoice) || invoice.object !== 'invoice') {
		return { action: 'ignore', status: 200, reason: 'not_invoice', eventId };
	}
	if (!input.events.includes(event.type)) {
		return { action: 'ignore', status: 200, reason: 'not_selected', eventId };
	}
	if (isOwnMetadataWrite(event)) {
		return { action: 'ignore', status: 200, reason: 'own_write', eventId };
	}
	// An update that changed nothing carries nothing to act on; ignoring it also rules out any loop with the
	// no-op update the trigger sends to detect duplicate deliveries.
	const previous = data.previous_attributes;
	if (
		event.type === 'invoice.updated' &&
		(!isDataObject(previous) || Object.keys(previous).length === 0)
	) {
		return { action: 'ignore', status: 200, reason: 'no_change', eventId };
	}
	if (!rememberId(input.recentEventIds, eventId, RECENT_EVENT_IDS)) {
		return { action: 'ignore', status: 200, reason: 'duplicate', eventId };
	}
	return { action: 'emit', status: 200, event, invoice };
}

/** The `event` field of an emitted item: what happened, without the invoice (which is in `raw`). */
export function webhookEventSummary(event: IDataObject): IDataObject {
	const data = isDataObject(event.data) ? event.data : {};
	return {
		source: 'webhook',
		id: event.id,
		type: event.type,
		created:
			typeof event.created === 'number' ? new Date(event.created * 1000).toISOString() : null,
		livemode: event.livemode === true,
		apiVersion: event.api_version ?? null,
		previousAttributes: isDataObject(data.previous_attributes) ? data.previous_attributes : null,
	};
}

/**
 * True for an `invoice.updated` event whose only changes are metadata keys this package writes
 * (`dunning_*`): our own Claim Step, Record Promise, Pause... calls. Reacting to them would loop.
 */
export function isOwnMetadataWrite(event: IDataObject): boolean {
	if (event.type !== 'invoice.updated') return false;
	const data = event.data as IDataObject | undefined;
	const previous = data?.previous_attributes;
	if (typeof previous !== 'object' || previous === null || Array.isArray(previous)) return false;
	const keys = Object.keys(previous);
	if (keys.length !== 1 || keys[0] !== 'metadata') return false;
	const metadata = (previous as IDataObject).metadata;
	if (typeof metadata !== 'object' || metadata === null) return false;
	const changed = Object.keys(metadata);
	return changed.length > 0 && changed.every((key) => key.startsWith(DUNNING_METADATA_PREFIX));
}

/** The invoice lacks the customer's email or name, and only has the customer's id. */
export function needsCustomer(raw: IDataObject): string | null {
	const customer = raw.customer;
	if (typeof customer !== 'string' || customer === '') return null;
	const has = (value: unknown) => typeof value === 'string' && value !== '';
	return has(raw.customer_email) && has(raw.customer_name) ? null : customer;
}

/** Keeps the most recent `max` ids, oldest first; returns false when the id was already there. */
export function rememberId(list: string[], id: string, max: number): boolean {
	if (list.includes(id)) return false;
	list.push(id);
	if (list.length > max) list.splice(0, list.length - max);
	return true;
}

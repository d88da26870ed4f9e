import { createHmac } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import { classifyInvoice } from '../../../nodes/common/overdue-window';
import { overdueWindowFingerprint } from '../../../nodes/services/stripe/fingerprint';
import { overdueListQuery } from '../../../nodes/services/stripe/overdue';
import {
	handleStripeDelivery,
	isOwnMetadataWrite,
	RECENT_EVENT_IDS,
	rememberId,
	webhookEventSummary,
	type DeliveryInput,
} from '../../../nodes/services/stripe/webhook';
import { normalizeStripeInvoice } from '../../../nodes/shared';
import { stripeFixture } from '../../helpers/fixtures';

const SECRET = 'whsec_test_0123456789abcdef';
const NOW = 1_794_100_000;

function signed(event: IDataObject, options: { secret?: string; t?: number } = {}) {
	const rawBody = JSON.stringify(event);
	const t = options.t ?? NOW - 2;
	const v1 = createHmac('sha256', options.secret ?? SECRET)
		.update(`${t}.${rawBody}`)
		.digest('hex');
	return { rawBody, signature: `t=${t},v1=${v1}` };
}

function delivery(event: IDataObject, overrides: Partial<DeliveryInput> = {}): DeliveryInput {
	return {
		...signed(event),
		secret: SECRET,
		nowSeconds: NOW,
		toleranceSeconds: 300,
		events: ['invoice.overdue', 'invoice.paid', 'invoice.updated'],
		recentEventIds: [],
		...overrides,
	};
}

const overdue = stripeFixture<IDataObject>('event-invoice.overdue');
const ownWrite = stripeFixture<IDataObject>('event-invoice.updated-metadata');

describe('handleStripeDelivery', () => {
	it('emits a correctly signed invoice event, with its invoice', () => {
		const outcome = handleStripeDelivery(delivery(overdue));
		expect(outcome).toMatchObject({ action: 'emit', status: 200 });
		if (outcome.action !== 'emit') return;
		expect(outcome.invoice.id).toBe((overdue.data as { object: { id: string } }).object.id);
		expect(webhookEventSummary(outcome.event)).toMatchObject({
			source: 'webhook',
			id: overdue.id,
			type: 'invoice.overdue',
			apiVersion: '2026-10-28.endive',
		});
	});

	it('verifies the exact bytes: a recorded Stripe delivery (indented JSON) passes as received', () => {
		const { rawBody } = { rawBody: JSON.stringify(overdue, null, 2) };
		const t = NOW;
		const v1 = createHmac('sha256', SECRET).update(`${t}.${rawBody}`).digest('hex');
		expect(
			handleStripeDelivery(
				delivery(overdue, { rawBody: Buffer.from(rawBody), signature: `t=${t},v1=${v1}` }),
			).action,
		).toBe('emit');
	});

	it.each([
		['no Stripe-Signature header', { signature: undefined }, 400],
		['an empty header', { signature: '' }, 400],
		['a forged signature (another secret)', signed(overdue, { secret: 'whsec_attacker' }), 401],
		['a stale signature (301 s old)', signed(overdue, { t: NOW - 301 }), 401],
		['a signature from the future', signed(overdue, { t: NOW + 301 }), 401],
		['garbage', { signature: 't=abc,v1=zz' }, 401],
		['no known secret', { secret: undefined }, 401],
		['an empty secret', { secret: '' }, 401],
	] as const)('rejects %s and emits nothing', (_name, overrides, status) => {
		const recentEventIds: string[] = [];
		const outcome = handleStripeDelivery(delivery(overdue, { ...overrides, recentEventIds }));
		expect(outcome).toMatchObject({ action: 'reject', status });
		expect(recentEventIds).toEqual([]);
	});

	it('rejects a tampered body', () => {
		const { signature } = signed(overdue);
		const tampered = JSON.stringify(overdue).replace(
			'"amount_remaining":145000',
			'"amount_remaining":0',
		);
		expect(handleStripeDelivery(delivery(overdue, { rawBody: tampered, signature })).action).toBe(
			'reject',
		);
	});

	it('rejects a signed body that is not JSON with 400', () => {
		const t = NOW;
		const v1 = createHmac('sha256', SECRET).update(`${t}.not json`).digest('hex');
		expect(
			handleStripeDelivery(
				delivery(overdue, { rawBody: 'not json', signature: `t=${t},v1=${v1}` }),
			),
		).toMatchObject({ action: 'reject', status: 400 });
	});

	it('emits a replayed event id once (Stripe retries and duplicates deliveries)', () => {
		const recentEventIds: string[] = [];
		expect(handleStripeDelivery(delivery(overdue, { recentEventIds })).action).toBe('emit');
		// Stripe re-signs each retry with a new timestamp.
		const again = handleStripeDelivery(
			delivery(overdue, { ...signed(overdue, { t: NOW - 1 }), recentEventIds }),
		);
		expect(again).toMatchObject({ action: 'ignore', reason: 'duplicate', status: 200 });
		expect(recentEventIds).toEqual([overdue.id]);
	});

	it('keeps a bounded list of recent event ids', () => {
		const ids: string[] = [];
		for (let index = 0; index < RECENT_EVENT_IDS + 50; index++)
			rememberId(ids, `evt_${index}`, RECENT_EVENT_IDS);
		expect(ids).toHaveLength(RECENT_EVENT_IDS);
		expect(ids[0]).toBe('evt_50');
		expect(rememberId(ids, 'evt_10', RECENT_EVENT_IDS)).toBe(true);
	});

	it('ignores our own metadata write (invoice.updated touching only dunning_* keys)', () => {
		expect(handleStripeDelivery(delivery(ownWrite))).toMatchObject({
			action: 'ignore',
			reason: 'own_write',
		});
	});

	it('still emits an invoice.updated that changes anything else', () => {
		const other = structuredClone(ownWrite) as IDataObject & { data: IDataObject };
		other.id = 'evt_other';
		other.data.previous_attributes = { metadata: { dunning_sent_steps: 'd7', crm_id: '12' } };
		expect(handleStripeDelivery(delivery(other)).action).toBe('emit');
		other.data.previous_attributes = {
			amount_remaining: 145000,
			metadata: { dunning_paused: 'true' },
		};
		expect(handleStripeDelivery(delivery(other)).action).toBe('emit');
	});

	it('ignores an invoice.updated that changed nothing', () => {
		const noop = structuredClone(ownWrite) as IDataObject & { data: IDataObject };
		noop.data.previous_attributes = {};
		expect(handleStripeDelivery(delivery(noop))).toMatchObject({
			action: 'ignore',
			reason: 'no_change',
		});
		delete noop.data.previous_attributes;
		expect(handleStripeDelivery(delivery(noop))).toMatchObject({
			action: 'ignore',
			reason: 'no_change',
		});
	});

	it('ignores events the user did not select and events that are not about an invoice', () => {
		expect(handleStripeDelivery(delivery(overdue, { events: ['invoice.paid'] }))).toMatchObject({
			action: 'ignore',
			reason: 'not_selected',
		});
		const dispute = stripeFixture<IDataObject>('event-charge.dispute.created');
		expect(handleStripeDelivery(delivery(dispute))).toMatchObject({
			action: 'ignore',
			reason: 'not_invoice',
		});
	});
});

describe('isOwnMetadataWrite', () => {
	it('recognises the recorded own-write event only', () => {
		expect(isOwnMetadataWrite(ownWrite)).toBe(true);
		expect(isOwnMetadataWrite(overdue)).toBe(false);
		expect(
			isOwnMetadataWrite({
				type: 'invoice.updated',
				data: { previous_attributes: { metadata: {} } },
			}),
		).toBe(false);
		expect(isOwnMetadataWrite({ type: 'invoice.updated', data: {} })).toBe(false);
	});
});

describe('overdue window and fingerprints', () => {
	const open = normalizeStripeInvoice(stripeFixture('invoice-open-send-invoice'), {
		timezone: 'Europe/Paris',
	});
	// due 2026-11-05

	it('classifies by calendar days in the time zone', () => {
		const filter = { minDaysOverdue: 7, dueWithinDays: 3 };
		expect(classifyInvoice(open, '2026-11-12', filter)).toEqual({
			window: 'overdue',
			daysOverdue: 7,
		});
		expect(classifyInvoice(open, '2026-11-11', filter)).toBeNull();
		expect(classifyInvoice(open, '2026-11-02', filter)).toEqual({
			window: 'due_soon',
			daysOverdue: -3,
		});
		expect(classifyInvoice(open, '2026-11-01', filter)).toBeNull();
		expect(
			classifyInvoice(open, '2026-11-05', { minDaysOverdue: 1, dueWithinDays: null }),
		).toBeNull();
		const paid = normalizeStripeInvoice(stripeFixture('invoice-paid'), {
			timezone: 'Europe/Paris',
		});
		expect(classifyInvoice(paid, '2026-12-31', filter)).toBeNull();
	});

	it('lists open send_invoice invoices with a due_date upper bound, customers expanded', () => {
		expect(overdueListQuery(NOW, { minDaysOverdue: 7, dueWithinDays: null })).toEqual({
			status: 'open',
			collection_method: 'send_invoice',
			due_date: { lt: NOW - 6 * 86_400 },
			expand: ['data.customer'],
		});
		expect(
			overdueListQuery(NOW, { minDaysOverdue: 7, dueWithinDays: 3, customerId: 'cus_1' }),
		).toMatchObject({
			due_date: { lt: NOW + 4 * 86_400 },
			customer: 'cus_1',
		});
	});

	it('changes the fingerprint only on what the user chose', () => {
		const fp = (
			days: number,
			today: string,
			emitOn: 'stateChange' | 'bucketChange' | 'everyDay',
			invoice = open,
		) => overdueWindowFingerprint(invoice, days, today, emitOn, 7);
		expect(fp(8, '2026-11-13', 'stateChange')).toBe(fp(20, '2026-11-25', 'stateChange'));
		expect(fp(8, '2026-11-13', 'stateChange')).not.toBe(
			fp(8, '2026-11-13', 'stateChange', { ...open, dueMinor: 100 }),
		);
		expect(fp(8, '2026-11-13', 'bucketChange')).toBe(fp(14, '2026-11-19', 'bucketChange'));
		expect(fp(14, '2026-11-19', 'bucketChange')).not.toBe(fp(15, '2026-11-20', 'bucketChange'));
		expect(fp(8, '2026-11-13', 'everyDay')).not.toBe(fp(9, '2026-11-14', 'everyDay'));
		// Our own metadata never changes it.
		const claimed = {
			...open,
			dunning: { ...open.dunning, sentStepIds: ['d7'], lastSentOn: '2026-11-12' },
		};
		expect(fp(8, '2026-11-13', 'everyDay', claimed)).toBe(fp(8, '2026-11-13', 'everyDay'));
	});
});

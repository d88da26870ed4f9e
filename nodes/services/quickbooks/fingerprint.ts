import { createHash } from 'crypto';

import { type Invoice } from '../../shared/invoice';
import { assertShape, type Shape } from '../../shared/shape';

const FINGERPRINT_SHAPE: Shape = {
	status: 'string',
	currency: 'string',
	totalMinor: 'integer',
	dueMinor: 'integer',
	dueDate: 'date?',
};

/**
 * What makes an invoice news for dunning: its status, what is owed, when it was due. The `[dunning]` line is
 * deliberately left out: it is this package's own bookkeeping (claims, promises, pauses written by the
 * QuickBooks Dunning node), so our own sparse updates, which come back through CDC and webhooks
 * (behaviour 4), leave the fingerprint unchanged and are not emitted again.
 */
export function amountOwedFingerprint(invoice: Invoice): string {
	assertShape(invoice, FINGERPRINT_SHAPE, 'invoice');
	const relevant = [
		invoice.status,
		invoice.currency,
		invoice.totalMinor,
		invoice.dueMinor,
		invoice.dueDate ?? '',
	].join('|');
	// 12 base64url characters (72 bits) keep thousands of fingerprints small in the workflow's static data.
	return createHash('sha256').update(relevant).digest('base64url').slice(0, 12);
}

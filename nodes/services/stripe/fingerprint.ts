import type { Invoice } from '../../shared/internal';

/** When the Stripe poll emits a listed invoice again (the trigger's Emit Again When). */
export type EmitOn = 'stateChange' | 'bucketChange' | 'everyDay';

/**
 * What the Stripe poll compares between passes: the invoice's status, amount due and window (overdue or due
 * soon), plus its overdue bucket or the day when asked. An invoice is emitted again only when this changes.
 * Our own metadata (steps sent, promise...) is deliberately left out, so writing it never re-emits.
 */
export function overdueWindowFingerprint(
	invoice: Invoice,
	daysOverdue: number,
	today: string,
	emitOn: EmitOn,
	bucketDays: number,
): string {
	const base = `${invoice.status}|${invoice.dueMinor}|${daysOverdue > 0 ? 'o' : 's'}`;
	if (emitOn === 'everyDay') return `${base}|${today}`;
	if (emitOn === 'bucketChange') {
		const size = Math.max(1, Math.floor(bucketDays));
		const bucket = daysOverdue > 0 ? Math.floor((daysOverdue - 1) / size) : -1;
		return `${base}|b${bucket}`;
	}
	return base;
}

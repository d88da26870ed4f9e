import type { IDataObject } from 'n8n-workflow';

import { pennylaneGet, type PennylaneContext } from './transport';

/**
 * The customer-invoice changelog (test/simulators/pennylane/SOURCES.md §11): Pennylane has no invoice webhooks,
 * so the trigger asks `GET /changelogs/customer_invoices` what changed since its watermark, then reads the
 * changed invoices themselves.
 */

const DAY_MS = 24 * 3600 * 1000;
/** Changes are kept four weeks; an older `start_date` is refused (422). */
const RETENTION_MS = 28 * DAY_MS;
/** A day's margin for the clocks of n8n and Pennylane and for a poll that runs long. */
const MARGIN_MS = DAY_MS;
/** The most changes one changelog page holds. */
export const CHANGELOG_PAGE_SIZE = 1000;

/** One change: the invoice's id, insert/update/delete, and when Pennylane processed it. */
export interface InvoiceChange {
	id: string;
	operation: string;
	/** As Pennylane wrote it (RFC 3339); null when missing or unreadable. */
	processedAt: string | null;
	processedMs: number | null;
}

/** Whether the changelog still holds every change since `since`; otherwise changes may be lost. */
export function changelogCovers(since: string, nowMs: number): boolean {
	const sinceMs = Date.parse(since);
	return Number.isFinite(sinceMs) && sinceMs > nowMs - RETENTION_MS + MARGIN_MS;
}

function change(item: IDataObject): InvoiceChange | null {
	const id =
		typeof item.id === 'number' || typeof item.id === 'string' ? String(item.id).trim() : '';
	if (!/^[1-9]\d*$/.test(id)) return null;
	const processedAt = typeof item.processed_at === 'string' ? item.processed_at : null;
	const processedMs = processedAt === null ? NaN : Date.parse(processedAt);
	return {
		id,
		operation: typeof item.operation === 'string' ? item.operation : 'update',
		processedAt: Number.isFinite(processedMs) ? processedAt : null,
		processedMs: Number.isFinite(processedMs) ? processedMs : null,
	};
}

/**
 * The changes processed at or after `startDate`, oldest first, page by page. The first request sends
 * `start_date`; the next ones only the cursor, since Pennylane refuses the two together (400).
 */
export async function* changelogPages(
	context: PennylaneContext,
	startDate: string,
	timeoutMs: number,
): AsyncGenerator<InvoiceChange[]> {
	let query: Record<string, string | number> = {
		start_date: startDate,
		limit: CHANGELOG_PAGE_SIZE,
	};
	for (;;) {
		const body = await pennylaneGet<{
			items?: IDataObject[];
			has_more?: boolean;
			next_cursor?: string | null;
		}>(context, { path: '/changelogs/customer_invoices', query, timeoutMs });
		const items = Array.isArray(body.items) ? body.items : [];
		yield items.map(change).filter((entry): entry is InvoiceChange => entry !== null);
		if (body.has_more !== true || typeof body.next_cursor !== 'string' || body.next_cursor === '')
			return;
		query = { cursor: body.next_cursor, limit: CHANGELOG_PAGE_SIZE };
	}
}

import { customerKey } from '../customer';
import type { Invoice } from '../invoice';
import type { Tone } from '../scenario/types';
import { assertList, assertShape, type Shape } from '../shape';
import { assertTone } from './compose';

/** What grouping needs of an item: its invoice and the tone it will be written in. */
export interface GroupableReminder {
	invoice: Invoice;
	tone: Tone;
}

/** What grouping reads of an item (the tone is checked against the tones). */
const GROUPABLE: Shape = {
	invoice: { source: 'string', customer: { id: 'string?', email: 'string?' } },
};

/**
 * Issue 19 #4: the messages of "one message per customer" mode. Items share a message when they have the
 * same customer (source and customer id, else email) and the same tone, so no invoice is spoken of in a
 * firmer step than its own; a formal notice is always a message of its own (a letter about one invoice,
 * approved as such). An item with neither customer id nor email stays alone. Groups come in the order of
 * their first item, items in their input order.
 */
export function groupCustomerMessages<T extends GroupableReminder>(items: readonly T[]): T[][] {
	const groups = new Map<string, T[]>();
	assertList(items, 'items').forEach((item, index) => {
		const field = `items[${index}]`;
		assertShape(item, GROUPABLE, field);
		assertTone((item as T).tone, `${field}.tone`);
	});
	items.forEach((item, index) => {
		const who = customerKey(item.invoice, `items[${index}].invoice`);
		const { source } = item.invoice;
		const alone = who === null || item.tone === 'formal_notice';
		const key = alone ? `item:${index}` : `${source}|${who}|${item.tone}`;
		const group = groups.get(key);
		if (group) group.push(item);
		else groups.set(key, [item]);
	});
	return [...groups.values()];
}

import {
	DunningInputError,
	invoiceIdsOfIdempotencyKey,
	invoicesOfReplyAddresses,
	parseReminderMessageIds,
	reminderMessageId,
	reminderReplyTo,
} from '../../../nodes/shared/internal';
import { makeInvoice } from '../invoice-factory';

describe('reminderMessageId', () => {
	it('is <dunning.{base64url of the key}@{domain}>, the same for the same key', () => {
		const id = reminderMessageId('stripe:in_1QxYz:d7', 'Atelier-Dunning.example');
		expect(id).toBe('<dunning.c3RyaXBlOmluXzFReFl6OmQ3@atelier-dunning.example>');
		expect(reminderMessageId('stripe:in_1QxYz:d7', 'atelier-dunning.example')).toBe(id);
		expect(id).toMatch(/^<dunning\.[A-Za-z0-9_-]+@[a-z0-9.-]+>$/);
	});

	it('refuses an empty key or a domain that is not a host name, naming the field', () => {
		expect(() => reminderMessageId('', 'example.com')).toThrow(
			new DunningInputError('idempotencyKey', '"" is not a key'),
		);
		expect(() => reminderMessageId('k', 'bad domain>')).toThrow(/^domain: /);
	});
});

describe('parseReminderMessageIds', () => {
	const single = reminderMessageId('generic:inv-7:d14', 'a.example');
	const customer = reminderMessageId('quickbooks:customer:58:130:d7,145:d14', 'a.example');

	it('reads the keys back from In-Reply-To and References, in any header case, ignoring foreign ids', () => {
		expect(
			parseReminderMessageIds({
				'IN-REPLY-TO': single,
				references: `<CAF1@mail.gmail.com> ${customer} ${single}`,
			}),
		).toEqual({
			idempotencyKeys: ['generic:inv-7:d14', 'quickbooks:customer:58:130:d7,145:d14'],
			invoiceIds: ['inv-7', '130', '145'],
		});
	});

	it("accepts mailparser's whole header lines and lists of values", () => {
		expect(
			parseReminderMessageIds({ 'in-reply-to': `In-Reply-To: ${single}`, references: [single] }),
		).toEqual({ idempotencyKeys: ['generic:inv-7:d14'], invoiceIds: ['inv-7'] });
	});

	it('finds nothing in a reply to someone else, or without headers', () => {
		expect(parseReminderMessageIds({ 'in-reply-to': '<abc@example.com>' })).toEqual({
			idempotencyKeys: [],
			invoiceIds: [],
		});
		expect(parseReminderMessageIds(undefined)).toEqual({ idempotencyKeys: [], invoiceIds: [] });
	});
});

describe('invoiceIdsOfIdempotencyKey', () => {
	it('reads one invoice from a decision key and every invoice from a per-customer key', () => {
		expect(invoiceIdsOfIdempotencyKey('stripe:in_1:d7')).toEqual(['in_1']);
		expect(invoiceIdsOfIdempotencyKey('stripe:customer:cus_9:in_1:d7,in_2:friendly')).toEqual([
			'in_1',
			'in_2',
		]);
		expect(invoiceIdsOfIdempotencyKey('nonsense')).toEqual([]);
	});
});

describe('reminderReplyTo: plus-addressed Reply-To for senders that cannot set a Message-ID', () => {
	const invoices = [
		makeInvoice({ id: 'in_1TOR5LLm3QvR8tXwUBqw5ynt', source: 'stripe', customer: { id: 'cus_A' } }),
		makeInvoice({ id: 'in_2', source: 'stripe', customer: { id: 'cus_A' } }),
		makeInvoice({ id: 'in_3', source: 'stripe', customer: { id: 'cus_B' } }),
	];

	it('tags the mailbox with a short lower-case token, within the 64-character local part', () => {
		const address = reminderReplyTo(
			'comptabilite-clients@atelier.example',
			'stripe:in_1TOR5LLm3QvR8tXwUBqw5ynt:d14',
		);
		expect(address).toMatch(/^comptabilite-clients\+dunning-i[0-9a-f]{10}@atelier\.example$/);
		expect(address.split('@')[0].length).toBeLessThanOrEqual(64);
		expect(
			reminderReplyTo(
				'comptabilite-clients@atelier.example',
				'stripe:in_1TOR5LLm3QvR8tXwUBqw5ynt:d7',
			),
		).toBe(address);
	});

	it('leads a reply back to the invoice, or to every candidate of the customer for a per-customer message', () => {
		const single = reminderReplyTo('billing@a.example', 'stripe:in_1TOR5LLm3QvR8tXwUBqw5ynt:d14');
		expect(
			invoicesOfReplyAddresses(`"Billing" <${single.toUpperCase()}>`, invoices).map((i) => i.id),
		).toEqual(['in_1TOR5LLm3QvR8tXwUBqw5ynt']);
		const grouped = reminderReplyTo('billing@a.example', 'stripe:customer:cus_A:in_1:d7,in_2:d7');
		expect(invoicesOfReplyAddresses(grouped, invoices).map((i) => i.id)).toEqual([
			'in_1TOR5LLm3QvR8tXwUBqw5ynt',
			'in_2',
		]);
		expect(invoicesOfReplyAddresses('billing@a.example', invoices)).toEqual([]);
	});

	it('refuses a mailbox that is not a bare address, or a key that is not one', () => {
		expect(() => reminderReplyTo('Billing <b@a.example>', 'stripe:in_1:d7')).toThrow(/^mailbox: /);
		expect(() => reminderReplyTo('b@a.example', 'in_1')).toThrow(/^idempotencyKey: /);
	});
});

import {
	DunningInputError,
	invoiceIdsOfIdempotencyKey,
	parseReminderMessageIds,
	reminderMessageId,
} from '../../../nodes/shared';

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

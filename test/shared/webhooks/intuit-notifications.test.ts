import { DunningInputError, parseIntuitNotifications } from '../../../nodes/shared';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const fixture = (name: string) =>
	JSON.parse(readFileSync(join(__dirname, '../../fixtures/quickbooks', `${name}.json`), 'utf8'));

describe('parseIntuitNotifications', () => {
	it('reads a CloudEvents array, splitting the type into entity and operation', () => {
		expect(parseIntuitNotifications(fixture('webhook-cloudevents'))).toEqual([
			{
				realmId: '9341455831207162',
				entity: 'invoice',
				id: '1043',
				operation: 'update',
				time: '2026-11-18T11:22:40.512Z',
			},
			{
				realmId: '9341455831207162',
				entity: 'payment',
				id: '212',
				operation: 'create',
				time: '2026-11-18T11:22:39.517Z',
			},
			{
				realmId: '9341455831207162',
				entity: 'invoice',
				id: '1039',
				operation: 'delete',
				time: '2026-11-18T11:26:02.003Z',
			},
		]);
	});

	it('reads the legacy eventNotifications object in the same vocabulary', () => {
		expect(parseIntuitNotifications(fixture('webhook-legacy'))).toEqual([
			{
				realmId: '9341455831207162',
				entity: 'invoice',
				id: '1043',
				operation: 'update',
				time: '2026-11-18T11:22:40.000Z',
			},
			{
				realmId: '9341455831207162',
				entity: 'payment',
				id: '212',
				operation: 'create',
				time: '2026-11-18T11:22:39.000Z',
			},
			{
				realmId: '9341455831207162',
				entity: 'invoice',
				id: '1038',
				operation: 'void',
				time: '2026-11-18T11:25:10.000Z',
			},
			{
				realmId: '9341455831207162',
				entity: 'invoice',
				id: '1039',
				operation: 'delete',
				time: '2026-11-18T11:26:02.000Z',
			},
		]);
	});

	it('accepts the raw body as text or bytes', () => {
		const raw = JSON.stringify(fixture('webhook-cloudevents'));
		expect(parseIntuitNotifications(raw)).toHaveLength(3);
		expect(parseIntuitNotifications(Buffer.from(raw))).toHaveLength(3);
	});

	it('keeps unknown verbs and entities, lower-cased', () => {
		expect(
			parseIntuitNotifications([
				{ type: 'qbo.JournalEntry.Reclassified.v1', intuitentityid: 9, intuitaccountid: '1' },
			]),
		).toEqual([
			{ realmId: '1', entity: 'journalentry', id: '9', operation: 'reclassified', time: null },
		]);
	});

	it.each([
		['not JSON', '{oops', 'notification: the body is not JSON'],
		['a number', 42, 'notification: 42 is neither'],
		['an object without eventNotifications', { hello: 1 }, 'notification: an object is neither'],
		[
			'a foreign CloudEvent type',
			[{ type: 'com.example.thing', intuitentityid: '1', intuitaccountid: '2' }],
			'notification[0].type',
		],
		[
			'an event without entity id',
			[{ type: 'qbo.invoice.updated.v1', intuitaccountid: '2' }],
			'notification[0].intuitentityid',
		],
		[
			'legacy without entities',
			{ eventNotifications: [{ realmId: '1' }] },
			'notification.eventNotifications[0].dataChangeEvent.entities',
		],
	])('refuses %s, naming the field', (_, body, message) => {
		expect(() => parseIntuitNotifications(body)).toThrow(DunningInputError);
		expect(() => parseIntuitNotifications(body)).toThrow(message);
	});
});

import { DunningInputError, describeValue } from '../../shared/errors';

/** One changed object named by an Intuit webhook delivery: ids only, never the data (behaviour 1). */
export interface IntuitChange {
	realmId: string;
	/** Entity in lower case: `invoice`, `payment`, `customer`... */
	entity: string;
	id: string;
	/** `create`, `update`, `delete`, `void`, `merge`, `emailed`, or the verb as Intuit wrote it, in lower case. */
	operation: string;
	/** When the change happened, as Intuit wrote it (ISO 8601), or null. */
	time: string | null;
}

/** CloudEvents verbs are past participles (`updated`); legacy ones are nouns (`Update`). One vocabulary. */
const OPERATIONS: Record<string, string> = {
	created: 'create',
	create: 'create',
	updated: 'update',
	update: 'update',
	deleted: 'delete',
	delete: 'delete',
	voided: 'void',
	void: 'void',
	merged: 'merge',
	merge: 'merge',
	emailed: 'emailed',
};

function record(value: unknown): Record<string, unknown> | null {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: null;
}

function requiredText(value: unknown, field: string): string {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value !== 'string' || value.trim() === '') {
		throw new DunningInputError(field, `${describeValue(value)} is not a non-empty string`);
	}
	return value.trim();
}

function operationOf(verb: string): string {
	const key = verb.toLowerCase();
	return OPERATIONS[key] ?? key;
}

function optionalTime(value: unknown): string | null {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** `qbo.invoice.updated.v1` → entity `invoice`, operation `update` (split, not looked up in a list). */
function fromCloudEvent(event: unknown, index: number): IntuitChange {
	const field = `notification[${index}]`;
	const value = record(event);
	if (!value) throw new DunningInputError(field, `${describeValue(event)} is not a CloudEvent`);
	const type = requiredText(value.type, `${field}.type`);
	const parts = type.split('.');
	if (parts.length < 3 || parts[0].toLowerCase() !== 'qbo') {
		throw new DunningInputError(
			`${field}.type`,
			`${describeValue(type)} is not a QuickBooks event type (qbo.<entity>.<operation>.v1)`,
		);
	}
	return {
		realmId: requiredText(value.intuitaccountid, `${field}.intuitaccountid`),
		entity: parts[1].toLowerCase(),
		id: requiredText(value.intuitentityid, `${field}.intuitentityid`),
		operation: operationOf(parts[2]),
		time: optionalTime(value.time),
	};
}

function fromLegacy(body: Record<string, unknown>): IntuitChange[] {
	const notifications = body.eventNotifications;
	if (!Array.isArray(notifications)) {
		throw new DunningInputError(
			'notification.eventNotifications',
			`${describeValue(notifications)} is not a list`,
		);
	}
	return notifications.flatMap((notification, index) => {
		const field = `notification.eventNotifications[${index}]`;
		const value = record(notification);
		if (!value)
			throw new DunningInputError(field, `${describeValue(notification)} is not an object`);
		const realmId = requiredText(value.realmId, `${field}.realmId`);
		const entities = record(value.dataChangeEvent)?.entities;
		if (!Array.isArray(entities)) {
			throw new DunningInputError(
				`${field}.dataChangeEvent.entities`,
				`${describeValue(entities)} is not a list`,
			);
		}
		return entities.map((entity, position) => {
			const where = `${field}.dataChangeEvent.entities[${position}]`;
			const change = record(entity);
			if (!change) throw new DunningInputError(where, `${describeValue(entity)} is not an object`);
			return {
				realmId,
				entity: requiredText(change.name, `${where}.name`).toLowerCase(),
				id: requiredText(change.id, `${where}.id`),
				operation: operationOf(requiredText(change.operation, `${where}.operation`)),
				time: optionalTime(change.lastUpdated),
			};
		});
	});
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
	let parsed: unknown = NOT_JSON;
	try {
		parsed = JSON.parse(text);
	} catch {
		// reported below, outside the catch, as a domain error
	}
	if (parsed === NOT_JSON) throw new DunningInputError('notification', 'the body is not JSON');
	return parsed;
}

/**
 * The changes named by an Intuit webhook delivery, in either format (behaviour 2): today's CloudEvents (a JSON
 * array of events) or the legacy `{ eventNotifications: [...] }` object. Accepts the parsed body or its raw
 * text/bytes. Anything else is a DunningInputError naming the field.
 */
export function parseIntuitNotifications(body: unknown): IntuitChange[] {
	let value = body;
	if (typeof value === 'string' || Buffer.isBuffer(value)) {
		value = parseJson(value.toString());
	}
	if (Array.isArray(value)) return value.map((event, index) => fromCloudEvent(event, index));
	const object = record(value);
	if (object && 'eventNotifications' in object) return fromLegacy(object);
	throw new DunningInputError(
		'notification',
		`${describeValue(value)} is neither a CloudEvents array nor a legacy eventNotifications object`,
	);
}

import { isIsoDate } from './dates';
import { DunningInputError, describeValue } from './errors';

/**
 * Input guards for the public core (issue 19, #10): self-hosters call it directly, so a value of the wrong
 * type must end in a `DunningInputError` naming the field, never in a TypeError from deep inside.
 *
 * `assertShape` checks a value the core produced itself and takes back (a report, a simulation, a preview for
 * the renderers) against a small declarative description of the fields it reads. `string?` and `number?`
 * accept null or a missing field; `date?` accepts null only (date code tells "no date" by `=== null`);
 * `{ optional: shape }` accepts a missing field.
 */
export type Shape =
	| 'string'
	| 'string?'
	| 'number'
	| 'number?'
	| 'integer'
	| 'boolean'
	| 'date'
	| 'date?'
	| 'currency'
	| 'any'
	| { optional: Shape }
	| { list: Shape }
	| { record: Shape }
	| { [key: string]: Shape };

/** How a wrong value is named after "got": `undefined` as such, the rest as `describeValue` quotes it. */
export function got(value: unknown): string {
	return value === undefined ? 'undefined' : describeValue(value);
}

export function isPlainRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function assertObject(value: unknown, field: string): Record<string, unknown> {
	if (!isPlainRecord(value)) {
		throw new DunningInputError(field, `expected an object, got ${got(value)}`);
	}
	return value;
}

export function assertList(value: unknown, field: string): unknown[] {
	if (!Array.isArray(value)) {
		throw new DunningInputError(field, `expected a list, got ${got(value)}`);
	}
	return value;
}

export function assertText(value: unknown, field: string): string {
	if (typeof value !== 'string') {
		throw new DunningInputError(field, `expected a string, got ${got(value)}`);
	}
	return value;
}

export function assertInteger(
	value: unknown,
	field: string,
	min = -Infinity,
	max = Infinity,
): number {
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
		const range =
			min === -Infinity ? '' : max === Infinity ? ` of at least ${min}` : ` from ${min} to ${max}`;
		throw new DunningInputError(field, `expected an integer${range}, got ${got(value)}`);
	}
	return value;
}

export function assertFiniteNumber(value: unknown, field: string): number {
	if (typeof value !== 'number' || !Number.isFinite(value)) {
		throw new DunningInputError(field, `expected a finite number, got ${got(value)}`);
	}
	return value;
}

export function assertFunction(value: unknown, field: string): void {
	if (typeof value !== 'function') {
		throw new DunningInputError(field, `expected a function, got ${got(value)}`);
	}
}

/** A raw request body as the webhook helpers take it. */
export function assertBody(value: unknown, field: string): string | Buffer {
	if (typeof value !== 'string' && !Buffer.isBuffer(value)) {
		throw new DunningInputError(field, `expected a string or a Buffer, got ${got(value)}`);
	}
	return value;
}

function check(value: unknown, shape: Shape, field: string): void {
	switch (shape) {
		case 'any':
			return;
		case 'string':
			assertText(value, field);
			return;
		case 'string?':
			if (value !== null && value !== undefined) assertText(value, field);
			return;
		case 'number':
			assertFiniteNumber(value, field);
			return;
		case 'number?':
			if (value !== null && value !== undefined) assertFiniteNumber(value, field);
			return;
		case 'integer':
			assertInteger(value, field);
			return;
		case 'boolean':
			if (typeof value !== 'boolean') {
				throw new DunningInputError(field, `expected true or false, got ${got(value)}`);
			}
			return;
		case 'date':
		case 'date?':
			// Nullable, not optional: date code tells "no date" by `=== null`.
			if (shape === 'date?' && value === null) return;
			if (!isIsoDate(value)) {
				throw new DunningInputError(field, `${describeValue(value)} is not a date (YYYY-MM-DD)`);
			}
			return;
		case 'currency':
			if (typeof value !== 'string' || !/^[A-Z]{3}$/.test(value)) {
				throw new DunningInputError(field, `${describeValue(value)} is not a currency code`);
			}
			return;
	}
	if ('optional' in shape && Object.keys(shape).length === 1) {
		if (value !== undefined) check(value, shape.optional as Shape, field);
		return;
	}
	if ('list' in shape && Object.keys(shape).length === 1) {
		assertList(value, field).forEach((entry, index) =>
			check(entry, shape.list as Shape, `${field}[${index}]`),
		);
		return;
	}
	if ('record' in shape && Object.keys(shape).length === 1) {
		for (const [key, entry] of Object.entries(assertObject(value, field))) {
			check(entry, shape.record as Shape, `${field}.${key}`);
		}
		return;
	}
	const object = assertObject(value, field);
	for (const [key, entry] of Object.entries(shape)) check(object[key], entry, `${field}.${key}`);
}

/** Checks the fields a function reads against `shape`; the error names the first field at fault. */
export function assertShape(value: unknown, shape: Shape, field: string): void {
	check(value, shape, field);
}

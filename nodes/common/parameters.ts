import type { IExecuteFunctions, NodeParameterValueType } from 'n8n-workflow';

import { DunningInputError } from '../shared/internal';

function holdsExpression(value: NodeParameterValueType | object | undefined): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some((entry) => holdsExpression(entry));
	if (typeof value === 'object' && value !== null) {
		return Object.values(value).some((entry) => holdsExpression(entry as NodeParameterValueType));
	}
	return false;
}

/**
 * Reads a set of parameters for each item, but only once when none of them holds an expression: resolving
 * parameters dominates the cost of a node on large batches, and fixed values are the same for every item.
 */
export function perItemParameters<T>(
	context: IExecuteFunctions,
	names: string[],
	read: (itemIndex: number) => T,
): (itemIndex: number) => T {
	const raw = context.getNode().parameters;
	const dynamic = names.some((name) => holdsExpression(raw[name]));
	if (dynamic) return read;
	let cached: { value: T } | undefined;
	return (itemIndex) => {
		cached ??= { value: read(itemIndex) };
		return cached.value;
	};
}

const NOT_JSON = Symbol('not JSON');

/**
 * A JSON parameter's value: an object as an expression gives it, or JSON text as n8n keeps a typed-in value;
 * empty text is null. Text that is not JSON is a DunningInputError naming `field`.
 */
export function jsonParameterValue(value: unknown, field: string): unknown {
	if (typeof value !== 'string') return value;
	if (value.trim() === '') return null;
	let parsed: unknown = NOT_JSON;
	try {
		parsed = JSON.parse(value) as unknown;
	} catch {
		// refused just below, outside the catch
	}
	if (parsed === NOT_JSON) throw new DunningInputError(field, 'is not a JSON object');
	return parsed;
}

/**
 * The one error type of the domain core. Its message always starts with the path of the field at fault
 * (`invoice.dueDate: ...`) so that the n8n adapters can show it as is, next to the item index.
 */
const BRAND = Symbol.for('n8n-nodes-dunning.DunningInputError');

export class DunningInputError extends Error {
	readonly field: string;

	constructor(field: string, problem: string) {
		super(`${field}: ${problem}`);
		this.name = 'DunningInputError';
		this.field = field;
		Object.defineProperty(this, BRAND, { value: true });
	}

	/**
	 * `instanceof` answers by a registered symbol, not by class identity: the package's entry, a deep import
	 * of a core module and a bundled copy of the core each load their own class, and a self-hoster's
	 * `error instanceof DunningInputError` must hold for an error thrown by any of them.
	 */
	static [Symbol.hasInstance](value: unknown): boolean {
		return typeof value === 'object' && value !== null && BRAND in value;
	}
}

/** Quotes a hostile or unexpected value for an error message without ever dumping a whole object. */
export function describeValue(value: unknown): string {
	if (value === undefined) return 'missing';
	if (value === null) return 'null';
	if (typeof value === 'string') {
		const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
		return JSON.stringify(shown);
	}
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) return 'an array';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

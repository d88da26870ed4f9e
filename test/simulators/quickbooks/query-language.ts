// The subset of the QuickBooks query language the nodes send (fixtures SOURCES.md, behaviour 6):
//   select * | count(*) from <Entity> [where <cond> and <cond>...] [orderby <field> [asc|desc]]
//   [startposition n] [maxresults n]
// where <cond> is `<Field> <op> '<literal>'` (op: = != < <= > >=) or `<Field> in ('a', 'b')`. `or` and
// anything else is refused the way QuickBooks refuses it (4000, "Error parsing query").

export class QuerySyntaxError extends Error {}

export interface Condition {
	field: string;
	op: '=' | '!=' | '<' | '<=' | '>' | '>=' | 'in';
	values: string[];
}

export interface ParsedQuery {
	count: boolean;
	entity: string;
	where: Condition[];
	orderBy: { field: string; descending: boolean } | null;
	startPosition: number;
	maxResults: number;
}

type Token = { kind: 'word' | 'string' | 'op' | 'punct'; text: string };

function tokenize(statement: string): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	while (i < statement.length) {
		const char = statement[i];
		if (/\s/.test(char)) {
			i++;
		} else if (char === "'") {
			let text = '';
			i++;
			while (i < statement.length && statement[i] !== "'") {
				if (statement[i] === '\\' && i + 1 < statement.length) i++;
				text += statement[i++];
			}
			if (statement[i] !== "'") throw new QuerySyntaxError('unterminated string literal');
			i++;
			tokens.push({ kind: 'string', text });
		} else if (/[<>=!]/.test(char)) {
			const two = statement.slice(i, i + 2);
			const op = ['<=', '>=', '!='].includes(two) ? two : char;
			if (op === '!') throw new QuerySyntaxError('unexpected !');
			tokens.push({ kind: 'op', text: op });
			i += op.length;
		} else if (/[(),*]/.test(char)) {
			tokens.push({ kind: 'punct', text: char });
			i++;
		} else {
			const match = /^[A-Za-z0-9_.\-:+]+/.exec(statement.slice(i));
			if (!match) throw new QuerySyntaxError(`unexpected character ${char}`);
			tokens.push({ kind: 'word', text: match[0] });
			i += match[0].length;
		}
	}
	return tokens;
}

export function parseQuery(statement: string): ParsedQuery {
	const tokens = tokenize(statement);
	let position = 0;
	const peek = () => tokens[position];
	const next = () => {
		const token = tokens[position++];
		if (!token) throw new QuerySyntaxError('unexpected end of query');
		return token;
	};
	const keyword = (word: string) => {
		const token = peek();
		if (token?.kind === 'word' && token.text.toLowerCase() === word) {
			position++;
			return true;
		}
		return false;
	};
	const expectKeyword = (word: string) => {
		if (!keyword(word)) throw new QuerySyntaxError(`expected ${word}`);
	};
	const expectPunct = (text: string) => {
		const token = next();
		if (token.kind !== 'punct' || token.text !== text)
			throw new QuerySyntaxError(`expected ${text}`);
	};
	const integer = () => {
		const token = next();
		if (token.kind !== 'word' || !/^\d+$/.test(token.text))
			throw new QuerySyntaxError('expected a number');
		return Number(token.text);
	};

	expectKeyword('select');
	let count = false;
	if (keyword('count')) {
		expectPunct('(');
		expectPunct('*');
		expectPunct(')');
		count = true;
	} else {
		expectPunct('*');
	}
	expectKeyword('from');
	const entityToken = next();
	if (entityToken.kind !== 'word') throw new QuerySyntaxError('expected an entity');
	const entity = entityToken.text;

	const where: Condition[] = [];
	if (keyword('where')) {
		do {
			const field = next();
			if (field.kind !== 'word') throw new QuerySyntaxError('expected a field');
			if (keyword('in')) {
				expectPunct('(');
				const values: string[] = [];
				do {
					const value = next();
					if (value.kind !== 'string') throw new QuerySyntaxError('expected a string literal');
					values.push(value.text);
				} while (peek()?.kind === 'punct' && peek()?.text === ',' && next());
				expectPunct(')');
				where.push({ field: field.text, op: 'in', values });
			} else {
				const op = next();
				if (op.kind !== 'op') throw new QuerySyntaxError('expected an operator');
				const value = next();
				if (value.kind !== 'string' && value.kind !== 'word')
					throw new QuerySyntaxError('expected a value');
				where.push({ field: field.text, op: op.text as Condition['op'], values: [value.text] });
			}
			if (peek()?.kind === 'word' && peek()!.text.toLowerCase() === 'or') {
				throw new QuerySyntaxError('or is not supported');
			}
		} while (keyword('and'));
	}
	let orderBy: ParsedQuery['orderBy'] = null;
	if (keyword('orderby') || (keyword('order') && (expectKeyword('by'), true))) {
		const field = next();
		if (field.kind !== 'word') throw new QuerySyntaxError('expected a field');
		const descending = keyword('desc');
		if (!descending) keyword('asc');
		orderBy = { field: field.text, descending };
	}
	let startPosition = 1;
	let maxResults = 100;
	for (;;) {
		if (keyword('startposition')) startPosition = integer();
		else if (keyword('maxresults')) maxResults = integer();
		else break;
	}
	if (position !== tokens.length) throw new QuerySyntaxError(`unexpected ${peek()!.text}`);
	if (startPosition < 1) throw new QuerySyntaxError('startposition starts at 1');
	if (maxResults < 1 || maxResults > 1000) throw new QuerySyntaxError('maxresults is at most 1000');
	return { count, entity, where, orderBy, startPosition, maxResults };
}

/** An own field, matched case-insensitively as QuickBooks matches field names (the exact name first). */
function ownField(object: Record<string, unknown>, key: string): unknown {
	if (Object.prototype.hasOwnProperty.call(object, key)) return object[key];
	const lower = key.toLowerCase();
	for (const name of Object.keys(object)) if (name.toLowerCase() === lower) return object[name];
	return undefined;
}

function valueAt(object: Record<string, unknown>, path: string[]): unknown {
	let value: unknown = object;
	for (const key of path) {
		if (typeof value !== 'object' || value === null) return undefined;
		value = ownField(value as Record<string, unknown>, key);
	}
	// References (`CustomerRef`) compare by their value.
	if (typeof value === 'object' && value !== null && 'value' in value) {
		return (value as { value: unknown }).value;
	}
	return value;
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T/;
const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * A value with what comparing it needs worked out once (its text, whether that text is a number or a
 * timestamp): a query compares every row with the same literals, and sorting compares each row many times.
 */
interface Operand {
	value: unknown;
	text: string;
	number: number;
	numeric: boolean;
	timestamp: boolean;
	time: number;
}

function operand(value: unknown): Operand {
	const text = String(value);
	const timestamp = TIMESTAMP.test(text);
	return {
		value,
		text,
		number: typeof value === 'number' ? value : Number(text),
		numeric: NUMBER.test(text),
		timestamp,
		time: timestamp ? Date.parse(text) : NaN,
	};
}

/**
 * A field's value against a prepared literal: numbers as numbers, timestamps as instants, anything else as
 * text; null when the field is missing.
 */
function compare(value: unknown, right: Operand): number | null {
	if (value === undefined || value === null) return null;
	if (typeof value === 'number') return value - right.number;
	const text = String(value);
	if (right.numeric && NUMBER.test(text)) return Number(text) - right.number;
	if (right.timestamp && TIMESTAMP.test(text)) return Date.parse(text) - right.time;
	return text < right.text ? -1 : text > right.text ? 1 : 0;
}

/** `compare` of two prepared operands (for sorting, where both sides were worked out once). */
function compareOperands(left: Operand, right: Operand): number | null {
	if (left.value === undefined || left.value === null) return null;
	if (typeof left.value === 'number' || (right.numeric && left.numeric)) {
		return left.number - right.number;
	}
	if (left.timestamp && right.timestamp) return left.time - right.time;
	return left.text < right.text ? -1 : left.text > right.text ? 1 : 0;
}

/** The conditions of a where clause as one test, with the literals and field paths prepared once. */
export function compileConditions(
	conditions: Condition[],
): (object: Record<string, unknown>) => boolean {
	const compiled = conditions.map((condition) => ({
		op: condition.op,
		path: condition.field.split('.'),
		literals: condition.values.map((value) => operand(value)),
	}));
	return (object) =>
		compiled.every((condition) => {
			const value = valueAt(object, condition.path);
			if (condition.op === 'in') {
				return condition.literals.some((literal) => compare(value, literal) === 0);
			}
			const order = compare(value, condition.literals[0]);
			if (order === null) return false;
			switch (condition.op) {
				case '=':
					return order === 0;
				case '!=':
					return order !== 0;
				case '<':
					return order < 0;
				case '<=':
					return order <= 0;
				case '>':
					return order > 0;
				case '>=':
					return order >= 0;
			}
			return false;
		});
}

export function sortBy(rows: Record<string, unknown>[], orderBy: ParsedQuery['orderBy']) {
	if (!orderBy) return rows;
	const sign = orderBy.descending ? -1 : 1;
	const path = orderBy.field.split('.');
	// Each row's key is read once (not at every comparison); as the right-hand side, a missing key is the
	// empty text.
	const keyed = rows.map((row) => {
		const value = valueAt(row, path);
		const left = operand(value);
		return { row, left, right: value === undefined || value === null ? operand('') : left };
	});
	// Stable: equal keys keep the store's order (by id), so pages do not overlap.
	keyed.sort((a, b) => sign * (compareOperands(a.left, b.right) ?? 0));
	return keyed.map((entry) => entry.row);
}

import { describeValue } from '../errors';
import { getOrCreate } from '../memo';
import type {
	BlockStatement,
	Expression,
	Hash,
	Location,
	MustacheStatement,
	PathExpression,
	Program,
	Statement,
} from './ast';
import { SafeHtml, escapeHtml, inlineHelper, type RenderMode } from './helpers';
import { compilePath, type Getter } from './paths';
import { fail, type Body, type EachFrame, type RenderState } from './render';

/**
 * Turns a checked syntax tree (see `checkSubset`) into closures, once per tree and mode: static text is
 * pre-joined, paths pre-split, helpers looked up, and the escaping of the mode decided. Rendering then
 * only runs those closures; nothing is compiled to JavaScript source, so no template text can run as code.
 */
const compiled = new WeakMap<Program, Partial<Record<RenderMode, Body>>>();

export function compiledProgram(program: Program, mode: RenderMode): Body {
	const byMode = getOrCreate(compiled, program, (): Partial<Record<RenderMode, Body>> => ({}));
	return (byMode[mode] ??= compileBody(program, mode, 0));
}

/** A step of a body: static text, or a closure that writes to `state.out`. */
type Slot = string | Body;

const nothing: Body = () => {};

/** `scope`: the number of `#each`/`#with` around the body (the depth of the context stack). */
function compileBody(program: Program | undefined, mode: RenderMode, scope: number): Body {
	const slots: Slot[] = [];
	let text: string[] = [];
	const flushText = () => {
		// Joined into one flat string now rather than concatenated at every render.
		if (text.length > 0) slots.push(text.join(''));
		text = [];
	};
	for (const statement of program?.body ?? []) {
		if (statement.type === 'ContentStatement') {
			text.push(statement.value);
			continue;
		}
		const step = compileStatement(statement, mode, scope);
		if (step === null) continue;
		flushText();
		slots.push(step);
	}
	flushText();
	if (slots.length === 0) return nothing;
	if (slots.length === 1) {
		const only = slots[0];
		if (typeof only !== 'string') return only;
		return (state) => {
			state.out.push(only);
		};
	}
	return (state) => {
		for (let i = 0; i < slots.length; i++) {
			const slot = slots[i];
			if (typeof slot === 'string') state.out.push(slot);
			else slot(state);
		}
	};
}

function compileStatement(node: Statement, mode: RenderMode, scope: number): Body | null {
	switch (node.type) {
		case 'MustacheStatement':
			return compileMustache(node, mode, scope);
		case 'BlockStatement':
			return compileBlock(node, mode, scope);
		default:
			// Comments; everything else was refused by checkSubset.
			return null;
	}
}

function compileMustache(node: MustacheStatement, mode: RenderMode, scope: number): Body {
	const value = compileCall(node.path, node.params, node.hash, node.loc, scope);
	const name = node.path.type === 'PathExpression' ? node.path.original : 'the value';
	const html = mode === 'html';
	return (state) => {
		const result = value(state);
		state.out.push(
			typeof result === 'string'
				? html
					? escapeHtml(result)
					: result
				: toOutput(result, name, html, state, node.loc),
		);
	};
}

/** Anything but a string: a helper's markup, nothing for null, text for numbers and booleans. */
function toOutput(
	value: unknown,
	name: string,
	html: boolean,
	state: RenderState,
	loc: Location,
): string {
	if (value instanceof SafeHtml) return value.html;
	if (value === null || value === undefined) return '';
	if (typeof value === 'object') {
		fail(
			state,
			loc,
			`"${name}" is ${Array.isArray(value) ? 'a list' : 'an object'}: name one of its fields or use {{#each}}`,
		);
	}
	const text = String(value);
	return html ? escapeHtml(text) : text;
}

const NO_OPTIONS: Readonly<Record<string, unknown>> = Object.freeze({});

/** A mustache is a helper call when its name is one of our helpers, else a variable. */
function compileCall(
	path: Expression,
	params: Expression[],
	hash: Hash | undefined,
	loc: Location,
	scope: number,
): Getter {
	const name =
		path.type === 'PathExpression' && !path.data && path.depth === 0 && path.parts.length === 1
			? path.parts[0]
			: null;
	const helper = name === null ? undefined : inlineHelper(name);
	if (!helper) return compileExpression(path, scope, false);
	const args = params.map((param) => compileExpression(param, scope, false));
	const keys = hash?.pairs.map((pair) => pair.key) ?? [];
	const values = hash?.pairs.map((pair) => compileExpression(pair.value, scope, false)) ?? [];
	return (state) => {
		const evaluated = new Array<unknown>(args.length);
		for (let i = 0; i < args.length; i++) evaluated[i] = args[i](state);
		let options = NO_OPTIONS;
		if (keys.length > 0) {
			const given: Record<string, unknown> = {};
			for (let i = 0; i < keys.length; i++) given[keys[i]] = values[i](state);
			options = given;
		}
		// Whatever a helper throws (our argument errors, Intl's RangeError) is about this call's input.
		let problem = '';
		try {
			return helper.call(evaluated, options, state);
		} catch (error) {
			problem = error instanceof Error ? error.message : String(error);
		}
		return fail(state, loc, `${name}: ${problem}`);
	};
}

/** `soft`: in a condition, a path through a null value is simply false instead of an error. */
function compileExpression(node: Expression, scope: number, soft: boolean): Getter {
	switch (node.type) {
		case 'PathExpression':
			return compilePath(node, scope, soft);
		case 'SubExpression':
			return compileCall(node.path, node.params, node.hash, node.loc, scope);
		default: {
			const value = node.value;
			return () => value;
		}
	}
}

/** Handlebars truthiness: false, null, undefined, '', 0 (unless includeZero) and [] are false. */
function isTruthy(value: unknown, includeZero: boolean): boolean {
	if (Array.isArray(value)) return value.length > 0;
	if (value === 0) return includeZero;
	return !!value;
}

function compileBlock(node: BlockStatement, mode: RenderMode, scope: number): Body {
	const name = (node.path as PathExpression).parts[0];
	const zeroFlags = (node.hash?.pairs ?? [])
		.filter((pair) => pair.key === 'includeZero')
		.map((pair) => compileExpression(pair.value, scope, true));
	const includeZero = (state: RenderState): boolean =>
		zeroFlags.some((flag) => flag(state) === true);
	const argument: Getter =
		node.params.length > 0 ? compileExpression(node.params[0], scope, true) : () => undefined;
	const inverse = compileBody(node.inverse, mode, scope);
	switch (name) {
		case 'if': {
			const program = compileBody(node.program, mode, scope);
			return (state) => {
				const zero = includeZero(state);
				(isTruthy(argument(state), zero) ? program : inverse)(state);
			};
		}
		case 'unless': {
			const program = compileBody(node.program, mode, scope);
			return (state) => {
				const zero = includeZero(state);
				(isTruthy(argument(state), zero) ? inverse : program)(state);
			};
		}
		case 'ifPenalty': {
			const program = compileBody(node.program, mode, scope);
			return (state) => {
				const penalty = state.root.penalty as { totalMinor?: unknown } | null;
				const due = !!penalty && typeof penalty.totalMinor === 'number' && penalty.totalMinor > 0;
				(due ? program : inverse)(state);
			};
		}
		case 'with': {
			const program = compileBody(node.program, mode, scope + 1);
			return (state) => {
				const value = argument(state);
				if (!isTruthy(value, false)) {
					inverse(state);
					return;
				}
				state.contexts.push(value);
				program(state);
				state.contexts.pop();
			};
		}
		case 'each': {
			const program = compileBody(node.program, mode, scope + 1);
			return (state) => renderEach(argument(state), program, inverse, state, node.loc);
		}
		default:
			// checkSubset refuses any other block.
			return nothing;
	}
}

function renderEach(
	list: unknown,
	program: Body,
	inverse: Body,
	state: RenderState,
	loc: Location,
): void {
	if (list === null || list === undefined) {
		inverse(state);
		return;
	}
	if (typeof list !== 'object') {
		fail(state, loc, `{{#each}} needs a list or an object, got ${describeValue(list)}`);
	}
	const keys: readonly (string | number)[] | null = Array.isArray(list) ? null : Object.keys(list);
	const count = keys === null ? (list as unknown[]).length : keys.length;
	if (count === 0) {
		inverse(state);
		return;
	}
	const frame: EachFrame = { index: 0, key: 0, first: true, last: false };
	state.frames.push(frame);
	for (let index = 0; index < count; index++) {
		// Like Array.prototype.forEach, a hole in a sparse list is skipped (it keeps its index).
		if (keys === null && !(index in (list as unknown[]))) continue;
		const key = keys === null ? index : keys[index];
		frame.index = index;
		frame.key = key;
		frame.first = index === 0;
		frame.last = index === count - 1;
		state.contexts.push((list as Record<string | number, unknown>)[key]);
		program(state);
		state.contexts.pop();
	}
	state.frames.pop();
}

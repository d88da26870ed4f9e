import { DunningInputError, describeValue } from '../errors';
import type {
	BlockStatement,
	Expression,
	Hash,
	Location,
	PathExpression,
	Program,
	Statement,
} from './ast';
import { SafeHtml, escapeHtml, inlineHelper, type HelperEnv } from './helpers';

interface EachFrame {
	index: number;
	key: string | number;
	first: boolean;
	last: boolean;
}

interface State {
	root: Record<string, unknown>;
	env: HelperEnv;
	field: string;
	/** Context stack: `this` is the last entry, `../` one below. */
	contexts: unknown[];
	frames: EachFrame[];
	out: string[];
}

/**
 * Renders a checked template by walking its syntax tree: no code generation, so nothing a template
 * contains can run as JavaScript. Variables are strict (an unknown name is an error) and only own data
 * properties are readable, never prototypes or functions.
 */
export function renderProgram(
	program: Program,
	root: Record<string, unknown>,
	env: HelperEnv,
	field: string,
): string {
	const state: State = { root, env, field, contexts: [root], frames: [], out: [] };
	renderBody(program, state);
	return state.out.join('');
}

function fail(state: State, loc: Location | undefined, problem: string): never {
	throw new DunningInputError(state.field, loc ? `line ${loc.start.line}: ${problem}` : problem);
}

function renderBody(program: Program | undefined, state: State): void {
	if (!program) return;
	for (const statement of program.body) renderStatement(statement, state);
}

function renderStatement(node: Statement, state: State): void {
	switch (node.type) {
		case 'ContentStatement':
			state.out.push(node.value);
			return;
		case 'MustacheStatement': {
			const value = callOrLookup(node.path, node.params, node.hash, state, node.loc);
			state.out.push(toOutput(value, node.path, state, node.loc));
			return;
		}
		case 'BlockStatement':
			renderBlock(node, state);
			return;
		default:
			// Comments; everything else was refused by checkSubset.
			return;
	}
}

/** Handlebars truthiness: false, null, undefined, '', 0 (unless includeZero) and [] are false. */
function isTruthy(value: unknown, includeZero: boolean): boolean {
	if (Array.isArray(value)) return value.length > 0;
	if (value === 0) return includeZero;
	return !!value;
}

function renderBlock(node: BlockStatement, state: State): void {
	const name = (node.path as PathExpression).parts[0];
	const includeZero =
		node.hash?.pairs.some(
			(pair) => pair.key === 'includeZero' && evaluate(pair.value, state, true) === true,
		) ?? false;
	const argument = node.params.length > 0 ? evaluate(node.params[0], state, true) : undefined;
	switch (name) {
		case 'if':
			renderBody(isTruthy(argument, includeZero) ? node.program : node.inverse, state);
			return;
		case 'unless':
			renderBody(isTruthy(argument, includeZero) ? node.inverse : node.program, state);
			return;
		case 'ifPenalty': {
			const penalty = state.root.penalty as { totalMinor?: unknown } | null;
			const due = !!penalty && typeof penalty.totalMinor === 'number' && penalty.totalMinor > 0;
			renderBody(due ? node.program : node.inverse, state);
			return;
		}
		case 'with':
			if (!isTruthy(argument, false)) {
				renderBody(node.inverse, state);
				return;
			}
			state.contexts.push(argument);
			renderBody(node.program, state);
			state.contexts.pop();
			return;
		case 'each':
			renderEach(node, argument, state);
			return;
	}
}

function renderEach(node: BlockStatement, list: unknown, state: State): void {
	if (list === null || list === undefined) {
		renderBody(node.inverse, state);
		return;
	}
	if (typeof list !== 'object') {
		fail(state, node.loc, `{{#each}} needs a list or an object, got ${describeValue(list)}`);
	}
	const keys: (string | number)[] = Array.isArray(list)
		? list.map((_item, index) => index)
		: Object.keys(list);
	if (keys.length === 0) {
		renderBody(node.inverse, state);
		return;
	}
	keys.forEach((key, index) => {
		state.frames.push({ index, key, first: index === 0, last: index === keys.length - 1 });
		state.contexts.push((list as Record<string | number, unknown>)[key]);
		renderBody(node.program, state);
		state.contexts.pop();
		state.frames.pop();
	});
}

/** A mustache is a helper call when its name is one of our helpers, else a variable. */
function callOrLookup(
	path: Expression,
	params: Expression[],
	hash: Hash | undefined,
	state: State,
	loc: Location,
): unknown {
	const name =
		path.type === 'PathExpression' && !path.data && path.depth === 0 && path.parts.length === 1
			? path.parts[0]
			: null;
	const helper = name === null ? undefined : inlineHelper(name);
	if (!helper) return evaluate(path, state, false);
	const args = params.map((param) => evaluate(param, state, false));
	const options: Record<string, unknown> = {};
	for (const pair of hash?.pairs ?? []) options[pair.key] = evaluate(pair.value, state, false);
	// Whatever a helper throws (our argument errors, Intl's RangeError) is about this call's input.
	let problem = '';
	try {
		return helper.call(args, options, state.env);
	} catch (error) {
		problem = error instanceof Error ? error.message : String(error);
	}
	return fail(state, loc, `${name}: ${problem}`);
}

/** `soft`: in a condition, a path through a null value is simply false instead of an error. */
function evaluate(node: Expression, state: State, soft: boolean): unknown {
	switch (node.type) {
		case 'PathExpression':
			return lookup(node, state, soft);
		case 'SubExpression':
			return callOrLookup(node.path, node.params, node.hash, state, node.loc);
		default:
			return node.value;
	}
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

function lookup(path: PathExpression, state: State, soft: boolean): unknown {
	let current: unknown;
	let parts = path.parts;
	if (path.data) {
		const head = parts[0];
		if (head === 'root') {
			current = state.root;
			parts = parts.slice(1);
		} else {
			const frame = state.frames[state.frames.length - 1];
			if (!frame) fail(state, path.loc, `@${head} is only available inside {{#each}}`);
			return frame[head as keyof EachFrame];
		}
	} else {
		current = state.contexts[state.contexts.length - 1 - path.depth];
	}
	for (let i = 0; i < parts.length; i++) {
		const part = parts[i];
		if (current === null || current === undefined) {
			if (soft) return undefined;
			const prefix = parts.slice(0, i).join('.');
			fail(
				state,
				path.loc,
				`"${path.original}": ${prefix || 'this'} is ${current === null ? 'null' : 'missing'} here (guard it with {{#if ${prefix}}})`,
			);
		}
		if (FORBIDDEN.has(part) || (part in Object.prototype && !isOwn(current, part))) {
			fail(state, path.loc, `"${path.original}": access to "${part}" is not allowed`);
		}
		if (typeof current !== 'object' || !isOwn(current, part)) {
			fail(state, path.loc, `unknown variable "${path.original}"`);
		}
		current = (current as Record<string, unknown>)[part];
	}
	if (typeof current === 'function') {
		fail(state, path.loc, `"${path.original}" is a function, which templates cannot call`);
	}
	return current;
}

function isOwn(value: unknown, key: string): boolean {
	return (
		typeof value === 'object' && value !== null && Object.prototype.hasOwnProperty.call(value, key)
	);
}

function toOutput(value: unknown, path: Expression, state: State, loc: Location): string {
	if (value instanceof SafeHtml) return value.html;
	if (value === null || value === undefined) return '';
	if (typeof value === 'object') {
		const name = path.type === 'PathExpression' ? path.original : 'the value';
		fail(
			state,
			loc,
			`"${name}" is ${Array.isArray(value) ? 'a list' : 'an object'}: name one of its fields or use {{#each}}`,
		);
	}
	const text = String(value);
	return state.env.mode === 'html' ? escapeHtml(text) : text;
}

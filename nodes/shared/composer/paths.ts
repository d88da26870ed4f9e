import type { PathExpression } from './ast';
import { fail, type EachFrame, type RenderState } from './render';

/** Reads a value for the template at render time. */
export type Getter = (state: RenderState) => unknown;

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const hasOwn = Object.prototype.hasOwnProperty;

/**
 * A variable path, resolved once: where it starts (`@root`, the template's top, `this` or `../`) and its
 * names, split. Variables are strict (an unknown name is an error) and only own data properties are
 * readable, never prototypes or functions. `soft`: in a condition, a path through a null value is simply
 * false instead of an error. `scope` is the number of `#each`/`#with` around the path.
 */
export function compilePath(path: PathExpression, scope: number, soft: boolean): Getter {
	if (path.data && path.parts[0] !== 'root') {
		const head = path.parts[0] as keyof EachFrame;
		return (state) => {
			const frame = state.frames[state.frames.length - 1];
			if (!frame) fail(state, path.loc, `@${head} is only available inside {{#each}}`);
			return frame[head];
		};
	}
	const parts = path.data ? path.parts.slice(1) : path.parts;
	const forbidden = parts.map((part) => FORBIDDEN.has(part));
	const read = (state: RenderState, start: unknown): unknown => {
		let current = start;
		for (let i = 0; i < parts.length; i++) {
			if (current === null || current === undefined) {
				if (soft) return undefined;
				const prefix = parts.slice(0, i).join('.');
				fail(
					state,
					path.loc,
					`"${path.original}": ${prefix || 'this'} is ${current === null ? 'null' : 'missing'} here (guard it with {{#if ${prefix}}})`,
				);
			}
			const part = parts[i];
			if (forbidden[i] || typeof current !== 'object' || !hasOwn.call(current, part)) {
				refuse(state, path, part, forbidden[i]);
			}
			current = (current as Record<string, unknown>)[part];
		}
		if (typeof current === 'function') {
			fail(state, path.loc, `"${path.original}" is a function, which templates cannot call`);
		}
		return current;
	};
	// At the top (also when ../ climbs back to it) the context is the root: no stack to read.
	if (path.data || path.depth === scope) {
		if (parts.length !== 1 || forbidden[0]) return (state) => read(state, state.root);
		// The most common path, `{{amountDue}}`: a field of the root, read without the loop.
		const name = parts[0];
		return (state) => {
			const root = state.root;
			if (!hasOwn.call(root, name)) return read(state, root);
			const value = root[name];
			return typeof value === 'function' ? read(state, root) : value;
		};
	}
	const depth = path.depth;
	return (state) => read(state, state.contexts[state.contexts.length - 1 - depth]);
}

/** A name that is not an own data field: inherited names are refused as such, others are unknown. */
function refuse(state: RenderState, path: PathExpression, part: string, forbidden: boolean): never {
	if (forbidden || part in Object.prototype) {
		fail(state, path.loc, `"${path.original}": access to "${part}" is not allowed`);
	}
	return fail(state, path.loc, `unknown variable "${path.original}"`);
}

import { parse } from 'handlebars/dist/cjs/handlebars/compiler/base';

import { DunningInputError } from '../errors';
import { getOrCreate } from '../memo';
import type { Program } from './ast';
import { compiledProgram } from './compile';
import type { RenderMode } from './helpers';
import type { Body } from './render';
import { checkSubset } from './subset';

/**
 * Parsed, checked and compiled templates, keyed by mode and source text. Bounded so that a workflow
 * feeding a new template per item cannot grow memory without end; a hit moves the entry to the back
 * (least recently used goes first).
 */
const MAX_CACHED = 256;
type Caches = Record<RenderMode, Map<string, Body>>;
// One map per mode and per set of variables (the single-invoice and the per-customer data differ, and a
// template checked against one is not checked against the other), keyed by the source itself: a source is
// often the same string object on every call, so its hash is computed once (a concatenated key would be
// re-hashed, 15 kB a time).
const cachesByVariables = new Map<ReadonlySet<string>, Caches>();

function cachesFor(rootVariables: ReadonlySet<string>): Caches {
	return getOrCreate(cachesByVariables, rootVariables, () => ({
		html: new Map(),
		text: new Map(),
	}));
}

/**
 * Parses a template with Handlebars' own parser (which also applies `~` and standalone-line whitespace
 * control), checks it against the supported subset and compiles it to closures (never to code).
 */
export function parseTemplate(
	source: string,
	mode: RenderMode,
	field: string,
	rootVariables: ReadonlySet<string>,
): Body {
	const cache = cachesFor(rootVariables)[mode];
	const cached = cache.get(source);
	if (cached) {
		cache.delete(source);
		cache.set(source, cached);
		return cached;
	}
	let program: Program | undefined;
	let problem = '';
	try {
		program = parse(source) as Program;
	} catch (error) {
		problem = error instanceof Error ? error.message : String(error);
	}
	if (!program) {
		throw new DunningInputError(field, `not a valid template: ${problem.split('\n').join(' ')}`);
	}
	checkSubset(program, mode, field, rootVariables);
	const body = compiledProgram(program, mode);
	if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
	cache.set(source, body);
	return body;
}

/** A built-in tree, checked for one mode and set of variables, and its compiled form. */
interface CheckedBuiltin {
	mode: RenderMode;
	rootVariables: ReadonlySet<string>;
	body: Body;
}
// Per tree, one entry per mode and set of variables it was checked against (one or two in practice).
const checkedBuiltins = new WeakMap<Program, CheckedBuiltin[]>();

/**
 * A tree parsed at build time (a built-in template): checked against the subset on first use, like a
 * parsed template, so a built-in can never render what a custom template could not; then compiled.
 */
export function builtinBody(
	program: Program,
	mode: RenderMode,
	field: string,
	rootVariables: ReadonlySet<string>,
): Body {
	const checked = getOrCreate(checkedBuiltins, program, (): CheckedBuiltin[] => []);
	for (const entry of checked) {
		if (entry.mode === mode && entry.rootVariables === rootVariables) return entry.body;
	}
	checkSubset(program, mode, field, rootVariables);
	const body = compiledProgram(program, mode);
	checked.push({ mode, rootVariables, body });
	return body;
}

/** For tests: how many parsed templates are held. */
export function cachedTemplateCount(): number {
	let count = 0;
	for (const caches of cachesByVariables.values()) count += caches.html.size + caches.text.size;
	return count;
}

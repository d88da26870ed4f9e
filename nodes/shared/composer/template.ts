import { parse } from 'handlebars/dist/cjs/handlebars/compiler/base';

import { DunningInputError } from '../errors';
import type { Program } from './ast';
import type { RenderMode } from './helpers';
import { checkSubset } from './subset';

/**
 * Parsed and checked templates, keyed by mode and source text. Bounded so that a workflow feeding a new
 * template per item cannot grow memory without end; a hit moves the entry to the back (least recently used
 * goes first).
 */
const MAX_CACHED = 256;
type Caches = Record<RenderMode, Map<string, Program>>;
// One map per mode and per set of variables (the single-invoice and the per-customer data differ, and a
// template checked against one is not checked against the other), keyed by the source itself: a source is
// often the same string object on every call, so its hash is computed once (a concatenated key would be
// re-hashed, 15 kB a time).
const cachesByVariables = new Map<ReadonlySet<string>, Caches>();

function cachesFor(rootVariables: ReadonlySet<string>): Caches {
	let caches = cachesByVariables.get(rootVariables);
	if (!caches) {
		caches = { html: new Map(), text: new Map() };
		cachesByVariables.set(rootVariables, caches);
	}
	return caches;
}

/**
 * Parses a template with Handlebars' own parser (which also applies `~` and standalone-line whitespace
 * control) and checks it against the supported subset. Nothing is compiled to code.
 */
export function parseTemplate(
	source: string,
	mode: RenderMode,
	field: string,
	rootVariables: ReadonlySet<string>,
): Program {
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
	if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
	cache.set(source, program);
	return program;
}

// Built-in trees already checked, per mode and set of variables: the check runs once per process.
const checkedPrograms = new WeakMap<Program, Set<string>>();
const variableSetIds = new WeakMap<ReadonlySet<string>, number>();
let nextVariableSetId = 1;

/**
 * A tree parsed at build time (a built-in template): checked against the subset on first use, like a
 * parsed template, so a built-in can never render what a custom template could not. No parsing.
 */
export function checkedProgram(
	program: Program,
	mode: RenderMode,
	field: string,
	rootVariables: ReadonlySet<string>,
): Program {
	let setId = variableSetIds.get(rootVariables);
	if (setId === undefined) {
		setId = nextVariableSetId++;
		variableSetIds.set(rootVariables, setId);
	}
	const key = `${mode}:${setId}`;
	let checked = checkedPrograms.get(program);
	if (!checked) {
		checked = new Set();
		checkedPrograms.set(program, checked);
	}
	if (!checked.has(key)) {
		checkSubset(program, mode, field, rootVariables);
		checked.add(key);
	}
	return program;
}

/** For tests: how many parsed templates are held. */
export function cachedTemplateCount(): number {
	let count = 0;
	for (const caches of cachesByVariables.values()) count += caches.html.size + caches.text.size;
	return count;
}

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
// One map per mode, keyed by the source itself: a built-in's source is the same string object on every
// call, so its hash is computed once (a concatenated key would be re-hashed, 15 kB a time).
const caches: Record<RenderMode, Map<string, Program>> = { html: new Map(), text: new Map() };

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
	const cache = caches[mode];
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

/** For tests: how many parsed templates are held. */
export function cachedTemplateCount(): number {
	return caches.html.size + caches.text.size;
}

import { DunningInputError } from '../errors';
import type { Location } from './ast';
import type { HelperEnv, RenderMode } from './helpers';

/** The `@index`, `@key`, `@first` and `@last` of the innermost `{{#each}}`. */
export interface EachFrame {
	index: number;
	key: string | number;
	first: boolean;
	last: boolean;
}

/**
 * Everything one rendered part reads and writes. It is also the helpers' environment (`mode`, `language`,
 * `currency`, `sender`), so that no per-part copy of the environment is made.
 */
export interface RenderState extends HelperEnv {
	root: Record<string, unknown>;
	/** The template field errors name (`builtin:fr/friendly.text`, `template.html`). */
	field: string;
	/** Context stack: `this` is the last entry, `../` one below. */
	contexts: unknown[];
	frames: EachFrame[];
	out: string[];
}

/** A compiled template (or one of its blocks): writes its output to `state.out`. */
export type Body = (state: RenderState) => void;

export function createRenderState(
	root: Record<string, unknown>,
	env: Omit<HelperEnv, 'mode'>,
): RenderState {
	return {
		mode: 'text',
		language: env.language,
		currency: env.currency,
		sender: env.sender,
		root,
		field: '',
		contexts: [root],
		frames: [],
		out: [],
	};
}

export function fail(state: RenderState, loc: Location | undefined, problem: string): never {
	throw new DunningInputError(state.field, loc ? `line ${loc.start.line}: ${problem}` : problem);
}

/** Renders one part with a template compiled for `mode`. */
export function renderBody(
	body: Body,
	state: RenderState,
	mode: RenderMode,
	field: string,
): string {
	state.mode = mode;
	state.field = field;
	state.out = [];
	body(state);
	// One join: the parts are mostly long static strings, copied once into the result.
	return state.out.join('');
}

import { DunningInputError } from '../errors';
import type { BlockStatement, Expression, Hash, Location, Program, Statement } from './ast';
import { BLOCK_HELPERS, inlineHelper, isBlockHelper, type RenderMode } from './helpers';

/**
 * Checks a parsed template against the supported subset before it is ever rendered, so that an
 * unsupported construct fails on the first item with its line, not halfway through a batch:
 * variables and paths, `if`/`unless`/`each`/`with`/`ifPenalty` blocks with `else`, our inline helpers
 * (arguments, hash options, subexpressions), comments, whitespace control, and `{{{raw}}}` output in
 * the text part only. Variables at the top level are checked against `rootVariables` here too, so a typo
 * fails even inside a branch this invoice does not take.
 */
export function checkSubset(
	program: Program,
	mode: RenderMode,
	field: string,
	rootVariables: ReadonlySet<string>,
): void {
	const fail = (loc: Location | undefined, problem: string): never => {
		throw new DunningInputError(field, loc ? `line ${loc.start.line}: ${problem}` : problem);
	};

	const checkPath = (node: Expression, scope: number): void => {
		if (node.type === 'SubExpression') {
			checkHelperCall(node.path, node.params, node.hash, scope, node.loc, true);
			return;
		}
		if (node.type !== 'PathExpression') return;
		if (node.data) {
			const head = node.parts[0];
			if (head === 'root') {
				if (node.parts.length > 1 && !rootVariables.has(node.parts[1])) {
					fail(node.loc, `unknown variable "${node.original}"`);
				}
			} else if (!['index', 'key', 'first', 'last'].includes(head) || node.parts.length > 1) {
				fail(
					node.loc,
					`unknown data variable "${node.original}" (use @index, @key, @first, @last, @root)`,
				);
			}
			return;
		}
		if (node.depth > scope) fail(node.loc, `"${node.original}" goes above the top of the template`);
		// At the top level (or climbed back to it with ../) the first name must be a known variable.
		if (node.depth === scope && node.parts.length > 0 && !rootVariables.has(node.parts[0])) {
			fail(node.loc, `unknown variable "${node.original}"`);
		}
	};

	const checkArguments = (params: Expression[], hash: Hash | undefined, scope: number) => {
		for (const param of params) checkPath(param, scope);
		for (const pair of hash?.pairs ?? []) checkPath(pair.value, scope);
	};

	const helperName = (path: Expression): string | null =>
		path.type === 'PathExpression' && !path.data && path.depth === 0 && path.parts.length === 1
			? path.parts[0]
			: null;

	const checkHelperCall = (
		path: Expression,
		params: Expression[],
		hash: Hash | undefined,
		scope: number,
		loc: Location,
		required: boolean,
	): void => {
		const name = helperName(path);
		const helper = name === null ? undefined : inlineHelper(name);
		if (!helper) {
			if (name !== null && isBlockHelper(name)) {
				fail(loc, `{{${name}}} is a block helper: write {{#${name} ...}}...{{/${name}}}`);
			}
			if (path.type !== 'PathExpression')
				fail(loc, 'only a variable or one of our helpers can be written here');
			if (required || params.length > 0 || (hash?.pairs.length ?? 0) > 0) {
				fail(loc, `unknown helper "${path.type === 'PathExpression' ? path.original : ''}"`);
			}
			checkPath(path, scope);
			return;
		}
		if (params.length < helper.minArgs || params.length > helper.maxArgs) {
			fail(
				loc,
				`${name} takes ${describeArity(helper.minArgs, helper.maxArgs)}: {{${helper.usage}}}`,
			);
		}
		for (const pair of hash?.pairs ?? []) {
			if (!helper.hashKeys.includes(pair.key)) {
				fail(loc, `${name} has no option "${pair.key}": {{${helper.usage}}}`);
			}
		}
		checkArguments(params, hash, scope);
	};

	const checkBlock = (node: BlockStatement, scope: number): void => {
		// A raw block ({{{{name}}}}) is the only block whose opening has no strip flags.
		if (node.openStrip.open === undefined)
			fail(node.loc, 'raw blocks ({{{{...}}}}) are not supported');
		const name = helperName(node.path);
		if (name === null || !isBlockHelper(name)) {
			const shown = node.path.type === 'PathExpression' ? node.path.original : 'literal';
			fail(node.loc, `block {{#${shown}}} is not supported (blocks: ${BLOCK_HELPERS.join(', ')})`);
		}
		if (node.program?.blockParams || node.inverse?.blockParams) {
			fail(node.loc, 'block parameters (as |name|) are not supported');
		}
		const expected = name === 'ifPenalty' ? 0 : 1;
		if (node.params.length !== expected) {
			fail(node.loc, `{{#${name}}} takes ${expected === 0 ? 'no argument' : 'one argument'}`);
		}
		for (const pair of node.hash?.pairs ?? []) {
			if (!(pair.key === 'includeZero' && (name === 'if' || name === 'unless'))) {
				fail(node.loc, `{{#${name}}} has no option "${pair.key}"`);
			}
		}
		checkArguments(node.params, node.hash, scope);
		const inner = name === 'each' || name === 'with' ? scope + 1 : scope;
		if (node.program) checkProgram(node.program, inner);
		// The else branch of each/with runs in the outer context.
		if (node.inverse) checkProgram(node.inverse, scope);
	};

	const checkStatement = (node: Statement, scope: number): void => {
		switch (node.type) {
			case 'ContentStatement':
			case 'CommentStatement':
				return;
			case 'MustacheStatement':
				if (!node.escaped && mode === 'html') {
					fail(
						node.loc,
						'unescaped output ({{{...}}} or {{&...}}) is only allowed in the text part',
					);
				}
				checkHelperCall(node.path, node.params, node.hash, scope, node.loc, false);
				return;
			case 'BlockStatement':
				checkBlock(node, scope);
				return;
			case 'PartialStatement':
			case 'PartialBlockStatement':
				fail(node.loc, 'partials ({{> name}}) are not supported');
				return;
			case 'Decorator':
			case 'DecoratorBlock':
				fail(node.loc, 'decorators ({{* name}}) are not supported');
				return;
			default:
				fail(node.loc, `"${node.type}" is not supported`);
		}
	};

	const checkProgram = (node: Program, scope: number): void => {
		for (const statement of node.body) checkStatement(statement, scope);
	};

	checkProgram(program, 0);
}

function describeArity(min: number, max: number): string {
	if (max === 0) return 'no argument';
	if (min === max) return `${min} argument${min > 1 ? 's' : ''}`;
	return `${min} to ${max} arguments`;
}

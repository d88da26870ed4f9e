/**
 * Handlebars' parser alone (Jison grammar + whitespace control), without its compiler: importing this
 * module instead of `handlebars` keeps the code generator (which calls `new Function`) out of the bundle.
 */
declare module 'handlebars/dist/cjs/handlebars/compiler/base' {
	export function parse(input: string, options?: { srcName?: string }): unknown;
}

/**
 * The part of the Handlebars 4 syntax tree (spec/ast.md of handlebars.js) that the evaluator reads.
 * Nodes outside the supported subset are kept loosely typed so that `subset.ts` can name them.
 */
export interface Position {
	line: number;
	column: number;
}

export interface Location {
	start: Position;
}

export interface Program {
	type: 'Program';
	body: Statement[];
	blockParams?: string[];
}

export type Statement =
	| MustacheStatement
	| BlockStatement
	| ContentStatement
	| CommentStatement
	| OtherNode;

export interface MustacheStatement {
	type: 'MustacheStatement';
	path: Expression;
	params: Expression[];
	hash?: Hash;
	escaped: boolean;
	loc: Location;
}

export interface BlockStatement {
	type: 'BlockStatement';
	path: Expression;
	params: Expression[];
	hash?: Hash;
	program?: Program;
	inverse?: Program;
	openStrip: { open?: boolean };
	loc: Location;
}

export interface ContentStatement {
	type: 'ContentStatement';
	value: string;
}

export interface CommentStatement {
	type: 'CommentStatement';
}

/** Partials, decorators and anything a later Handlebars adds: refused by `subset.ts`. */
export interface OtherNode {
	type: 'PartialStatement' | 'PartialBlockStatement' | 'Decorator' | 'DecoratorBlock' | 'Unknown';
	loc?: Location;
	name?: Expression;
}

export type Expression = PathExpression | SubExpression | Literal;

export interface PathExpression {
	type: 'PathExpression';
	data: boolean;
	depth: number;
	parts: string[];
	original: string;
	loc: Location;
}

export interface SubExpression {
	type: 'SubExpression';
	path: Expression;
	params: Expression[];
	hash?: Hash;
	loc: Location;
}

export interface Literal {
	type: 'StringLiteral' | 'NumberLiteral' | 'BooleanLiteral' | 'NullLiteral' | 'UndefinedLiteral';
	value: string | number | boolean | null | undefined;
	original: unknown;
	loc: Location;
}

export interface Hash {
	pairs: { key: string; value: Expression }[];
}

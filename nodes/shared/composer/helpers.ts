import { isIsoDate } from '../dates';
import { describeValue } from '../errors';
import { normalizeCurrency } from '../money';
import {
	formatDate,
	formatMoney,
	formatPercent,
	formatRelativeDays,
	pluralCategory,
} from './format';
import type { ComposerLanguage } from './language';

/** The HTML part escapes every value; the subject and the text part are not HTML and escape nothing. */
export type RenderMode = 'html' | 'text';

/** Markup a helper built itself from escaped pieces: written to the HTML part as is. */
export class SafeHtml {
	constructor(readonly html: string) {}
}

export interface SenderView {
	name: string;
	email: string | null;
	phone: string | null;
	signature: string | null;
}

/** What a helper may know besides its arguments: one environment per rendered part. */
export interface HelperEnv {
	mode: RenderMode;
	language: ComposerLanguage;
	/** Default currency of `money` (the invoice's). */
	currency: string;
	sender: SenderView;
}

export interface InlineHelper {
	/** How it is called, for error messages and the README. */
	usage: string;
	minArgs: number;
	maxArgs: number;
	hashKeys: readonly string[];
	call(args: unknown[], hash: Record<string, unknown>, env: HelperEnv): unknown;
}

/** Thrown by a helper about its arguments; the evaluator adds the template field and line. */
export class HelperArgumentError extends Error {}

function integer(value: unknown, what: string): number {
	if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
		throw new HelperArgumentError(`${what} must be an integer, got ${describeValue(value)}`);
	}
	return value;
}

const HTML_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#x27;',
	'`': '&#x60;',
	'=': '&#x3D;',
};

/**
 * Reports (read in a browser, not an email client, never by the customer) escape only what HTML text and
 * quoted attributes need, and keep their characters as they are (`–` for "none").
 */
const REPORT_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;',
};

const WIDE = /[\u0100-\u{10ffff}]/u;
const WIDE_ALL = /[\u0100-\u{10ffff}]/gu;

/**
 * The characters Handlebars escapes, so values are also safe inside unquoted attributes; and characters above
 * U+00FF as numeric references, like the built-in HTML (scripts/build-templates.js): the email renders the
 * same, and its HTML is then stored by V8 one byte per character once read back from Latin-1 (a `replace`
 * result keeps the two-byte storage of its input, and one such piece makes the whole email two-byte).
 * Our n8n chain per 10k invoices: 1,659 ms with, 2,361 ms without (bench/README.md, issue 24).
 */
export function escapeHtml(text: string, style: 'email' | 'report' = 'email'): string {
	if (style === 'report') return text.replace(/[&<>"']/g, (char) => REPORT_ESCAPES[char]);
	const escaped = text.replace(/[&<>"'`=]/g, (char) => HTML_ESCAPES[char]);
	if (!WIDE.test(escaped)) return escaped;
	const html = escaped.replace(WIDE_ALL, (char) => `&#${char.codePointAt(0)};`);
	return Buffer.from(html, 'latin1').toString('latin1');
}

function signatureOf(sender: SenderView): { text: string; html: SafeHtml } {
	const lines =
		sender.signature !== null
			? sender.signature.split(/\r?\n/)
			: [sender.name, sender.email, sender.phone].filter((line): line is string => !!line);
	return {
		text: lines.join('\n'),
		html: new SafeHtml(lines.map((text) => escapeHtml(text)).join('<br>')),
	};
}

/**
 * Inline helpers, shared by the built-in and the custom templates. Null amounts and dates print nothing,
 * like a null variable; anything else of the wrong type is an error rather than a wrong email.
 */
export const INLINE_HELPERS: Readonly<Record<string, InlineHelper>> = {
	money: {
		usage: 'money amountMinor [currency]',
		minArgs: 1,
		maxArgs: 2,
		hashKeys: [],
		call([amount, currency], _hash, env) {
			if (amount === null || amount === undefined) return '';
			const code = currency === undefined ? env.currency : normalizeCurrency(currency, 'currency');
			return formatMoney(integer(amount, 'the amount (minor units)'), code, env.language);
		},
	},
	date: {
		usage: 'date isoDate',
		minArgs: 1,
		maxArgs: 1,
		hashKeys: [],
		call([date], _hash, env) {
			if (date === null || date === undefined) return '';
			if (!isIsoDate(date)) {
				throw new HelperArgumentError(`${describeValue(date)} is not a date (YYYY-MM-DD)`);
			}
			return formatDate(date, env.language);
		},
	},
	relativeDays: {
		usage: 'relativeDays daysOverdue',
		minArgs: 1,
		maxArgs: 1,
		hashKeys: [],
		call([days], _hash, env) {
			if (days === null || days === undefined) return '';
			return formatRelativeDays(integer(days, 'the number of days'), env.language);
		},
	},
	plural: {
		usage: 'plural count one="..." other="..." [many="..."]',
		minArgs: 1,
		maxArgs: 1,
		hashKeys: ['one', 'other', 'many'],
		call([count], hash, env) {
			const n = integer(count, 'the count');
			const category = pluralCategory(n, env.language);
			const word = hash[category] ?? hash.other;
			if (typeof word !== 'string') {
				throw new HelperArgumentError('needs other="..." (and one="..." for the singular)');
			}
			return `${n} ${word}`;
		},
	},
	percent: {
		usage: 'percent ratePercent',
		minArgs: 1,
		maxArgs: 1,
		hashKeys: [],
		call([rate], _hash, env) {
			if (typeof rate !== 'number' || !Number.isFinite(rate)) {
				throw new HelperArgumentError(`${describeValue(rate)} is not a rate in percent`);
			}
			return formatPercent(rate, env.language);
		},
	},
	signature: {
		usage: 'signature',
		minArgs: 0,
		maxArgs: 0,
		hashKeys: [],
		call(_args, _hash, env) {
			const signature = signatureOf(env.sender);
			return env.mode === 'html' ? signature.html : signature.text;
		},
	},
	eq: {
		usage: 'eq a b (in a subexpression: {{#if (eq tone "firm")}})',
		minArgs: 2,
		maxArgs: 2,
		hashKeys: [],
		call([a, b]) {
			return a === b;
		},
	},
};

/** Block helpers: the evaluator implements them, since they choose which part of the tree runs. */
export const BLOCK_HELPERS = ['if', 'unless', 'each', 'with', 'ifPenalty'] as const;
export type BlockHelperName = (typeof BLOCK_HELPERS)[number];

export function isBlockHelper(name: string): name is BlockHelperName {
	return (BLOCK_HELPERS as readonly string[]).includes(name);
}

export function inlineHelper(name: string): InlineHelper | undefined {
	return Object.prototype.hasOwnProperty.call(INLINE_HELPERS, name)
		? INLINE_HELPERS[name]
		: undefined;
}

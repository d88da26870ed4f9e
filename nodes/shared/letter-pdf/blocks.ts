/**
 * The composer's plain-text message read as the parts of a letter. The text is the wording source (one
 * template per tone for the email and the letter); this module only finds its structure, by what the
 * composer knows it wrote: the recipient lines, the salutation, the amounts it formatted.
 */

/** A line of a paragraph: running text, a list item (`- `) and its continuation, or an amount row. */
export type LetterLine =
	| { kind: 'text'; text: string; indent: 0 | 1; bullet: boolean }
	| { kind: 'row'; label: string; amount: string; total: boolean };

export type LetterBlock =
	| { kind: 'paragraph'; lines: LetterLine[] }
	/** The closing signature: kept on one page, with room above it to sign by hand. */
	| { kind: 'signature'; lines: string[] };

export interface LetterBody {
	/** The subject line: the text's own (before the salutation), else the label and the email subject. */
	subject: string;
	blocks: LetterBlock[];
}

export interface BodyContext {
	/** What the composer printed as the recipient block: it goes in the address window instead. */
	recipientLines: string[];
	salutation: string;
	/** Every amount the composer may have printed for these invoices, formatted as it formats them. */
	amounts: ReadonlySet<string>;
	/** Used when the text has no subject line of its own (the per-customer template). */
	fallbackSubject: string;
}

function trimEmpty(lines: string[]): string[] {
	let start = 0;
	let end = lines.length;
	while (start < end && lines[start].trim() === '') start++;
	while (end > start && lines[end - 1].trim() === '') end--;
	return lines.slice(start, end);
}

function paragraphsOf(text: string): string[][] {
	return text
		.replace(/\r\n?/g, '\n')
		.split(/\n[ \t]*\n/)
		.map((paragraph) => paragraph.split('\n').map((line) => line.replace(/\s+$/, '')))
		.map((lines) => trimEmpty(lines))
		.filter((lines) => lines.length > 0);
}

/**
 * "Total dû : 1 234,56 €" (French puts a space before the colon) or "Total due: €1,234.56": a label and
 * an amount the composer formatted. A sentence that merely ends with an amount has a full stop after it.
 */
function amountRow(
	line: string,
	amounts: ReadonlySet<string>,
): { label: string; amount: string } | null {
	const separator = line.lastIndexOf(': ');
	if (separator <= 0) return null;
	const amount = line.slice(separator + 2);
	if (!amounts.has(amount)) return null;
	const label = line.slice(0, separator).replace(/\s+$/, '');
	return label === '' ? null : { label, amount };
}

function linesOf(paragraph: string[], amounts: ReadonlySet<string>): LetterLine[] {
	const lines: LetterLine[] = paragraph.map((line) => {
		const row = amountRow(line, amounts);
		if (row) return { kind: 'row', ...row, total: false };
		if (line.startsWith('- '))
			return { kind: 'text', text: line.slice(2), indent: 1, bullet: true };
		if (/^\s+\S/.test(line)) return { kind: 'text', text: line.trim(), indent: 1, bullet: false };
		return { kind: 'text', text: line, indent: 0, bullet: false };
	});
	// The last row of a run of rows is its total ("Total dû"): printed bold under a rule.
	lines.forEach((line, index) => {
		const next = lines[index + 1];
		const previous = lines[index - 1];
		if (line.kind === 'row' && next?.kind !== 'row' && previous?.kind === 'row') line.total = true;
	});
	return lines;
}

function sameLines(a: string[], b: string[]): boolean {
	return a.length === b.length && a.every((line, index) => line.trim() === b[index].trim());
}

export function letterBody(text: string, context: BodyContext): LetterBody {
	let paragraphs = paragraphsOf(text);
	if (context.recipientLines.length > 0 && sameLines(paragraphs[0] ?? [], context.recipientLines)) {
		paragraphs = paragraphs.slice(1);
	}
	const salutationAt = paragraphs.findIndex((lines) => sameLines(lines, [context.salutation]));
	const beforeSalutation = salutationAt > 0 ? paragraphs.slice(0, salutationAt) : [];
	const subject =
		beforeSalutation.length > 0 ? beforeSalutation[0].join(' ') : context.fallbackSubject;
	const rest = salutationAt > 0 ? paragraphs.slice(salutationAt) : paragraphs;
	const blocks: LetterBlock[] = rest.map((lines, index) =>
		index === rest.length - 1 && rest.length > 1
			? { kind: 'signature', lines }
			: { kind: 'paragraph', lines: linesOf(lines, context.amounts) },
	);
	return { subject, blocks };
}

import { formatPercent } from '../composer/format';

/** A rate (0 to 1) in the reports' plain form, or `–` without one. */
export function formatRate(rate: number | null): string {
	return rate === null ? '–' : formatPercent(rate * 100, 'report');
}

export function formatNumber(value: number | null): string {
	return value === null ? '–' : String(value);
}

/**
 * One CSV cell: quoted when it holds a separator, a quote or a line break; text that a spreadsheet would run
 * as a formula (`=`, `+`, `-`, `@` first) is prefixed with an apostrophe.
 */
export function csvCell(value: unknown, text = true): string {
	let cell = value === null || value === undefined ? '' : String(value);
	if (text && /^[=+\-@\t\r]/.test(cell)) cell = `'${cell}`;
	return /[",\r\n;]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function csvRow(cells: Array<[unknown, boolean?]>): string {
	return cells.map(([value, text]) => csvCell(value, text ?? true)).join(',');
}

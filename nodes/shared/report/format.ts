import { minorToDecimalString } from '../money';

/** `1234567` EUR → `12,345.67 EUR`: grouped for reading, the currency code to stay unambiguous. */
export function formatMoney(minor: number, currency: string): string {
	const plain = minorToDecimalString(minor, currency);
	const negative = plain.startsWith('-');
	const [whole, fraction] = (negative ? plain.slice(1) : plain).split('.');
	const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`} ${currency}`;
}

export function formatPercent(rate: number | null): string {
	return rate === null ? '–' : `${Math.round(rate * 1000) / 10}%`;
}

export function formatNumber(value: number | null): string {
	return value === null ? '–' : String(value);
}

const HTML_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;',
};

export function escapeHtml(value: unknown): string {
	return String(value ?? '').replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
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

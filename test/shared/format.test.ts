import { formatMoney, formatPercent } from '../../nodes/shared/composer/format';
import { escapeHtml } from '../../nodes/shared/composer/helpers';

/** One formatter per rule (issue 23): the styles the letters, the reports and the penalty texts use. */
describe('formatPercent', () => {
	it('writes a legal rate with two to four decimals and a space, as the penalty texts quote it', () => {
		expect(formatPercent(8, 'rate')).toBe('8.00 %');
		expect(formatPercent(121500 / 10000, 'rate')).toBe('12.15 %');
		expect(formatPercent(101230 / 10000, 'rate')).toBe('10.123 %');
		expect(formatPercent(100001 / 10000, 'rate')).toBe('10.0001 %');
		expect(formatPercent(-1.5, 'rate')).toBe('-1.50 %');
	});

	it('writes a report share with one decimal and no space', () => {
		expect(formatPercent(12.345, 'report')).toBe('12.3%');
		expect(formatPercent(100, 'report')).toBe('100%');
	});

	it('writes a letter percentage in its language', () => {
		expect(formatPercent(12.15, 'en')).toBe('12.15%');
		expect(formatPercent(12.15, 'fr')).toBe('12,15\u00a0%');
	});
});

describe('formatMoney', () => {
	it('writes the reports plain form without a language, grouped by three with the ISO code', () => {
		expect(formatMoney(123456789, 'EUR', null)).toBe('1,234,567.89 EUR');
		expect(formatMoney(-1200, 'JPY', null)).toBe('-1,200 JPY');
	});
});

describe('escapeHtml', () => {
	it('escapes a report value for HTML text and keeps its characters', () => {
		expect(escapeHtml(`<a href="x">'–'</a> & =`, 'report')).toBe(
			'&lt;a href=&quot;x&quot;&gt;&#39;–&#39;&lt;/a&gt; &amp; =',
		);
	});

	it('escapes an email value as Handlebars does, characters above U+00FF as references', () => {
		expect(escapeHtml(`'–' =`)).toBe('&#x27;&#8211;&#x27; &#x3D;');
	});
});

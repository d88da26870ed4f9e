import {
	currencyExponent,
	decimalToMinor,
	DunningInputError,
	minorToDecimalString,
	normalizeCurrency,
} from '../../nodes/shared/internal';

describe('currencies (ISO 4217 table)', () => {
	it('knows the exponent of two-, zero- and three-decimal currencies', () => {
		expect(currencyExponent('EUR')).toBe(2);
		expect(currencyExponent('JPY')).toBe(0);
		expect(currencyExponent('KWD')).toBe(3);
		expect(currencyExponent('CLF')).toBe(4);
	});

	it('normalises case and refuses unknown or non-money codes', () => {
		expect(normalizeCurrency('eur')).toBe('EUR');
		expect(() => normalizeCurrency('ABC', 'invoice.currency')).toThrow(
			'invoice.currency: "ABC" is not a known ISO 4217 currency',
		);
		expect(() => normalizeCurrency('XAU')).toThrow(DunningInputError);
		expect(() => normalizeCurrency('XXX')).toThrow(DunningInputError);
		expect(() => normalizeCurrency(42)).toThrow('currency: 42 is not an ISO 4217 currency code');
	});
});

describe('decimalToMinor', () => {
	it('converts without floating-point error where ×100 would fail', () => {
		expect(1187.34 * 100).not.toBe(118734);
		expect(decimalToMinor(1187.34, 'GBP', 'TotalAmt')).toBe(118734);
		expect(decimalToMinor('1234.56', 'EUR', 'x')).toBe(123456);
		expect(decimalToMinor(0.1 + 0.2 === 0.3 ? 0 : 0.3, 'EUR', 'x')).toBe(30);
		expect(decimalToMinor(4.35, 'EUR', 'x')).toBe(435);
	});

	it('follows the exponent of the currency', () => {
		expect(decimalToMinor(275000, 'JPY', 'x')).toBe(275000);
		expect(decimalToMinor('1.234', 'KWD', 'x')).toBe(1234);
		expect(decimalToMinor('12.5', 'EUR', 'x')).toBe(1250);
		expect(decimalToMinor('12.500', 'EUR', 'x')).toBe(1250);
		expect(decimalToMinor(2880, 'GBP', 'x')).toBe(288000);
	});

	it('refuses more decimals than the currency has, negatives, and non-numbers', () => {
		expect(() => decimalToMinor('12.345', 'EUR', 'Balance')).toThrow(
			'Balance: "12.345" has more decimals than EUR allows (2)',
		);
		expect(() => decimalToMinor(1.5, 'JPY', 'x')).toThrow('more decimals than JPY allows (0)');
		expect(() => decimalToMinor(-5, 'EUR', 'amount')).toThrow('amount: -5 is negative');
		expect(decimalToMinor(-5, 'EUR', 'amount', { allowNegative: true })).toBe(-500);
		expect(() => decimalToMinor('abc', 'EUR', 'x')).toThrow('is not a decimal amount');
		expect(() => decimalToMinor(Number.NaN, 'EUR', 'x')).toThrow('not a finite amount');
		expect(() => decimalToMinor(null, 'EUR', 'x')).toThrow('x: null is not a decimal amount');
		expect(() => decimalToMinor(1e-7, 'EUR', 'x')).toThrow('more decimals');
	});

	it('stays exact up to 10^12 minor units and refuses what cannot be exact', () => {
		expect(decimalToMinor('9999999999.99', 'EUR', 'x')).toBe(999999999999);
		expect(decimalToMinor('10000000000', 'EUR', 'x')).toBe(1_000_000_000_000);
		expect(() => decimalToMinor('900719925474099.93', 'EUR', 'x')).toThrow('too large to be exact');
		expect(() => decimalToMinor(1e21, 'EUR', 'x')).toThrow('too large');
	});
});

describe('minorToDecimalString', () => {
	it('writes minor units back as a plain decimal', () => {
		expect(minorToDecimalString(123456, 'EUR')).toBe('1234.56');
		expect(minorToDecimalString(5, 'EUR')).toBe('0.05');
		expect(minorToDecimalString(-5, 'EUR')).toBe('-0.05');
		expect(minorToDecimalString(275000, 'JPY')).toBe('275000');
		expect(minorToDecimalString(1234, 'KWD')).toBe('1.234');
	});
});

import { DunningInputError } from '../../nodes/shared/internal';

describe('DunningInputError', () => {
	it('is recognised by instanceof when thrown by a separately loaded copy of the core module', () => {
		let OtherCopy: typeof DunningInputError | undefined;
		jest.isolateModules(() => {
			type ErrorsModule = typeof import('../../nodes/shared/errors');
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const loaded = require('../../nodes/shared/errors') as ErrorsModule;
			OtherCopy = loaded.DunningInputError;
		});
		expect(OtherCopy).toBeDefined();
		expect(OtherCopy).not.toBe(DunningInputError);
		const thrown = new OtherCopy!('invoice.dueDate', 'is not a date');
		expect(thrown instanceof DunningInputError).toBe(true);
		expect(new DunningInputError('a', 'b') instanceof OtherCopy!).toBe(true);
	});

	it('is not claimed by instanceof for a plain Error or a look-alike object', () => {
		const lookAlike = Object.assign(new Error('x: y'), { name: 'DunningInputError', field: 'x' });
		expect(lookAlike instanceof DunningInputError).toBe(false);
		expect(new TypeError('x') instanceof DunningInputError).toBe(false);
		const nothing: unknown = null;
		expect(nothing instanceof DunningInputError).toBe(false);
	});

	it('names the field at the start of its message and keeps it as a property', () => {
		const error = new DunningInputError(
			'invoice.dueDate',
			'"2026-13-01" is not a date (YYYY-MM-DD)',
		);
		expect(error.message).toBe('invoice.dueDate: "2026-13-01" is not a date (YYYY-MM-DD)');
		expect(error.field).toBe('invoice.dueDate');
		expect(error).toBeInstanceOf(Error);
	});
});

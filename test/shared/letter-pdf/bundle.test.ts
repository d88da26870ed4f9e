// The letter is bundled on its own (gulpfile.js): its core.ts is pointed at the core bundle, internal.js. A name
// core.ts exports and internal.ts does not would be undefined in the built letter: checked here on the sources.
import * as letterCore from '../../../nodes/shared/letter-pdf/core';
import * as internal from '../../../nodes/shared/internal';

describe('the letter bundle reaches the core through internal.ts', () => {
	it('every value nodes/shared/letter-pdf/core.ts exports is the same value in nodes/shared/internal.ts', () => {
		const names = Object.keys(letterCore);
		expect(names.length).toBeGreaterThan(5);
		const missing = names.filter(
			(name) =>
				(internal as Record<string, unknown>)[name] !==
				(letterCore as Record<string, unknown>)[name],
		);
		expect(missing).toEqual([]);
	});

	it('internal.ts loads the letter lazily: loadLetterPdf returns the letter module with renderLetterPdf', () => {
		expect(typeof internal.loadLetterPdf().renderLetterPdf).toBe('function');
	});
});

import type * as LetterPdfModule from './letter-pdf';

/**
 * The letter core, loaded on first use. pdf-lib, fontkit and the embedded font weigh more than the rest of the
 * package together, so the build puts them in a bundle of their own (dist/nodes/shared/letter-pdf.js) that
 * this `require` reaches; a workflow that renders no letter never loads it. Node caches the module: the cost
 * is paid once per process.
 */
export function loadLetterPdf(): typeof LetterPdfModule {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require('./letter-pdf') as typeof LetterPdfModule;
}

/** The letter core (issue 20): the composer's message for a customer laid out as an A4 PDF letter. */
export {
	renderLetterPdf,
	wrapText,
	type LetterInput,
	type LetterMessage,
	type LetterPdf,
	type LetterSenderAddress,
} from './render';
export { letterBody, type LetterBlock, type LetterBody, type LetterLine } from './blocks';
export { LETTER_WORDS, type LetterWords } from './words';

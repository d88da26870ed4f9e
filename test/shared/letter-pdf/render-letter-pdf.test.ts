// The letter's bytes (same input, same bytes; pinned dates) and its refusals. What it says, read back with
// pdftotext, is in render-letter-pdf.integration.test.ts.
import { createHash } from 'node:crypto';

import { DunningInputError } from '../../../nodes/shared/errors';
import { PDFDocument } from 'pdf-lib';

import { renderLetterPdf } from '../../../nodes/shared/letter-pdf';
import { frPenalty, letterInput, letterInvoice } from './fixtures';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('renderLetterPdf: the formal notice as an A4 letter', () => {
	it('gives the same bytes for the same input, and other bytes for another date', async () => {
		const first = await renderLetterPdf(letterInput());
		const second = await renderLetterPdf(letterInput());
		expect(sha256(second.pdf)).toBe(sha256(first.pdf));
		const later = await renderLetterPdf(letterInput({ date: '2026-12-05' }));
		expect(sha256(later.pdf)).not.toBe(sha256(first.pdf));
	});

	it('pins the PDF dates to the letter date and the producer, with no pdf-lib default left', async () => {
		const { pdf } = await renderLetterPdf(letterInput());
		const raw = Buffer.from(pdf).toString('latin1');
		const loaded = await PDFDocument.load(pdf, { updateMetadata: false });
		expect(loaded.getCreationDate()?.toISOString()).toBe('2026-12-04T00:00:00.000Z');
		expect(loaded.getModificationDate()?.toISOString()).toBe('2026-12-04T00:00:00.000Z');
		expect(loaded.getProducer()).toBe('n8n-nodes-dunning (pdf-lib 1.17.1, DejaVu Sans)');
		expect(loaded.getTitle()).toBe('Objet : mise en demeure de payer - facture n° F-2026-001');
		expect(raw).toMatch(/\/ID \[ <[0-9A-F]{32}> <[0-9A-F]{32}> \]/);
		expect(raw).toContain('/BaseFont /DLTRAA+DejaVuSans');
		expect(raw).toContain('/Lang (fr)');
	});

	it('refuses an address too long for the window, naming the field', async () => {
		const invoice = letterInvoice({
			customer: {
				address: {
					lines: Array.from({ length: 8 }, (_, index) => `Bâtiment ${index + 1}`),
					postalCode: '69002',
					city: 'Lyon',
					region: null,
					country: 'FR',
				},
			},
		});
		await expect(
			renderLetterPdf(letterInput({ invoices: [invoice], penalties: [frPenalty(invoice)] })),
		).rejects.toThrow(/invoices\[0\]\.customer\.address: takes \d+ lines/);
	});

	it('refuses a customer without a postal address, and the internal tone', async () => {
		const invoice = letterInvoice({ customer: { address: null } });
		await expect(renderLetterPdf(letterInput({ invoices: [invoice] }))).rejects.toBeInstanceOf(
			DunningInputError,
		);
		await expect(
			renderLetterPdf(letterInput({ tone: 'internal', decisions: undefined })),
		).rejects.toThrow(/^tone: /);
	});
});

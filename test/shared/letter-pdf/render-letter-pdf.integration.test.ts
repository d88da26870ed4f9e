// The letter as printed: its text read back with poppler's pdftotext and page 1 rendered to PNG (poppler-utils,
// installed by scripts/ci/services.sh): integration tests, run by CI. The bytes and refusals: render-letter-pdf.test.ts.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { composeCustomerReminder } from '../../../nodes/shared/composer/customer';
import { formatMoney } from '../../../nodes/shared/composer/format';

import { renderLetterPdf } from '../../../nodes/shared/letter-pdf';
import { frPenalty, letterInput, letterInvoice, pdfText, renderPng } from './fixtures';

/** pdftotext writes the no-break spaces Intl puts in amounts as they are; compare on plain spaces too. */
const spaces = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('renderLetterPdf: the formal notice as printed', () => {
	it('prints the sender, the window address, place and date, the LRAR mention and the subject, with accents', async () => {
		const letter = await renderLetterPdf(letterInput());
		const text = pdfText(letter.pdf);
		for (const expected of [
			'Boulangerie Martin SAS',
			'8 place Bellecour',
			'Atelier Vauclair SARL',
			'12 rue de l’Église',
			'Lyon, le 4 décembre 2026',
			'Lettre recommandée avec accusé de réception',
			'Objet : mise en demeure de payer - facture n° F-2026-001',
			'Veuillez agréer, Madame, Monsieur, l’expression de nos salutations distinguées.',
		]) {
			expect(text).toContain(expected);
		}
		expect(letter.fileName).toBe('mise-en-demeure-F-2026-001.pdf');
		expect(letter.language).toBe('fr');
		expect(letter.pageCount).toBe(1);
	});

	it('prints every amount of the email (principal, each penalty period, compensation, total) with €', async () => {
		const input = letterInput();
		const email = composeCustomerReminder(input);
		const letter = await renderLetterPdf(input);
		const text = spaces(pdfText(letter.pdf));
		const invoice = input.invoices[0];
		const penalty = frPenalty(invoice);
		const amounts = [
			invoice.dueMinor,
			...penalty.periods.map((period) => period.interestMinor),
			penalty.compensationMinor,
			invoice.dueMinor + penalty.totalMinor,
		].map((minor) => formatMoney(minor, 'EUR', 'fr'));
		for (const amount of amounts) {
			expect(email.text).toContain(amount);
			expect(text).toContain(spaces(amount));
		}
		expect(spaces(amounts[amounts.length - 1])).toBe('1 253,05 €');
		expect(letter.text).toBe(email.text);
	});

	it.each([
		[
			'en',
			'Re: formal notice to pay - invoice F-2026-001',
			'Recorded delivery with proof of receipt',
			'Yours faithfully,',
			'€1,253.05',
		],
		[
			'de',
			'Letzte Mahnung - Rechnung F-2026-001',
			'Einschreiben mit Rückschein',
			'Mit freundlichen Grüßen',
			'1.253,05 €',
		],
		[
			'es',
			'Asunto: requerimiento formal de pago - factura n.º F-2026-001',
			'Carta certificada con acuse de recibo',
			'Atentamente,',
			'1253,05 €',
		],
	])(
		'writes the letter in %s from the composer’s text for the tone',
		async (language, subject, mention, closing, total) => {
			const input = letterInput({ language });
			const letter = await renderLetterPdf(input);
			const text = spaces(pdfText(letter.pdf));
			expect(text).toContain(subject);
			expect(text).toContain(mention);
			expect(text).toContain(closing);
			expect(text).toContain(total);
			expect(letter.subject).toBe(subject);
			renderPng(letter.pdf, `formal-notice-${language}`, 60);
		},
	);

	it('renders page 1 to PNG for a person to look at (.artifacts/letters/formal-notice-fr.png)', async () => {
		const letter = await renderLetterPdf(letterInput());
		const png = renderPng(letter.pdf, 'formal-notice-fr');
		expect(png).toMatch(/formal-notice-fr\.png$/);
		if (process.env.UPDATE_SCREENSHOT) {
			const docs = join(__dirname, '..', '..', '..', 'docs', 'screenshots');
			mkdirSync(docs, { recursive: true });
			copyFileSync(
				renderPng(letter.pdf, 'formal-notice-letter', 60),
				join(docs, 'formal-notice-letter.png'),
			);
		}
	});

	// A formal notice names one invoice (the composer composes it alone); a firm letter may list many.
	it('lists many invoices of one customer (firm letter) over several pages, each page numbered', async () => {
		const invoices = Array.from({ length: 24 }, (_, index) =>
			letterInvoice({
				id: `inv-${index + 1}`,
				number: `F-2026-${String(index + 1).padStart(3, '0')}`,
				dueMinor: 10000 + index * 1234,
				totalMinor: 10000 + index * 1234,
				paymentUrl: `https://pay.example/inv-${index + 1}`,
			}),
		);
		const letter = await renderLetterPdf(
			letterInput({
				invoices,
				tone: 'firm',
				decisions: undefined,
				penalties: invoices.map(frPenalty),
			}),
		);
		expect(letter.pageCount).toBeGreaterThan(1);
		const text = spaces(pdfText(letter.pdf));
		expect(text).toContain(`Page 1 / ${letter.pageCount}`);
		expect(text).toContain(`Page ${letter.pageCount} / ${letter.pageCount}`);
		for (const invoice of invoices) expect(text).toContain(`Facture n° ${invoice.number}`);
		// The per-customer text has no subject line: the letter puts the label before the email's subject.
		expect(letter.subject.startsWith('Objet : ')).toBe(true);
		expect(letter.fileName).toBe('mise-en-demeure-F-2026-001-et-23.pdf');
		renderPng(letter.pdf, 'formal-notice-many', 60);
	});

	it('wraps a long address inside the window and adds the country for a customer abroad', async () => {
		const invoice = letterInvoice({
			customer: {
				name: 'Compañía Internacional de Distribución de Productos Alimentarios S.L.',
				country: 'ES',
				address: {
					lines: ['Polígono Industrial Nuestra Señora de la Paloma, nave 14'],
					postalCode: '28045',
					city: 'Madrid',
					region: null,
					country: 'ES',
				},
			},
		});
		const letter = await renderLetterPdf(
			letterInput({ invoices: [invoice], penalties: [frPenalty(invoice)] }),
		);
		const text = pdfText(letter.pdf);
		expect(text).toContain('ESPAGNE');
		expect(text).toContain('28045 Madrid');
		expect(text).toContain('Compañía Internacional');
	});

	it('prints the electronic registered letter mention, or none, on request', async () => {
		const lre = pdfText((await renderLetterPdf(letterInput({ delivery: 'electronic' }))).pdf);
		expect(lre).toContain('Lettre recommandée électronique');
		const plain = pdfText((await renderLetterPdf(letterInput({ delivery: 'none' }))).pdf);
		expect(plain).not.toContain('Lettre recommandée');
	});
});

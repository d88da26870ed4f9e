// What the Reminder Composer's letter says, read back with poppler's pdftotext, and the letter rendered to PNG
// for a person to look at: integration tests (poppler-utils, installed by scripts/ci/services.sh), run by CI.
import { pdfText, renderPng } from '../../shared/letter-pdf/fixtures';
import { frenchAmounts, noticeItem, plainSpaces, run, type Json } from './channels-fixtures';

describe('Reminder Composer: the formal notice letter as printed (issue 20)', () => {
	it('renders the node’s letter to PNG (.artifacts/letters/composer-node-letter.png)', async () => {
		const [out] = (await run([noticeItem()])).outputOf('Reminder Composer');
		const png = renderPng(Buffer.from(out.binary!.letter.data, 'base64'), 'composer-node-letter');
		expect(png).toMatch(/composer-node-letter\.png$/);
	});

	it('the PDF’s text (pdftotext) states exactly the amounts of the email, each as many times', async () => {
		const result = await run([noticeItem()]);
		const [out] = result.outputOf('Reminder Composer');
		const email = (out.json as Json).reminder.text as string;
		const text = pdfText(Buffer.from(out.binary!.letter.data, 'base64'));
		const amounts = frenchAmounts(email);
		// Principal, interest, compensation, total: the statutory penalty table.
		expect(amounts.length).toBeGreaterThanOrEqual(4);
		// Sorted: the amount column of the penalty table is extracted beside its labels, not in reading order.
		expect(frenchAmounts(text).sort()).toEqual(amounts.sort());
		expect(plainSpaces(text)).toContain('Lettre recommandée avec accusé de réception');
		expect(plainSpaces(text)).toContain('Lyon, le 4 décembre 2026');
		expect(plainSpaces(text)).toContain('12 rue de l’Église');
	});

	it('the letter of a custom template says word for word what the email says', async () => {
		const result = await run([noticeItem()], {
			customTemplate: true,
			subjectTemplate: 'Mise en demeure : facture {{number}}',
			textTemplate:
				'{{salutation}}\n\nLa facture {{number}} de {{amountDue}} reste impayée. Réglez-la sous huit jours.\n\nLa direction',
		});
		expect(result.error).toBeUndefined();
		const [out] = result.outputOf('Reminder Composer');
		const text = plainSpaces(pdfText(Buffer.from(out.binary!.letter.data, 'base64')));
		expect(text).toContain('La facture F-2026-042 de 1 200,00 € reste impayée.');
		expect(text).toContain('Mise en demeure : facture F-2026-042');
	});
});

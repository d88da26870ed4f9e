// The German and Spanish built-in templates (issue 4: "German and Spanish are welcome"), single and per
// customer, with their formatting. Their HTML is the French and English layout (snapshotted once per template in
// builtin-templates and compose-customer-reminder); here the text parts are snapshotted.
import { composeCustomerReminder, composeReminder } from '../../../nodes/shared/composer';
import { TONES } from '../../../nodes/shared/scenario/types';
import { composeInput, frPenalty, overdueInvoice, sender } from './fixtures';
import { decodeReferences } from '../../helpers/html';

const NBSP = '\u00a0';

const FORMATS = {
	de: { amount: `1.234,56${NBSP}€`, date: '15. November 2026', late: '11 Tage überfällig' },
	es: { amount: `1234,56${NBSP}€`, date: '15 de noviembre de 2026', late: '11 días de retraso' },
} as const;

describe.each(['de', 'es'] as const)('%s', (language) => {
	for (const tone of TONES) {
		test(`single invoice, ${tone}`, () => {
			const reminder = composeReminder(composeInput({ language, tone, penalty: frPenalty }));
			expect(reminder.templateId).toBe(`builtin:${language}/${tone}`);
			expect(reminder.subject).toMatchSnapshot('subject');
			expect(reminder.text).toMatchSnapshot('text');
			for (const part of [reminder.text, decodeReferences(reminder.html)]) {
				expect(part).toContain('F-2026-0142');
				expect(part).toContain(FORMATS[language].amount);
				expect(part).toContain(FORMATS[language].date);
				expect(part).toContain(FORMATS[language].late);
			}
			expect(reminder.html).toContain(`<html lang="${language}"`);
		});

		test(`per customer, ${tone}`, () => {
			const invoices = [
				overdueInvoice(),
				overdueInvoice({
					id: 'in_2',
					number: 'F-2026-0120',
					currency: 'USD',
					dueDate: '2026-11-01',
				}),
			];
			// A formal notice is never grouped (issue 19 #4): its message is a group of one.
			const count = tone === 'formal_notice' ? 1 : 2;
			const reminder = composeCustomerReminder({
				invoices: invoices.slice(0, count),
				tones: [tone, tone].slice(0, count),
				language,
				sender,
				penalties: [frPenalty, null].slice(0, count),
			});
			expect(reminder.templateId).toBe(
				count === 1 ? `builtin:${language}/${tone}` : `builtin:${language}/customer/${tone}`,
			);
			expect(reminder.subject).toMatchSnapshot('subject');
			expect(reminder.text).toMatchSnapshot('text');
			expect(reminder.text).toContain(FORMATS[language].amount);
		});
	}

	test('singular and plural of days', () => {
		const one = composeReminder(composeInput({ language, daysOverdue: 1, tone: 'notice' })).text;
		const ahead = composeReminder(composeInput({ language, daysOverdue: -3, tone: 'notice' })).text;
		expect(one).toContain(language === 'de' ? '(1 Tag überfällig)' : '(1 día de retraso)');
		expect(ahead).toContain(language === 'de' ? '(fällig in 3 Tagen)' : '(vence en 3 días)');
	});

	test('the formal notice states the statutory penalty', () => {
		const { text } = composeReminder(
			composeInput({ language, tone: 'formal_notice', penalty: frPenalty }),
		);
		expect(text).toContain(`40,00${NBSP}€`);
		expect(text).toContain(
			language === 'de'
				? 'Art. L. 441-10 II des französischen Handelsgesetzbuchs'
				: 'artículo L. 441-10, II del Código de Comercio francés',
		);
		expect(text).toContain(`12,4${NBSP}%`);
	});
});

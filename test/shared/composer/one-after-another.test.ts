import { composeReminder } from '../../../nodes/shared/composer';
import { formatRelativeDays } from '../../../nodes/shared/composer/format';
import { composeInput, overdueInvoice, sender } from './fixtures';

// What one rendering must not carry into the next, and the phrases of relative days.

describe('relative days', () => {
	test('in each language, singular and plural', () => {
		expect(formatRelativeDays(1, 'fr')).toBe('1 jour de retard');
		expect(formatRelativeDays(-3, 'en')).toBe('due in 3 days');
		expect(formatRelativeDays(0, 'de')).toBe('heute fällig');
		expect(formatRelativeDays(2, 'es')).toBe('2 días de retraso');
	});
});

describe('one rendering after another', () => {
	test('the subject is made one line, whether or not it needs it', () => {
		const template = (subject: string) => ({ subject, text: 'x' });
		const subjectOf = (subject: string) =>
			composeReminder(composeInput({ template: template(subject) })).subject;
		expect(subjectOf('Facture {{number}}')).toBe('Facture F-2026-0142');
		expect(subjectOf(' Facture  {{number}} ')).toBe('Facture F-2026-0142');
		expect(subjectOf('Facture\t{{number}}\n')).toBe('Facture F-2026-0142');
		expect(subjectOf('Facture\u00a0{{number}}')).toBe('Facture F-2026-0142');
	});

	test('a new sender gets its own signature, a new template its own id', () => {
		const first = composeReminder(composeInput());
		const other = composeReminder(
			composeInput({ sender: { ...sender, name: 'Autre <Studio>', email: undefined } }),
		);
		expect(other.text).toContain('Autre <Studio>\n+33 1 84 60 12 34');
		expect(other.html).toContain('Autre &lt;Studio&gt;<br>+33 1 84 60 12 34');
		expect(composeReminder(composeInput()).text).toBe(first.text);

		const a = composeReminder(composeInput({ template: { subject: 'A', text: 'a' } }));
		const b = composeReminder(composeInput({ template: { subject: 'A', text: 'b' } }));
		expect(a.templateId).not.toBe(b.templateId);
		expect(
			composeReminder(composeInput({ template: { subject: 'A', text: 'a' } })).templateId,
		).toBe(a.templateId);
	});

	test('each skips the holes of a sparse list, keeping their index', () => {
		const sentStepIds = ['d7', 'd14', 'd21'];
		delete sentStepIds[1];
		const invoice = overdueInvoice({ dunning: { ...overdueInvoice().dunning, sentStepIds } });
		const { text } = composeReminder(
			composeInput({
				invoice,
				template: {
					subject: 's',
					text: '{{#each sentStepIds}}{{@index}}={{this}}{{#if @last}}.{{/if}} {{/each}}',
				},
			}),
		);
		expect(text).toBe('0=d7 2=d21. ');
	});
});

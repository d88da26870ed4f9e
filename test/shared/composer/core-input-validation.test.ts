// Issue 19 (#10): the composer helpers exported by the core check their arguments, and a template set that went
// through a copy (JSON, a clone) still renders exactly like the one `resolveTemplateSet` made.
import {
	DunningInputError,
	composeReminder,
	firmestTone,
	formatMoney,
	renderTemplateSet,
	resolveTemplateSet,
} from '../../../nodes/shared/internal';
import { buildTemplateData, validateSender } from '../../../nodes/shared/composer/context';
import { normalizeInvoice } from '../../../nodes/shared/invoice';
import { composeInput, frPenalty } from './fixtures';

const env = {
	language: 'en' as const,
	currency: 'EUR',
	sender: { name: 'Accounts', email: null, phone: null, signature: null },
};
const data = { customerName: 'Atelier' };
const custom = { subject: 'Invoice for {{customerName}}', text: 'Dear {{customerName}}' };

function fieldOf(call: () => unknown): string | null {
	try {
		call();
		return null;
	} catch (error) {
		if (error instanceof DunningInputError) return error.field;
		throw error;
	}
}

test('renderTemplateSet renders a JSON copy of a built-in set exactly like the original (and like composeReminder)', () => {
	const input = composeInput({ tone: 'firm', penalty: frPenalty, daysOverdue: 5 });
	const sender = validateSender(input.sender, 'fr');
	const invoice = normalizeInvoice(input.invoice, 'invoice');
	const full = buildTemplateData({
		invoice,
		stepId: 'd7',
		tone: 'firm',
		language: 'fr',
		sender,
		penalty: frPenalty,
		daysOverdue: 5,
		brokenPromiseOn: null,
	});
	const fr = { language: 'fr' as const, currency: invoice.currency, sender };
	const set = resolveTemplateSet(undefined, 'fr', 'firm');
	const copy = JSON.parse(JSON.stringify(set)) as typeof set;
	const rendered = renderTemplateSet(set, full, fr);
	expect(renderTemplateSet(copy, full, fr)).toEqual(rendered);
	const composed = composeReminder(input);
	expect([rendered.subject, rendered.text, rendered.html]).toEqual([
		composed.subject,
		composed.text,
		composed.html,
	]);
});

test('renderTemplateSet reads a copied built-in set from its sources, not from its altered syntax tree', () => {
	const set = resolveTemplateSet(undefined, 'en', 'reminder');
	const copy = { ...set, programs: { subject: null, text: 7, html: {} } } as unknown as typeof set;
	// The built-in needs the full data: the error comes from rendering its sources, naming the template field.
	expect(fieldOf(() => renderTemplateSet(copy, data, env))).toBe('builtin:en/reminder.subject');
});

test('renderTemplateSet names the argument at fault: set part, data, env language, currency and sender', () => {
	const set = resolveTemplateSet(custom, 'en', 'reminder');
	expect(fieldOf(() => renderTemplateSet({ ...set, text: 3 } as never, data, env))).toBe(
		'set.text',
	);
	expect(fieldOf(() => renderTemplateSet(set, null as never, env))).toBe('data');
	expect(fieldOf(() => renderTemplateSet(set, data, { ...env, language: 'it' } as never))).toBe(
		'env.language',
	);
	expect(fieldOf(() => renderTemplateSet(set, data, { ...env, currency: 'EURO' }))).toBe(
		'env.currency',
	);
	expect(fieldOf(() => renderTemplateSet(set, data, { ...env, sender: null } as never))).toBe(
		'env.sender',
	);
});

test('resolveTemplateSet refuses an unknown language or tone for a built-in set, naming it', () => {
	expect(fieldOf(() => resolveTemplateSet(null, 'xx' as never, 'reminder'))).toBe('language');
	expect(fieldOf(() => resolveTemplateSet(null, 'fr', 'loud' as never))).toBe('tone');
});

test('formatMoney refuses a language without templates, naming the language', () => {
	expect(fieldOf(() => formatMoney(1234, 'EUR', 'it' as never))).toBe('language');
	expect(formatMoney(123456, 'EUR', 'en')).toBe('€1,234.56');
});

test('firmestTone refuses a non-list and names the entry that is not a tone', () => {
	expect(fieldOf(() => firmestTone('firm' as never))).toBe('tones');
	expect(fieldOf(() => firmestTone(['friendly', 'loud'] as never))).toBe('tones[1]');
	expect(firmestTone(['friendly', 'firm', 'reminder'])).toBe('firm');
});

import {
	classifyReply,
	DunningInputError,
	reminderMessageId,
} from '../../../nodes/shared/internal';
import { makeInvoice } from '../invoice-factory';

const options = { timezone: 'Europe/Paris', now: '2026-11-27T12:00:00Z' };
const email = (text: string, extra: Record<string, unknown> = {}) => ({
	from: 'Claire <compta@vauclair.example>',
	subject: 'Re: Relance',
	text,
	receivedAt: '2026-11-27T10:12:00+01:00',
	...extra,
});

describe('classifyReply', () => {
	it('returns exactly the documented shape', () => {
		const result = classifyReply(
			{
				email: email('Je vous règle le 15, désolé du retard.'),
				invoices: [makeInvoice({ id: 'inv-1' })],
			},
			options,
		);
		expect(result).toEqual({
			kind: 'promise',
			language: 'fr',
			invoiceIds: ['inv-1'],
			matchedBy: 'sender',
			promisedOn: '2026-12-15',
			reason: null,
			paymentReference: null,
			evidence: 'Je vous règle le 15, désolé du retard.',
			confidence: 'rule',
		});
	});

	it('never takes an automatic reply as an answer, whatever it says', () => {
		const result = classifyReply(
			{
				email: email('Je vous règle vendredi.', { headers: { 'Auto-Submitted': 'auto-replied' } }),
			},
			options,
		);
		expect(result).toMatchObject({
			kind: 'auto_reply',
			promisedOn: null,
			evidence: 'Auto-Submitted: auto-replied',
		});
	});

	it('takes a mailer-daemon message as a bounce', () => {
		const result = classifyReply(
			{ email: email('Le montant est faux', { from: 'MAILER-DAEMON@mx.example' }) },
			options,
		);
		expect(result.kind).toBe('bounce');
	});

	it('matches invoices by threading headers before the invoice number and the sender', () => {
		const invoices = [
			makeInvoice({ id: 'inv-1', number: 'F-1' }),
			makeInvoice({ id: 'inv-2', number: 'F-2' }),
		];
		const headers = { 'In-Reply-To': reminderMessageId('generic:inv-2:d7', 'a.example') };
		expect(
			classifyReply({ email: email('Payé. F-1', { headers }), invoices }, options),
		).toMatchObject({
			invoiceIds: ['inv-2'],
			matchedBy: 'thread',
		});
		expect(classifyReply({ email: email('Payé. F-1'), invoices }, options)).toMatchObject({
			invoiceIds: ['inv-1'],
			matchedBy: 'number',
		});
		expect(classifyReply({ email: email('Payé.'), invoices }, options)).toMatchObject({
			invoiceIds: ['inv-1', 'inv-2'],
			matchedBy: 'sender',
		});
	});

	it('reads "je ne vous paierai pas vendredi" as no promise: a person decides', () => {
		expect(
			classifyReply({ email: email('Je ne vous paierai pas vendredi.') }, options),
		).toMatchObject({
			kind: 'needs_person',
			promisedOn: null,
			confidence: 'none',
		});
	});

	it('reads a reply without a date as arriving at options.now', () => {
		const result = classifyReply(
			{ email: email('Paiement demain.', { receivedAt: undefined }) },
			options,
		);
		expect(result.promisedOn).toBe('2026-11-28');
	});

	it('uses the language hint only when the words do not tell', () => {
		expect(classifyReply({ email: email('OK.') }, { ...options, language: 'de-AT' }).language).toBe(
			'de',
		);
		expect(
			classifyReply({ email: email('We will pay on Friday.') }, { ...options, language: 'de' })
				.language,
		).toBe('en');
	});

	it.each([
		[{ email: null }, options, 'email: null is not an object'],
		[{ email: { from: '' } }, options, 'email.from: "" is not a sender address'],
		[
			{ email: email('x', { receivedAt: '27/11/2026' }) },
			options,
			'email.receivedAt: "27/11/2026" is not an instant',
		],
		[{ email: email('x', { text: 42 }) }, options, 'email.text: 42 is not text'],
		[
			{ email: email('x'), invoices: 'inv-1' },
			options,
			'invoices: "inv-1" is not a list of invoices',
		],
		[{ email: email('x'), invoices: [{ id: 'inv-1' }] }, options, 'invoices[0].currency:'],
		[
			{ email: email('x') },
			{ ...options, timezone: 'Paris' },
			'options.timezone: "Paris" is not an IANA time zone',
		],
		[
			{ email: email('x') },
			{ ...options, now: 'yesterday' },
			'options.now: "yesterday" is not an instant',
		],
	])('throws a DunningInputError naming the field: %#', (input, opts, message) => {
		const call = () => classifyReply(input as never, opts as never);
		expect(call).toThrow(DunningInputError);
		expect(call).toThrow(message);
	});
});

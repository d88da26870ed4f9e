import {
	applyDunningNoteChange,
	amountOwedFingerprint,
	normalizeQuickBooksInvoice,
	parseDunningNote,
} from '../../../nodes/shared/internal';
import { quickBooksExchange } from '../../helpers/fixtures';

const USER_TEXT = 'Client asked for a single invoice per quarter. Contact: M. Okafor, ext. 214.';

describe('applyDunningNoteChange', () => {
	it("adds a claim under the user's own text, as in the recorded sparse update", () => {
		const first = applyDunningNoteChange(USER_TEXT, {
			kind: 'claim',
			stepId: 'reminder-1',
			on: '2026-11-12',
		});
		const second = applyDunningNoteChange(first.note, {
			kind: 'claim',
			stepId: 'reminder-2',
			on: '2026-11-26',
		});
		const recorded = quickBooksExchange('sparse-update').request.body as { PrivateNote: string };
		expect(second).toEqual({ note: recorded.PrivateNote, changed: true, alreadyClaimed: false });
	});

	it('refuses a step that is already recorded', () => {
		const note = `${USER_TEXT}\n[dunning] sent=d7@2026-11-12; paused=yes`;
		expect(applyDunningNoteChange(note, { kind: 'claim', stepId: 'd7', on: '2026-11-26' })).toEqual(
			{
				note,
				changed: false,
				alreadyClaimed: true,
			},
		);
	});

	it('keeps every other field and the dates of earlier steps', () => {
		const note = `line one\n[dunning] sent=d7@2026-11-12,d14; promised=2026-12-01; tags=vip\nline two`;
		const result = applyDunningNoteChange(note, { kind: 'claim', stepId: 'd21', on: '2026-11-26' });
		expect(result.note).toBe(
			'line one\nline two\n[dunning] sent=d7@2026-11-12,d14@2026-11-12,d21@2026-11-26; promised=2026-12-01; tags=vip',
		);
		expect(parseDunningNote(result.note).state).toEqual({
			sentStepIds: ['d7', 'd14', 'd21'],
			lastSentOn: '2026-11-26',
			promisedOn: '2026-12-01',
			disputed: false,
			paused: false,
		});
	});

	it('records promises, disputes and pauses, and removes them again', () => {
		let note = applyDunningNoteChange(null, { kind: 'promise', promisedOn: '2026-12-05' }).note;
		expect(note).toBe('[dunning] promised=2026-12-05');
		note = applyDunningNoteChange(note, { kind: 'disputed', disputed: true }).note;
		note = applyDunningNoteChange(note, { kind: 'paused', paused: true }).note;
		expect(note).toBe('[dunning] promised=2026-12-05; disputed=yes; paused=yes');
		const again = applyDunningNoteChange(note, { kind: 'paused', paused: true });
		expect(again.changed).toBe(false);
		note = applyDunningNoteChange(note, { kind: 'promise', promisedOn: null }).note;
		note = applyDunningNoteChange(note, { kind: 'disputed', disputed: false }).note;
		note = applyDunningNoteChange(`keep me\n${note}`, { kind: 'paused', paused: false }).note;
		expect(note).toBe('keep me');
	});

	it('refuses bad step ids, bad dates and notes over 4,000 characters', () => {
		expect(() =>
			applyDunningNoteChange('', { kind: 'claim', stepId: 'd 7', on: '2026-11-26' }),
		).toThrow('stepId');
		expect(() =>
			applyDunningNoteChange('', { kind: 'claim', stepId: 'd7', on: '26/11/2026' }),
		).toThrow('on:');
		expect(() => applyDunningNoteChange('', { kind: 'promise', promisedOn: '2026-02-30' })).toThrow(
			'promisedOn',
		);
		expect(() =>
			applyDunningNoteChange('x'.repeat(3990), { kind: 'claim', stepId: 'd7', on: '2026-11-26' }),
		).toThrow("invoice.PrivateNote: the note would be 4019 characters, more than QuickBooks' 4000");
	});
});

describe('amountOwedFingerprint', () => {
	const invoice = (name: string) =>
		normalizeQuickBooksInvoice(quickBooksExchange(name).response.body as object, {
			timezone: 'Europe/London',
		});

	it('ignores our own [dunning] line and changes with what is owed', () => {
		const raw = (
			quickBooksExchange('invoice-with-private-note').response.body as {
				Invoice: Record<string, unknown>;
			}
		).Invoice;
		const before = normalizeQuickBooksInvoice(raw, { timezone: 'Europe/London' });
		const claimed = normalizeQuickBooksInvoice(
			{
				...raw,
				SyncToken: '4',
				PrivateNote: applyDunningNoteChange(raw.PrivateNote, {
					kind: 'claim',
					stepId: 'd7',
					on: '2026-11-26',
				}).note,
			},
			{ timezone: 'Europe/London' },
		);
		expect(amountOwedFingerprint(claimed)).toBe(amountOwedFingerprint(before));
		const paidSome = normalizeQuickBooksInvoice(
			{ ...raw, Balance: 1000 },
			{ timezone: 'Europe/London' },
		);
		expect(amountOwedFingerprint(paidSome)).not.toBe(amountOwedFingerprint(before));
		expect(amountOwedFingerprint(invoice('invoice-paid'))).toHaveLength(12);
		expect(amountOwedFingerprint(invoice('invoice-paid'))).not.toBe(
			amountOwedFingerprint(invoice('invoice-voided')),
		);
	});
});

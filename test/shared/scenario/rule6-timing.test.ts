import { brief, decide, scenario } from './helpers';

describe('rule 6: not before its date, not too soon, not on a non-business day', () => {
	it('waits for the step date', () => {
		expect(
			brief(decide('2026-11-10', { dunning: { sentStepIds: ['d7'], lastSentOn: '2026-11-09' } })),
		).toEqual(['wait', 'not_yet_due', null, '2026-11-16']);
	});

	it('keeps at least minDaysBetween days after the last message', () => {
		// d7 was sent late, on the 13th: d14 (the 16th) must wait until the 18th.
		const late = { dunning: { sentStepIds: ['d7'], lastSentOn: '2026-11-13' } };
		expect(brief(decide('2026-11-16', late))).toEqual(['wait', 'too_soon', null, '2026-11-18']);
		expect(decide('2026-11-18', late).stepId).toBe('d14');
		const gap10 = scenario({ minDaysBetween: 10 });
		expect(decide('2026-11-18', late, gap10).nextActionOn).toBe('2026-11-23');
	});

	it('does not send on a weekend or holiday even when a step is overdue', () => {
		// Saturday 2026-11-14, d7 overdue since the 9th.
		expect(brief(decide('2026-11-14'))).toEqual(['wait', 'non_business_day', null, '2026-11-16']);
		// Wednesday 11 November is a French public holiday.
		expect(brief(decide('2026-11-11'))).toEqual(['wait', 'non_business_day', null, '2026-11-12']);
		// Without a holiday calendar, the 11th is an ordinary Wednesday.
		expect(decide('2026-11-11', {}, scenario({ holidays: null })).action).toBe('send');
		expect(decide('2026-11-14', {}, scenario({ sendOnNonBusinessDays: true })).action).toBe('send');
	});

	it('checks the gap before the business day', () => {
		// d14 (the 16th) is overdue on Saturday the 21st, but d7 went out on the 19th: too soon comes first.
		const recent = { dunning: { sentStepIds: ['d7'], lastSentOn: '2026-11-19' } };
		expect(brief(decide('2026-11-21', recent))).toEqual(['wait', 'too_soon', null, '2026-11-24']);
	});
});

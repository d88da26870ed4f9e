import { brief, decide, scenario } from './helpers';

const latest = scenario({ catchUp: 'latest' });

describe('rule 5: which step to consider', () => {
	it('sequential: the first step not yet sent, even when later ones are overdue', () => {
		expect(brief(decide('2026-11-26'))).toEqual(['send', 'step_due', 'd7', null]);
		expect(
			brief(decide('2026-11-26', { dunning: { sentStepIds: ['d7'], lastSentOn: '2026-11-09' } })),
		).toEqual(['send', 'step_due', 'd14', null]);
	});

	it('latest: the last step whose date has come, passing over earlier ones', () => {
		expect(brief(decide('2026-11-26', {}, latest))).toEqual([
			'escalate',
			'internal_step',
			'd21',
			null,
		]);
		expect(brief(decide('2026-11-17', {}, latest))).toEqual(['send', 'step_due', 'd14', null]);
		expect(brief(decide('2026-11-05', {}, latest))).toEqual([
			'wait',
			'not_yet_due',
			null,
			'2026-11-09',
		]);
	});

	it('latest: once a later step is sent, the earlier unsent ones are passed over for good', () => {
		const afterD14 = { dunning: { sentStepIds: ['d14'], lastSentOn: '2026-11-16' } };
		expect(brief(decide('2026-11-21', afterD14, latest))).toEqual([
			'wait',
			'not_yet_due',
			null,
			'2026-11-23',
		]);
		expect(decide('2026-11-23', afterD14, latest).stepId).toBe('d21');
	});

	it('never goes backwards, in either mode', () => {
		const afterD21 = { dunning: { sentStepIds: ['d21'], lastSentOn: '2026-11-23' } };
		expect(brief(decide('2026-12-01', afterD21))).toEqual([
			'stop',
			'sequence_complete',
			null,
			null,
		]);
		expect(brief(decide('2026-12-01', afterD21, latest))).toEqual([
			'stop',
			'sequence_complete',
			null,
			null,
		]);
	});

	it('stops when every step was sent', () => {
		const all = { dunning: { sentStepIds: ['d7', 'd14', 'd21'], lastSentOn: '2026-11-23' } };
		expect(brief(decide('2026-12-15', all))).toEqual(['stop', 'sequence_complete', null, null]);
	});

	it('ignores sent step ids that are not in the scenario', () => {
		expect(decide('2026-11-09', { dunning: { sentStepIds: ['legacy-1'] } }).stepId).toBe('d7');
	});
});

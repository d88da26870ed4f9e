import { brief, decide } from './helpers';

// Issue 21: a thank-you recorded as step `thanks` (an id no scenario declares) on a paid invoice.
describe('Dunning Scenario: the thank-you step "thanks" in sentStepIds', () => {
	it('a paid invoice whose history ends in thanks stops as paid', () => {
		const decision = decide('2026-11-25', {
			status: 'paid',
			paidMinor: 120000,
			dueMinor: 0,
			dunning: { sentStepIds: ['d7', 'thanks'], lastSentOn: '2026-11-24' },
		});
		expect(brief(decision)).toEqual(['stop', 'paid', null, null]);
		expect(decision.passedOver).toEqual([]);
	});

	it('an unknown "thanks" id does not move an open invoice past or before its next step', () => {
		const withThanks = decide('2026-11-17', {
			dunning: { sentStepIds: ['d7', 'thanks'], lastSentOn: '2026-11-09' },
		});
		const without = decide('2026-11-17', {
			dunning: { sentStepIds: ['d7'], lastSentOn: '2026-11-09' },
		});
		expect(brief(withThanks)).toEqual(brief(without));
		expect(withThanks.stepId).toBe('d14');
	});
});

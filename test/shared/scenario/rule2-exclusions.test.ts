import { brief, decide, scenario } from './helpers';

describe('rule 2: paused, excluded, disputed, below minimum', () => {
	it('skips a paused invoice', () => {
		expect(brief(decide('2026-11-09', { dunning: { paused: true } }))).toEqual([
			'skip',
			'paused',
			null,
			null,
		]);
	});

	it('skips customers with an exclude tag', () => {
		const excluding = scenario({ excludeTags: ['no-dunning', 'vip'] });
		const decision = decide(
			'2026-11-09',
			{ customer: { id: 'c', name: null, email: null, locale: null, tags: ['vip'] } },
			excluding,
		);
		expect(brief(decision)).toEqual(['skip', 'excluded', null, null]);
		expect(decision.message).toContain('"vip"');
	});

	it('skips disputed invoices', () => {
		expect(brief(decide('2026-11-09', { dunning: { disputed: true } }))).toEqual([
			'skip',
			'disputed',
			null,
			null,
		]);
	});

	it('skips amounts below the minimum worth chasing, and chases the minimum itself', () => {
		const minimum = scenario({ minimumDueMinor: 5000 });
		expect(decide('2026-11-09', { dueMinor: 4999 }, minimum).reason).toBe('below_minimum');
		expect(decide('2026-11-09', { dueMinor: 5000 }, minimum).reason).toBe('step_due');
	});

	it('applies in the documented order: paused, excluded, disputed, minimum, then promise', () => {
		const strict = scenario({ excludeTags: ['x'], minimumDueMinor: 10_000_000 });
		const tagged = { id: 'c', name: null, email: null, locale: null, tags: ['x'] };
		expect(
			decide('2026-11-09', { customer: tagged, dunning: { paused: true, disputed: true } }, strict)
				.reason,
		).toBe('paused');
		expect(
			decide('2026-11-09', { customer: tagged, dunning: { disputed: true } }, strict).reason,
		).toBe('excluded');
		expect(decide('2026-11-09', { dunning: { disputed: true } }, strict).reason).toBe('disputed');
		expect(decide('2026-11-09', { dunning: { promisedOn: '2026-12-01' } }, strict).reason).toBe(
			'below_minimum',
		);
		expect(
			decide('2026-11-09', { dunning: { disputed: true, promisedOn: '2026-12-01' } }).reason,
		).toBe('disputed');
	});
});

import { brief, decide } from './helpers';

describe('rule 3: a running payment promise holds the reminders', () => {
	it('waits until the day after the promised date', () => {
		expect(brief(decide('2026-11-09', { dunning: { promisedOn: '2026-11-20' } }))).toEqual([
			'wait',
			'promise',
			null,
			'2026-11-21',
		]);
	});

	it('still waits on the promised day itself', () => {
		expect(decide('2026-11-20', { dunning: { promisedOn: '2026-11-20' } }).reason).toBe('promise');
	});

	it('resumes the sequence once the promise is broken, saying so (issue 19: reason promise_broken)', () => {
		const broken = decide('2026-11-23', { dunning: { promisedOn: '2026-11-20' } });
		expect(brief(broken)).toEqual(['send', 'promise_broken', 'd7', null]);
	});

	it('crosses a month and a year boundary', () => {
		expect(decide('2026-12-20', { dunning: { promisedOn: '2026-12-31' } }).nextActionOn).toBe(
			'2027-01-01',
		);
	});
});

import { validateScenario } from '../../../nodes/shared/internal';

const minimal = { timezone: 'Europe/Paris', steps: [{ id: 'd7', offsetDays: 7 }] };

describe('validateScenario', () => {
	it('fills every optional field with its default', () => {
		expect(validateScenario(minimal)).toEqual({
			id: 'custom',
			name: 'Custom scenario',
			timezone: 'Europe/Paris',
			steps: [
				{
					id: 'd7',
					offsetDays: 7,
					dayCount: 'calendar',
					audience: 'customer',
					channel: 'email',
					tone: 'reminder',
					requiresApproval: false,
					includePenalty: false,
				},
			],
			minDaysBetween: 5,
			sendOnNonBusinessDays: false,
			holidays: null,
			catchUp: 'sequential',
			excludeTags: [],
			escalateTags: [],
			escalateAfter: 2,
			minimumDueMinor: 0,
		});
	});

	it('makes an internal-tone step internal and normalises tags', () => {
		const scenario = validateScenario({
			...minimal,
			steps: [{ id: 'team', offsetDays: 21, tone: 'internal' }],
			escalateTags: ' VIP , strategic',
			holidays: 'fr',
		});
		expect(scenario.steps[0].audience).toBe('internal');
		expect(scenario.escalateTags).toEqual(['vip', 'strategic']);
		expect(scenario.holidays).toBe('FR');
	});

	it('names the field at fault', () => {
		const cases: [unknown, string][] = [
			[{ ...minimal, timezone: undefined }, 'scenario.timezone: missing is not an IANA time zone'],
			[{ ...minimal, steps: [] }, 'scenario.steps: an array is not a non-empty list of steps'],
			[{ ...minimal, steps: [{ id: 'd7' }] }, 'scenario.steps[0].offsetDays: missing'],
			[
				{ ...minimal, steps: [{ id: 'd7', offsetDays: 7.5 }] },
				'scenario.steps[0].offsetDays: 7.5 is not an integer',
			],
			[
				{ ...minimal, steps: [{ id: 'a b', offsetDays: 7 }] },
				'scenario.steps[0].id: "a b" is not a step id',
			],
			[
				{ ...minimal, steps: [{ id: 'd7', offsetDays: 7, tone: 'angry' }] },
				'scenario.steps[0].tone: "angry" is not one of',
			],
			[
				{
					...minimal,
					steps: [
						{ id: 'd7', offsetDays: 7 },
						{ id: 'd7', offsetDays: 14 },
					],
				},
				'scenario.steps[1].id: "d7" is used by an earlier step',
			],
			[
				{
					...minimal,
					steps: [
						{ id: 'd14', offsetDays: 14 },
						{ id: 'd7', offsetDays: 7 },
					],
				},
				"scenario.steps[1].offsetDays: 7 comes before the previous step's 14",
			],
			[{ ...minimal, catchUp: 'all' }, 'scenario.catchUp: "all" is not one of sequential, latest'],
			[
				{ ...minimal, minDaysBetween: -1 },
				'scenario.minDaysBetween: -1 is not an integer of at least 0',
			],
			[{ ...minimal, holidays: 'XX' }, 'scenario.holidays: "XX" is not a country'],
			[
				{ ...minimal, minimumDueMinor: 1.5 },
				'scenario.minimumDueMinor: 1.5 is not an integer amount',
			],
			['classic', 'scenario: "classic" is not an object'],
		];
		for (const [input, message] of cases) expect(() => validateScenario(input)).toThrow(message);
	});
});

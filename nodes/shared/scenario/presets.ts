import type { Scenario, Step } from './types';

function step(
	offsetDays: number,
	tone: Step['tone'],
	channel: Step['channel'],
	extra: Partial<Step> = {},
): Step {
	return {
		id: `d${offsetDays}`,
		offsetDays,
		dayCount: 'calendar',
		audience: tone === 'internal' ? 'internal' : 'customer',
		channel,
		tone,
		requiresApproval: false,
		includePenalty: false,
		...extra,
	};
}

function preset(id: string, name: string, steps: Step[]): Scenario {
	return {
		id,
		name,
		timezone: 'Europe/Paris',
		steps,
		minDaysBetween: 5,
		sendOnNonBusinessDays: false,
		holidays: 'FR',
		catchUp: 'sequential',
		excludeTags: [],
		escalateTags: [],
		escalateAfter: 2,
		minimumDueMinor: 0,
	};
}

function deepFreeze<T>(value: T): T {
	if (typeof value === 'object' && value !== null) {
		for (const inner of Object.values(value)) deepFreeze(inner);
		Object.freeze(value);
	}
	return value;
}

const formalNotice = { requiresApproval: true, includePenalty: true };

/** The scenarios of the reference articles, ready to use (DESIGN.md section 3). */
export const SCENARIO_PRESETS: Readonly<Record<string, Scenario>> = deepFreeze({
	'classic-7-14-21': preset(
		'classic-7-14-21',
		'Classic: J+7 friendly, J+14 reminder, J+21 accounting',
		[step(7, 'friendly', 'email'), step(14, 'reminder', 'email'), step(21, 'internal', 'task')],
	),
	'firm-5-steps': preset('firm-5-steps', 'Firm: J+1 to J+30 formal notice', [
		step(1, 'notice', 'email'),
		step(7, 'reminder', 'email'),
		step(14, 'firm', 'email'),
		step(21, 'internal', 'call'),
		step(30, 'formal_notice', 'letter', formalNotice),
	]),
	'pre-due-courtesy': preset(
		'pre-due-courtesy',
		'Courtesy: J-3 notice, J+1 reminder, J+15 formal notice',
		[
			step(-3, 'notice', 'email'),
			step(1, 'reminder', 'email', { includePenalty: true }),
			step(15, 'formal_notice', 'email', formalNotice),
		],
	),
});

/** A deep copy of a preset (the presets themselves are frozen), safe to change. */
export function getScenarioPreset(id: string): Scenario | undefined {
	// Own keys only: `constructor` or `toString` are not presets.
	const found =
		typeof id === 'string' && Object.hasOwn(SCENARIO_PRESETS, id)
			? SCENARIO_PRESETS[id]
			: undefined;
	return found ? structuredClone(found) : undefined;
}

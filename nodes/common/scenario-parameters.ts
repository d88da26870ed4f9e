import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { jsonParse } from 'n8n-workflow';

import {
	DunningInputError,
	SCENARIO_PRESETS,
	assertTimeZone,
	getScenarioPreset,
	normalizeHolidayCountry,
	validateScenario,
	type Scenario,
} from '../shared/internal';
import { isDataObject } from './invoice-input';

/**
 * Building a Scenario from node parameters, for every node that takes one (Dunning Scenario evaluates it,
 * Dunning Report replays and previews it): the same choices, the same JSON parameter, the same time zone rule.
 */

export const SCENARIO_CUSTOM = 'custom';
export const SCENARIO_JSON = 'json';

/** `formal_notice` → `Formal notice`: how option lists name the core's values. */
export const optionLabel = (value: string) =>
	value.replace(/_/g, ' ').replace(/^\w/, (first) => first.toUpperCase());

/** The presets (with their steps as description), optionally Custom Steps, then JSON Scenario. */
export function scenarioChoices(options: { custom: boolean; jsonDescription: string }) {
	return [
		...Object.values(SCENARIO_PRESETS).map((preset) => ({
			name: preset.name,
			value: preset.id,
			description: preset.steps
				.map(
					(step) =>
						`${step.offsetDays < 0 ? 'J' : 'J+'}${step.offsetDays} ${optionLabel(step.tone)}`,
				)
				.join(', '),
		})),
		...(options.custom
			? [{ name: 'Custom Steps', value: SCENARIO_CUSTOM, description: 'Define the steps below' }]
			: []),
		{ name: 'JSON Scenario', value: SCENARIO_JSON, description: options.jsonDescription },
	];
}

/** The Scenario (JSON) parameter, shown when JSON Scenario is chosen (`show` adds the node's conditions). */
export function scenarioJsonProperty(show: Record<string, string[]> = {}): INodeProperties {
	return {
		displayName: 'Scenario (JSON)',
		name: 'scenarioJson',
		type: 'json',
		default:
			'{\n  "id": "my-scenario",\n  "timezone": "Europe/Paris",\n  "steps": [\n    { "id": "d7", "offsetDays": 7, "tone": "friendly" },\n    { "id": "d14", "offsetDays": 14, "tone": "reminder" }\n  ]\n}',
		displayOptions: { show: { ...show, scenario: [SCENARIO_JSON] } },
		description: 'A scenario object as documented in the README',
	};
}

/** The Options of Dunning Scenario that change the scenario itself (the others are read by the node). */
export interface ScenarioOverrides {
	catchUp?: string;
	escalateAfter?: number;
	escalateTags?: string;
	excludeTags?: string;
	holidays?: string;
	minDaysBetween?: number;
	minDaysBetweenCustomer?: number;
	sendOnNonBusinessDays?: boolean;
}

/** n8n parses JSON parameters itself; its parse error is reworded to name the parameter. */
function readJsonScenario(context: IExecuteFunctions, itemIndex: number): IDataObject {
	let value: unknown;
	let unreadable: string | null = null;
	try {
		value = context.getNodeParameter('scenarioJson', itemIndex);
	} catch (error) {
		unreadable = (error as Error).message;
	}
	if (unreadable !== null) {
		throw new DunningInputError('scenarioJson', `is not valid JSON (${unreadable})`);
	}
	if (typeof value === 'string') {
		const invalid = {};
		value = jsonParse<unknown>(value, { fallbackValue: invalid });
		if (value === invalid) throw new DunningInputError('scenarioJson', 'is not valid JSON');
	}
	if (!isDataObject(value)) throw new DunningInputError('scenarioJson', 'is not a scenario object');
	return value;
}

/** The chosen base: a preset, the custom steps, or the JSON object (in the workflow's zone unless it says). */
function baseScenario(context: IExecuteFunctions, itemIndex: number): Record<string, unknown> {
	const choice = context.getNodeParameter('scenario', itemIndex) as string;
	if (choice === SCENARIO_JSON) {
		return { timezone: context.getTimezone(), ...readJsonScenario(context, itemIndex) };
	}
	if (choice === SCENARIO_CUSTOM) {
		const steps = context.getNodeParameter('steps.step', itemIndex, []) as IDataObject[];
		return { id: 'custom', name: 'Custom steps', timezone: context.getTimezone(), steps };
	}
	const preset = getScenarioPreset(choice);
	if (!preset) throw new DunningInputError('scenario', `"${choice}" is not a known preset`);
	return { ...preset };
}

/**
 * The scenario of the node's parameters: its base, the Time Zone parameter when given, then the overrides.
 * Throws `DunningInputError` naming the parameter; the node's error wrapper names the item.
 */
export function readScenario(
	context: IExecuteFunctions,
	itemIndex: number,
	overrides: ScenarioOverrides = {},
): Scenario {
	const merged = baseScenario(context, itemIndex);
	const timezone = (context.getNodeParameter('timezone', itemIndex, '') as string).trim();
	if (timezone !== '') merged.timezone = assertTimeZone(timezone, 'timezone');
	if (overrides.holidays === 'none') merged.holidays = null;
	else if (overrides.holidays)
		merged.holidays = normalizeHolidayCountry(overrides.holidays, 'holidays');
	for (const key of [
		'catchUp',
		'escalateAfter',
		'minDaysBetween',
		'minDaysBetweenCustomer',
		'sendOnNonBusinessDays',
		'excludeTags',
		'escalateTags',
	] as const) {
		if (overrides[key] !== undefined) merged[key] = overrides[key];
	}
	return validateScenario(merged, 'scenario');
}

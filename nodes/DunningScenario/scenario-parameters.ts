import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { jsonParse, NodeOperationError } from 'n8n-workflow';

import {
	DunningInputError,
	assertTimeZone,
	getScenarioPreset,
	normalizeHolidayCountry,
	validateScenario,
	type Scenario,
} from '../shared/internal';
import { SCENARIO_CUSTOM, SCENARIO_JSON } from './description';

export const SCENARIO_PARAMETERS = ['scenario', 'steps', 'scenarioJson', 'timezone', 'options'];

export interface ScenarioOptions {
	catchUp?: string;
	escalateAfter?: number;
	escalateTags?: string;
	excludeTags?: string;
	holidays?: string;
	minimumDue?: string;
	minDaysBetween?: number;
	minDaysBetweenCustomer?: number;
	now?: string;
	sendOnNonBusinessDays?: boolean;
}

export interface ScenarioParameters {
	/** The scenario without its minimum amount, which depends on each invoice's currency. */
	scenario: Scenario;
	/** The minimum amount as typed (major units of the invoice's currency), or null. */
	minimumDue: string | null;
	now: string | null;
}

function parseJson(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	const invalid = {};
	const parsed = jsonParse<unknown>(value, { fallbackValue: invalid });
	if (parsed === invalid) throw new DunningInputError('scenarioJson', 'is not valid JSON');
	return parsed;
}

/** n8n parses JSON parameters itself; its parse error is reworded to name the parameter. */
function readJsonParameter(context: IExecuteFunctions, itemIndex: number): unknown {
	try {
		return context.getNodeParameter('scenarioJson', itemIndex);
	} catch (error) {
		throw new NodeOperationError(
			context.getNode(),
			`Item ${itemIndex}: scenarioJson: is not valid JSON (${(error as Error).message})`,
			{ itemIndex },
		);
	}
}

function baseScenario(context: IExecuteFunctions, itemIndex: number): Record<string, unknown> {
	const choice = context.getNodeParameter('scenario', itemIndex) as string;
	if (choice === SCENARIO_JSON) {
		const parsed = parseJson(readJsonParameter(context, itemIndex));
		if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
			throw new DunningInputError('scenarioJson', 'is not a scenario object');
		}
		return { timezone: context.getTimezone(), ...(parsed as IDataObject) };
	}
	if (choice === SCENARIO_CUSTOM) {
		const steps = context.getNodeParameter('steps.step', itemIndex, []) as IDataObject[];
		return { id: 'custom', name: 'Custom steps', timezone: context.getTimezone(), steps };
	}
	const preset = getScenarioPreset(choice);
	if (!preset) throw new DunningInputError('scenario', `"${choice}" is not a known preset`);
	return { ...preset };
}

/** Builds the scenario from the node's parameters: a base (preset, steps or JSON), then the options. */
export function readScenarioParameters(
	context: IExecuteFunctions,
	itemIndex: number,
): ScenarioParameters {
	const base = baseScenario(context, itemIndex);
	const timezone = (context.getNodeParameter('timezone', itemIndex, '') as string).trim();
	const options = context.getNodeParameter('options', itemIndex, {}) as ScenarioOptions;
	const merged: Record<string, unknown> = { ...base };
	if (timezone !== '') merged.timezone = assertTimeZone(timezone, 'timezone');
	if (options.holidays === 'none') merged.holidays = null;
	else if (options.holidays)
		merged.holidays = normalizeHolidayCountry(options.holidays, 'holidays');
	for (const key of [
		'catchUp',
		'escalateAfter',
		'minDaysBetween',
		'minDaysBetweenCustomer',
		'sendOnNonBusinessDays',
	] as const) {
		if (options[key] !== undefined) merged[key] = options[key];
	}
	if (options.excludeTags !== undefined) merged.excludeTags = options.excludeTags;
	if (options.escalateTags !== undefined) merged.escalateTags = options.escalateTags;
	const minimumDue = options.minimumDue?.trim() ? options.minimumDue.trim() : null;
	return {
		scenario: validateScenario(merged, 'scenario'),
		minimumDue,
		now: options.now?.trim() ? options.now.trim() : null,
	};
}

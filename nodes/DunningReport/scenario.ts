import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { jsonParse, NodeOperationError } from 'n8n-workflow';

import {
	assertTimeZone,
	DunningInputError,
	getScenarioPreset,
	validateScenario,
	type Scenario,
} from '../shared/internal';
import { SCENARIO_JSON } from './description';

function parseJsonParameter(context: IExecuteFunctions): unknown {
	let value: unknown;
	try {
		value = context.getNodeParameter('scenarioJson', 0);
	} catch (error) {
		throw new NodeOperationError(
			context.getNode(),
			`scenarioJson: is not valid JSON (${(error as Error).message})`,
		);
	}
	if (typeof value !== 'string') return value;
	const invalid = {};
	const parsed = jsonParse<unknown>(value, { fallbackValue: invalid });
	if (parsed === invalid) throw new DunningInputError('scenarioJson', 'is not valid JSON');
	return parsed;
}

/** The scenario to replay or preview: a preset or a JSON object, in the time zone given on the node. */
export function readScenario(context: IExecuteFunctions): Scenario {
	const choice = context.getNodeParameter('scenario', 0) as string;
	let base: Record<string, unknown>;
	if (choice === SCENARIO_JSON) {
		const parsed = parseJsonParameter(context);
		if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
			throw new DunningInputError('scenarioJson', 'is not a scenario object');
		}
		base = { timezone: context.getTimezone(), ...(parsed as IDataObject) };
	} else {
		const preset = getScenarioPreset(choice);
		if (!preset) throw new DunningInputError('scenario', `"${choice}" is not a known preset`);
		base = { ...preset };
	}
	const timezone = (context.getNodeParameter('timezone', 0, '') as string).trim();
	if (timezone !== '') base.timezone = assertTimeZone(timezone, 'timezone');
	return validateScenario(base, 'scenario');
}

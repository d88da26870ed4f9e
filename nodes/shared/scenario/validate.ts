import { normalizeHolidayCountry } from '../business-calendar';
import { assertTimeZone } from '../dates';
import { DunningInputError, describeValue } from '../errors';
import { assertRecord, normalizeTags } from '../invoice';
import { assertMinorAmount } from '../money';
import {
	AUDIENCES,
	CATCH_UP_MODES,
	CHANNELS,
	DAY_COUNTS,
	TONES,
	type Scenario,
	type Step,
} from './types';

/**
 * Validates a scenario written by hand (a JSON scenario from an expression, or the node's custom steps)
 * and fills every optional field with its documented default.
 */

function choice<T extends string>(
	value: unknown,
	allowed: readonly T[],
	fallback: T,
	field: string,
): T {
	if (value === undefined || value === null || value === '') return fallback;
	if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
		throw new DunningInputError(
			field,
			`${describeValue(value)} is not one of ${allowed.join(', ')}`,
		);
	}
	return value as T;
}

function integer(value: unknown, fallback: number, field: string, min = -Infinity): number {
	if (value === undefined || value === null || value === '') return fallback;
	if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
		const bound = min === -Infinity ? '' : ` of at least ${min}`;
		throw new DunningInputError(field, `${describeValue(value)} is not an integer${bound}`);
	}
	return value;
}

function bool(value: unknown, fallback: boolean, field: string): boolean {
	if (value === undefined || value === null) return fallback;
	if (typeof value !== 'boolean') {
		throw new DunningInputError(field, `${describeValue(value)} is not true or false`);
	}
	return value;
}

function tags(value: unknown, field: string): string[] {
	if (value === undefined || value === null || value === '') return [];
	if (typeof value === 'string') return normalizeTags(value.split(','));
	if (!Array.isArray(value) || value.some((tag) => typeof tag !== 'string')) {
		throw new DunningInputError(field, `${describeValue(value)} is not a list of tags`);
	}
	return normalizeTags(value as string[]);
}

function stepId(value: unknown, field: string): string {
	if (typeof value !== 'string' || !/^[A-Za-z0-9_.-]{1,40}$/.test(value)) {
		throw new DunningInputError(
			field,
			`${describeValue(value)} is not a step id (1 to 40 letters, digits, '-', '_' or '.')`,
		);
	}
	return value;
}

export function validateStep(value: unknown, field: string): Step {
	const raw = assertRecord(value, field);
	const tone = choice(raw.tone, TONES, 'reminder', `${field}.tone`);
	return {
		id: stepId(raw.id, `${field}.id`),
		offsetDays: integer(raw.offsetDays, Number.NaN, `${field}.offsetDays`),
		dayCount: choice(raw.dayCount, DAY_COUNTS, 'calendar', `${field}.dayCount`),
		audience: choice(
			raw.audience,
			AUDIENCES,
			tone === 'internal' ? 'internal' : 'customer',
			`${field}.audience`,
		),
		channel: choice(raw.channel, CHANNELS, 'email', `${field}.channel`),
		tone,
		requiresApproval: bool(raw.requiresApproval, false, `${field}.requiresApproval`),
		includePenalty: bool(raw.includePenalty, false, `${field}.includePenalty`),
	};
}

export function validateScenario(value: unknown, field = 'scenario'): Scenario {
	const raw = assertRecord(value, field);
	if (!Array.isArray(raw.steps) || raw.steps.length === 0) {
		throw new DunningInputError(
			`${field}.steps`,
			`${describeValue(raw.steps)} is not a non-empty list of steps`,
		);
	}
	const steps = raw.steps.map((step, index) => validateStep(step, `${field}.steps[${index}]`));
	const seen = new Set<string>();
	steps.forEach((step, index) => {
		if (Number.isNaN(step.offsetDays)) {
			throw new DunningInputError(`${field}.steps[${index}].offsetDays`, 'missing');
		}
		if (seen.has(step.id)) {
			throw new DunningInputError(
				`${field}.steps[${index}].id`,
				`"${step.id}" is used by an earlier step`,
			);
		}
		seen.add(step.id);
		const previous = steps[index - 1];
		if (previous && step.offsetDays < previous.offsetDays) {
			throw new DunningInputError(
				`${field}.steps[${index}].offsetDays`,
				`${step.offsetDays} comes before the previous step's ${previous.offsetDays}: steps must be in order`,
			);
		}
	});
	const scenario: Scenario = {
		id: typeof raw.id === 'string' && raw.id !== '' ? raw.id : 'custom',
		name: typeof raw.name === 'string' && raw.name !== '' ? raw.name : 'Custom scenario',
		timezone: assertTimeZone(raw.timezone, `${field}.timezone`),
		steps,
		minDaysBetween: integer(raw.minDaysBetween, 5, `${field}.minDaysBetween`, 0),
		sendOnNonBusinessDays: bool(raw.sendOnNonBusinessDays, false, `${field}.sendOnNonBusinessDays`),
		holidays: normalizeHolidayCountry(raw.holidays, `${field}.holidays`),
		catchUp: choice(raw.catchUp, CATCH_UP_MODES, 'sequential', `${field}.catchUp`),
		excludeTags: tags(raw.excludeTags, `${field}.excludeTags`),
		escalateTags: tags(raw.escalateTags, `${field}.escalateTags`),
		escalateAfter: integer(raw.escalateAfter, 2, `${field}.escalateAfter`, 0),
		minimumDueMinor:
			raw.minimumDueMinor === undefined || raw.minimumDueMinor === null
				? 0
				: assertMinorAmount(raw.minimumDueMinor, `${field}.minimumDueMinor`),
	};
	if (raw.minDaysBetweenCustomer !== undefined && raw.minDaysBetweenCustomer !== null) {
		scenario.minDaysBetweenCustomer = integer(
			raw.minDaysBetweenCustomer,
			0,
			`${field}.minDaysBetweenCustomer`,
			0,
		);
	}
	return scenario;
}

import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { isDataObject } from '../../common/invoice-input';
import { perItemParameters } from '../../common/parameters';
import { runEachItem } from '../../common/per-item';
import { calculatePenalty, dateInTimeZone, resolveLanguage } from '../../shared/internal';
import { LANGUAGE_CUSTOMER, calculateProperties } from '../description';
import { penaltyInput, readDate, readDebt, type PenaltyDebt } from '../penalty-input';
import {
	PENALTY_PARAMETERS,
	readPenaltyParameters,
	type PenaltyParameters,
} from '../penalty-parameters';
import { penaltySummary, type SummaryLanguage } from '../summary';

export const OPERATION = 'calculate';

export const description = calculateProperties;

/** At most this many distinct warnings are shown as execution hints; every item keeps all of its own. */
const MAX_HINTS = 5;

/**
 * Calculate: adds `penalty` (interest, compensation, periods, warnings and a summary) to each item; a step
 * that states no penalty gets `penalty: null`. With Continue On Fail a failed item carries its error on.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	// One clock for the whole run: every invoice of a batch is judged on the same "today".
	const clock = Date.now();
	const parametersOf = perItemParameters(this, PENALTY_PARAMETERS, (index) =>
		readPenaltyParameters(this, index),
	);
	const warnings = new Set<string>();

	const outputs = await runEachItem(
		this,
		{ outputs: 1, failedOutput: 0 },
		({ json }, itemIndex) => {
			// A step that states no penalty (a J-3 notice, a friendly reminder) needs none: never an error.
			if (carriesNoPenalty(json)) return { output: 0, json: { ...json, penalty: null } };
			const parameters = parametersOf(itemIndex);
			const debt = readDebt(json, parameters);
			const asOf =
				parameters.asOf === null
					? dateInTimeZone(clock, parameters.timezone)
					: readDate(parameters.asOf, 'asOf', parameters.timezone);
			const result = calculatePenalty(penaltyInput(debt, parameters, asOf));
			result.warnings = [...debt.warnings, ...result.warnings];
			result.notices = [...debt.notices, ...(result.notices ?? [])];
			result.warnings.forEach((warning) => warnings.add(warning));
			const language = summaryLanguage(parameters, debt);
			return {
				output: 0,
				json: {
					...json,
					penalty: {
						...result,
						summary: penaltySummary(result, debt.currency, parameters.rule, language),
					},
				},
			};
		},
	);
	if (warnings.size > 0) {
		const shown = [...warnings].slice(0, MAX_HINTS);
		const more = warnings.size - shown.length;
		this.addExecutionHints(
			...shown.map((message) => ({
				message,
				type: 'warning' as const,
				location: 'outputPane' as const,
			})),
			...(more > 0
				? [
						{
							message: `${more} more warning(s): see penalty.warnings on the items`,
							type: 'warning' as const,
							location: 'outputPane' as const,
						},
					]
				: []),
		);
	}
	return outputs;
}

/**
 * Items from Dunning Scenario carry the step they act on: one whose `includePenalty` is false, or a decision
 * without a step (wait, skip, stop), goes through with `penalty: null` (issue 19, #3). Items without a
 * decision (an invoice list, a spreadsheet) are computed as before.
 */
function carriesNoPenalty(json: INodeExecutionData['json']): boolean {
	const step = json.step;
	if (isDataObject(step)) return step.includePenalty === false;
	const decision = json.decision;
	return isDataObject(decision) && (decision.stepId === null || decision.stepId === undefined);
}

/** The chosen language, or the invoice customer's locale when it is one we write (else English). */
function summaryLanguage(parameters: PenaltyParameters, debt: PenaltyDebt): SummaryLanguage {
	if (parameters.language !== LANGUAGE_CUSTOMER) {
		return resolveLanguage(parameters.language, 'language');
	}
	try {
		return resolveLanguage(debt.invoice?.customer.locale, 'language');
	} catch {
		return 'en';
	}
}

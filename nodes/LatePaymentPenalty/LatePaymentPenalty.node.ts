import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { failedItem, itemError } from '../common/item-errors';
import { perItemParameters } from '../common/parameters';
import { calculatePenalty, dateInTimeZone, resolveLanguage } from '../shared/internal';
import { LANGUAGE_CUSTOMER, latePaymentPenaltyProperties } from './description';
import { penaltyInput, readDate, readDebt, type PenaltyDebt } from './penalty-input';
import {
	PENALTY_PARAMETERS,
	readPenaltyParameters,
	type PenaltyParameters,
} from './penalty-parameters';
import { penaltySummary, type SummaryLanguage } from './summary';

/** At most this many distinct warnings are shown as execution hints; every item keeps all of its own. */
const MAX_HINTS = 5;

export class LatePaymentPenalty implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Late Payment Penalty',
		name: 'latePaymentPenalty',
		icon: { light: 'file:latePaymentPenalty.svg', dark: 'file:latePaymentPenalty.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ "Rule: " + $parameter["rule"] }}',
		description:
			'Compute statutory late-payment interest and recovery compensation (FR, EU, DE, UK or custom), exact to the cent and the day',
		defaults: { name: 'Late Payment Penalty' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		properties: latePaymentPenaltyProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const output: INodeExecutionData[] = [];
		// One clock for the whole run: every invoice of a batch is judged on the same "today".
		const clock = Date.now();
		const parametersOf = perItemParameters(this, PENALTY_PARAMETERS, (index) =>
			readPenaltyParameters(this, index),
		);
		const warnings = new Set<string>();

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			if (carriesNoPenalty(items[itemIndex].json)) {
				// A step that states no penalty (a J-3 notice, a friendly reminder) needs none: never an error.
				output.push({
					json: { ...items[itemIndex].json, penalty: null },
					pairedItem: { item: itemIndex },
				});
				continue;
			}
			try {
				const parameters = parametersOf(itemIndex);
				const debt = readDebt(items[itemIndex].json, parameters);
				const asOf =
					parameters.asOf === null
						? dateInTimeZone(clock, parameters.timezone)
						: readDate(parameters.asOf, 'asOf', parameters.timezone);
				const result = calculatePenalty(penaltyInput(debt, parameters, asOf));
				result.warnings = [...debt.warnings, ...result.warnings];
				result.notices = [...debt.notices, ...(result.notices ?? [])];
				result.warnings.forEach((warning) => warnings.add(warning));
				const language = summaryLanguage(parameters, debt);
				output.push({
					json: {
						...items[itemIndex].json,
						penalty: {
							...result,
							summary: penaltySummary(result, debt.currency, parameters.rule, language),
						},
					},
					pairedItem: { item: itemIndex },
				});
			} catch (error) {
				const failure = itemError(this, error, itemIndex);
				if (!this.continueOnFail()) throw failure;
				output.push(failedItem(this, items[itemIndex], failure, itemIndex));
			}
		}
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
		return [output];
	}
}

/**
 * Items from Dunning Scenario carry the step they act on: one whose `includePenalty` is false, or a decision
 * without a step (wait, skip, stop), goes through with `penalty: null` (issue 19, #3). Items without a
 * decision (an invoice list, a spreadsheet) are computed as before.
 */
function carriesNoPenalty(json: IDataObject): boolean {
	const step = json.step;
	if (isObject(step)) return step.includePenalty === false;
	const decision = json.decision;
	return isObject(decision) && (decision.stepId === null || decision.stepId === undefined);
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
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

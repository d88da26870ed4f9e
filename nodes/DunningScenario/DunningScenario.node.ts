import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { failedItem, itemError } from '../common/item-errors';
import { invoiceForOutput, readInvoice, type InvoiceFormat } from '../common/invoice-input';
import { perItemParameters } from '../common/parameters';
import {
	customerKey,
	decimalToMinor,
	evaluateScenario,
	getOrCreate,
	latestSentOnByCustomer,
	type DecisionAction,
	type Invoice,
	type Scenario,
} from '../shared/internal';
import { dunningScenarioProperties } from './description';
import {
	readScenarioParameters,
	SCENARIO_PARAMETERS,
	type ScenarioParameters,
} from './scenario-parameters';

const SEND = 0;
const ESCALATE = 1;
const NO_ACTION = 2;
/** Appended after the first three so that workflows wired before it keep their connections. */
const NEEDS_APPROVAL = 3;

const OUTPUT_OF: Record<DecisionAction, number> = {
	send: SEND,
	escalate: ESCALATE,
	wait: NO_ACTION,
	skip: NO_ACTION,
	stop: NO_ACTION,
};

export class DunningScenario implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Dunning Scenario',
		name: 'dunningScenario',
		icon: { light: 'file:dunningScenario.svg', dark: 'file:dunningScenario.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ $parameter["scenario"] }}',
		description:
			'Decide for each unpaid invoice which reminder step is due today (J+7, J+14, J+21...) or why none is',
		defaults: { name: 'Dunning Scenario' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [
			NodeConnectionTypes.Main,
			NodeConnectionTypes.Main,
			NodeConnectionTypes.Main,
			NodeConnectionTypes.Main,
		],
		outputNames: ['Send', 'Escalate', 'No Action', 'Needs Approval'],
		usableAsTool: true,
		properties: dunningScenarioProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const outputs: INodeExecutionData[][] = [[], [], [], []];
		// One clock for the whole run: every invoice of a batch is judged on the same "today".
		const clock = new Date();
		const scenarioOf = perItemParameters(this, SCENARIO_PARAMETERS, (index) =>
			readScenarioParameters(this, index),
		);
		const inputOf = perItemParameters(this, ['invoiceFormat', 'invoiceField'], (index) => ({
			format: this.getNodeParameter('invoiceFormat', index, 'auto') as InvoiceFormat,
			field: this.getNodeParameter('invoiceField', index, '') as string,
		}));
		const withMinimum = scenarioWithMinimum();

		// First read every invoice: the per-customer gap needs the newest message across a customer's invoices.
		const read: ({ invoice: Invoice; parameters: ScenarioParameters } | undefined)[] = [];
		const fail = (error: unknown, itemIndex: number) => {
			const failure = itemError(this, error, itemIndex);
			if (!this.continueOnFail()) throw failure;
			// A failed item never lands on Send: without an error output it waits on No Action.
			outputs[NO_ACTION].push(failedItem(this, items[itemIndex], failure, itemIndex));
		};
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const parameters = scenarioOf(itemIndex);
				const invoice = readInvoice(items[itemIndex].json, {
					...inputOf(itemIndex),
					timezone: parameters.scenario.timezone,
				});
				read.push({ invoice, parameters });
			} catch (error) {
				read.push(undefined);
				fail(error, itemIndex);
			}
		}
		const customerGapOn = read.some((entry) => entry?.parameters.scenario.minDaysBetweenCustomer);
		const lastSentByCustomer = customerGapOn
			? latestSentOnByCustomer(read.flatMap((entry) => (entry ? [entry.invoice] : [])))
			: undefined;

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const entry = read[itemIndex];
			if (!entry) continue;
			try {
				const { invoice, parameters } = entry;
				const scenario = withMinimum(parameters, invoice.currency);
				const key = lastSentByCustomer && customerKey(invoice);
				const decision = evaluateScenario(invoice, scenario, parameters.now ?? clock, {
					customerLastSentOn: key ? lastSentByCustomer.get(key) : null,
				});
				const step = stepOf(scenario, decision.stepId);
				outputs[outputOf(decision.action, step)].push({
					json: {
						...items[itemIndex].json,
						invoice: invoiceForOutput(invoice),
						// A fresh object per invoice already: no copy.
						decision: decision as unknown as IDataObject,
						// The step itself (tone, channel, approval, penalty), so later nodes need no lookup.
						step,
					},
					pairedItem: { item: itemIndex },
				});
			} catch (error) {
				fail(error, itemIndex);
			}
		}
		return outputs;
	}
}

/**
 * Approval is a property of the step: a decision to act on a step that requires approval leaves on Needs
 * Approval, whatever the preset, custom steps or tags, so no wiring can send it straight away.
 */
export function outputOf(action: DecisionAction, step: IDataObject | null): number {
	const output = OUTPUT_OF[action];
	if (output !== NO_ACTION && step?.requiresApproval === true) return NEEDS_APPROVAL;
	return output;
}

function stepOf(scenario: Scenario, stepId: string | null): IDataObject | null {
	const step =
		stepId === null ? undefined : scenario.steps.find((candidate) => candidate.id === stepId);
	return step ? { ...step } : null;
}

/**
 * The minimum amount is typed in major units and becomes minor units in each invoice's currency; one scenario
 * object per currency keeps the evaluator's per-scenario compilation cache effective.
 */
function scenarioWithMinimum(): (parameters: ScenarioParameters, currency: string) => Scenario {
	const byParameters = new WeakMap<ScenarioParameters, Map<string, Scenario>>();
	return (parameters, currency) => {
		const { minimumDue } = parameters;
		if (minimumDue === null) return parameters.scenario;
		const byCurrency = getOrCreate(byParameters, parameters, () => new Map<string, Scenario>());
		return getOrCreate(byCurrency, currency, () => ({
			...parameters.scenario,
			minimumDueMinor: decimalToMinor(minimumDue, currency, 'options.minimumDue'),
		}));
	};
}

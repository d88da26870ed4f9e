import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { invoiceForOutput, readInvoice, type InvoiceFormat } from '../../common/invoice-input';
import { perItemParameters } from '../../common/parameters';
import { runEachItem } from '../../common/per-item';
import { readScenario, type ScenarioOverrides } from '../../common/scenario-parameters';
import {
	customerKey,
	decimalToMinor,
	evaluateScenario,
	getOrCreate,
	latestSentOnByCustomer,
	type DecisionAction,
	type Invoice,
	type Scenario,
} from '../../shared/internal';
import { dunningScenarioProperties } from '../description';

export const description = dunningScenarioProperties;

export const SEND = 0;
export const ESCALATE = 1;
export const NO_ACTION = 2;
/** Appended after the first three so that workflows wired before it keep their connections. */
export const NEEDS_APPROVAL = 3;
export const OUTPUT_NAMES = ['Send', 'Escalate', 'No Action', 'Needs Approval'];

const OUTPUT_OF: Record<DecisionAction, number> = {
	send: SEND,
	escalate: ESCALATE,
	wait: NO_ACTION,
	skip: NO_ACTION,
	stop: NO_ACTION,
};

const SCENARIO_PARAMETERS = ['scenario', 'steps', 'scenarioJson', 'timezone', 'options'];

interface ScenarioOptions extends ScenarioOverrides {
	minimumDue?: string;
	now?: string;
}

interface ScenarioParameters {
	/** The scenario without its minimum amount, which depends on each invoice's currency. */
	scenario: Scenario;
	/** The minimum amount as typed (major units of the invoice's currency), or null. */
	minimumDue: string | null;
	now: string | null;
}

function readScenarioParameters(context: IExecuteFunctions, itemIndex: number): ScenarioParameters {
	const options = context.getNodeParameter('options', itemIndex, {}) as ScenarioOptions;
	const { minimumDue, now, ...overrides } = options;
	return {
		scenario: readScenario(context, itemIndex, overrides),
		minimumDue: minimumDue?.trim() ? minimumDue.trim() : null,
		now: now?.trim() ? now.trim() : null,
	};
}

/**
 * Evaluate: decides each invoice's step and sends the item to Send, Escalate, No Action or Needs Approval.
 * A failed item never lands on Send: with Continue On Fail it waits on No Action (or the error output).
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
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
	// A read that fails is kept and thrown again for its item by the per-item wrapper below.
	type Read = { invoice: Invoice; parameters: ScenarioParameters } | { error: unknown };
	const read = items.map((item, itemIndex): Read => {
		try {
			const parameters = scenarioOf(itemIndex);
			const invoice = readInvoice(item.json, {
				...inputOf(itemIndex),
				timezone: parameters.scenario.timezone,
			});
			return { invoice, parameters };
		} catch (error) {
			return { error };
		}
	});
	const readOnes = read.flatMap((entry) => ('error' in entry ? [] : [entry]));
	const customerGapOn = readOnes.some((entry) => entry.parameters.scenario.minDaysBetweenCustomer);
	const lastSentByCustomer = customerGapOn
		? latestSentOnByCustomer(readOnes.map((entry) => entry.invoice))
		: undefined;

	return await runEachItem(
		this,
		{ outputs: OUTPUT_NAMES.length, failedOutput: NO_ACTION },
		(item, itemIndex) => {
			const entry = read[itemIndex];
			if ('error' in entry) throw entry.error;
			const { invoice, parameters } = entry;
			const scenario = withMinimum(parameters, invoice.currency);
			const key = lastSentByCustomer && customerKey(invoice);
			const decision = evaluateScenario(invoice, scenario, parameters.now ?? clock, {
				customerLastSentOn: key ? lastSentByCustomer.get(key) : null,
			});
			const step = stepOf(scenario, decision.stepId);
			return {
				output: outputOf(decision.action, step),
				json: {
					...item.json,
					invoice: invoiceForOutput(invoice),
					// A fresh object per invoice already: no copy.
					decision: decision as unknown as IDataObject,
					// The step itself (tone, channel, approval, penalty), so later nodes need no lookup.
					step,
				},
			};
		},
	);
}

/**
 * Approval is a property of the step: a decision to act on a step that requires approval leaves on Needs
 * Approval, whatever the preset, custom steps or tags, so no wiring can send it straight away.
 */
function outputOf(action: DecisionAction, step: IDataObject | null): number {
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

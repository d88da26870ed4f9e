import {
	evaluateScenario,
	SCENARIO_PRESETS,
	type Decision,
	type Invoice,
	type Scenario,
} from '../../../nodes/shared/internal';
import { makeInvoice } from '../invoice-factory';

export const classic = SCENARIO_PRESETS['classic-7-14-21'];

export function scenario(overrides: Partial<Scenario> = {}): Scenario {
	return { ...structuredClone(classic), ...overrides };
}

type InvoiceOverrides = Parameters<typeof makeInvoice>[0];

/** Evaluates the classic preset (or `with`) for an invoice due Monday 2026-11-02 on the given day. */
export function decide(
	today: string,
	invoice: InvoiceOverrides = {},
	with_: Scenario = classic,
): Decision {
	return evaluateScenario(makeInvoice(invoice), with_, today);
}

export function brief(decision: Decision) {
	return [decision.action, decision.reason, decision.stepId, decision.nextActionOn];
}

export type { Invoice };

// The Reminder Composer in a workflow (test/helpers/run-workflow.ts) with a formal notice or an SMS step: shared
// by the channel tests that run everywhere and those that read the letter's text with poppler (integration).
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { ReminderComposer } from '../../../nodes/ReminderComposer/ReminderComposer.node';
import { runWorkflow, type WorkflowJson } from '../../helpers/run-workflow';
import { frPenalty, letterInvoice } from '../../shared/letter-pdf/fixtures';
import { makeInvoice, type InvoiceOverrides } from '../../shared/invoice-factory';

export const nodeTypes = { 'n8n-nodes-dunning.reminderComposer': new ReminderComposer() };

export const LETTER_OPTIONS = {
	senderCompany: 'Studio Lumière SAS',
	senderStreet: '4 place Bellecour',
	senderPostalCode: '69002',
	senderCity: 'Lyon',
	senderCountry: 'FR',
	letterDate: '2026-12-04',
};

export const BASE: INodeParameters = {
	senderName: 'Studio Lumière',
	senderEmail: 'factures@studio-lumiere.fr',
	letterOptions: LETTER_OPTIONS,
};

export function workflow(items: unknown[], parameters: INodeParameters): WorkflowJson {
	const node = (id: string, name: string, type: string, x: number, params: INodeParameters) => ({
		id,
		name,
		type,
		typeVersion: 1,
		position: [x, 0] as [number, number],
		parameters: params,
	});
	return {
		nodes: [
			node('1', 'Start', 'n8n-nodes-base.manualTrigger', 0, {}),
			node('2', 'Invoices', 'test.items', 200, { items: JSON.stringify(items) }),
			node('3', 'Reminder Composer', 'n8n-nodes-dunning.reminderComposer', 400, {
				...BASE,
				...parameters,
			}),
		],
		connections: {
			Start: { main: [[{ node: 'Invoices', type: 'main', index: 0 }]] },
			Invoices: { main: [[{ node: 'Reminder Composer', type: 'main', index: 0 }]] },
		},
	};
}

export const run = (items: unknown[], parameters: INodeParameters = {}) =>
	runWorkflow(workflow(items, parameters), { nodeTypes });

/** An item as Dunning Scenario leaves it: the invoice, the due decision and its step. */
export function stepItem(
	invoice: ReturnType<typeof makeInvoice>,
	step: { id: string; tone: string; channel: string; requiresApproval?: boolean },
	extra: IDataObject = {},
) {
	return {
		invoice,
		decision: {
			action: 'send',
			reason: 'step_due',
			stepId: step.id,
			daysOverdue: 32,
			nextActionOn: null,
			idempotencyKey: `${invoice.source}:${invoice.id}:${step.id}`,
			message: 'Step due.',
		},
		step: {
			offsetDays: 30,
			dayCount: 'calendar',
			audience: 'customer',
			requiresApproval: false,
			includePenalty: true,
			...step,
		},
		...extra,
	};
}

export const noticeInvoice = (overrides: InvoiceOverrides = {}) =>
	letterInvoice({ id: 'in_42', number: 'F-2026-042', source: 'stripe', ...overrides });

export const noticeItem = (channel = 'letter', overrides: InvoiceOverrides = {}) => {
	const invoice = noticeInvoice(overrides);
	return stepItem(
		invoice,
		{ id: 'd30', tone: 'formal_notice', channel, requiresApproval: true },
		{ penalty: frPenalty(invoice) },
	);
};

/** Amounts as a French text writes them ("1 234,56 €"), spaces made plain (pdftotext's and Intl's differ). */
export function frenchAmounts(text: string): string[] {
	const plain = text.replace(/[\u00a0\u202f]/g, ' ');
	return [...plain.matchAll(/\d{1,3}(?: \d{3})*,\d{2} €/g)].map((match) => match[0]);
}

export const plainSpaces = (text: string) =>
	text.replace(/[\u00a0\u202f]/g, ' ').replace(/[ \t]+/g, ' ');

export type Json = Record<string, unknown> & { reminder: IDataObject; letter?: IDataObject };

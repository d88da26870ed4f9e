// The templates ship the letter's sender postal address empty (the Reminder Composer refuses a letter without a
// sender city, so no letter leaves with an example address). The demo and the tests that run the templates
// fill it in at import, as a user does before activating (the template's *Before you activate* note).
import type { WorkflowJson } from '../n8n/instance';

/** The demo company's postal address, printed on its letters. */
export const DEMO_LETTER_SENDER = {
	senderCompany: 'Démo Recouvrement SAS',
	senderStreet: '10 rue de la Paix',
	senderPostalCode: '75002',
	senderCity: 'Paris',
} as const;

/** A copy of the workflow whose Reminder Composer nodes with Letter Options carry `sender`. */
export function withLetterSender(
	workflow: WorkflowJson,
	sender: Record<string, string> = DEMO_LETTER_SENDER,
): WorkflowJson {
	const copy = JSON.parse(JSON.stringify(workflow)) as WorkflowJson;
	for (const node of copy.nodes) {
		const parameters = node.parameters as { letterOptions?: Record<string, unknown> };
		if (!String(node.type).endsWith('.reminderComposer') || !parameters.letterOptions) continue;
		parameters.letterOptions = { ...parameters.letterOptions, ...sender };
	}
	return copy;
}
